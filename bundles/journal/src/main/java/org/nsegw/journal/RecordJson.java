package org.nsegw.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Verdict;

/**
 * Passages and verdicts as JSON, one object per line: what the journal writes and {@code nsegw judge} reads back. The
 * fields are the records' components, in their order; times are ISO-8601 UTC, raw bytes base64. Reading is strict: an
 * unknown or missing field, or a value the record refuses, is an error naming it, so that a replay never judges
 * something other than what was recorded.
 */
public final class RecordJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    private RecordJson() {
    }

    /** A passage as one line of JSON (no line break). */
    public static String passage(Passage p) {
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a passage did not convert to JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A passage from its JSON line.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static Passage passage(String line) {
        try {
            return JSON.readValue(line, Passage.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String detail = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("not a passage: " + detail, e);
        }
    }

    /**
     * A verdict as one line of JSON: the passage it is about (id, lane, time, plate, trailer plate), the outcome, the
     * enforcement code and every finding. The passage itself is in the journal, under its id.
     */
    public static String verdict(Verdict v) {
        ObjectNode o = JSON.createObjectNode();
        Passage p = v.passage();
        o.put("passage", p.id());
        o.put("lane", p.lane());
        o.put("time", p.time().toString());
        o.put("plate", p.plate());
        o.put("trailerPlate", p.trailerPlate());
        o.put("outcome", v.outcome().name());
        o.put("enforcementCode", v.enforcementCode());
        ArrayNode findings = o.putArray("findings");
        for (Finding f : v.findings()) {
            findings.addObject().put("code", f.code()).put("legalBasis", f.legalBasis()).put("explanation", f.explanation());
        }
        return o.toString();
    }
}
