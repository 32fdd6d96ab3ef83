package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chains across a directory of packets, and the checkpoints beside them. */
class DirectoryTest {

    private static final List<BuiltPacket> CHAIN = Samples.chain(6, Samples.ED25519);

    @TempDir
    Path dir;

    @Test
    void aCompleteChainVerifies() throws IOException {
        write(CHAIN);
        PacketVerifier.DirectoryResult result = PacketVerifier.verifyDirectory(dir, Set.of(Samples.ED25519.keyId()));
        assertThat(result.chainProblems()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.packets()).hasSize(6).allMatch(PacketVerifier.Result::ok);
        assertThat(result.packets()).extracting(PacketVerifier.Result::packet).first().isEqualTo("case-1.zip");
    }

    @Test
    void imagesKeptBesideACompliantRecordAreCheckedWhenPresent() throws IOException {
        byte[] front = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        byte[] rear = {(byte) 0xFF, (byte) 0xD8, 4, 5};
        Map<String, Object> fields = new java.util.HashMap<>(Samples.caseFields("c-compliant"));
        fields.put("imagesBeside", List.of(image("images/front.jpg", front), image("images/rear.jpg", rear)));
        Files.write(dir.resolve("c-1.zip"), PacketBuilder.build(fields, Samples.entries(1), ChainLink.first(), Samples.ED25519).zip());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).ok()).as("images shed: no archive, no problem").isTrue();

        Path media = dir.resolve("c-1" + PacketVerifier.MEDIA_SUFFIX);
        Files.write(media, mediaZip(Map.of("images/front.jpg", front, "images/rear.jpg", rear)));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).ok()).isTrue();

        byte[] altered = rear.clone();
        altered[3] ^= 1;
        Files.write(media, mediaZip(Map.of("images/front.jpg", front, "images/rear.jpg", altered)));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).packets().get(0).problems()).containsExactly(
                "c-1.media.zip: images/rear.jpg does not match the SHA-256 and size imagesBeside lists (image altered or replaced)");

        Files.write(media, mediaZip(Map.of("images/front.jpg", front, "images/other.jpg", rear)));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).packets().get(0).problems()).containsExactlyInAnyOrder(
                "c-1.media.zip: images/rear.jpg is missing (listed in imagesBeside)",
                "c-1.media.zip: images/other.jpg is not listed in imagesBeside");

        Files.write(media, new byte[] {1, 2, 3});
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).packets().get(0).problems()).isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("c-1.media.zip: "));
    }

    private static Map<String, Object> image(String name, byte[] content) {
        return Map.of("name", name, "role", "front", "sha256", org.nsegw.packet.internal.Sha256.hexDigest(content),
                "size", content.length);
    }

    /** As the evidence component writes it: entries in order, not compressed, fixed times. */
    private static byte[] mediaZip(Map<String, byte[]> images) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(images).entrySet()) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(e.getKey());
                entry.setLastModifiedTime(java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aDeletedCaseIsNamed() throws IOException {
        write(CHAIN);
        Files.delete(dir.resolve("case-3.zip"));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems())
                .containsExactly("gateway gw-330106-01: sequence 3 is missing (before case-4.zip)");
        Files.delete(dir.resolve("case-4.zip"));
        Files.delete(dir.resolve("case-1.zip"));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).containsExactly(
                "gateway gw-330106-01: sequence 1 is missing (before case-2.zip)",
                "gateway gw-330106-01: sequences 3..4 are missing (before case-5.zip)");
    }

    @Test
    void aReorderedChainIsNamed() throws IOException {
        // The gateway's packets 2 and 3 built in the wrong order: 3 links to 1, 2 links to 3.
        BuiltPacket first = CHAIN.get(0);
        BuiltPacket third = PacketBuilder.build(Samples.caseFields("c3"), Samples.entries(3),
                new ChainLink(3, first.manifestSha256()), Samples.ED25519);
        BuiltPacket second = PacketBuilder.build(Samples.caseFields("c2"), Samples.entries(2),
                new ChainLink(2, third.manifestSha256()), Samples.ED25519);
        write(List.of(first, second, third));
        List<String> problems = PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("gateway gw-330106-01: case-2.zip (sequence 2) does not link to"
                + " case-1.zip (sequence 1)").endsWith("(chain reordered or a packet replaced)");
        assertThat(problems.get(1)).startsWith("gateway gw-330106-01: case-3.zip (sequence 3) does not link to"
                + " case-2.zip (sequence 2)");
    }

    @Test
    void aReplacedCaseIsNamedByTheLinkAfterIt() throws IOException {
        write(CHAIN);
        BuiltPacket replacement = PacketBuilder.build(Samples.caseFields("c4-again"), Samples.entries(40),
                ChainLink.after(CHAIN.get(2)), Samples.ED25519);
        Files.write(dir.resolve("case-4.zip"), replacement.zip());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).singleElement().asString()
                .startsWith("gateway gw-330106-01: case-5.zip (sequence 5) does not link to case-4.zip (sequence 4)");
    }

    @Test
    void aDuplicateSequenceIsNamed() throws IOException {
        write(CHAIN.subList(0, 2));
        Files.write(dir.resolve("copy.zip"), CHAIN.get(1).zip());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems())
                .containsExactly("gateway gw-330106-01: sequence 2 appears twice: case-2.zip and copy.zip");
    }

    @Test
    void aBrokenPacketIsNamedInItsResultAndLeavesAGap() throws IOException {
        write(CHAIN.subList(0, 3));
        byte[] broken = CHAIN.get(1).zip().clone();
        broken[broken.length / 2] ^= 0x40;
        Files.write(dir.resolve("case-2.zip"), broken);
        PacketVerifier.DirectoryResult result = PacketVerifier.verifyDirectory(dir, Set.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.packets().get(1).ok()).isFalse();
        assertThat(result.chainProblems()).containsExactly("gateway gw-330106-01: sequence 2 is missing (before case-3.zip)");
    }

    @Test
    void chainsAreKeptPerGateway() throws IOException {
        write(CHAIN.subList(0, 2));
        List<BuiltPacket> other = Samples.chain(2, Samples.SM2);
        Files.write(dir.resolve("other-1.zip"), other.get(0).zip());
        Files.write(dir.resolve("other-2.zip"), other.get(1).zip());
        // Same gatewayId, other key: one chain, so these are duplicates.
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("appears twice"));

        // Another gateway: a chain of its own.
        Map<String, Object> fields = Samples.caseFields("c-other");
        fields.put("gatewayId", "gw-330106-02");
        BuiltPacket first = PacketBuilder.build(fields, Samples.entries(7), ChainLink.first(), Samples.SM2);
        Files.write(dir.resolve("other-1.zip"), first.zip());
        Files.write(dir.resolve("other-2.zip"), PacketBuilder.build(fields, Samples.entries(8), ChainLink.after(first),
                Samples.SM2).zip());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).ok()).isTrue();
        Files.delete(dir.resolve("other-1.zip"));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems())
                .containsExactly("gateway gw-330106-02: sequence 1 is missing (before other-2.zip)");
    }

    @Test
    void checkpointsAreCheckedAgainstThePackets() throws IOException {
        write(CHAIN);
        MerkleTree tree = Samples.tree(CHAIN);
        Checkpoint four = checkpoint(tree, 4, "2026-11-23T08:00:00Z");
        Checkpoint six = checkpoint(tree, 6, "2026-11-23T09:00:00Z");
        Files.write(dir.resolve(four.fileName()), four.toJson());
        Files.write(dir.resolve(six.fileName()), six.toJson());
        PacketVerifier.DirectoryResult all = PacketVerifier.verifyDirectory(dir, Set.of());
        assertThat(all.ok()).isTrue();
        assertThat(all.checkpoints()).containsExactly("checkpoint-4.json", "checkpoint-6.json");

        // The last case deleted: no gap in the chain, but the checkpoint covers it.
        Files.delete(dir.resolve("case-6.zip"));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).containsExactly(
                "checkpoint-6.json: covers 6 packets of gateway gw-330106-01 but sequence 6 and later are not here"
                        + " (deleted cases?)");
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).checkpoints()).containsExactly("checkpoint-4.json");
    }

    @Test
    void aCaseReplacedConsistentlyIsCaughtByTheCheckpoint() throws IOException {
        // A forger with the gateway's key rebuilds packets 2..3: the chain links, the checkpoint does not.
        MerkleTree tree = Samples.tree(CHAIN.subList(0, 3));
        Checkpoint three = checkpoint(tree, 3, "2026-11-23T08:00:00Z");
        BuiltPacket second = PacketBuilder.build(Samples.caseFields("forged"), Samples.entries(2),
                ChainLink.after(CHAIN.get(0)), Samples.ED25519);
        BuiltPacket third = PacketBuilder.build(Samples.caseFields("forged-3"), Samples.entries(3),
                ChainLink.after(second), Samples.ED25519);
        write(List.of(CHAIN.get(0), second, third));
        Files.write(dir.resolve(three.fileName()), three.toJson());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).containsExactly(
                "checkpoint-3.json: its root hash does not match the manifests of sequences 1..3 of gateway"
                        + " gw-330106-01 (a case altered or replaced)");
    }

    @Test
    void anAlteredCheckpointIsNamed() throws IOException {
        write(CHAIN);
        MerkleTree tree = Samples.tree(CHAIN);
        Checkpoint good = checkpoint(tree, 5, "2026-11-23T08:00:00Z");
        Checkpoint altered = new Checkpoint(good.gatewayId(), 5, tree.root(5), "2026-11-23T07:00:00Z",
                good.algorithm(), good.keyId(), good.signature());
        Files.write(dir.resolve("checkpoint-5.json"), altered.toJson());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems())
                .containsExactly("checkpoint-5.json: the signature is not valid");
        Files.write(dir.resolve("checkpoint-5.json"), new String(good.toJson()).replace(",", ", ").getBytes());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems())
                .containsExactly("checkpoint-5.json: not in RFC 8785 canonical form");
        Files.write(dir.resolve("checkpoint-5.json"), good.toJson());
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of(GatewayKeys.generate("Ed25519").keyId())).chainProblems())
                .contains("checkpoint-5.json: no valid packet of gateway gw-330106-01 in the directory");
    }

    @Test
    void checkpointVerifyAndParseRoundTrip() {
        MerkleTree tree = Samples.tree(CHAIN);
        Checkpoint sm2 = Checkpoint.sign("gw-330106-01", tree, 6, Instant.parse("2026-11-23T08:00:00Z"), Samples.SM2);
        assertThat(Checkpoint.parse(sm2.toJson())).isEqualTo(sm2);
        assertThat(Checkpoint.verify(sm2.toJson(), Samples.SM2.publicKeyPem())).isEmpty();
        assertThat(Checkpoint.verify(sm2.toJson(), Samples.ED25519.publicKeyPem())).singleElement().asString()
                .startsWith("checkpoint signature is not valid");
        assertThat(sm2.matches(CHAIN.stream().map(BuiltPacket::manifest).toList())).isTrue();
        assertThat(sm2.matches(CHAIN.subList(0, 5).stream().map(BuiltPacket::manifest).toList())).isFalse();
    }

    @Test
    void aCheckpointShowsEachCaseIncludedByItsProof() {
        MerkleTree tree = Samples.tree(CHAIN);
        Checkpoint six = checkpoint(tree, 6, "2026-11-23T09:00:00Z");
        for (BuiltPacket packet : CHAIN) {
            List<byte[]> proof = tree.inclusionProof(packet.sequence() - 1, 6);
            assertThat(six.includes(packet.manifest(), packet.sequence(), proof)).isTrue();
            assertThat(six.includes(packet.manifest(), packet.sequence() % 6 + 1, proof)).isFalse();
        }
        BuiltPacket forged = PacketBuilder.build(Samples.caseFields("forged"), Samples.entries(2),
                ChainLink.after(CHAIN.get(0)), Samples.ED25519);
        assertThat(six.includes(forged.manifest(), 2, tree.inclusionProof(1, 6))).isFalse();
    }

    @Test
    void anUnreadableDirectoryIsReported() {
        PacketVerifier.DirectoryResult result = PacketVerifier.verifyDirectory(dir.resolve("absent"), Set.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.chainProblems()).singleElement().asString().startsWith("cannot list directory");
    }

    private static Checkpoint checkpoint(MerkleTree tree, long size, String time) {
        return Checkpoint.sign("gw-330106-01", tree, size, Instant.parse(time), Samples.ED25519);
    }

    private void write(List<BuiltPacket> packets) throws IOException {
        for (BuiltPacket packet : packets) {
            Files.write(dir.resolve("case-" + packet.sequence() + ".zip"), packet.zip());
        }
    }
}
