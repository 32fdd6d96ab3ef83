package org.nsegw.remote.internal;

import java.io.IOException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.nsegw.api.uplink.UplinkEndpoint;

/**
 * MQTT 3.1.1 through Paho: no correlation data; the reply carries the command's id in its JSON
 * ({@code docs/mqtt-topics.md}, "MQTT 3.1.1"). Clean session, as {@link PahoV5RemoteLink}.
 */
final class PahoV3RemoteLink implements RemoteLink {

    private final UplinkEndpoint endpoint;
    private final String clientId;
    private volatile MqttAsyncClient client;

    PahoV3RemoteLink(UplinkEndpoint endpoint, String clientId) {
        this.endpoint = endpoint;
        this.clientId = clientId;
    }

    @Override
    public void connect(String commandTopic, Listener listener) throws IOException {
        close();
        try {
            MqttAsyncClient c = new MqttAsyncClient(endpoint.broker(), clientId, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setCleanSession(true);
            o.setKeepAliveInterval(30);
            o.setAutomaticReconnect(false);
            o.setConnectionTimeout((int) (PahoV5RemoteLink.TIMEOUT_MS / 1000));
            if (!endpoint.username().isEmpty()) {
                o.setUserName(endpoint.username());
                o.setPassword(endpoint.password().toCharArray());
            }
            if (endpoint.socketFactory() != null) {
                o.setSocketFactory(endpoint.socketFactory());
            }
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    listener.lost(String.valueOf(cause.getMessage()));
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    listener.command(message.getPayload(), null);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client = c;
            c.connect(o).waitForCompletion(PahoV5RemoteLink.TIMEOUT_MS);
            IMqttToken sub = c.subscribe(commandTopic, 1);
            sub.waitForCompletion(PahoV5RemoteLink.TIMEOUT_MS);
            int[] granted = sub.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                throw new IOException("the broker refused the subscription to " + commandTopic);
            }
        } catch (MqttException e) {
            close();
            throw new IOException("cannot connect to " + endpoint.broker() + " as " + clientId + " (MQTT 3.1.1): " + e.getMessage()
                    + " (code " + e.getReasonCode() + ")", e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, byte[] correlation) throws IOException {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            throw new IOException("not connected");
        }
        try {
            c.publish(topic, payload, 1, false).waitForCompletion(PahoV5RemoteLink.TIMEOUT_MS);
        } catch (MqttException e) {
            throw new IOException("publishing on " + topic + " failed: " + e.getMessage() + " (code " + e.getReasonCode() + ")", e);
        }
    }

    @Override
    public boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public void close() {
        MqttAsyncClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            try {
                c.disconnectForcibly(0, 1_000);
            } catch (MqttException again) {
                // gone already
            }
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // gone already
        }
    }
}
