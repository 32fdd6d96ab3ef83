package org.nsegw.uplink.internal;

import java.io.IOException;
import java.util.OptionalLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT 3.1.1 through Eclipse Paho, for brokers without MQTT 5 (RabbitMQ's MQTT plugin as Debian packages it): clean
 * session off (3.1.1 has no session expiry: the broker decides how long it keeps the session), no user properties,
 * correlation data or CONNACK limits. The {@link Courier} puts the chunk's identity into its topic instead
 * (docs/mqtt-topics.md, "MQTT 3.1.1"). Like {@link PahoV5Link}, a new client for every connection.
 */
final class PahoV3Link implements BrokerLink {

    /** Paho's own limit on messages in flight, which 3.1.1 brokers do not announce. */
    static final int IN_FLIGHT = 64;
    private static final long CONNECT_TIMEOUT_MS = 30_000;

    private final PahoV5Link.Settings settings;
    private volatile MqttAsyncClient client;

    PahoV3Link(PahoV5Link.Settings settings) {
        this.settings = settings;
    }

    @Override
    public Limits connect(Listener listener) throws IOException {
        close();
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(settings.broker(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("cannot make an MQTT client for " + settings.broker() + ": " + e.getMessage(), e);
        }
        this.client = client;
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(false);
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) (CONNECT_TIMEOUT_MS / 1000));
        o.setMaxInflight(IN_FLIGHT);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password().toCharArray());
        }
        if (settings.socketFactory() != null) {
            o.setSocketFactory(settings.socketFactory());
        }
        Message will = settings.will();
        o.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                listener.lost(String.valueOf(cause.getMessage()));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.acknowledgement(message.getPayload(), null);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // each publish has its own action listener
            }
        });
        try {
            IMqttToken token = client.connect(o);
            token.waitForCompletion(CONNECT_TIMEOUT_MS);
            IMqttToken sub = client.subscribe(settings.ackTopic(), 1);
            sub.waitForCompletion(CONNECT_TIMEOUT_MS);
            int[] granted = sub.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                throw new IOException("the broker refused the subscription to " + settings.ackTopic());
            }
            return new Limits(OptionalLong.empty(), IN_FLIGHT, token.getSessionPresent(), false);
        } catch (MqttException e) {
            disconnectQuietly();
            throw new IOException("cannot connect to " + settings.broker() + " as " + settings.clientId() + " (MQTT 3.1.1): "
                    + describe(e), e);
        }
    }

    @Override
    public void publish(Message m, Delivery delivery) throws IOException {
        MqttAsyncClient client = this.client;
        if (client == null) {
            throw new IOException("not connected");
        }
        MqttMessage message = new MqttMessage(m.payload());
        message.setQos(m.qos());
        message.setRetained(m.retained());
        try {
            client.publish(m.topic(), message, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    delivery.done(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    delivery.done(e instanceof MqttException me ? describe(me) : String.valueOf(e));
                }
            });
        } catch (MqttException e) {
            throw new IOException(describe(e), e);
        }
    }

    private static String describe(MqttException e) {
        String text = e.getMessage();
        return (text == null ? "" : text) + " (code " + e.getReasonCode() + (e.getCause() != null ? ", " + e.getCause() : "") + ")";
    }

    @Override
    public void disconnect(Message goodbye) {
        MqttAsyncClient client = this.client;
        if (client == null) {
            return;
        }
        if (client.isConnected() && goodbye != null) {
            try {
                client.publish(goodbye.topic(), goodbye.payload(), goodbye.qos(), goodbye.retained()).waitForCompletion(5_000);
            } catch (MqttException e) {
                // the will is there for this
            }
        }
        disconnectQuietly();
    }

    private void disconnectQuietly() {
        MqttAsyncClient client = this.client;
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(6_000);
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException again) {
                // nothing more to do: close() follows
            }
        }
    }

    @Override
    public void close() {
        MqttAsyncClient client = this.client;
        if (client == null) {
            return;
        }
        disconnectQuietly();
        this.client = null;
        try {
            client.close(true);
        } catch (MqttException e) {
            // closing a client that is gone
        }
    }
}
