package org.nsegw.remote.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.nsegw.api.uplink.UplinkEndpoint;

/**
 * MQTT 5 through Paho. Clean start: commands carry their own expiry and a command missed while the gateway was away is
 * sent again by the operator, so a session held by the broker would only deliver stale commands. No automatic
 * reconnect: the component reconnects with a backoff and subscribes again.
 */
final class PahoV5RemoteLink implements RemoteLink {

    static final long TIMEOUT_MS = 10_000;

    private final UplinkEndpoint endpoint;
    private final String clientId;
    private volatile MqttAsyncClient client;

    PahoV5RemoteLink(UplinkEndpoint endpoint, String clientId) {
        this.endpoint = endpoint;
        this.clientId = clientId;
    }

    @Override
    public void connect(String commandTopic, Listener listener) throws IOException {
        close();
        try {
            MqttAsyncClient c = new MqttAsyncClient(endpoint.broker(), clientId, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setKeepAliveInterval(30);
            o.setAutomaticReconnect(false);
            o.setConnectionTimeout((int) (TIMEOUT_MS / 1000));
            if (!endpoint.username().isEmpty()) {
                o.setUserName(endpoint.username());
                o.setPassword(endpoint.password().getBytes(StandardCharsets.UTF_8));
            }
            if (endpoint.socketFactory() != null) {
                o.setSocketFactory(endpoint.socketFactory());
            }
            c.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse response) {
                    listener.lost(response.getReasonString() != null ? response.getReasonString()
                            : response.getException() != null ? String.valueOf(response.getException().getMessage()) : "disconnected");
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                    // reported through disconnected()
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    MqttProperties p = message.getProperties();
                    listener.command(message.getPayload(), p == null ? null : p.getCorrelationData());
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            client = c;
            c.connect(o).waitForCompletion(TIMEOUT_MS);
            IMqttToken sub = c.subscribe(commandTopic, 1);
            sub.waitForCompletion(TIMEOUT_MS);
            int[] codes = sub.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IOException("the broker refused the subscription to " + commandTopic + " (reason code 0x"
                        + Integer.toHexString(codes[0]) + ")");
            }
        } catch (MqttException e) {
            close();
            throw new IOException("cannot connect to " + endpoint.broker() + " as " + clientId + ": " + e.getMessage()
                    + " (code " + e.getReasonCode() + ")", e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, byte[] correlation) throws IOException {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            throw new IOException("not connected");
        }
        MqttProperties p = new MqttProperties();
        if (correlation != null) {
            p.setCorrelationData(correlation);
        }
        p.setContentType("application/json");
        try {
            IMqttToken token = c.publish(topic, new MqttMessage(payload, 1, false, p));
            token.waitForCompletion(TIMEOUT_MS);
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IOException("the broker refused a message on " + topic + " (reason code 0x" + Integer.toHexString(codes[0]) + ")");
            }
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
                c.disconnectForcibly(0, 1_000, false);
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
