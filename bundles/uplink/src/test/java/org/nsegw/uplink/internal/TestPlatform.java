package org.nsegw.uplink.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.nsegw.uplink.internal.protocol.Ack;
import org.nsegw.uplink.internal.protocol.CaseNotice;

/**
 * Plays the platform on the test's broker, as docs/mqtt-topics.md describes it: a shared subscription to
 * {@code P/+/case/#}, chunks kept by (case, index) with repeats ignored, the packet reassembled and its SHA-256 checked
 * against the notice, then {@code VERIFIED} (again for a case it already has), {@code MISSING} when the last chunk or a
 * repeated notice finds chunks lacking.
 */
final class TestPlatform implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILTER_PREFIX = "$share/platform/";
    private static final String FILTER_SUFFIX = "/+/case/#";

    private final String prefix;
    private final String broker;
    private volatile MqttAsyncClient client;
    private volatile boolean closed;
    /** Every case stored, once: by case id. */
    final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    final AtomicInteger storedAgain = new AtomicInteger();
    final AtomicInteger chunksReceived = new AtomicInteger();
    final AtomicInteger chunks311 = new AtomicInteger();
    final AtomicInteger badChunks = new AtomicInteger();
    final AtomicInteger largestChunk = new AtomicInteger();
    final AtomicInteger missingSent = new AtomicInteger();
    /** "caseId/index" of chunks to lose the first time they come. */
    final Set<String> loseOnce = ConcurrentHashMap.newKeySet();
    volatile boolean answering = true;
    /** Told the running count of chunks received (the test may stop the broker from here). */
    volatile IntConsumer onChunk = n -> { };
    private final Map<String, JsonNode> notices = new HashMap<>();
    private final Map<String, Map<Integer, byte[]>> chunks = new HashMap<>();

    TestPlatform(String broker, String prefix) throws MqttException {
        this.prefix = prefix;
        this.broker = broker;
        this.client = connect();
    }

    /**
     * A new client for every connection, not Paho's automatic reconnect: Paho 1.2.5's hung for good after a connection
     * lost while it was writing (docs/platform-integration.md, "Reconnecting").
     */
    private MqttAsyncClient connect() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker, "platform-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                if (!closed && c == client) {
                    Thread t = new Thread(TestPlatform.this::reconnect, "test-platform-reconnect");
                    t.setDaemon(true);
                    t.start();
                }
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received(topic, m);
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        c.connect(o).waitForCompletion(10_000);
        c.subscribe(FILTER_PREFIX + prefix + FILTER_SUFFIX, 1).waitForCompletion(10_000);
        return c;
    }

    /** Every second until connected again (or closed). */
    private void reconnect() {
        while (!closed) {
            try {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L); // the retry interval, not synchronisation
                MqttAsyncClient old = client;
                client = connect();
                try {
                    old.close(true);
                } catch (MqttException e) {
                    // gone already
                }
                return;
            } catch (MqttException notYet) {
                // the broker is not back yet
            }
        }
    }

    private synchronized void received(String topic, MqttMessage m) {
        String[] levels = topic.substring(prefix.length() + 1).split("/");
        String gateway = levels[0];
        try {
            if (topic.endsWith("/case/notice")) {
                JsonNode n = JSON.readTree(m.getPayload());
                String id = n.get("caseId").asText();
                boolean again = notices.put(id, n) != null;
                if (stored.containsKey(id)) {
                    answer(gateway, new Ack(id, Ack.Status.VERIFIED, n.get("packetSha256").asText(), List.of(), ""));
                } else if (again) {
                    askForLacking(gateway, id);
                }
                complete(gateway, id);
            } else if (levels.length >= 3 && levels[1].equals("case") && levels[2].equals("chunk")) {
                String id;
                int index;
                int count;
                if (levels.length == 6) { // MQTT 3.1.1: P/G/case/chunk/<caseId>/<index>/<chunks>, no properties
                    id = levels[3];
                    index = Integer.parseInt(levels[4]);
                    count = Integer.parseInt(levels[5]);
                    chunks311.incrementAndGet();
                } else {
                    Map<String, String> p = new HashMap<>();
                    for (UserProperty u : m.getProperties().getUserProperties()) {
                        p.put(u.getKey(), u.getValue());
                    }
                    id = p.get("caseId");
                    index = Integer.parseInt(p.get("index"));
                    count = Integer.parseInt(p.get("chunks"));
                    if (!CaseNotice.sha256(m.getPayload()).equals(p.get("sha256"))
                            || !id.equals(new String(m.getProperties().getCorrelationData(), StandardCharsets.UTF_8))) {
                        badChunks.incrementAndGet();
                        return;
                    }
                }
                int n = chunksReceived.incrementAndGet();
                largestChunk.accumulateAndGet(m.getPayload().length, Math::max);
                onChunk.accept(n);
                if (loseOnce.remove(id + "/" + index)) {
                    return;
                }
                chunks.computeIfAbsent(id, k -> new TreeMap<>()).putIfAbsent(index, m.getPayload());
                if (index == count - 1 && !stored.containsKey(id)) {
                    askForLacking(gateway, id);
                }
                complete(gateway, id);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the test platform failed on " + topic + ": " + e, e);
        }
    }

    private void askForLacking(String gateway, String id) throws MqttException {
        JsonNode n = notices.get(id);
        Map<Integer, byte[]> have = chunks.getOrDefault(id, Map.of());
        if (n == null) {
            return;
        }
        List<Integer> lacking = new ArrayList<>();
        for (int i = 0; i < n.get("chunks").asInt(); i++) {
            if (!have.containsKey(i)) {
                lacking.add(i);
            }
        }
        if (!lacking.isEmpty()) {
            missingSent.incrementAndGet();
            answer(gateway, new Ack(id, Ack.Status.MISSING, "", lacking, ""));
        }
    }

    private void complete(String gateway, String id) throws Exception {
        JsonNode n = notices.get(id);
        Map<Integer, byte[]> have = chunks.get(id);
        if (n == null || have == null || have.size() < n.get("chunks").asInt()) {
            return;
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        for (byte[] c : have.values()) {
            packet.write(c);
        }
        chunks.remove(id);
        byte[] bytes = packet.toByteArray();
        String sha = CaseNotice.sha256(bytes);
        if (!sha.equals(n.get("packetSha256").asText())) {
            answer(gateway, new Ack(id, Ack.Status.REJECTED, sha, List.of(), "the packet's SHA-256 is not the notice's"));
            return;
        }
        if (stored.putIfAbsent(id, bytes) != null) {
            storedAgain.incrementAndGet();
        }
        answer(gateway, new Ack(id, Ack.Status.VERIFIED, sha, List.of(), ""));
    }

    void answer(String gateway, Ack ack) throws MqttException {
        if (answering) {
            send(gateway, ack.toJson(), ack.caseId());
        }
    }

    /** Publishes any payload on the gateway's ack topic (for malformed acknowledgements). */
    void send(String gateway, byte[] payload, String correlation) throws MqttException {
        MqttProperties p = new MqttProperties();
        if (correlation != null) {
            p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        }
        client.publish(prefix + "/" + gateway + "/ack", new MqttMessage(payload, 1, false, p));
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        client.disconnectForcibly(0, 1000, false);
        client.close(true);
    }
}
