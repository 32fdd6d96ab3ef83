package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.packet.internal.PacketZip;

/**
 * Runs the shell blocks of docs/evidence-format.md, read from the file, line by line on packets built by
 * the library: what the document tells a court clerk to type must keep working.
 */
class OpensslVerificationTest {

    private static final Path DOC = Path.of("../../docs/evidence-format.md");

    @TempDir
    Path work;

    /** What one documented line did. */
    record Run(String command, int exit, String output) {
    }

    @Test
    void anEd25519PacketVerifiesAsDocumented() throws Exception {
        BuiltPacket packet = Samples.packet(Samples.ED25519);
        List<Run> runs = runBlock("verify ed25519", packet.zip());

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(output(runs, "openssl pkey")).startsWith(Samples.ED25519.keyId() + "  -");
        assertThat(output(runs, "grep -o '\"keyId\"")).contains(Samples.ED25519.keyId());
        assertThat(output(runs, "openssl pkeyutl")).contains("Signature Verified Successfully");
        assertThat(output(runs, "(cd entries")).isEqualTo(
                "images/front-1.jpg: OK\nimages/rear-1.jpg: OK\nraw/wim-L1.bin: OK\n");
        assertThat(output(runs, "diff")).isEmpty();
    }

    @Test
    void anSm2PacketVerifiesAsDocumented() throws Exception {
        BuiltPacket packet = Samples.packet(Samples.SM2);
        List<Run> runs = runBlock("verify sm2", packet.zip());

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(output(runs, "openssl pkey")).startsWith(Samples.SM2.keyId() + "  -");
        assertThat(output(runs, "openssl pkeyutl")).contains("Signature Verified Successfully");
        assertThat(output(runs, "(cd entries")).contains("images/front-1.jpg: OK");
    }

    @Test
    void anEcdsaP256PacketVerifiesAsDocumented() throws Exception {
        BuiltPacket packet = Samples.packet(Samples.ECDSA_P256);
        List<Run> runs = runBlock("verify ecdsa-p256", packet.zip());

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(output(runs, "openssl pkey")).startsWith(Samples.ECDSA_P256.keyId() + "  -");
        assertThat(output(runs, "grep -o '\"keyId\"")).contains(Samples.ECDSA_P256.keyId());
        assertThat(output(runs, "openssl dgst")).isEqualTo("Verified OK\n");
        assertThat(output(runs, "(cd entries")).isEqualTo(
                "images/front-1.jpg: OK\nimages/rear-1.jpg: OK\nraw/wim-L1.bin: OK\n");
        assertThat(output(runs, "diff")).isEmpty();
    }

    @Test
    void theDocumentedCommandsCatchAnAlteredEcdsaP256Manifest() throws Exception {
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(Samples.packet(Samples.ECDSA_P256).zip()).entries());
        String manifest = new String(files.get(0).content(), StandardCharsets.UTF_8).replace("\"lane\":1", "\"lane\":2");
        files.set(0, new PacketEntry("manifest.json", manifest.getBytes(StandardCharsets.UTF_8)));
        List<Run> runs = runBlock("verify ecdsa-p256", PacketZip.write(files));

