package org.nsegw.emulator.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A case notice as docs/mqtt-topics.md defines it (the fields the platform uses; the JSON is stored as received).
 *
 * @param time the passage time, or null when the notice's time is empty or not ISO 8601
 */
record CaseNotice(String caseId, long sequence, String outcome, String plate, Instant time, String packetSha256,
        long packetSize, int chunks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The notice in {@code json}, or a sentence saying why it is not one. */
    static Parsed parse(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            return new Parsed(null, "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return new Parsed(null, "not a JSON object");
        }
        String caseId = node.path("caseId").asText("");
        if (!CaseStore.isSafeName(caseId)) {
            return new Parsed(null, "caseId '" + caseId + "' is missing or not a safe file name");
        }
        String sha = node.path("packetSha256").asText("");
        if (!sha.matches("[0-9a-f]{64}")) {
            return new Parsed(null, "case " + caseId + ": packetSha256 '" + sha + "' is not 64 lower-case hex digits");
        }
        int chunks = node.path("chunks").asInt(0);
        if (chunks < 1) {
            return new Parsed(null, "case " + caseId + ": chunks must be at least 1");
        }
        Instant time = null;
        try {
            String text = node.path("time").asText("");
            time = text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            // reported as unknown: the time only serves the latency in the report
        }
        return new Parsed(new CaseNotice(caseId, node.path("sequence").asLong(0), node.path("outcome").asText(""),
                node.path("plate").asText(""), time, sha, node.path("packetSize").asLong(0), chunks), null);
    }

    /** The notice, or null and the problem. */
    record Parsed(CaseNotice notice, String problem) {
    }
}
