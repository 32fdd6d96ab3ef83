package org.nsegw.uplink.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The platform's answer about one case on {@code P/G/ack} (docs/mqtt-topics.md, "Platform → gateway").
 *
 * @param missing the chunk indexes the platform lacks (only for {@link Status#MISSING}, never empty there)
 * @param reason  why the packet was rejected; empty otherwise
 */
public record Ack(String caseId, Status status, String packetSha256, List<Integer> missing, String reason) {

    public enum Status {
        /** The platform has the whole packet and it verified: only this removes a case from the outbox. */
        VERIFIED,
        /** The platform lacks the chunks listed. */
        MISSING,
        /** The packet arrived whole but does not verify; a person must look. */
        REJECTED
    }

    /** An acknowledgement that cannot be used, and why (counted and logged, never acted on). */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Ack {
        missing = List.copyOf(missing);
    }

    /**
     * Parses an acknowledgement strictly: a JSON object with a case id, a known status, for {@code VERIFIED} the
     * packet's SHA-256 (64 lower-case hex digits), for {@code MISSING} a non-empty list of chunk indexes.
     *
     * @param correlation the message's correlation data (MQTT 5), or null; when given it must be the case id
     * @throws Invalid naming what is wrong
     */
    public static Ack parse(byte[] payload, byte[] correlation) throws Invalid {
        JsonNode o;
        try {
            o = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new Invalid("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid("not readable: " + e.getMessage());
        }
        if (o == null || !o.isObject()) {
            throw new Invalid("not a JSON object");
        }
        String caseId = string(o, "caseId", true);
        if (caseId.isEmpty()) {
            throw new Invalid("empty caseId");
        }
        if (correlation != null && correlation.length > 0) {
            String correlated = new String(correlation, StandardCharsets.UTF_8);
            if (!correlated.equals(caseId)) {
                throw new Invalid("correlation data '" + correlated + "' is not the case id " + caseId);
            }
        }
        String statusText = string(o, "status", true);
        Status status;
        try {
            status = Status.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            throw new Invalid("unknown status '" + statusText + "' for " + caseId);
        }
        String sha = string(o, "packetSha256", false);
        String reason = string(o, "reason", false);
        List<Integer> missing = indexes(o, caseId);
        switch (status) {
            case VERIFIED -> {
                if (!SHA256.matcher(sha).matches()) {
                    throw new Invalid("VERIFIED " + caseId + " without a packetSha256 of 64 lower-case hex digits: '" + sha + "'");
                }
            }
            case MISSING -> {
                if (missing.isEmpty()) {
                    throw new Invalid("MISSING " + caseId + " lists no chunk");
                }
            }
            case REJECTED -> {
                // the reason is for the alarm; a rejection without one is still a rejection
            }
        }
        return new Ack(caseId, status, sha, status == Status.MISSING ? missing : List.of(), reason);
    }

    private static String string(JsonNode o, String field, boolean required) throws Invalid {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid("no " + field);
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new Invalid(field + " is not a string");
        }
        return v.asText();
    }

    private static List<Integer> indexes(JsonNode o, String caseId) throws Invalid {
        JsonNode v = o.get("missing");
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new Invalid("missing of " + caseId + " is not a list");
        }
        List<Integer> out = new ArrayList<>(v.size());
        for (JsonNode i : v) {
            if (!i.isIntegralNumber() || !i.canConvertToInt() || i.asInt() < 0) {
                throw new Invalid("missing of " + caseId + " holds '" + i + "', not a chunk index");
            }
            out.add(i.asInt());
        }
        return out;
    }

    /** The acknowledgement as the platform sends it (for the platform side and tests). */
    public byte[] toJson() {
        var node = JSON.createObjectNode();
        node.put("caseId", caseId);
        node.put("status", status.name());
        node.put("packetSha256", packetSha256);
        var list = node.putArray("missing");
        missing.forEach(list::add);
        node.put("reason", reason);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
