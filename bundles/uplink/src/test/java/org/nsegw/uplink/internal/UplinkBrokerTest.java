package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.outbox.Priority;
import org.nsegw.outbox.State;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.uplink.internal.protocol.Ack;
import org.nsegw.uplink.internal.protocol.CaseNotice;
import org.nsegw.uplink.internal.protocol.ChunkSize;
import org.nsegw.uplink.internal.protocol.Packets;
import org.nsegw.uplink.internal.protocol.Topics;

/** The courier and the Paho link against a real Mosquitto, with {@link TestPlatform} as the platform. */
class UplinkBrokerTest {

    static final String PREFIX = "zj/nse";
    static final String GATEWAY = "hz-test-gw1";
    static final Topics TOPICS = new Topics(PREFIX, GATEWAY);

    @TempDir
    Path dir;
    private final TestLog log = new TestLog();
    private Mosquitto broker;
    private Outbox outbox;
    private TestPlatform platform;
    private Courier courier;
    private final List<BuiltPacket> packets = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (courier != null) {
            courier.stop();
        }
        if (platform != null) {
            platform.close();
        }
        if (broker != null) {
            broker.stop();
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    private void start(int maxPacketSize, int cases, int imageBytes) throws Exception {
        broker = new Mosquitto(Files.createDirectories(dir.resolve("broker")), maxPacketSize).start();
        outbox = Outbox.open(dir.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC());
        ChainLink link = ChainLink.first();
        for (int i = 1; i <= cases; i++) {
            BuiltPacket p = Packets.packet(String.format("33010000122026112310150%07d", i), link, imageBytes);
            outbox.put(p.caseId(), p.sequence(), p.manifestSha256(), i % 2 == 0 ? Priority.REVIEW : Priority.VIOLATION, p.zip());
            packets.add(p);
            link = ChainLink.after(p);
        }
        platform = new TestPlatform(broker.url(), PREFIX);
    }

    private void startCourier(int maxChunkKb, int ackTimeoutSeconds) throws Exception {
        startCourier(maxChunkKb, ackTimeoutSeconds, l -> l);
    }

    private void startCourier(int maxChunkKb, int ackTimeoutSeconds, java.util.function.UnaryOperator<BrokerLink> wrap) {
        BrokerLink link = wrap.apply(new PahoV5Link(new PahoV5Link.Settings(broker.url(), GATEWAY, "", "", 5, 3600, null, TOPICS.ack(),
                Courier.will(TOPICS, GATEWAY))));
        courier = new Courier(outbox, link, new Courier.Settings(TOPICS, GATEWAY, maxChunkKb, 1, ackTimeoutSeconds, "test"),
                Clock.systemUTC(), log.logger);
        courier.start();
    }

    /** Polls a condition until a deadline; fails with {@code what} if it never holds. */
    static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private boolean all(State state) {
        return packets.stream().allMatch(p -> outbox.find(p.caseId()).orElseThrow().state() == state);
    }

    private void assertStoredOnceAndIntact() {
        assertThat(platform.stored).hasSize(packets.size());
        for (BuiltPacket p : packets) {
            assertThat(platform.stored.get(p.caseId())).as(p.caseId()).isEqualTo(p.zip());
        }
        assertThat(platform.badChunks).hasValue(0);
    }

    @Test
    void casesArriveAndAreAcknowledgedOnlyByTheVerification() throws Exception {
        start(0, 5, 100_000);
        startCourier(32, 0);
        await("every case acknowledged", Duration.ofSeconds(20), () -> all(State.ACKNOWLEDGED));
        await("every verification counted", Duration.ofSeconds(5), () -> courier.counters().get("verified") == 5);
        assertStoredOnceAndIntact();
        assertThat(platform.largestChunk.get()).isEqualTo(32 * 1024);
        assertThat(courier.counters()).containsEntry("verified", 5L).containsEntry("casesSent", 5L).containsEntry("invalidAcks", 0L);
        assertThat(outbox.next(10)).isEmpty();
    }

    @Test
    void mqtt311CarriesTheChunksIdentityInItsTopic() throws Exception {
        start(0, 3, 100_000);
        courier = new Courier(outbox, new PahoV3Link(new PahoV5Link.Settings(broker.url(), GATEWAY, "", "", 5, 3600, null,
                TOPICS.ack(), Courier.will(TOPICS, GATEWAY))), new Courier.Settings(TOPICS, GATEWAY, 32, 1, 0, "test"),
                Clock.systemUTC(), log.logger);
        courier.start();
        await("every case acknowledged", Duration.ofSeconds(20), () -> all(State.ACKNOWLEDGED));
        assertStoredOnceAndIntact();
        assertThat(platform.chunks311.get()).isEqualTo(platform.chunksReceived.get()).isPositive();
        assertThat(platform.largestChunk.get()).isEqualTo(32 * 1024);
    }

    @Test
    void aPubackAloneNeverAcknowledges() throws Exception {
        start(0, 2, 50_000);
        platform.answering = false;
        startCourier(256, 0);
        await("every case sent", Duration.ofSeconds(20), () -> all(State.SENT));
        await("the platform stored both", Duration.ofSeconds(20), () -> platform.stored.size() == 2);
        String id = packets.get(0).caseId();
        platform.send(GATEWAY, "{not json".getBytes(StandardCharsets.UTF_8), id);
        platform.send(GATEWAY, new Ack(id, Ack.Status.VERIFIED, "0".repeat(64), List.of(), "").toJson(), id);
        platform.send(GATEWAY, new Ack(id, Ack.Status.VERIFIED, CaseNotice.sha256(packets.get(0).zip()), List.of(), "").toJson(),
                packets.get(1).caseId()); // correlation data of another case
        await("three bad acknowledgements counted", Duration.ofSeconds(10), () -> courier.counters().get("invalidAcks") == 3);
        assertThat(all(State.SENT)).isTrue();

        platform.send(GATEWAY, new Ack(id, Ack.Status.VERIFIED, CaseNotice.sha256(packets.get(0).zip()), List.of(), "").toJson(), id);
        await("the verified case acknowledged", Duration.ofSeconds(10),
                () -> outbox.find(id).orElseThrow().state() == State.ACKNOWLEDGED);
        assertThat(outbox.find(packets.get(1).caseId()).orElseThrow().state()).isEqualTo(State.SENT);
    }

    @Test
    void missingChunksAreSentAgain() throws Exception {
        start(0, 3, 100_000);
        platform.loseOnce.add(packets.get(1).caseId() + "/1");
        platform.loseOnce.add(packets.get(2).caseId() + "/0");
        startCourier(16, 0);
        await("every case acknowledged", Duration.ofSeconds(20), () -> all(State.ACKNOWLEDGED));
        assertThat(platform.loseOnce).isEmpty();
        assertThat(platform.missingSent.get()).isEqualTo(2);
        assertThat(courier.counters().get("missing")).isEqualTo(2L);
        assertStoredOnceAndIntact();
    }

    @Test
    void aRejectedCaseStaysAndIsNotSentAgain() throws Exception {
        start(0, 1, 10_000);
        platform.answering = false;
        startCourier(256, 0);
        await("sent", Duration.ofSeconds(20), () -> all(State.SENT));
        String id = packets.get(0).caseId();
        platform.send(GATEWAY, new Ack(id, Ack.Status.REJECTED, "", List.of(), "signature does not verify").toJson(), id);
        await("the rejection counted", Duration.ofSeconds(10), () -> courier.counters().get("rejected") == 1);
        platform.send(GATEWAY, new Ack(id, Ack.Status.MISSING, "", List.of(0), "").toJson(), id);
        await("the MISSING counted", Duration.ofSeconds(10), () -> courier.counters().get("missing") == 1);
        assertThat(outbox.find(id).orElseThrow().state()).isEqualTo(State.SENT);
        assertThat(courier.counters().get("notices")).isEqualTo(1L);
        assertThat(log.lines).anyMatch(l -> l.contains("ALARM uplink: the platform REJECTED case " + id));
    }

    @Test
    void chunksFitTheBrokersMaximumPacketSizeAndNothingIsDropped() throws Exception {
        int max = 65_536;
        start(max, 3, 300_000);
        startCourier(256, 0);
        await("every case acknowledged", Duration.ofSeconds(20), () -> all(State.ACKNOWLEDGED));
        assertStoredOnceAndIntact();
        assertThat(platform.largestChunk.get()).isEqualTo(max - ChunkSize.overhead(TOPICS.chunk()));
        assertThat(courier.counters()).containsEntry("missing", 0L).containsEntry("pubackErrors", 0L);
    }

    @Test
    void aBrokerRestartDuringATransferLosesNothingAndStoresEachCaseOnce() throws Exception {
        start(0, 8, 1_500_000);
        CountDownLatch stopped = new CountDownLatch(1);
        // the broker stops while the courier publishes its 150th message: in the middle of a case, for certain
        startCourier(16, 3, link -> new StopAt(link, 150, () -> {
            try {
                broker.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        assertThat(stopped.await(20, TimeUnit.SECONDS)).as("the broker stopped mid-transfer").isTrue();
        assertThat(all(State.ACKNOWLEDGED)).as("acknowledged before the restart").isFalse();
        broker.start();
        await("every case acknowledged after the restart", Duration.ofSeconds(40), () -> all(State.ACKNOWLEDGED));
        assertStoredOnceAndIntact();
        assertThat(courier.counters().get("connects")).isGreaterThanOrEqualTo(2L);
        assertThat(courier.counters().get("notices")).as("notices sent again after the reconnect").isGreaterThan(8L);
        assertThat(log.lines).anyMatch(l -> l.matches("WARN Uplink connection lost: .*; [1-9][0-9]* cases being sent continue.*"));
    }

    @Test
    void theRetainedStatusSaysOnlineWithTheOutboxThenOfflineAndTheWillSaysOffline() throws Exception {
        start(0, 1, 10_000);
        platform.answering = false;
        startCourier(256, 0);
        await("sent", Duration.ofSeconds(20), () -> all(State.SENT));
        assertThat(retainedStatus()).contains("\"gatewayId\":\"hz-test-gw1\"", "\"online\":true", "\"version\":\"test\"",
                "\"outbox\":{\"pending\":1,\"unacknowledgedCases\":1}").containsPattern("\"since\":\"[0-9T:.-]{23}Z\"");
        courier.stop();
        courier = null;
        assertThat(retainedStatus()).isEqualTo("{\"gatewayId\":\"hz-test-gw1\",\"online\":false}");

        // a gateway that vanishes without a word: the broker publishes its last will
        PahoV5Link link = new PahoV5Link(new PahoV5Link.Settings(broker.url(), "vanishing", "", "", 5, 3600, null, "x/ack",
                Courier.will(new Topics(PREFIX, "vanishing"), "vanishing")));
        link.connect(new BrokerLink.Listener() {
            @Override
            public void acknowledgement(byte[] payload, byte[] correlation) {
            }

            @Override
            public void lost(String reason) {
            }
        });
        link.publish(new BrokerLink.Message(PREFIX + "/vanishing/status", "{\"online\":true}".getBytes(StandardCharsets.UTF_8), 1,
                true, java.util.Map.of(), null), error -> { });
        link.dropWithoutDisconnect();
        await("the will published", Duration.ofSeconds(10),
                () -> retainedOrNothing(PREFIX + "/vanishing/status").equals("{\"gatewayId\":\"vanishing\",\"online\":false}"));
    }

    private String retainedStatus() throws Exception {
        return retained(TOPICS.status());
    }

    private String retainedOrNothing(String topic) {
        try {
            return retained(topic);
        } catch (Exception e) {
            return "";
        }
    }

    /** The retained message of a topic, read by a fresh subscriber. */
    private String retained(String topic) throws Exception {
        java.util.concurrent.CompletableFuture<String> got = new java.util.concurrent.CompletableFuture<>();
        org.eclipse.paho.mqttv5.client.MqttAsyncClient c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(broker.url(),
                "reader-" + System.nanoTime(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        c.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                got.complete(new String(m.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
            }
        });
        try {
            c.connect().waitForCompletion(5_000);
            c.subscribe(topic, 1).waitForCompletion(5_000);
            return got.get(5, TimeUnit.SECONDS);
        } finally {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
    }

    /** Runs an action (in the courier's thread) before passing on its n-th publish. */
    static final class StopAt implements BrokerLink {
        private final BrokerLink link;
        private final int n;
        private final Runnable action;
        private int count;

        StopAt(BrokerLink link, int n, Runnable action) {
            this.link = link;
            this.n = n;
            this.action = action;
        }

        @Override
        public Limits connect(Listener listener) throws java.io.IOException {
            return link.connect(listener);
        }

        @Override
        public void publish(Message message, Delivery delivery) throws java.io.IOException {
            if (++count == n) {
                action.run();
            }
            link.publish(message, delivery);
        }

        @Override
        public void disconnect(Message goodbye) {
            link.disconnect(goodbye);
        }

        @Override
        public void close() {
            link.close();
        }
    }
}