        Run verify = run(runs, "openssl dgst");
        assertThat(verify.exit()).isNotZero();
        assertThat(verify.output()).contains("Verification failure");
    }

    @Test
    void theDocumentedCommandsCatchAnAlteredEntry() throws Exception {
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(Samples.packet(Samples.ED25519).zip()).entries());
        byte[] image = files.get(3).content().clone();
        image[100] ^= 1;
        files.set(3, new PacketEntry(files.get(3).name(), image));
        List<Run> runs = runBlock("verify ed25519", PacketZip.write(files));

        assertThat(output(runs, "openssl pkeyutl")).contains("Signature Verified Successfully");
        Run check = run(runs, "(cd entries");
        assertThat(check.exit()).isNotZero();
        assertThat(check.output()).contains("images/front-1.jpg: FAILED").contains("images/rear-1.jpg: OK");
    }

    @Test
    void theDocumentedCommandsCatchAnAlteredManifest() throws Exception {
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(Samples.packet(Samples.SM2).zip()).entries());
        String manifest = new String(files.get(0).content(), StandardCharsets.UTF_8).replace("\"lane\":1", "\"lane\":2");
        files.set(0, new PacketEntry("manifest.json", manifest.getBytes(StandardCharsets.UTF_8)));
        List<Run> runs = runBlock("verify sm2", PacketZip.write(files));

        Run verify = run(runs, "openssl pkeyutl");
        assertThat(verify.exit()).isNotZero();
        assertThat(verify.output()).contains("Signature Verification Failure");
    }

    @Test
    void theDocumentedCommandsCatchAnAddedOrRemovedEntry() throws Exception {
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(Samples.packet(Samples.ED25519).zip()).entries());
        files.remove(5);
        files.add(new PacketEntry("images/extra.jpg", new byte[] {1, 2, 3}));
        List<Run> runs = runBlock("verify ed25519", PacketZip.write(files));

        Run diff = run(runs, "diff");
        assertThat(diff.exit()).isNotZero();
        assertThat(diff.output()).contains("> images/extra.jpg").contains("< raw/wim-L1.bin");
        assertThat(run(runs, "(cd entries").exit()).isNotZero();
    }

    @Test
    void theChainLinksAsDocumented() throws Exception {
        List<BuiltPacket> chain = Samples.chain(2, Samples.ED25519);
        Files.write(work.resolve("previous.zip"), chain.get(0).zip());
        List<Run> runs = runBlock("verify chain", chain.get(1).zip());

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(runs.get(0).output()).startsWith(chain.get(0).manifestSha256());
        assertThat(runs.get(1).output()).contains(chain.get(0).manifestSha256());
        assertThat(runs.get(2).output()).isEqualTo("\"sequence\":1\n");
        assertThat(runs.get(3).output()).isEqualTo("\"sequence\":2\n");
    }

    @Test
    void aCheckpointVerifiesAsDocumented() throws Exception {
        List<BuiltPacket> chain = Samples.chain(3, Samples.ED25519);
        MerkleTree tree = Samples.tree(chain);
        Checkpoint checkpoint = Checkpoint.sign("gw-330106-01", tree, 3, Instant.parse("2026-11-23T08:00:00Z"),
                Samples.ED25519);
        Files.write(work.resolve("checkpoint.json"), checkpoint.toJson());
        Files.writeString(work.resolve("gateway.pub.pem"), Samples.ED25519.publicKeyPem());
        List<Run> runs = runBlock("verify checkpoint", chain.get(2).zip());

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(Files.readAllBytes(work.resolve("checkpoint.tbs"))).isEqualTo(checkpoint.signedBytes());
        assertThat(output(runs, "openssl pkeyutl")).contains("Signature Verified Successfully");
    }

    @Test
    void aKeyRotationsEndorsementVerifiesAsDocumented() throws Exception {
        PacketSigner next = GatewayKeys.generate("Ed25519");
        BuiltPacket previous = Samples.packet(Samples.ED25519);
        java.util.Map<String, Object> fields = new java.util.HashMap<>(Samples.caseFields("33010620261123071502002"));
        fields.put(KeyRotation.FIELD, KeyRotation.record(Samples.ED25519.keyId(), "Ed25519", Samples.ED25519, next,
                Instant.parse("2026-11-23T08:00:00Z"), null));
        BuiltPacket rotated = PacketBuilder.build(fields, Samples.entries(2), ChainLink.after(previous), next);
        Files.write(work.resolve("previous.zip"), previous.zip());
        List<Run> runs = runBlock("verify key rotation", rotated.zip());

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(output(runs, "openssl pkeyutl")).contains("Signature Verified Successfully");
    }

    @Test
    void theLibraryAgreesWithTheShell() {
        assertThat(PacketVerifier.verify(Samples.packet(Samples.SM2).zip(), Set.of(Samples.SM2.keyId())).ok()).isTrue();
    }

    /** The lines of the block whose first line is "# {@code name}", run one by one in the work directory. */
    private List<Run> runBlock(String name, byte[] packet) throws IOException, InterruptedException {
        Files.write(work.resolve("case.zip"), packet);
        return runBlock(work, name);
    }

    /** The lines of the block "# {@code name}", run one by one in {@code dir} (which holds case.zip). */
    static List<Run> runBlock(Path dir, String name) throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (String command : block(name)) {
            Process process = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            runs.add(new Run(command, process.waitFor(), output));
        }
        return runs;
    }

    private static List<String> block(String name) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("# " + name);
        assertThat(start).as("block '# %s' in %s", name, DOC).isPositive();
        assertThat(lines.get(start - 1)).isEqualTo("```sh");
        List<String> commands = new ArrayList<>();
        for (int i = start + 1; !lines.get(i).equals("```"); i++) {
            commands.add(lines.get(i));
        }
        return commands;
    }

    private static Run run(List<Run> runs, String prefix) {
        return runs.stream().filter(r -> r.command().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no documented command starts with " + prefix));
    }

    private static String output(List<Run> runs, String prefix) {
        return run(runs, prefix).output();
    }
}
