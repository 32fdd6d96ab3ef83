package org.nsegw.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.evidence.internal.content.ClockState;
import org.nsegw.evidence.internal.content.Sample;
import org.nsegw.packet.Checkpoint;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.LeafLog;
import org.nsegw.packet.PacketVerifier;
import org.nsegw.packet.Proofs;

/** Checkpoints of the component: cadence, crashes and restarts, inclusion proofs, deleted and altered cases found. */
class CheckpointTest {

    @TempDir
    Path data;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Sample sample = new Sample();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T02:16:00Z"));

    @Test
    void everyNPacketsAndAtStop() throws IOException {
        Rig.writeMedia(sample, data);
        Evidence evidence = start(3, Duration.ofMinutes(15));
        for (int i = 0; i < 7; i++) {
            evidence.verdict(i % 2 == 0 ? sample.violation() : sample.unweighed());
        }
        Rig.await(() -> evidence.head().sequence() == 7);
        assertThat(checkpoints()).containsOnlyKeys(3L, 6L);
        evidence.deactivate();
        assertThat(checkpoints()).containsOnlyKeys(3L, 6L, 7L);
        Checkpoint last = checkpoints().get(7L);
        assertThat(last.gatewayId()).isEqualTo("hz-qtb3-gw1");
        assertThat(last.time()).isEqualTo("2026-11-23T02:16:00Z");
        assertVerifies();
        assertThat(log).anyMatch(l -> l.startsWith("info Evidence checkpoint checkpoint-7.json: sequences 1..7, root "));
        assertThat(log).noneMatch(l -> l.startsWith("error") || l.startsWith("warn"));
    }

    @Test
    void everyTMinutesOnlyWhenPacketsCame() throws IOException {
        Rig.writeMedia(sample, data);
        Evidence evidence = start(100, Duration.ofMinutes(15));
        evidence.checkpointIfDue();
        evidence.verdict(sample.violation());
        evidence.verdict(sample.violation());
        // the head moves inside the put; the leaf joins the tree just after, before the packet's log line
        Rig.await(() -> stored(2));
        clock.advance(Duration.ofMinutes(14));
        evidence.checkpointIfDue();
        assertThat(checkpoints()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        evidence.checkpointIfDue();
        assertThat(checkpoints()).containsOnlyKeys(2L);
        assertThat(checkpoints().get(2L).time()).isEqualTo("2026-11-23T02:31:00Z");
        clock.advance(Duration.ofMinutes(45));
        evidence.checkpointIfDue();
        assertThat(checkpoints()).containsOnlyKeys(2L); // nothing new, nothing signed
        evidence.verdict(sample.violation()); // the first packet after a quiet time gives a checkpoint at once
        Rig.await(() -> Files.exists(data.resolve("outbox/packets/checkpoint-3.json")));
        evidence.deactivate();
        assertThat(checkpoints()).containsOnlyKeys(2L, 3L); // nothing new at stop either
        assertVerifies();
    }

    @Test
    void theNextCheckpointCoversAllLeavesAfterACrashOrALostLeafLog() throws IOException {
        Rig.writeMedia(sample, data);
        Evidence first = start(100, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            first.verdict(sample.violation());
        }
        Rig.await(() -> first.head().sequence() == 3);
        first.deactivate();
        // killed after the leaf of sequence 4 was written ahead of its put, in the middle of writing a fifth
        Path leaves = data.resolve("outbox/leaves");
        Files.write(leaves, new byte[LeafLog.RECORD + 5], StandardOpenOption.APPEND);

        Evidence second = start(100, Duration.ofMinutes(15));
        second.verdict(sample.violation());
        second.verdict(sample.unweighed());
        Rig.await(() -> second.head().sequence() == 5);
        second.deactivate();
        assertThat(Files.size(leaves)).isEqualTo(5L * LeafLog.RECORD);
        assertThat(checkpoints()).containsOnlyKeys(3L, 5L);
        assertVerifies();

        // the leaf log lost all but its first leaf (or a chain begun before checkpoints): read back from the outbox
        try (var channel = java.nio.channels.FileChannel.open(leaves, StandardOpenOption.WRITE)) {
            channel.truncate(LeafLog.RECORD);
        }
        Evidence third = start(100, Duration.ofMinutes(15));
        third.verdict(sample.siteExit());
        Rig.await(() -> third.head().sequence() == 6);
        third.deactivate();
        assertThat(checkpoints()).containsOnlyKeys(3L, 5L, 6L);
        assertVerifies();
        assertThat(log).noneMatch(l -> l.startsWith("error") || l.startsWith("warn"));
    }

    @Test
    void aLeafThatCannotBeReadBackStopsCheckpointsWithAnAlarmButNotThePackets() throws IOException {
        Rig.writeMedia(sample, data);
        Evidence first = start(100, Duration.ofMinutes(15));
        first.verdict(sample.violation());
        first.verdict(sample.violation());
        Rig.await(() -> first.head().sequence() == 2);
        first.deactivate();
        Files.delete(data.resolve("outbox/leaves"));
        Files.delete(data.resolve("outbox/packets/330100001220261123101500000001.zip")); // as if purged
        Evidence second = start(100, Duration.ofMinutes(15));
        second.verdict(sample.violation());
        Rig.await(() -> second.head().sequence() == 3);
        second.deactivate();
        assertThat(log).anyMatch(l -> l.startsWith("error ALARM evidence: no checkpoints will be signed: the leaf log ")
                && l.contains("no longer holds a valid packet of sequence 1"));
        assertThat(checkpoints()).containsOnlyKeys(2L);
    }

    @Test
    void killedWhileWritingPacketsTheRestartedGatewayCheckpointsTheWholeChain() throws Exception {
        Rig.writeMedia(sample, data);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path nativeLibs = Files.createDirectories(data.resolve("native"));
        long seen = 0;
        for (int kill = 0; kill < 3; kill++) {
            Process writer = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-Xmx128m",
                    "-Dorg.sqlite.tmpdir=" + nativeLibs, "-cp", System.getProperty("java.class.path"),
                    CheckpointWriter.class.getName(), data.toString())
                    .redirectError(data.resolve("writer-" + kill + ".err").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            long target = seen + 4 + kill; // in the middle of the cadence of 3 (and sometimes inside a put)
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen = Long.parseLong(line.strip());
                if (seen >= target) {
                    break;
                }
            }
            writer.destroyForcibly().waitFor();
            assertThat(seen).as("the writer printed its heads (see writer-%d.err)", kill).isGreaterThanOrEqualTo(target);
        }
        Evidence restarted = start(3, Duration.ofMinutes(15));
        long head = restarted.head().sequence();
        assertThat(head).isGreaterThanOrEqualTo(seen);
        restarted.verdict(sample.violation());
        Rig.await(() -> restarted.head().sequence() == head + 1);
        restarted.deactivate();
        assertThat(checkpoints()).containsKey(head + 1);
        assertThat(Files.size(data.resolve("outbox/leaves"))).isEqualTo((head + 1) * LeafLog.RECORD);
        assertVerifies();
    }

