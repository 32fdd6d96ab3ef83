package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.uplink.internal.UplinkBrokerTest.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.PacketVerifier;
import org.nsegw.uplink.internal.protocol.Packets;
import org.nsegw.uplink.internal.protocol.Topics;

/**
 * The gateway's signed checkpoints reach the platform (docs/mqtt-topics.md, "Checkpoints"): the courier publishes the
 * newest one of the packets folder, the reference receiver keeps it beside the packets, and verifying the platform's
 * store then names a case the checkpoint covers that the platform does not have.
 */
class CheckpointDeliveryTest {

    static final String PREFIX = "zj/nse";
    static final Topics TOPICS = new Topics(PREFIX, Cases.GATEWAY);

    @TempDir
    Path dir;
    private final TestLog log = new TestLog();
    private Mosquitto broker;
    private Outbox outbox;
    private PlatformReceiver platform;
    private Courier courier;
    private final Cases cases = new Cases("33010000122026112310153");

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

    @Test
    void theNewestCheckpointIsDeliveredAndNamesACaseThePlatformLacks() throws Exception {
        broker = new Mosquitto(Files.createDirectories(dir.resolve("broker")), 0).start();
        outbox = Outbox.open(dir.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC());
        for (int i = 0; i < 4; i++) {
            cases.add(outbox, 20_000);
        }
        Path packets = Files.createDirectories(outbox.directory().resolve("packets"));
        Files.write(packets.resolve("checkpoint-2.json"), Packets.checkpoint(cases.all(), 2));
        byte[] four = Packets.checkpoint(cases.all(), 4);
        Files.write(packets.resolve("checkpoint-4.json"), four);
        Path store = dir.resolve("platform");
        platform = PlatformReceiver.start(PlatformReceiver.Settings.of(broker.url(), PREFIX, store)
                .withTrustedKeyIds(Set.of(Packets.keyId())));
        courier = new Courier(outbox, new PahoV5Link(new PahoV5Link.Settings(broker.url(), Cases.GATEWAY, "", "", 5, 3600, null,
                TOPICS.ack(), Courier.will(TOPICS, Cases.GATEWAY))), new Courier.Settings(TOPICS, Cases.GATEWAY, 16, 1, 600, "test"),
                Clock.systemUTC(), log.logger);
        courier.start();

        Path atPlatform = store.resolve(Cases.GATEWAY);
        await("the newest checkpoint at the platform", Duration.ofSeconds(20),
                () -> Files.exists(atPlatform.resolve("checkpoint-4.json")));
        assertThat(Files.readAllBytes(atPlatform.resolve("checkpoint-4.json"))).isEqualTo(four);
        assertThat(atPlatform.resolve("checkpoint-2.json")).as("only the newest is sent").doesNotExist();
        await("every case acknowledged", Duration.ofSeconds(20), () -> cases.allAcknowledged(outbox));
        PacketVerifier.DirectoryResult whole = PlatformReceiver.verifyStore(store, Set.of(Packets.keyId())).get(Cases.GATEWAY);
        assertThat(whole.ok()).as("%s", whole.chainProblems()).isTrue();
        assertThat(whole.checkpoints()).containsExactly("checkpoint-4.json");
        assertThat(courier.counters()).containsEntry("checkpoints", 1L);

        // a later case and its checkpoint; the platform then loses the case (or never got it)
        BuiltPacket fifth = cases.add(outbox, 20_000);
        Files.write(packets.resolve("checkpoint-5.json"), Packets.checkpoint(cases.all(), 5));
        await("the next checkpoint at the platform", Duration.ofSeconds(20),
                () -> Files.exists(atPlatform.resolve("checkpoint-5.json")));
        await("the fifth case acknowledged", Duration.ofSeconds(20), () -> cases.allAcknowledged(outbox));
        Files.delete(atPlatform.resolve(fifth.caseId() + ".zip"));
        PacketVerifier.DirectoryResult lacking = PlatformReceiver.verifyStore(store, Set.of(Packets.keyId())).get(Cases.GATEWAY);
        assertThat(lacking.ok()).isFalse();
        assertThat(lacking.chainProblems()).contains("checkpoint-5.json: covers 5 packets of gateway hz-test-gw1 but sequence 5"
                + " and later are not here (deleted cases?)");
    }
}
