package org.nsegw.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.evidence.internal.content.ClockState;
import org.nsegw.evidence.internal.content.Sample;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketSigner;
import org.nsegw.packet.PacketVerifier;

/** A changed key is recorded in the chain by the first packet it signs; the chain verifies across it and goes on. */
class KeyRotationInGatewayTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:16:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Sample sample = new Sample();

    @Test
    void aKeyRotatedBetweenRunsIsRecordedEndorsedAndTheChainContinuesAfterARestart() throws IOException {
        Rig.writeMedia(sample, data);
        run(EvidenceSettings.defaults(), 2);
        PacketSigner old = GatewayKeys.loadOrCreate(data.resolve("keys"), "Ed25519");
        PacketSigner next = GatewayKeys.rotate(data.resolve("keys"), "Ed25519");
        run(EvidenceSettings.defaults(), 2);
        run(EvidenceSettings.defaults(), 1); // a restart with the same key records nothing
        assertThat(manifest(3)).contains("\"keyRotation\":{\"algorithm\":\"Ed25519\",\"endorsement\":\"",
                "\"keyId\":\"" + next.keyId() + "\"", "\"previousKeyId\":\"" + old.keyId() + "\"",
                "\"time\":\"2026-11-23T02:16:00Z\"");
        assertThat(manifest(4)).doesNotContain("keyRotation");
        assertThat(manifest(5)).doesNotContain("keyRotation");
        assertVerifies(Set.of(old.keyId(), next.keyId()));
        assertThat(log).anyMatch(l -> l.startsWith("info Evidence: the gateway's key changed from Ed25519 " + old.keyId()
                + " to Ed25519 " + next.keyId() + "; packet 3 records the rotation, endorsed by the previous key"));
        assertThat(log).noneMatch(l -> l.startsWith("error") || l.startsWith("warn"));
    }

    @Test
    void switchingTheAlgorithmIsARotationEndorsedByTheOtherKeyFile() throws IOException {
        Rig.writeMedia(sample, data);
        run(EvidenceSettings.defaults(), 1);
        EvidenceSettings d = EvidenceSettings.defaults();
        run(new EvidenceSettings("SM2", "", d.outbox(), d.outcomes(), d.queueCapacity(), d.drain()), 1);
        assertThat(manifest(2)).contains("\"keyRotation\":{\"algorithm\":\"SM2\",\"endorsement\":\"",
                "\"previousAlgorithm\":\"Ed25519\"");
        assertVerifies(Set.of());
    }

    @Test
    void aLostKeyGivesAnUnendorsedRotationThatTheVerifierWarnsOf() throws IOException {
        Rig.writeMedia(sample, data);
        run(EvidenceSettings.defaults(), 1);
        Files.delete(GatewayKeys.keyFile(data.resolve("keys"), "Ed25519"));
        run(EvidenceSettings.defaults(), 1);
        assertThat(manifest(2)).contains("\"endorsement\":null", "\"reason\":\"the private key ");
        assertThat(log).anyMatch(l -> l.startsWith("warn ALARM evidence: the gateway's key changed from Ed25519 ")
                && l.contains("NOT endorsed"));
        PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(data.resolve("outbox/packets"), Set.of());
        assertThat(r.chainProblems()).singleElement().asString().startsWith("warning: 330100001220261123101500000002.zip"
                + " (sequence 2) records a key rotation");
    }

    @Test
    void aRotationStillPendingAtACrashIsRecordedAfterTheRestart() throws IOException {
        Rig.writeMedia(sample, data);
        run(EvidenceSettings.defaults(), 1);
        GatewayKeys.rotate(data.resolve("keys"), "Ed25519");
        run(EvidenceSettings.defaults(), 0); // noticed the new key, stopped before it signed a packet
        run(EvidenceSettings.defaults(), 1);
        assertThat(manifest(2)).contains("\"keyRotation\":{");
        assertVerifies(Set.of());
    }

    @Test
    void aKeySwappedBehindTheGatewaysBackIsNamedByTheVerifier() throws IOException {
        Rig.writeMedia(sample, data);
        run(EvidenceSettings.defaults(), 1);
        Files.delete(data.resolve("outbox/" + ChainKey.FILE)); // and the record with it: no packet of the old key left
        Path head = data.resolve("outbox/packets/330100001220261123101500000001.zip");
        Path aside = data.resolve("packet-1.zip");
        Files.move(head, aside);
        Files.delete(GatewayKeys.keyFile(data.resolve("keys"), "Ed25519"));
        try {
            run(EvidenceSettings.defaults(), 1); // the outbox marks packet 1 missing; the gateway cannot see its key
        } finally {
            Files.move(aside, head);
        }
        assertThat(manifest(2)).doesNotContain("keyRotation");
        assertThat(PacketVerifier.verifyDirectory(data.resolve("outbox/packets"), Set.of()).chainProblems())
                .anyMatch(p -> p.contains("and no key rotation is recorded (key swapped?)"));
    }

    private void run(EvidenceSettings settings, int packets) throws IOException {
        Evidence evidence = new Evidence(data, settings, Sample.GATEWAY, Sample.ZONE, Rig.logger(log), CLOCK,
                () -> new ClockState("system clock", "synchronized"));
        long target = evidence.head().sequence() + packets;
        for (int i = 0; i < packets; i++) {
            evidence.verdict(sample.violation());
        }
        Rig.await(() -> evidence.head().sequence() == target);
        evidence.deactivate();
    }

    private String manifest(long sequence) throws IOException {
        return new String(Rig.unzip(data.resolve(String.format("outbox/packets/3301000012202611231015%08d.zip", sequence)))
                .get("manifest.json"), StandardCharsets.UTF_8);
    }

    private void assertVerifies(Set<String> trusted) {
        PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(data.resolve("outbox/packets"), trusted);
        assertThat(r.chainProblems()).isEmpty();
        assertThat(r.packets()).allSatisfy(p -> assertThat(p.problems()).isEmpty());
        assertThat(r.ok()).isTrue();
    }
}