    @Test
    void everyCaseHasAnInclusionProofAndADeletedOrAlteredCaseIsFound() throws IOException {
        Rig.writeMedia(sample, data);
        Evidence evidence = start(100, Duration.ofMinutes(15));
        for (int i = 0; i < 5; i++) {
            evidence.verdict(sample.violation());
        }
        Rig.await(() -> evidence.head().sequence() == 5);
        evidence.deactivate();
        Checkpoint checkpoint = checkpoints().get(5L);
        Path leaves = data.resolve("outbox/leaves");
        Map<Long, byte[]> manifests = new TreeMap<>();
        try (var files = Files.list(data.resolve("outbox/packets"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".zip")).toList()) {
                PacketVerifier.Result r = PacketVerifier.verify(p, Set.of());
                manifests.put(r.sequence(), Rig.unzip(p).get("manifest.json"));
            }
        }
        assertThat(manifests).containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
        for (Map.Entry<Long, byte[]> m : manifests.entrySet()) {
            List<String> proof = Proofs.inclusion(leaves, m.getKey(), checkpoint.treeSize());
            assertThat(Proofs.verifyInclusion(checkpoint, m.getValue(), m.getKey(), proof)).as("case %d", m.getKey()).isTrue();
            byte[] altered = new String(m.getValue(), StandardCharsets.UTF_8).replace("hz-qtb3-gw1", "hz-qtb3-gw2")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(Proofs.verifyInclusion(checkpoint, altered, m.getKey(), proof)).as("altered case %d", m.getKey())
                    .isFalse();
        }
        // the last case deleted: no gap in the chain, but the checkpoint names it
        Files.delete(data.resolve("outbox/packets/330100001220261123101500000005.zip"));
        PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(data.resolve("outbox/packets"), Set.of());
        assertThat(r.ok()).isFalse();
        assertThat(r.chainProblems()).containsExactly("checkpoint-5.json: covers 5 packets of gateway hz-qtb3-gw1 but"
                + " sequence 5 and later are not here (deleted cases?)");
    }

    private boolean stored(long sequence) {
        synchronized (log) {
            return log.stream().anyMatch(l -> l.startsWith("info Evidence packet ") && l.contains(" #" + sequence + ": "));
        }
    }

    private Evidence start(int everyPackets, Duration every) throws IOException {
        return new Evidence(data, EvidenceSettings.defaults().withCheckpoints(everyPackets, every), Sample.GATEWAY,
                Sample.ZONE, Rig.logger(log), clock, () -> new ClockState("system clock", "synchronized"));
    }

    /** The checkpoint files in the outbox, by tree size. */
    private Map<Long, Checkpoint> checkpoints() throws IOException {
        Map<Long, Checkpoint> found = new TreeMap<>();
        try (var files = Files.list(data.resolve("outbox/packets"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("checkpoint-")).toList()) {
                Checkpoint c = Checkpoint.parse(Files.readAllBytes(f));
                assertThat(f.getFileName().toString()).isEqualTo(c.fileName());
                found.put(c.treeSize(), c);
            }
        }
        return found;
    }

    /** The outbox's packets folder verifies as `nsegw verify` checks it: packets, chain, every checkpoint's root. */
    private void assertVerifies() throws IOException {
        String keyId = GatewayKeys.loadOrCreate(data.resolve("keys"), "Ed25519").keyId();
        PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(data.resolve("outbox/packets"), Set.of(keyId));
        assertThat(r.chainProblems()).isEmpty();
        assertThat(r.packets()).allSatisfy(p -> assertThat(p.problems()).isEmpty());
        assertThat(r.ok()).isTrue();
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
