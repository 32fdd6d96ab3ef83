package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.Checkpoint;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.KeyRotation;
import org.nsegw.packet.LeafLog;
import org.nsegw.packet.MerkleTree;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;

/**
 * {@code nsegw keys} and {@code nsegw proof} on a gateway data directory laid out as the evidence component writes it:
 * keys in {@code keys/}, packets and checkpoints in {@code outbox/packets}, the leaf log {@code outbox/leaves}.
 */
class KeysAndProofIT {

    static final Instant TIME = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path data;

    Path packets;
    PacketSigner signer;
    final List<BuiltPacket> chain = new ArrayList<>();

    @BeforeEach
    void fourCasesAndTwoCheckpoints() throws Exception {
        packets = Files.createDirectories(data.resolve("outbox/packets"));
        signer = GatewayKeys.loadOrCreate(data.resolve("keys"), "Ed25519");
        MerkleTree tree = new MerkleTree();
        try (LeafLog leaves = LeafLog.open(data.resolve("outbox/leaves"))) {
            for (int i = 1; i <= 4; i++) {
                BuiltPacket p = packet(i, signer, null);
                leaves.append(MerkleTree.leafHash(p.manifest()));
                tree.append(p.manifest());
                if (i == 2 || i == 4) {
                    Checkpoint c = Checkpoint.sign("hz-bridge-demo-gw1", tree, i, TIME.plusSeconds(i), signer);
                    Files.write(packets.resolve(c.fileName()), c.toJson());
                }
            }
        }
    }

