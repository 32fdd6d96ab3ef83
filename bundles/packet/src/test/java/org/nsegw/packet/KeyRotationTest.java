package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain across a change of the gateway's key: accepted only when recorded and endorsed by the previous key. */
class KeyRotationTest {

    private static final Instant TIME = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aChainRotatedMidwayVerifiesAcrossAlgorithmsToo() throws IOException {
        PacketSigner second = GatewayKeys.generate("SM2");
        write(chain(Samples.ED25519, second, KeyRotation.record(Samples.ED25519.keyId(), "Ed25519", Samples.ED25519,
                second, TIME, null)));
        PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(dir, Set.of(Samples.ED25519.keyId(), second.keyId()));
        assertThat(r.chainProblems()).isEmpty();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void trustInTheFirstKeyPassesToTheKeyItEndorsed() throws IOException {
        PacketSigner second = GatewayKeys.generate("Ed25519");
        write(chain(Samples.ED25519, second, KeyRotation.record(Samples.ED25519.keyId(), "Ed25519", Samples.ED25519,
                second, TIME, null)));
        PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(dir, Set.of(Samples.ED25519.keyId()));
        assertThat(r.packets()).allMatch(PacketVerifier.Result::ok);
        assertThat(r.ok()).isTrue();
        assertThat(r.endorsedKeys()).containsExactly(Map.entry(second.keyId(), "case-3.zip"));
    }

    @Test
    void trustDoesNotPassToAnUnendorsedOrSwappedKey() throws IOException {
        PacketSigner second = GatewayKeys.generate("Ed25519");
        write(chain(Samples.ED25519, second, KeyRotation.record(Samples.ED25519.keyId(), "Ed25519", null, second, TIME,
                "the previous private key is lost")));
        PacketVerifier.DirectoryResult unendorsed = PacketVerifier.verifyDirectory(dir, Set.of(Samples.ED25519.keyId()));
        assertThat(unendorsed.ok()).isFalse();
        assertThat(unendorsed.endorsedKeys()).isEmpty();
        assertThat(unendorsed.packets()).filteredOn(p -> !p.ok()).extracting(PacketVerifier.Result::packet)
                .containsExactly("case-3.zip", "case-4.zip");
        assertThat(unendorsed.packets().get(2).problems()).contains("the packet's key " + second.keyId()
                + " is not one of the trusted keys, nor endorsed by one in a key rotation recorded in the chain");

        write(chain(Samples.ED25519, second, null));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of(Samples.ED25519.keyId())).packets())
                .filteredOn(p -> !p.ok()).hasSize(2);
    }

    @Test
    void trustInTheNewKeyAloneDoesNotVouchForTheOldOnes() throws IOException {
        PacketSigner second = GatewayKeys.generate("Ed25519");
        write(chain(Samples.ED25519, second, KeyRotation.record(Samples.ED25519.keyId(), "Ed25519", Samples.ED25519,
                second, TIME, null)));
        PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(dir, Set.of(second.keyId()));
        assertThat(r.packets()).filteredOn(p -> !p.ok()).extracting(PacketVerifier.Result::packet)
                .containsExactly("case-1.zip", "case-2.zip");
    }

    @Test
    void aSwappedKeyWithoutARecordIsNamed() throws IOException {
        PacketSigner second = GatewayKeys.generate("Ed25519");
        write(chain(Samples.ED25519, second, null));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).containsExactly("case-3.zip (sequence 3)"
                + " is signed with key " + second.keyId() + " but case-2.zip with key " + Samples.ED25519.keyId()
                + ", and no key rotation is recorded (key swapped?)");
    }

    @Test
    void anEndorsementByAnotherKeyIsNamed() throws IOException {
        PacketSigner second = GatewayKeys.generate("Ed25519");
        PacketSigner intruder = GatewayKeys.generate("Ed25519");
        Map<String, Object> forged = KeyRotation.record(intruder.keyId(), "Ed25519", intruder, second, TIME, null);
        forged.put("previousKeyId", Samples.ED25519.keyId());
        write(chain(Samples.ED25519, second, forged));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).containsExactly("case-3.zip (sequence 3):"
                + " the endorsement of key " + second.keyId() + " is not a valid signature by the previous key "
                + Samples.ED25519.keyId() + " (of case-2.zip)");
    }

    @Test
    void aRotationWithoutEndorsementIsAWarningToResolve() throws IOException {
        PacketSigner second = GatewayKeys.generate("Ed25519");
        write(chain(Samples.ED25519, second, KeyRotation.record(Samples.ED25519.keyId(), "Ed25519", null, second, TIME,
                "the previous private key is lost")));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).singleElement().asString()
                .startsWith("warning: case-3.zip (sequence 3) records a key rotation from " + Samples.ED25519.keyId())
                .contains("(the previous private key is lost): the platform must establish the new key out of band");
    }

    @Test
    void aRotationRecordedWithoutAKeyChangeIsNamed() throws IOException {
        PacketSigner second = GatewayKeys.generate("Ed25519");
        write(chain(Samples.ED25519, Samples.ED25519, KeyRotation.record(Samples.ED25519.keyId(), "Ed25519",
                Samples.ED25519, second, TIME, null)));
        assertThat(PacketVerifier.verifyDirectory(dir, Set.of()).chainProblems()).singleElement().asString()
                .contains("records a key rotation but is signed with the same key");
    }

    @Test
    void rotateRetiresTheOldKeyWhichCanStillEndorse() throws IOException {
        Path keys = dir.resolve("keys");
        PacketSigner old = GatewayKeys.loadOrCreate(keys, "Ed25519");
        PacketSigner next = GatewayKeys.rotate(keys, "Ed25519");
        assertThat(next.keyId()).isNotEqualTo(old.keyId());
        assertThat(GatewayKeys.loadOrCreate(keys, "Ed25519").keyId()).isEqualTo(next.keyId());
        assertThat(keys.resolve("retired/" + old.keyId() + ".pem")).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("retired"))))
                .isEqualTo("rwx------");
        PacketSigner retired = KeyRotation.retired(keys, old.keyId(), "Ed25519");
        assertThat(retired.keyId()).isEqualTo(old.keyId());
        assertThat(KeyRotation.retired(keys, "00".repeat(32), "Ed25519")).isNull();
    }

    /** Packets 1, 2 signed by {@code first}, 3 (carrying {@code rotation} if given) and 4 by {@code second}. */
    private static List<BuiltPacket> chain(PacketSigner first, PacketSigner second, Map<String, Object> rotation) {
        List<BuiltPacket> packets = new ArrayList<>();
        ChainLink link = ChainLink.first();
        for (int i = 1; i <= 4; i++) {
            Map<String, Object> fields = new HashMap<>(Samples.caseFields("33010620261123071502" + String.format("%03d", i)));
            if (i == 3 && rotation != null) {
                fields.put(KeyRotation.FIELD, rotation);
            }
            BuiltPacket p = PacketBuilder.build(fields, Samples.entries(i), link, i <= 2 ? first : second);
            packets.add(p);
            link = ChainLink.after(p);
        }
        return packets;
    }

    private void write(List<BuiltPacket> packets) throws IOException {
        for (BuiltPacket p : packets) {
            Files.write(dir.resolve("case-" + p.sequence() + ".zip"), p.zip());
        }
    }
}
