package org.nsegw.uplink.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;

class CaseNoticeTest {

    @Test
    void theNoticeCarriesTheCaseFromTheManifestAndTheDigests() throws Exception {
        BuiltPacket p = Packets.packet("330100001220261123101507000001", ChainLink.first(), 300_000);
        CaseNotice n = CaseNotice.of(p.caseId(), "VIOLATION", p.zip(), 100_000);
        JsonNode j = new ObjectMapper().readTree(n.toJson());
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("caseId", "uuid", "sequence", "priority", "outcome", "lane", "time", "plate",
                "trailerPlate", "enforcementCode", "manifestSha256", "packetSha256", "packetSize", "chunkSize", "chunks");
        assertThat(j.get("caseId").asText()).isEqualTo(p.caseId());
        assertThat(j.get("uuid").asText()).isEqualTo("0b4b5c1e-0000-5000-8000-000000000042");
        assertThat(j.get("sequence").asLong()).isEqualTo(1);
        assertThat(j.get("priority").asText()).isEqualTo("VIOLATION");
        assertThat(j.get("outcome").asText()).isEqualTo("VIOLATION");
        assertThat(j.get("lane").asText()).isEqualTo("L2");
        assertThat(j.get("time").asText()).isEqualTo("2026-11-23T02:15:07.250Z");
        assertThat(j.get("plate").asText()).isEqualTo("浙A12345");
        assertThat(j.get("trailerPlate").asText()).isEqualTo("浙F0123挂");
        assertThat(j.get("enforcementCode").asText()).isEqualTo("16009");
        assertThat(j.get("manifestSha256").asText()).isEqualTo(p.manifestSha256());
        assertThat(j.get("packetSha256").asText()).isEqualTo(CaseNotice.sha256(p.zip()));
        assertThat(j.get("packetSize").asLong()).isEqualTo(p.zip().length);
        assertThat(j.get("chunkSize").asInt()).isEqualTo(100_000);
        assertThat(j.get("chunks").asInt()).isEqualTo(ChunkSize.count(p.zip().length, 100_000)).isEqualTo(4);
        assertThat(n.toJson().length).isLessThan(2048);
    }

    @Test
    void absentFieldsAreEmptyStrings() throws Exception {
        byte[] zip = zip("{\"caseId\":\"C1\",\"sequence\":7}");
        JsonNode j = new ObjectMapper().readTree(CaseNotice.of("C1", "REVIEW", zip, 1024).toJson());
        for (String f : List.of("uuid", "outcome", "lane", "time", "plate", "trailerPlate", "enforcementCode")) {
            assertThat(j.get(f).isTextual()).as(f).isTrue();
            assertThat(j.get(f).asText()).as(f).isEmpty();
        }
        assertThat(j.get("sequence").asLong()).isEqualTo(7);
    }

    @Test
    void thePassageTimeFallsBackToTimePassage() throws Exception {
        byte[] zip = zip("{\"caseId\":\"C1\",\"time\":{\"passage\":\"2026-11-23T02:15:00Z\"}}");
        assertThat(CaseNotice.of("C1", "REVIEW", zip, 1024).time()).isEqualTo("2026-11-23T02:15:00.000Z");
    }

    @Test
    void timesAreUtcWithThreeDigitsOfMilliseconds() {
        assertThat(CaseNotice.utcMillis("2026-11-23T02:15:07.250123Z")).isEqualTo("2026-11-23T02:15:07.250Z");
        assertThat(CaseNotice.utcMillis("2026-11-23T10:15:07+08:00")).isEqualTo("2026-11-23T02:15:07.000Z");
        assertThat(CaseNotice.utcMillis("not a time")).isEqualTo("not a time");
        assertThat(CaseNotice.utcMillis("")).isEmpty();
    }

    @Test
    void packetsThatAreNotPacketsAreRefused() throws Exception {
        assertThatThrownBy(() -> CaseNotice.of("C1", "VIOLATION", "not a zip".getBytes(StandardCharsets.UTF_8), 1024))
                .hasMessageContaining("no manifest.json");
        assertThatThrownBy(() -> CaseNotice.of("C1", "VIOLATION", zip("{oops"), 1024)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CaseNotice.of("C1", "VIOLATION", zip("[1]"), 1024)).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CaseNotice.of("C1", "VIOLATION", zip("{\"caseId\":\"C2\"}"), 1024))
                .hasMessageContaining("holds the manifest of case 'C2'");
    }

    static byte[] zip(String manifest) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write(manifest.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
