package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;

/** {@code nsegw verify}: a chain of packets verifies; a changed byte, a missing case or a foreign key is named. */
class VerifyCommandIT {

    @TempDir
    Path tmp;

    Path packets;
    PacketSigner signer;

    @BeforeEach
    void threeChainedPackets() throws Exception {
        packets = Files.createDirectories(tmp.resolve("packets"));
        signer = GatewayKeys.loadOrCreate(tmp.resolve("keys"), "Ed25519");
        ChainLink link = ChainLink.first();
        for (int i = 1; i <= 3; i++) {
            String caseId = "33010000122026112302150700000" + i;
            BuiltPacket p = PacketBuilder.build(Map.of("caseId", caseId, "gatewayId", "hz-bridge-demo-gw1", "note", "超限 " + i),
                    List.of(new PacketEntry("images/front.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) i}),
                            new PacketEntry("raw/wim-L1.bin", new byte[] {1, 2, 3, (byte) i})), link, signer);
            Files.write(packets.resolve(caseId + ".zip"), p.zip());
            link = ChainLink.after(p);
        }
    }

    String run(int expectedExit, String... args) throws Exception {
        Path out = tmp.resolve("verify-" + System.nanoTime() + ".out");
        String[] command = new String[args.length + 1];
        command[0] = "verify";
        System.arraycopy(args, 0, command, 1, args.length);
        int exit = GatewayProcess.run(out, Duration.ofSeconds(60), command);
        String text = Files.readString(out);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }

    @Test
    void aChainOfPacketsVerifiesWithTheGatewaysKey() throws Exception {
        Path pem = tmp.resolve("gateway.pub.pem");
        Files.writeString(pem, signer.publicKeyPem());
        String text = run(0, "--trust-key", pem.toString(), packets.toString());
        assertThat(text).contains("chain: continuous", "VERIFIED: 3 packets, 0 failed").doesNotContain("No trusted key");
        assertThat(run(0, packets.resolve("330100001220261123021507000002.zip").toString()))
                .contains("No trusted key given", "VERIFIED: 1 packet, 0 failed");
    }

    @Test
    void aChangedByteIsNamed() throws Exception {
        Path second = packets.resolve("330100001220261123021507000002.zip");
        byte[] bytes = Files.readAllBytes(second);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(second, bytes);
        String text = run(1, packets.toString());
        assertThat(text).contains("FAILED  " + second.getFileName(), "NOT VERIFIED: 3 packets, 1 failed");
    }

    @Test
    void aDeletedCaseBreaksTheChain() throws Exception {
        Files.delete(packets.resolve("330100001220261123021507000002.zip"));
        String text = run(1, packets.toString());
        assertThat(text).contains("chain: ").containsPattern("(?i)sequence 2|missing").contains("chain broken");
    }

    @Test
    void aPacketSignedByAnotherKeyIsNotTrusted() throws Exception {
        Path other = tmp.resolve("other.pub.pem");
        Files.writeString(other, GatewayKeys.loadOrCreate(tmp.resolve("other-keys"), "Ed25519").publicKeyPem());
        assertThat(run(1, "--trust-key", other.toString(), packets.toString())).contains("FAILED", "NOT VERIFIED");
        assertThat(run(Nsegw.EXIT_INVALID, "--trust", "abc", packets.toString())).contains("64 hex digits");
        assertThat(run(Nsegw.EXIT_INVALID, tmp.resolve("nothing").toString())).contains("neither a packet nor a folder");
    }
}
