package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.packet.internal.Json;
import org.nsegw.packet.internal.PacketZip;
import org.nsegw.packet.internal.Sha256;

class PacketBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "SM2"})
    void aBuiltPacketVerifies(String algorithm) {
        PacketSigner signer = algorithm.equals("SM2") ? Samples.SM2 : Samples.ED25519;
        BuiltPacket packet = Samples.packet(signer);

        PacketVerifier.Result result = PacketVerifier.verify(packet.zip(), Set.of());
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.caseId()).isEqualTo("33010620261123071502001");
        assertThat(result.sequence()).isEqualTo(1);
        assertThat(result.manifestSha256()).isEqualTo(packet.manifestSha256())
                .isEqualTo(Sha256.hexDigest(packet.manifest()));
        assertThat(PacketVerifier.verify(packet.zip(), Set.of(signer.keyId())).ok()).isTrue();
    }

    @Test
    void theZipHoldsManifestSignatureKeyThenTheEntriesInOrder() {
        BuiltPacket packet = Samples.packet(Samples.ED25519);
        List<PacketEntry> read = PacketZip.read(packet.zip()).entries();
        assertThat(read).extracting(PacketEntry::name).containsExactly("manifest.json", "manifest.sig",
                "gateway.pub.pem", "images/front-1.jpg", "images/rear-1.jpg", "raw/wim-L1.bin");
        assertThat(read.get(0).content()).isEqualTo(packet.manifest());
        assertThat(new String(read.get(2).content(), StandardCharsets.US_ASCII)).isEqualTo(Samples.ED25519.publicKeyPem())
                .startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(read.subList(3, 6)).containsExactlyElementsOf(Samples.entries(1));
    }

    @Test
    void theManifestIsCanonicalAndListsEveryEntry() {
        BuiltPacket packet = Samples.packet(Samples.ED25519);
        assertThat(Json.isCanonical(packet.manifest())).isTrue();
        Map<?, ?> manifest = (Map<?, ?>) Json.parse(packet.manifest());
        assertThat(manifest.get("format")).isEqualTo("nsegw-evidence/1");
        assertThat(manifest.get("sequence")).isEqualTo(1L);
        assertThat(manifest.get("previousManifestSha256")).isEqualTo("");
        assertThat(manifest.get("signature")).isEqualTo(Map.of("algorithm", "Ed25519", "keyId", Samples.ED25519.keyId()));
        assertThat(manifest.get("site")).isEqualTo(Map.of("code", "330106", "name", "文一西路桥"));
        PacketEntry front = Samples.entries(1).get(0);
        assertThat((List<?>) manifest.get("entries")).hasSize(3).first().isEqualTo(Map.of("name", "images/front-1.jpg",
                "sha256", Sha256.hexDigest(front.content()), "size", (long) front.content().length));
    }

    @Test
    void ed25519PacketsAreByteForByteReproducibleInAnyTimeZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            byte[] first = Samples.packet(Samples.ED25519).zip();
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            byte[] second = Samples.packet(Samples.ED25519).zip();
            assertThat(second).isEqualTo(first);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void theChainLinksEachManifestToThePrevious() {
        List<BuiltPacket> chain = Samples.chain(3, Samples.ED25519);
        assertThat(chain).extracting(BuiltPacket::sequence).containsExactly(1L, 2L, 3L);
        Map<?, ?> third = (Map<?, ?>) Json.parse(chain.get(2).manifest());
        assertThat(third.get("previousManifestSha256")).isEqualTo(chain.get(1).manifestSha256());
    }

    @Test
    void refusesCaseFieldsThatWouldNotCanonicaliseExactly() {
        Map<String, Object> fields = Samples.caseFields("c1");
        fields.put("grossT", 55.2);
        assertThatThrownBy(() -> Samples.build(fields)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.grossT").hasMessageContaining("decimals in strings");
        fields.put("grossT", new BigDecimal("55.2"));
        assertThatThrownBy(() -> Samples.build(fields)).hasMessageContaining("decimals in strings");
        fields.put("grossT", 1L << 53);
        assertThatThrownBy(() -> Samples.build(fields)).hasMessageContaining("2^53");
        fields.put("grossT", List.of(new Object()));
        assertThatThrownBy(() -> Samples.build(fields)).hasMessageContaining("$.grossT[0]");
        fields.put("grossT", "\ud800");
        assertThatThrownBy(() -> Samples.build(fields)).hasMessageContaining("surrogate");
    }

    @Test
    void refusesMissingCaseIdAndBuilderFields() {
        Map<String, Object> fields = new LinkedHashMap<>(Samples.caseFields("c1"));
        fields.put("sequence", 5);
        assertThatThrownBy(() -> Samples.build(fields)).hasMessageContaining("\"sequence\"");
        fields.remove("sequence");
        fields.put("caseId", 17);
        assertThatThrownBy(() -> Samples.build(fields)).hasMessageContaining("caseId");
    }

    @Test
    void refusesBadAndDuplicateEntryNames() {
        for (String bad : List.of("", "/etc/passwd", "images/../../x", "a//b", "./a", "a/", "a b", "a\\b", "bild*.jpg",
                "图片.jpg")) {
            assertThatThrownBy(() -> new PacketEntry(bad, new byte[0])).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        List<PacketEntry> twice = List.of(new PacketEntry("a.jpg", new byte[1]), new PacketEntry("a.jpg", new byte[2]));
        assertThatThrownBy(() -> PacketBuilder.build(Samples.caseFields("c1"), twice, ChainLink.first(), Samples.ED25519))
                .hasMessageContaining("a.jpg given twice");
        List<PacketEntry> reserved = List.of(new PacketEntry("manifest.json", new byte[1]));
        assertThatThrownBy(() -> PacketBuilder.build(Samples.caseFields("c1"), reserved, ChainLink.first(),
                Samples.ED25519)).hasMessageContaining("reserved");
    }

    @Test
    void chainLinksAreChecked() {
        assertThatThrownBy(() -> new ChainLink(0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainLink(1, "ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainLink(2, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainLink(2, "A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ChainLink(2, "a".repeat(64)).sequence()).isEqualTo(2);
    }
}
