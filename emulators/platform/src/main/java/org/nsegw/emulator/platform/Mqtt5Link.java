package org.nsegw.emulator.platform;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** The receiver's MQTT 5 connection (Paho v5): the shared subscription in, the answers out. */
final class Mqtt5Link implements PlatformReceiver.Link {

    private static final System.Logger LOG = System.getLogger(Mqtt5Link.class.getName());

    private final PlatformReceiver.Settings settings;
    private final Topics topics;
    private final CaseReception reception;
    /** Reconnects after a lost connection, with a new client each time (below). */
    private final ScheduledExecutorService reconnector;
    private volatile MqttAsyncClient client;
    private volatile boolean closing;
    private long backoffSeconds = 1;

    Mqtt5Link(PlatformReceiver.Settings settings, Topics topics, CaseReception reception) {
        this.settings = settings;
        this.topics = topics;
        this.reception = reception;
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "platform-reconnect " + settings.clientId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects a new client and subscribes. Not Paho's automatic reconnect: after a connection lost while Paho 1.2.5 was
     * writing (a broker stopped under load), its reconnect waits forever for a sender thread that has stopped
     * ({@code CommsSender.start}), and the receiver never came back (FaultDrillTest in bundles/uplink).
     */
    @Override
    public synchronized void connect() throws IOException {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(settings.broker(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("cannot create the MQTT client for " + settings.broker() + ": " + e, e);
        }
        client.setCallback(new Callback(client));
        MqttConnectionOptions options = new MqttConnectionOptions();
        // A persistent session needs clean start off AND an expiry (DOMAIN.md §8): what the broker assigned to this
        // instance while it is away then waits for it.
        options.setCleanStart(settings.sessionExpiry().isZero());
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(60);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options).waitForCompletion(PlatformReceiver.CONNECT_TIMEOUT.toMillis());
            subscribe(client);
        } catch (MqttException e) {
            discard(client);
            throw new IOException("cannot connect to " + settings.broker() + " as " + settings.clientId() + ": " + e, e);
        }
        MqttAsyncClient old = this.client;
        this.client = client;
        if (old != null) {
            discard(old);
        }
    }

    /** After a lost connection: connect again, at 1, 2, 4 … 60 s. */
    private void reconnectLater(long delaySeconds) {
        if (closing) {
            return;
        }
        try {
            reconnector.schedule(() -> {
                if (closing) {
                    return;
                }
                try {
                    connect();
                    backoffSeconds = 1;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "{0}: {1}; trying again in {2} s", settings.clientId(), e.getMessage(), backoffSeconds);
                    long next = backoffSeconds;
                    backoffSeconds = Math.min(backoffSeconds * 2, 60);
                    reconnectLater(next);
                }
            }, delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private static void discard(MqttAsyncClient client) {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            // gone already
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "close: {0}", e.toString());
        }
    }

    private void subscribe(MqttAsyncClient client) throws MqttException {
        String filter = topics.caseFilter(settings.group());
        // Paho 1.2.5 does not call a per-subscription listener for shared subscriptions (paho.mqtt.java #827):
        // messages come through the client's callback.
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        token.waitForCompletion(PlatformReceiver.CONNECT_TIMEOUT.toMillis());
        int[] codes = token.getReasonCodes();
        if (codes == null || codes.length != 1 || codes[0] >= 0x80) {
            throw new MqttException(codes == null || codes.length == 0 ? 0x80 : codes[0]);
        }
        LOG.log(Level.INFO, "{0} subscribed to {1} (MQTT 5)", settings.clientId(), filter);
    }

    /** Publishes without waiting; {@code done} is told at the PUBACK, or why the publish failed. */
    @Override
    public void send(String gateway, Acknowledgement ack, AckSender.Done done) throws IOException {
        MqttMessage message = new MqttMessage(ack.toJson());
        message.setQos(1);
        message.setRetained(false);
        MqttProperties properties = new MqttProperties();
        properties.setCorrelationData(ack.caseId().getBytes(StandardCharsets.UTF_8));
        properties.setContentType("application/json");
        message.setProperties(properties);
        try {
            client.publish(topics.ack(gateway), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    int code = codes == null || codes.length == 0 ? 0 : codes[0];
                    done.done(code >= 0x80 ? "PUBACK reason code 0x" + Integer.toHexString(code) : null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.done(String.valueOf(e));
                }
            });
        } catch (MqttException e) {
            // refused now (too many in flight: the broker's Receive Maximum; not connected): the sender tries again
            throw new IOException(e.toString(), e);
        }
    }

    /**
     * Publishes without waiting, unless the broker's Receive Maximum is reached: Paho then refuses the publish
     * ("Too many publishes in progress") instead of queueing it, so wait for an earlier publish to complete and try
     * again (for up to a minute).
     */
    static void publishWithinWindow(MqttAsyncClient client, String topic, MqttMessage message) throws MqttException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                client.publish(topic, message);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
                    throw e;
                }
                IMqttToken[] pending = client.getPendingTokens();
                if (pending.length > 0) {
                    pending[0].waitForCompletion(1_000);
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        reconnector.shutdownNow();
        MqttAsyncClient client = this.client;
        if (client == null) {
            return;
        }
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

    /** The chunk's user properties; the correlation data stands in for a missing caseId. */
    private static CaseReception.ChunkHeader header(MqttMessage message) {
        Map<String, String> props = new TreeMap<>();
        MqttProperties properties = message.getProperties();
        if (properties != null && properties.getUserProperties() != null) {
            for (UserProperty p : properties.getUserProperties()) {
                props.put(p.getKey(), p.getValue());
            }
        }
        String caseId = props.getOrDefault("caseId", "");
        if (caseId.isEmpty() && properties != null && properties.getCorrelationData() != null) {
            caseId = new String(properties.getCorrelationData(), StandardCharsets.UTF_8);
        }
        return new CaseReception.ChunkHeader(caseId, Integer.parseInt(props.getOrDefault("index", "")),
                Integer.parseInt(props.getOrDefault("chunks", "")), props.getOrDefault("sha256", ""));
    }

    private final class Callback implements MqttCallback {

        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            reception.onMessage(topics, topic, message.getPayload(), () -> header(message));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // connect() subscribes, on every connection
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closing && owner == client) {
                LOG.log(Level.WARNING, "{0} disconnected: {1}; reconnecting", settings.clientId(), response);
                reconnectLater(1);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.WARNING, "MQTT error: {0}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // each answer has its own action listener (send)
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
