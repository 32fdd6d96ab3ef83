package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.uplink.internal.UplinkBrokerTest.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.outbox.State;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.uplink.internal.protocol.Packets;
import org.nsegw.uplink.internal.protocol.Topics;

/**
 * Fault drills (issue 7): the courier with a real outbox of real signed packets, a real Mosquitto the test starts and
 * stops (persistence off: a restart forgets every session and queued message), and the reference receiver
 * ({@link PlatformReceiver}) as the platform. After each drill every case is at the platform exactly once, verifies, and
 * nothing is left unacknowledged in the outbox ({@link Cases#assertDeliveredOnce}). The gateway killed with kill -9 is
 * {@link GatewayKillTest}. docs/uplink.md, "Fault drills".
 */
class FaultDrillTest {

    static final String PREFIX = "zj/nse";
    static final Topics TOPICS = new Topics(PREFIX, Cases.GATEWAY);
    /** How long the broker stays down in {@link #theBrokerDownForAMinuteWhileCasesKeepComing}; shorten it for local runs. */
    static final Duration BROKER_DOWN = Duration.ofSeconds(Long.getLong("nsegw.drill.brokerDownSeconds", 60));
    /** The platform asks for missing chunks this soon (30 s in the emulator's default). */
    static final Duration MISSING_AFTER = Duration.ofSeconds(2);
    /**
     * The gateway sends a case again when the platform has not answered within this (600 s by default): a broker that
     * forgets everything on restart, or a platform that is away, loses what it was sent.
     */
    static final int ACK_TIMEOUT_SECONDS = 3;

    @TempDir
    Path dir;
    private final TestLog log = new TestLog();
    private Mosquitto broker;
    private Outbox outbox;
    private PlatformReceiver platform;
    private Courier courier;
    private Path store;
    private final Cases cases = new Cases("33010000122026112310152");

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

    private void start(int cases, int imageBytes) throws Exception {
        broker = new Mosquitto(Files.createDirectories(dir.resolve("broker")), 0).start();
        outbox = Outbox.open(dir.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC());
        for (int i = 0; i < cases; i++) {
            this.cases.add(outbox, imageBytes);
        }
        store = dir.resolve("platform");
        platform = PlatformReceiver.start(platformSettings());
    }

    private PlatformReceiver.Settings platformSettings() {
        return PlatformReceiver.Settings.of(broker.url(), PREFIX, store).withTrustedKeyIds(Set.of(Packets.keyId()))
                .withMissingAfter(MISSING_AFTER);
    }

    private void startCourier(UnaryOperator<BrokerLink> wrap) {
        BrokerLink link = wrap.apply(new PahoV5Link(new PahoV5Link.Settings(broker.url(), Cases.GATEWAY, "", "", 5, 3600, null,
                TOPICS.ack(), Courier.will(TOPICS, Cases.GATEWAY))));
        courier = new Courier(outbox, link, new Courier.Settings(TOPICS, Cases.GATEWAY, 16, 1, ACK_TIMEOUT_SECONDS, "test"),
                Clock.systemUTC(), log.logger);
        courier.start();
    }

    private void awaitDelivered(Duration limit) {
        try {
            await("every case acknowledged in the outbox", limit, () -> cases.allAcknowledged(outbox));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; outbox " + cases.all().stream()
                    .map(p -> p.caseId().substring(p.caseId().length() - 3) + " " + outbox.find(p.caseId()).orElseThrow().state())
                    .toList() + "; courier " + courier.counters() + "; platform " + (platform == null ? "away" : platform.counts()), e);
        }
    }

    /** (a) The broker stops while a packet is half sent and comes back empty: the cases are completed or sent again. */
    @Test
    void theBrokerRestartedDuringAPacketTransfer() throws Exception {
        start(6, 1_500_000); // some 92 chunks of 16 KiB each
        CountDownLatch stopped = new CountDownLatch(1);
        startCourier(link -> new UplinkBrokerTest.StopAt(link, 150, () -> {
            try {
                broker.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        assertThat(stopped.await(20, TimeUnit.SECONDS)).as("the broker stopped mid-transfer").isTrue();
        assertThat(cases.allAcknowledged(outbox)).isFalse();
        broker.start();
        awaitDelivered(Duration.ofSeconds(40));
        cases.assertDeliveredOnce(store, outbox);
        assertThat(courier.counters().get("connects")).isGreaterThanOrEqualTo(2L);
    }

    /**
     * (b) The broker is down for a minute ({@code -Dnsegw.drill.brokerDownSeconds}) while new cases keep coming into the
     * outbox: they wait there, and all go out, in order, when the broker is back.
     */
    @Test
    void theBrokerDownForAMinuteWhileCasesKeepComing() throws Exception {
        start(3, 200_000);
        startCourier(l -> l);
        awaitDelivered(Duration.ofSeconds(20));

        broker.stop();
        await("the courier sees the broker gone", Duration.ofSeconds(10), () -> !courier.connected());
        long end = System.nanoTime() + BROKER_DOWN.toNanos();
        int added = 0;
        long pace = BROKER_DOWN.toNanos() / 10; // ten more cases, spread over the outage (pacing, not synchronisation)
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            cases.add(outbox, 100_000 + 50_000 * (added % 3));
            added++;
            assertThat(courier.connected()).as("no broker, no connection").isFalse();
            LockSupport.parkNanos(Math.min(pace, end - now));
        }
        assertThat(added).isGreaterThanOrEqualTo(10);
        assertThat(outbox.usage().pending()).as("the new cases wait in the outbox").isEqualTo(added);
        broker.start();
        // the courier's backoff reaches 32 s, then 60 s: it is back within a minute of the broker
        awaitDelivered(Duration.ofSeconds(90));
        cases.assertDeliveredOnce(store, outbox);
    }

    /**
     * (c) The platform receiver is away (no acknowledgements; what the broker has for it is lost with its clean session)
     * while cases are being sent and new ones come: they stay in the outbox, are sent again for want of an answer, and
     * are verified once when it is back.
     */
    @Test
    void thePlatformReceiverDownForAWhile() throws Exception {
        start(4, 300_000);
        startCourier(l -> l);
        await("the first case verified", Duration.ofSeconds(20), () -> Cases.verifiedAtPlatform(store) >= 1);
        platform.close();
        platform = null;
        for (int i = 0; i < 4; i++) {
            cases.add(outbox, 300_000);
        }
        await("every case sent, none answered", Duration.ofSeconds(20), () -> cases.all().stream()
                .filter(p -> outbox.find(p.caseId()).orElseThrow().state() != State.ACKNOWLEDGED)
                .allMatch(p -> outbox.find(p.caseId()).orElseThrow().state() == State.SENT));
        long resent = courier.counters().get("resentUnanswered");
        await("cases sent again for want of an answer", Duration.ofSeconds(20),
                () -> courier.counters().get("resentUnanswered") > resent);
        assertThat(cases.allAcknowledged(outbox)).as("nothing acknowledged without the platform").isFalse();

        platform = PlatformReceiver.start(platformSettings());
        awaitDelivered(Duration.ofSeconds(30));
        cases.assertDeliveredOnce(store, outbox);
    }
}