    BuiltPacket packet(int i, PacketSigner by, Map<String, Object> rotation) throws Exception {
        Map<String, Object> fields = new HashMap<>(Map.of("caseId", "33010000122026112302150700000" + i,
                "gatewayId", "hz-bridge-demo-gw1"));
        if (rotation != null) {
            fields.put(KeyRotation.FIELD, rotation);
        }
        BuiltPacket p = PacketBuilder.build(fields, List.of(new PacketEntry("images/front.jpg",
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) i})), chain.isEmpty() ? ChainLink.first()
                : ChainLink.after(chain.get(chain.size() - 1)), by);
        Files.write(packets.resolve(p.caseId() + ".zip"), p.zip());
        chain.add(p);
        return p;
    }

    String run(int expectedExit, String... args) throws Exception {
        Path out = data.getParent().resolve("nsegw-" + System.nanoTime() + ".out");
        int exit = GatewayProcess.run(out, Duration.ofSeconds(60), args);
        String text = Files.readString(out);
        Files.delete(out);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }

    @Test
    void anInclusionProofIsMadeFromTheLeafLogAndChecked() throws Exception {
        String proof = run(0, "proof", "inclusion", "--data", data.toString(), "3");
        assertThat(proof).contains("\"format\" : \"nsegw-inclusion-proof/1\"", "\"sequence\" : 3", "\"treeSize\" : 4",
                "\"checkpoint\" : \"checkpoint-4.json\"");
        Path proofFile = data.resolve("case3.proof.json");
        Files.writeString(proofFile, proof.substring(proof.indexOf('{')));
        Path checkpoint = packets.resolve("checkpoint-4.json");
        Path pem = data.resolve("gw.pub.pem");
        Files.writeString(pem, signer.publicKeyPem());

        assertThat(run(0, "proof", "check", "--proof", proofFile.toString(), "--checkpoint", checkpoint.toString(),
                "--trust-key", pem.toString(), packets.resolve(chain.get(2).caseId() + ".zip").toString()))
                .contains("INCLUDED: " + chain.get(2).caseId() + ".zip", "among the 4 cases of checkpoint-4.json", "(trusted)");
        // another case's packet with this proof: named, not included
        assertThat(run(1, "proof", "check", "--proof", proofFile.toString(), "--checkpoint", checkpoint.toString(),
                packets.resolve(chain.get(1).caseId() + ".zip").toString()))
                .contains("NOT INCLUDED", "the proof is for sequence 3, the packet has sequence 2");
        // a key that did not sign the checkpoint
        Path other = data.resolve("other.pub.pem");
        Files.writeString(other, GatewayKeys.generate("Ed25519").publicKeyPem());
        assertThat(run(1, "proof", "check", "--proof", proofFile.toString(), "--checkpoint", checkpoint.toString(),
                "--trust-key", other.toString(), packets.resolve(chain.get(2).caseId() + ".zip").toString()))
                .contains("NOT INCLUDED", "checkpoint-4.json: ");

        assertThat(run(0, "proof", "inclusion", "--data", data.toString(), "--checkpoint",
                packets.resolve("checkpoint-2.json").toString(), "1")).contains("\"treeSize\" : 2");
        assertThat(run(1, "proof", "inclusion", "--data", data.toString(), "--checkpoint",
                packets.resolve("checkpoint-2.json").toString(), "3")).contains("covers sequences 1..2, not 3");
        assertThat(run(Nsegw.EXIT_INVALID, "proof", "inclusion", "--data", data.toString(), "9"))
                .contains("sequences 1..4; there is no 9");
    }

    @Test
    void aConsistencyProofLinksTwoCheckpointsAndARewrittenLogIsCaught() throws Exception {
        assertThat(run(0, "proof", "consistency", "--data", data.toString(), "2", "4"))
                .contains("\"format\" : \"nsegw-consistency-proof/1\"", "\"oldSize\" : 2", "\"newSize\" : 4");
        // the leaf of case 3 rewritten after checkpoint 4 was signed (a proof from 2 to 4 needs only the leaves after 2)
        byte[] leaves = Files.readAllBytes(data.resolve("outbox/leaves"));
        leaves[2 * LeafLog.RECORD] ^= 1;
        Files.write(data.resolve("outbox/leaves"), leaves);
        assertThat(run(1, "proof", "consistency", "--data", data.toString(), "2", "4"))
                .contains("does not extend checkpoint-2.json");
    }

    @Test
    void keysAreShownExportedAndRotatedWithTheRotationTrustedAlongTheChain() throws Exception {
        assertThat(run(0, "keys", "show", "--data", data.toString())).contains("Ed25519", signer.keyId());
        String exported = run(0, "keys", "export", "--data", data.toString());
        assertThat(exported).contains(signer.publicKeyPem().strip(), "Key id " + signer.keyId());
        Path oldPem = data.resolve("old.pub.pem");
        Files.writeString(oldPem, signer.publicKeyPem());

        try (DataLock running = DataLock.acquire(data)) {
            assertThat(run(1, "keys", "rotate", "--data", data.toString())).contains("in use by another gateway");
        }
        String rotated = run(0, "keys", "rotate", "--data", data.toString());
        PacketSigner next = GatewayKeys.loadOrCreate(data.resolve("keys"), "Ed25519");
        assertThat(next.keyId()).isNotEqualTo(signer.keyId());
        assertThat(rotated).contains("retired  " + signer.keyId(), "rw-------", "new      " + next.keyId());
        assertThat(run(0, "keys", "show", "--data", data.toString())).contains("retired     " + signer.keyId());

        // what the evidence component then writes: the first packet with the new key records the endorsed rotation
        PacketSigner retired = KeyRotation.retired(data.resolve("keys"), signer.keyId(), "Ed25519");
        packet(5, next, KeyRotation.record(signer.keyId(), "Ed25519", retired, next, TIME, null));
        String verified = run(0, "verify", "--trust-key", oldPem.toString(), data.toString());
        assertThat(verified).contains("VERIFIED: 5 packets, 0 failed", "key " + next.keyId() + ": trusted, endorsed",
                "checkpoints: 2 verified (checkpoint-2.json, checkpoint-4.json)");
        assertThat(run(Nsegw.EXIT_INVALID, "keys", "export", "--data", data.toString(), "--algorithm", "SM2"))
                .contains("No SM2 key in");
    }
}
