package org.nsegw.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.evidence.internal.content.ClockState;
import org.nsegw.evidence.internal.content.Sample;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.outbox.Priority;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketVerifier;
import org.osgi.service.log.Logger;

/** The component with a real data directory, real keys and a real outbox: packets verify and chain, across restarts. */
class EvidenceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:16:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Sample sample = new Sample();

    @Test
    void everyVerdictBecomesAVerifiedPacketInTheChainAndTheChainContinuesAfterARestart() throws IOException {
        writeMedia();
        Evidence first = start(EvidenceSettings.defaults());
        first.verdict(sample.violation());
        first.verdict(sample.unweighed());
        first.verdict(sample.siteExit());
        await(() -> first.head().sequence() == 3);
        first.deactivate();

        Evidence second = start(EvidenceSettings.defaults());
        assertThat(second.head().sequence()).isEqualTo(3);
        second.verdict(sample.violation());
        await(() -> second.head().sequence() == 4);
        second.deactivate();

        String keyId = GatewayKeys.loadOrCreate(data.resolve("keys"), "Ed25519").keyId();
        PacketVerifier.DirectoryResult all = PacketVerifier.verifyDirectory(packetsOnly(), Set.of(keyId));
        assertThat(all.chainProblems()).isEmpty();
        assertThat(all.packets()).hasSize(4).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(all.ok()).isTrue();
        assertThat(all.packets()).extracting(PacketVerifier.Result::sequence).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(all.packets()).extracting(PacketVerifier.Result::caseId).containsExactlyInAnyOrder(
                "330100001220261123101500000001", "330100001220261123101500000002", "330100001220261123101500000003",
                "330100001220261123101500000004");

        Map<String, byte[]> packet = unzip(data.resolve("outbox/packets/330100001220261123101500000001.zip"));
        assertThat(packet.keySet()).contains("manifest.json", "manifest.sig", "gateway.pub.pem", "passage.json",
                "raw/wim-L1.bin", "images/1-anpr-L1-front-01-plate.jpg", "images/2-anpr-L1-rear-02-scene.jpg");
        assertThat(packet.get("images/1-anpr-L1-front-01-plate.jpg"))
                .isEqualTo(sample.files.get("media/anpr/anpr-L1-front/2026-11-23/ev-1001/01-plate.jpg"));
        String manifest = new String(packet.get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"gatewayId\":\"hz-qtb3-gw1\"", "\"clockSync\":\"synchronized\"",
                "\"packed\":\"2026-11-23T02:16:00Z\"", "超限率6.7%", "\"previousManifestSha256\":\"\"")
                .doesNotContain("\"problems\"");

        Map<String, byte[]> compliant = unzip(data.resolve("outbox/packets/330100001220261123101500000002.zip"));
        assertThat(compliant.keySet()).containsExactly("manifest.json", "manifest.sig", "gateway.pub.pem", "passage.json");
        Map<String, byte[]> beside = unzip(data.resolve("outbox/packets/330100001220261123101500000002.media.zip"));
        byte[] plate = sample.files.get("media/anpr/anpr-L1-front/2026-11-23/ev-1001/01-plate.jpg");
        assertThat(beside.get("images/1-anpr-L1-front-01-plate.jpg")).isEqualTo(plate);
        assertThat(new String(compliant.get("manifest.json"), StandardCharsets.UTF_8)).contains("\"imagesBeside\":[{"
                + "\"name\":\"images/1-anpr-L1-front-01-plate.jpg\",\"role\":\"read-image:plate\",\"sha256\":\""
                + sha256(plate));

        assertThat(log).filteredOn(l -> l.startsWith("info Evidence packet ")).hasSize(4)
                .first().asString().matches("info Evidence packet 330100001220261123101500000001 #1: VIOLATION \\d+ bytes "
                        + "\\(passage L1-20261123-000042\\)");
        assertThat(log).filteredOn(l -> l.startsWith("info Evidence: gateway hz-qtb3-gw1 signs with Ed25519 key " + keyId))
                .hasSize(2);
        assertThat(log).noneMatch(l -> l.startsWith("error") || l.startsWith("warn"));
    }

    @Test
    void casesGetTheirPriorityInTheOutbox() throws IOException {
        writeMedia();
        Evidence evidence = start(EvidenceSettings.defaults());
        evidence.verdict(sample.unweighed());
        evidence.verdict(sample.violation());
        await(() -> evidence.head().sequence() == 2);
        evidence.deactivate();
        try (var outbox = org.nsegw.outbox.Outbox.open(data.resolve("outbox"), OutboxSettings.defaults(), CLOCK)) {
            assertThat(outbox.next(10)).extracting(i -> i.priority()).containsExactly(Priority.VIOLATION, Priority.COMPLIANT);
        }
    }

    @Test
    void outcomesLeftOutOfTheSettingsMakeNoPacket() throws IOException {
        writeMedia();
        EvidenceSettings d = EvidenceSettings.defaults();
        Evidence evidence = start(new EvidenceSettings(d.algorithm(), "", d.outbox(), EnumSet.of(Outcome.VIOLATION),
                d.queueCapacity(), d.drain()));
        evidence.verdict(sample.unweighed());
        evidence.verdict(sample.violation());
        await(() -> evidence.head().sequence() == 1);
        evidence.deactivate();
        assertThat(log).anyMatch(l -> l.startsWith("info Evidence stopped: 1 packets stored, 1 verdicts skipped by configuration"));
    }

    @Test
    void stoppingDrainsTheQueueFirst() throws IOException {
        writeMedia();
        Evidence evidence = start(EvidenceSettings.defaults());
        for (int i = 0; i < 25; i++) {
            evidence.verdict(sample.violation());
        }
        evidence.deactivate();
        assertThat(log).anyMatch(l -> l.startsWith("info Evidence stopped: 25 packets stored") && l.endsWith("chain at 25"));
        Verdict late = sample.violation();
        evidence.verdict(late);
        assertThat(log).anyMatch(l -> l.startsWith("error Evidence: the VIOLATION verdict on passage " + late.passage().id()
                + " is not packed: the evidence component is stopping"));
    }

    @Test
    void aMissingImageIsNamedInTheSignedPacket() throws IOException {
        Evidence evidence = start(EvidenceSettings.defaults()); // no media written
        evidence.verdict(sample.violation());
        await(() -> evidence.head().sequence() == 1);
        evidence.deactivate();
        assertThat(PacketVerifier.verify(data.resolve("outbox/packets/330100001220261123101500000001.zip"), Set.of()).ok())
                .isTrue();
        String manifest = new String(unzip(data.resolve("outbox/packets/330100001220261123101500000001.zip"))
                .get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"problems\"", "not readable: java.nio.file.NoSuchFileException");
    }

    @Test
    void sm2KeysSignAsWell() throws IOException {
        writeMedia();
        EvidenceSettings d = EvidenceSettings.defaults();
        Evidence evidence = start(new EvidenceSettings("SM2", "secret/keys", d.outbox(), d.outcomes(), d.queueCapacity(),
                d.drain()));
        evidence.verdict(sample.violation());
        await(() -> evidence.head().sequence() == 1);
        evidence.deactivate();
        assertThat(Files.exists(data.resolve("secret/keys/gateway-sm2.pem"))).isTrue();
        PacketVerifier.Result r = PacketVerifier.verify(data.resolve("outbox/packets/330100001220261123101500000001.zip"),
                Set.of(GatewayKeys.loadOrCreate(data.resolve("secret/keys"), "SM2").keyId()));
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aCaseTheDiskRefusesIsRetriedWithAnAlarmUntilItIsStored() throws IOException {
        writeMedia();
        Evidence evidence = start(EvidenceSettings.defaults());
        Path packets = data.resolve("outbox/packets");
        Path aside = data.resolve("outbox/packets-aside");
        Files.move(packets, aside);
        Files.writeString(packets, "not a folder: every write into it fails");
        evidence.verdict(sample.violation());
        await(() -> logged(l -> l.startsWith("error ALARM evidence: VIOLATION 330100001220261123101500000001"
                + " (passage L1-20261123-000042) could not be stored, retrying in 1 s")));
        assertThat(evidence.head().sequence()).isZero();
        Files.delete(packets);
        Files.move(aside, packets);
        await(() -> evidence.head().sequence() == 1);
        evidence.deactivate();
        assertThat(PacketVerifier.verifyDirectory(packets, Set.of()).ok()).isTrue();
        assertThat(log).anyMatch(l -> l.startsWith("info Evidence stopped: 1 packets stored, 0 verdicts skipped by configuration, "
                + "0 refused, 0 failed"));
    }

    @Test
    void aFullOutboxRefusesCompliantRecordsButNeverACase() throws IOException {
        writeMedia();
        EvidenceSettings d = EvidenceSettings.defaults();
        Evidence evidence = start(new EvidenceSettings(d.algorithm(), "", new OutboxSettings(1_000, Duration.ofDays(30), 80),
                d.outcomes(), d.queueCapacity(), d.drain()));
        evidence.verdict(sample.unweighed());
        evidence.verdict(sample.violation());
        await(() -> evidence.head().sequence() == 1);
        evidence.deactivate();
        assertThat(log).anyMatch(l -> l.startsWith("error ALARM evidence: the outbox is full; COMPLIANT record "
                + "330100001220261123101500000001 (passage L1-20261123-000043) not stored"));
        assertThat(log).anyMatch(l -> l.startsWith("info Evidence packet 330100001220261123101500000001 #1: VIOLATION"));
        assertThat(log).anyMatch(l -> l.startsWith("warn ALARM evidence: the outbox uses "));
    }

    private Evidence start(EvidenceSettings settings) throws IOException {
        return new Evidence(data, settings, Sample.GATEWAY, Sample.ZONE, logger(), CLOCK,
                () -> new ClockState("system clock", "synchronized"));
    }

    /**
     * The packets of the outbox without the images kept beside compliant records ({@code <caseId>.media.zip}), which are
     * not packets: the directory verifier takes every {@code .zip} for one.
     */
    private Path packetsOnly() throws IOException {
        Path dir = Files.createDirectories(data.resolve("verify"));
        try (var files = Files.list(data.resolve("outbox/packets"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".zip") && !f.toString().endsWith(".media.zip")).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir;
    }

    private static String sha256(byte[] b) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    /** Whether a line was logged; the worker adds lines meanwhile, so the list is read under its lock. */
    private boolean logged(java.util.function.Predicate<String> line) {
        synchronized (log) {
            return log.stream().anyMatch(line);
        }
    }

    private void writeMedia() throws IOException {
        Rig.writeMedia(sample, data);
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        return Rig.unzip(zip);
    }

    private static void await(BooleanSupplier condition) {
        Rig.await(condition);
    }

    private Logger logger() {
        return Rig.logger(log);
    }
}
