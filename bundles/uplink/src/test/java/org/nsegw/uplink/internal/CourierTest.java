package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.outbox.Priority;
import org.nsegw.outbox.State;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.uplink.internal.protocol.ChunkSize;
import org.nsegw.uplink.internal.protocol.Packets;
import org.nsegw.uplink.internal.protocol.Topics;

/** The courier over a scripted link: the test decides each CONNACK and each PUBACK. */
class CourierTest {

    static final Topics TOPICS = new Topics("zj/nse", "gw1");

    @TempDir
    Path dir;
    private Outbox outbox;
    private Courier courier;
    private final ScriptedLink link = new ScriptedLink();

    /** One publish the courier made, and how to answer it. */
    record Published(BrokerLink.Message message, BrokerLink.Delivery delivery) {
    }

    static final class ScriptedLink implements BrokerLink {
        final BlockingQueue<Limits> connacks = new LinkedBlockingQueue<>();
        final BlockingQueue<Published> published = new LinkedBlockingQueue<>();
        volatile Listener listener;
        int inFlight;
        int mostInFlight;

        @Override
        public Limits connect(Listener l) throws IOException {
            Limits limits = connacks.poll();
            if (limits == null) {
                throw new IOException("no broker");
            }
            listener = l;
            return limits;
        }

        @Override
        public synchronized void publish(Message m, Delivery d) {
            if (m.qos() == 0) {
                return;
            }
            inFlight++;
            mostInFlight = Math.max(mostInFlight, inFlight);
            published.add(new Published(m, error -> {
                synchronized (this) {
                    inFlight--;
                }
                d.done(error);
            }));
        }

        Published next() throws InterruptedException {
            Published p = published.poll(10, TimeUnit.SECONDS);
            assertThat(p).as("a publish within 10 s").isNotNull();
            return p;
        }

        @Override
        public void disconnect(Message goodbye) {
        }

        @Override
        public void close() {
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (courier != null) {
            courier.stop();
        }
        outbox.close();
    }

    private BuiltPacket put(int imageBytes) throws IOException {
        outbox = Outbox.open(dir.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC());
        BuiltPacket p = Packets.packet("C1", ChainLink.first(), imageBytes);
        outbox.put(p.caseId(), 1, p.manifestSha256(), Priority.VIOLATION, p.zip());
        return p;
    }

    private void start() {
        courier = new Courier(outbox, link, new Courier.Settings(TOPICS, "gw1", 4, 0, 0, "test"), Clock.systemUTC(),
                new TestLog().logger);
        courier.start();
    }

    @Test
    void neverMoreInFlightThanTheBrokersReceiveMaximum() throws Exception {
        put(40_000); // 10 or 11 chunks of 4 KiB
        link.connacks.add(new BrokerLink.Limits(OptionalLong.empty(), 3, false, true));
        start();
        int chunks = ChunkSize.count(outbox.find("C1").orElseThrow().size(), 4096);
        assertThat(chunks).isGreaterThan(5);
        // the status and two case messages come unanswered; then cases keep two in flight: a courier that ignored
        // the limit would publish more while the test holds them
        java.util.ArrayDeque<Published> held = new java.util.ArrayDeque<>();
        Published status = link.next();
        assertThat(status.message().topic()).isEqualTo(TOPICS.status());
        held.add(link.next());
        held.add(link.next());
        status.delivery().done(null);
        int expected = 1 + chunks; // the notice, the chunks
        for (int received = 2; received < expected || !held.isEmpty(); ) {
            if (held.size() < 2 && received < expected) {
                held.add(link.next());
                received++;
            } else {
                held.poll().delivery().done(null);
            }
        }
        awaitState(State.SENT);
        assertThat(link.mostInFlight).isEqualTo(3);
        assertThat(link.published).isEmpty();
    }

    @Test
    void aSmallerMaximumAfterAReconnectStartsTheCaseAgainWithSmallerChunks() throws Exception {
        put(20_000);
        link.connacks.add(new BrokerLink.Limits(OptionalLong.empty(), 100, false, true));
        start();
        assertThat(link.next().message().topic()).isEqualTo(TOPICS.status());
        Published notice = link.next();
        assertThat(chunkSize(notice)).isEqualTo(4096);
        int max = 2048 + ChunkSize.overhead(TOPICS.chunk());
        link.connacks.add(new BrokerLink.Limits(OptionalLong.of(max), 100, true, true));
        link.listener.lost("test");
        Published p;
        do {
            p = link.next(); // what was in flight of the first connection, unanswered
        } while (!p.message().topic().equals(TOPICS.status()));
        Published again = link.next();
        assertThat(again.message().topic()).isEqualTo(TOPICS.notice());
        assertThat(chunkSize(again)).isEqualTo(2048);
        Published chunk = link.next();
        assertThat(chunk.message().topic()).isEqualTo(TOPICS.chunk());
        assertThat(chunk.message().payload()).hasSize(2048);
        assertThat(chunk.message().userProperties()).containsEntry("index", "0");
    }

