package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frontier, the leaf log and the proofs the gateway's checkpoints are made from and proven with. */
class CheckpointLibraryTest {

    @TempDir
    Path dir;

    @Test
    void theFrontierHasTheTreesRootAtEverySize() {
        MerkleTree tree = new MerkleTree();
        MerkleFrontier frontier = new MerkleFrontier();
        assertThat(frontier.root()).isEqualTo(tree.root());
        for (int n = 1; n <= 70; n++) {
            byte[] leaf = MerkleTree.leafHash(("entry " + n).getBytes(StandardCharsets.UTF_8));
            tree.appendLeafHash(leaf);
            frontier.appendLeafHash(leaf);
            assertThat(frontier.size()).isEqualTo(n);
            assertThat(frontier.root()).as("size %d", n).isEqualTo(tree.root());
        }
    }

    @Test
    void theLeafLogKeepsItsLeavesAcrossReopeningAndCutsAPartialRecordOff() throws IOException {
        Path file = dir.resolve("leaves");
        byte[] a = MerkleTree.leafHash(new byte[] {1});
        byte[] b = MerkleTree.leafHash(new byte[] {2});
        try (LeafLog log = LeafLog.open(file)) {
            log.append(a);
            log.append(b);
            log.append(a);
            log.truncate(2);
            assertThat(log.size()).isEqualTo(2);
        }
        Files.write(file, new byte[] {7, 7, 7}, StandardOpenOption.APPEND); // a crash in the middle of an append
        try (LeafLog log = LeafLog.open(file)) {
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.all()).containsExactly(a, b);
            assertThat(Files.size(file)).isEqualTo(64);
        }
        assertThat(LeafLog.readHex(file)).containsExactly(HexFormat.of().formatHex(a), HexFormat.of().formatHex(b));
    }

    @Test
    void everyCaseOfAChainHasAnInclusionProofAgainstTheCheckpointAndAnAlteredOneHasNone() throws IOException {
        List<BuiltPacket> chain = Samples.chain(7, Samples.ED25519);
        Path file = dir.resolve("leaves");
        MerkleFrontier frontier = new MerkleFrontier();
        try (LeafLog log = LeafLog.open(file)) {
            for (BuiltPacket p : chain) {
                log.append(MerkleTree.leafHash(p.manifest()));
                frontier.appendLeafHash(MerkleTree.leafHash(p.manifest()));
            }
        }
        Checkpoint checkpoint = Checkpoint.sign("gw", frontier.size(), frontier.root(), Instant.parse("2026-11-23T08:00:00Z"),
                Samples.ED25519);
        assertThat(checkpoint).isEqualTo(Checkpoint.sign("gw", Samples.tree(chain), 7, Instant.parse("2026-11-23T08:00:00Z"),
                Samples.ED25519));
        List<String> leaves = LeafLog.readHex(file);
        for (BuiltPacket p : chain) {
            List<String> proof = Proofs.inclusion(file, p.sequence(), 7);
            assertThat(proof).isEqualTo(Proofs.inclusion(leaves, p.sequence(), 7));
            assertThat(Proofs.verifyInclusion(checkpoint, p.manifest(), p.sequence(), proof)).as("case %d", p.sequence()).isTrue();
            assertThat(Proofs.verifyInclusion(checkpoint, p.manifest(), p.sequence() % 7 + 1, proof)).isFalse();
            byte[] altered = p.manifest().clone();
            altered[altered.length / 2] ^= 1;
            assertThat(Proofs.verifyInclusion(checkpoint, altered, p.sequence(), proof)).as("altered case %d", p.sequence())
                    .isFalse();
        }
        // An earlier checkpoint is a prefix of a later one.
        byte[] root4 = Samples.tree(chain).root(4);
        assertThat(MerkleTree.verifyConsistency(4, 7, Proofs.consistency(leaves, 4, 7).stream()
                .map(h -> HexFormat.of().parseHex(h)).toList(), root4, checkpoint.rootHash())).isTrue();
    }
}
