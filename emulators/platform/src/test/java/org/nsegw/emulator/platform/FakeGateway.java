package org.nsegw.emulator.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.nsegw.packet.BuiltPacket;

/**
 * Plays a gateway's uplink as docs/mqtt-topics.md says: a notice on P/G/case/notice, then the packet's chunks on
 * P/G/case/chunk with their user properties and the case id as correlation data; collects the answers on P/G/ack.
 */
final class FakeGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    /** One answer as received: the JSON and the correlation data. */
    record Ack(String caseId, String status, String packetSha256, List<Integer> missing, String reason,
            String correlation) {
    }

    private final String prefix;
    private final String gatewayId;
    private final MqttAsyncClient client;
    private final BlockingQueue<Ack> acks = new LinkedBlockingQueue<>();
    private final List<Ack> unclaimed = new ArrayList<>();

    FakeGateway(String broker, String prefix, String gatewayId) throws MqttException {
        this.prefix = prefix;
        this.gatewayId = gatewayId;
        this.client = new MqttAsyncClient(broker, gatewayId + "-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                JsonNode ack = JSON.readTree(message.getPayload());
                List<Integer> missing = new ArrayList<>();
                ack.path("missing").forEach(n -> missing.add(n.asInt()));
                byte[] correlation = message.getProperties().getCorrelationData();
                acks.add(new Ack(ack.path("caseId").asText(), ack.path("status").asText(),
                        ack.path("packetSha256").asText(), missing, ack.path("reason").asText(),
                        correlation == null ? null : new String(correlation, StandardCharsets.UTF_8)));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
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
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(prefix + "/" + gatewayId + "/ack", 1)})
                .waitForCompletion(10_000);
    }

    /** The notice of docs/mqtt-topics.md for a packet cut into chunks of chunkSize bytes. */
    byte[] notice(BuiltPacket packet, String plate, int chunkSize) throws Exception {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("caseId", packet.caseId());
        n.put("uuid", UUID.nameUUIDFromBytes(packet.caseId().getBytes(StandardCharsets.UTF_8)).toString());
        n.put("sequence", packet.sequence());
        n.put("priority", "VIOLATION");
        n.put("outcome", "VIOLATION");
        n.put("lane", "L1");
        n.put("time", "2026-11-23T02:15:07.250Z");
        n.put("plate", plate);
        n.put("trailerPlate", "");
        n.put("enforcementCode", "");
        n.put("manifestSha256", packet.manifestSha256());
        n.put("packetSha256", PacketCheck.sha256(packet.zip()));
        n.put("packetSize", packet.zip().length);
        n.put("chunkSize", chunkSize);
        n.put("chunks", chunkCount(packet.zip(), chunkSize));
        return JSON.writeValueAsBytes(n);
    }

    static int chunkCount(byte[] zip, int chunkSize) {
        return (zip.length + chunkSize - 1) / chunkSize;
    }

    static byte[] chunk(byte[] zip, int chunkSize, int index) {
        return Arrays.copyOfRange(zip, index * chunkSize, Math.min(zip.length, (index + 1) * chunkSize));
    }

    void sendNotice(byte[] notice) throws MqttException {
        MqttMessage message = new MqttMessage(notice);
        message.setQos(1);
        client.publish(prefix + "/" + gatewayId + "/case/notice", message).waitForCompletion(10_000);
    }

    /** One chunk with the given bytes and declared digest (a test may make them disagree). */
    void sendChunk(String caseId, int index, int chunks, byte[] bytes, String declaredSha256) throws MqttException {
        MqttMessage message = new MqttMessage(bytes);
        message.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(new UserProperty("caseId", caseId),
                new UserProperty("index", Integer.toString(index)), new UserProperty("chunks", Integer.toString(chunks)),
                new UserProperty("sha256", declaredSha256)));
        properties.setCorrelationData(caseId.getBytes(StandardCharsets.UTF_8));
        message.setProperties(properties);
        Mqtt5Link.publishWithinWindow(client, prefix + "/" + gatewayId + "/case/chunk", message);
        for (IMqttToken pending : client.getPendingTokens()) {
            pending.waitForCompletion(10_000);
        }
    }

    /** The whole case, as the uplink sends it: the notice, then every chunk in order. */
    void send(BuiltPacket packet, String plate, int chunkSize) throws Exception {
        sendNotice(notice(packet, plate, chunkSize));
        sendChunks(packet.caseId(), packet.zip(), chunkSize, -1);
    }

    /** Every chunk of zip but the one at skip (-1: none). */
    void sendChunks(String caseId, byte[] zip, int chunkSize, int skip) throws MqttException {
        int chunks = chunkCount(zip, chunkSize);
        for (int i = 0; i < chunks; i++) {
            if (i != skip) {
                byte[] bytes = chunk(zip, chunkSize, i);
                sendChunk(caseId, i, chunks, bytes, PacketCheck.sha256(bytes));
            }
        }
    }

    /** The next answer about caseId (answers about other cases are kept for later calls). */
    Ack awaitAck(String caseId) throws InterruptedException {
        for (Ack a : unclaimed) {
            if (a.caseId().equals(caseId)) {
                unclaimed.remove(a);
                return a;
            }
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        while (true) {
            Ack a = acks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (a == null) {
                throw new AssertionError("no answer about case " + caseId + " within " + ACK_TIMEOUT
                        + "; others: " + unclaimed);
            }
            if (a.caseId().equals(caseId)) {
                return a;
            }
            unclaimed.add(a);
        }
    }

    /** Answers received so far and not yet claimed by awaitAck. */
    List<Ack> drained() {
        List<Ack> all = new ArrayList<>(unclaimed);
        acks.drainTo(all);
        unclaimed.clear();
        return all;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
