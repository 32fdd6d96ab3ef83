package org.nsegw.emulator.platform;

import java.io.IOException;
import java.lang.System.Logger.Level;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The receiver's MQTT 3.1.1 connection (Paho v3), for brokers without MQTT 5: the chunk's case, index and count are
 * in its topic ({@code P/G/case/chunk/<caseId>/<index>/<chunks>}), there is no per-chunk digest, and the answer
 * names its case in the JSON only. The broker must know {@code $share/} for 3.1.1 clients (Mosquitto does).
 */
final class Mqtt3Link implements PlatformReceiver.Link {

    private static final System.Logger LOG = System.getLogger(Mqtt3Link.class.getName());

    private final PlatformReceiver.Settings settings;
    private final Topics topics;
    private final CaseReception reception;
    private final MqttAsyncClient client;

    Mqtt3Link(PlatformReceiver.Settings settings, Topics topics, CaseReception reception) throws IOException {
        this.settings = settings;
        this.topics = topics;
        this.reception = reception;
        try {
            this.client = new MqttAsyncClient(settings.broker(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("cannot create the MQTT client for " + settings.broker() + ": " + e, e);
        }
    }

    @Override
    public void connect() throws IOException {
        client.setCallback(new Callback());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(10_000);
        client.setBufferOpts(buffer);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(settings.sessionExpiry().isZero()); // 3.1.1 sessions have no expiry
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(60_000);
        options.setKeepAliveInterval(60);
        options.setMaxInflight(1_000); // Paho v3's default of 10 refuses the 11th unacknowledged answer
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        try {
            client.connect(options).waitForCompletion(PlatformReceiver.CONNECT_TIMEOUT.toMillis());
            subscribe();
        } catch (MqttException e) {
            throw new IOException("cannot connect to " + settings.broker() + " as " + settings.clientId() + ": " + e, e);
        }
    }

    private void subscribe() throws MqttException {
        String filter = topics.caseFilter(settings.group());
        IMqttToken token = client.subscribe(filter, 1);
        token.waitForCompletion(PlatformReceiver.CONNECT_TIMEOUT.toMillis());
        int[] granted = token.getGrantedQos();
        if (granted == null || granted.length != 1 || granted[0] >= 0x80) {
            throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
        }
        LOG.log(Level.INFO, "{0} subscribed to {1} (MQTT 3.1.1)", settings.clientId(), filter);
    }

    @Override
    public void send(String gateway, Acknowledgement ack, AckSender.Done done) throws IOException {
        MqttMessage message = new MqttMessage(ack.toJson());
        message.setQos(1);
        message.setRetained(false);
        try {
            client.publish(topics.ack(gateway), message, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.done(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.done(String.valueOf(e));
                }
            });
        } catch (MqttException e) {
            throw new IOException(e.toString(), e); // refused now: the sender tries again
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "disconnect: {0}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "close: {0}", e.toString());
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            reception.onMessage(topics, topic, message.getPayload(), null);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                try {
                    subscribe();
                } catch (MqttException e) {
                    LOG.log(Level.WARNING, "cannot subscribe again after reconnecting: {0}", e.toString());
                }
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.log(Level.WARNING, "{0} lost its connection: {1}", settings.clientId(), cause.toString());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // each answer has its own action listener (send)
        }
    }
}
