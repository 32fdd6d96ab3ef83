package org.nsegw.uplink.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * MQTT 5 through Eclipse Paho: clean start off with a session expiry (without the expiry an MQTT 5 broker drops the
 * session, and with it queued QoS 1 messages, at every disconnect: DOMAIN.md §8), keep-alive, a retained last will,
 * no automatic reconnect (the {@link Courier} reconnects, so that it reads every CONNACK's limits).
 *
 * <p>Every connect makes a new Paho client: the courier resends what was not PUBACKed itself, and Paho's own replay of
 * its in-flight messages into a session the broker no longer has made Mosquitto close the connection (protocol error)
 * again and again in the tests here.
 */
final class PahoV5Link implements BrokerLink {

    /** The connection settings; {@code socketFactory} is null for plain TCP. */
    record Settings(String broker, String clientId, String username, String password, int keepAliveSeconds,
            long sessionExpirySeconds, SSLSocketFactory socketFactory, String ackTopic, Message will) {
    }

    private static final long CONNECT_TIMEOUT_MS = 30_000;

    private final Settings settings;
    private volatile MqttAsyncClient client;

    PahoV5Link(Settings settings) {
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
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) (CONNECT_TIMEOUT_MS / 1000));
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (settings.socketFactory() != null) {
            o.setSocketFactory(settings.socketFactory());
        }
        Message will = settings.will();
        MqttMessage willMessage = new MqttMessage(will.payload(), will.qos(), will.retained(), null);
        o.setWill(will.topic(), willMessage);
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                listener.lost(response.getReasonString() != null ? response.getReasonString()
                        : response.getException() != null ? response.getException().getMessage() : "disconnected");
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // reported through the tokens and disconnected()
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                MqttProperties p = message.getProperties();
                listener.acknowledgement(message.getPayload(), p == null ? null : p.getCorrelationData());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // each publish has its own action listener
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // connect() returns the limits itself
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        });
        try {
            IMqttToken token = client.connect(o);
            token.waitForCompletion(CONNECT_TIMEOUT_MS);
            MqttProperties p = token.getResponseProperties();
            Long max = p == null ? null : p.getMaximumPacketSize();
            Integer receive = p == null ? null : p.getReceiveMaximum();
            IMqttToken sub = client.subscribe(settings.ackTopic(), 1);
            sub.waitForCompletion(CONNECT_TIMEOUT_MS);
            int[] codes = sub.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IOException("the broker refused the subscription to " + settings.ackTopic() + " (reason code 0x"
                        + Integer.toHexString(codes[0]) + ")");
            }
            return new Limits(max == null || max <= 0 ? OptionalLong.empty() : OptionalLong.of(max),
                    receive == null || receive <= 0 ? 65_535 : receive, token.getSessionPresent(), true);
        } catch (MqttException e) {
            disconnectQuietly();
            throw new IOException("cannot connect to " + settings.broker() + " as " + settings.clientId() + ": " + describe(e), e);
        }
    }

    @Override
    public void publish(Message m, Delivery delivery) throws IOException {
        MqttAsyncClient client = this.client;
        if (client == null) {
            throw new IOException("not connected");
        }
        MqttProperties p = new MqttProperties();
        if (!m.userProperties().isEmpty()) {
            List<UserProperty> props = new ArrayList<>(m.userProperties().size());
            for (Map.Entry<String, String> e : m.userProperties().entrySet()) {
                props.add(new UserProperty(e.getKey(), e.getValue()));
            }
            p.setUserProperties(props);
        }
        if (m.correlation() != null) {
            p.setCorrelationData(m.correlation());
        }
        MqttMessage message = new MqttMessage(m.payload(), m.qos(), m.retained(), p);
        try {
            client.publish(m.topic(), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    int code = codes == null || codes.length == 0 ? 0 : codes[0];
                    delivery.done(code >= 0x80 ? "the broker refused it (PUBACK reason code 0x" + Integer.toHexString(code) + ")" : null);
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
                client.publish(goodbye.topic(), new MqttMessage(goodbye.payload(), goodbye.qos(), goodbye.retained(), null))
                        .waitForCompletion(5_000);
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

    /** Tests: the connection ends as if the network failed (no DISCONNECT), so the broker publishes the will. */
    void dropWithoutDisconnect() {
        MqttAsyncClient client = this.client;
        this.client = null;
        try {
            client.disconnectForcibly(0, 1_000, false);
            client.close(true);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
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
