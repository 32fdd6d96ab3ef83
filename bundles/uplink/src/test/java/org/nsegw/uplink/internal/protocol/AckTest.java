package org.nsegw.uplink.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsegw.uplink.internal.protocol.Ack.Status;

class AckTest {

    static final String SHA = "a".repeat(64);

    static Ack parse(String json) throws Ack.Invalid {
        return Ack.parse(json.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void verified() throws Exception {
        Ack a = parse("{\"caseId\":\"C1\",\"status\":\"VERIFIED\",\"packetSha256\":\"" + SHA + "\",\"missing\":[],\"reason\":\"\"}");
        assertThat(a).isEqualTo(new Ack("C1", Status.VERIFIED, SHA, List.of(), ""));
    }

    @Test
    void missingListsIndexes() throws Exception {
        Ack a = parse("{\"caseId\":\"C1\",\"status\":\"MISSING\",\"missing\":[0,3]}");
        assertThat(a.status()).isEqualTo(Status.MISSING);
        assertThat(a.missing()).containsExactly(0, 3);
        assertThat(a.packetSha256()).isEmpty();
    }

    @Test
    void rejectedWithAReason() throws Exception {
        Ack a = parse("{\"caseId\":\"C1\",\"status\":\"REJECTED\",\"reason\":\"signature does not verify\",\"missing\":[1]}");
        assertThat(a.reason()).isEqualTo("signature does not verify");
        assertThat(a.missing()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredForLaterVersions() throws Exception {
        assertThat(parse("{\"caseId\":\"C1\",\"status\":\"REJECTED\",\"instance\":\"p2\"}").caseId()).isEqualTo("C1");
    }

    @Test
    void roundTrip() throws Exception {
        Ack a = new Ack("C9", Status.MISSING, "", List.of(2, 5), "");
        assertThat(Ack.parse(a.toJson(), "C9".getBytes(StandardCharsets.UTF_8))).isEqualTo(a);
    }

    @Test
    void theCorrelationDataMustBeTheCaseId() throws Exception {
        byte[] json = ("{\"caseId\":\"C1\",\"status\":\"VERIFIED\",\"packetSha256\":\"" + SHA + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(Ack.parse(json, "C1".getBytes(StandardCharsets.UTF_8)).caseId()).isEqualTo("C1");
        assertThat(Ack.parse(json, new byte[0]).caseId()).isEqualTo("C1");
        assertThatThrownBy(() -> Ack.parse(json, "C2".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("correlation data 'C2'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|not JSON",
        "{\"caseId\":\"C1\",\"status\":\"VERIFIED\"} trailing|not JSON",
        "[]|not a JSON object",
        "\"C1\"|not a JSON object",
        "{}|no caseId",
        "{\"caseId\":\"\",\"status\":\"VERIFIED\"}|empty caseId",
        "{\"caseId\":7,\"status\":\"VERIFIED\"}|caseId is not a string",
        "{\"caseId\":\"C1\"}|no status",
        "{\"caseId\":\"C1\",\"status\":\"verified\"}|unknown status 'verified'",
        "{\"caseId\":\"C1\",\"status\":\"DONE\"}|unknown status 'DONE'",
        "{\"caseId\":\"C1\",\"status\":\"VERIFIED\"}|without a packetSha256",
        "{\"caseId\":\"C1\",\"status\":\"VERIFIED\",\"packetSha256\":\"ABC\"}|without a packetSha256",
        "{\"caseId\":\"C1\",\"status\":\"VERIFIED\",\"packetSha256\":5}|packetSha256 is not a string",
        "{\"caseId\":\"C1\",\"status\":\"MISSING\"}|lists no chunk",
        "{\"caseId\":\"C1\",\"status\":\"MISSING\",\"missing\":[]}|lists no chunk",
        "{\"caseId\":\"C1\",\"status\":\"MISSING\",\"missing\":3}|is not a list",
        "{\"caseId\":\"C1\",\"status\":\"MISSING\",\"missing\":[-1]}|not a chunk index",
        "{\"caseId\":\"C1\",\"status\":\"MISSING\",\"missing\":[1.5]}|not a chunk index",
        "{\"caseId\":\"C1\",\"status\":\"MISSING\",\"missing\":[\"1\"]}|not a chunk index",
        "{\"caseId\":\"C1\",\"status\":\"MISSING\",\"missing\":[9999999999]}|not a chunk index",
        "{\"caseId\":\"C1\",\"status\":\"REJECTED\",\"reason\":[]}|reason is not a string",
    })
    void badAcknowledgementsAreInvalid(String json, String why) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(Ack.Invalid.class).hasMessageContaining(why);
    }

    @Test
    void anEmptyPayloadIsInvalid() {
        assertThatThrownBy(() -> Ack.parse(new byte[0], null)).isInstanceOf(Ack.Invalid.class);
    }
}