    @Test
    void anErrorInAPubackSendsTheMessageAgain() throws Exception {
        put(100);
        link.connacks.add(new BrokerLink.Limits(OptionalLong.empty(), 100, false, true));
        start();
        link.next().delivery().done(null); // status
        Published notice = link.next();
        Published chunk = link.next();
        chunk.delivery().done("the broker refused it (PUBACK reason code 0x97)");
        notice.delivery().done(null);
        Published again = link.next();
        assertThat(again.message().userProperties()).containsEntry("index", "0");
        assertThat(courier.counters()).containsEntry("pubackErrors", 1L);
        assertThat(outbox.find("C1").orElseThrow().state()).isEqualTo(State.NOTIFIED);
        again.delivery().done(null);
        awaitState(State.SENT);
    }

    /** A health service as the health bundle offers it: a fixed report, and alarm events the test adds. */
    static final class TestHealth implements org.nsegw.api.health.GatewayHealth {
        final java.util.List<org.nsegw.api.health.HealthAlarm> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String reportJson() {
            return "{\"time\":\"2026-11-23T02:00:00.000Z\",\"deviceCount\":{\"total\":0,\"online\":0},\"devices\":[],"
                    + "\"outbox\":{\"pending\":0,\"unacknowledgedCases\":0,\"oldestUnacknowledgedCase\":null,"
                    + "\"oldestUnacknowledgedSeconds\":null},\"disk\":{\"path\":\"/d\",\"usedPercent\":81,\"freeMb\":1,\"totalMb\":9},"
                    + "\"alarms\":[]}";
        }

        @Override
        public java.util.List<org.nsegw.api.health.HealthAlarm> alarmsAfter(long after) {
            return events.stream().filter(e -> e.sequence() > after).toList();
        }
    }

    @Test
    void theStatusCarriesTheHealthReportAndEachHealthAlarmIsPublishedOnce() throws Exception {
        outbox = Outbox.open(dir.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC());
        link.connacks.add(new BrokerLink.Limits(OptionalLong.empty(), 10, false, true));
        TestHealth health = new TestHealth();
        java.time.Instant t = java.time.Instant.parse("2026-11-23T02:00:01.500Z");
        health.events.add(new org.nsegw.api.health.HealthAlarm(1, t, "disk", "disk", true, "disk 81 % full"));
        courier = new Courier(outbox, link, new Courier.Settings(TOPICS, "gw1", 4, 0, 0, "test"), Clock.systemUTC(),
                new TestLog().logger);
        courier.health(() -> health);
        courier.start();
        ObjectMapper json = new ObjectMapper();
        Published status = link.next();
        assertThat(status.message().topic()).isEqualTo(TOPICS.status());
        assertThat(status.message().retained()).isTrue();
        JsonNode s = json.readTree(status.message().payload());
        assertThat(s.path("gatewayId").asText()).isEqualTo("gw1");
        assertThat(s.path("online").asBoolean()).isTrue();
        assertThat(s.path("disk").path("usedPercent").asInt()).isEqualTo(81);
        assertThat(s.path("outbox").has("oldestUnacknowledgedCase")).isTrue();
        status.delivery().done(null);

        Published alarm = link.next();
        assertThat(alarm.message().topic()).isEqualTo(TOPICS.alarm());
        assertThat(json.readTree(alarm.message().payload()).toString()).isEqualTo("{\"gatewayId\":\"gw1\","
                + "\"time\":\"2026-11-23T02:00:01.500Z\",\"device\":\"disk\",\"text\":\"disk 81 % full\",\"condition\":\"disk\","
                + "\"raised\":true}");
        alarm.delivery().done(null);
        Published again = link.next();
        assertThat(again.message().topic()).as("the status again after an alarm").isEqualTo(TOPICS.status());
        again.delivery().done(null);

        health.events.add(new org.nsegw.api.health.HealthAlarm(2, t.plusSeconds(60), "disk", "disk", false, "cleared: disk 81 % full"));
        Published cleared = link.next();
        // had the first alarm been sent again, it would come here
        assertThat(json.readTree(cleared.message().payload()).path("raised").asBoolean()).isFalse();
        cleared.delivery().done(null);
        assertThat(link.next().message().topic()).isEqualTo(TOPICS.status());
    }

    private void awaitState(State state) {
        UplinkBrokerTest.await("C1 " + state, java.time.Duration.ofSeconds(10),
                () -> outbox.find("C1").orElseThrow().state() == state);
    }

    private static int chunkSize(Published notice) throws IOException {
        JsonNode n = new ObjectMapper().readTree(notice.message().payload());
        return n.get("chunkSize").asInt();
    }
}
