package org.nsegw.emulator.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The platform's answer on {@code P/G/ack}: every member always present (docs/mqtt-topics.md). */
record Acknowledgement(String caseId, Status status, String packetSha256, List<Integer> missing, String reason) {

    enum Status {
        /** Whole, verified and stored: the only answer that lets the gateway drop the case. */
        VERIFIED,
        /** These chunks are not here: send them again. */
        MISSING,
        /** Whole but not valid: a person must look. */
        REJECTED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    Acknowledgement {
        missing = List.copyOf(missing);
    }

    static Acknowledgement verified(String caseId, String packetSha256) {
        return new Acknowledgement(caseId, Status.VERIFIED, packetSha256, List.of(), "");
    }

    static Acknowledgement missing(String caseId, String packetSha256, List<Integer> indexes) {
        return new Acknowledgement(caseId, Status.MISSING, packetSha256, indexes, "");
    }

    static Acknowledgement rejected(String caseId, String packetSha256, String reason) {
        return new Acknowledgement(caseId, Status.REJECTED, packetSha256, List.of(), reason);
    }

    byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caseId", caseId);
        m.put("status", status.name());
        m.put("packetSha256", packetSha256);
        m.put("missing", missing);
        m.put("reason", reason);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
