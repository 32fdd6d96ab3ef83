package org.nsegw.uplink.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The case notice sent before a packet: the case summary read from the packet's {@code manifest.json}, with the digests
 * and the chunking (docs/mqtt-topics.md, "Case notice"). Every field is always present, empty when there is no value,
 * but {@code test}: {@code "test": true} only on a test case (the manifest's {@code test}, docs/evidence-format.md).
 */
public record CaseNotice(String caseId, String uuid, long sequence, String priority, String outcome, String lane, String time,
        String plate, String trailerPlate, String enforcementCode, String manifestSha256, String packetSha256, long packetSize,
        int chunkSize, int chunks, boolean test) {

    static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Reads the notice's fields from a signed packet.
     *
     * @param priority the outbox's priority of the packet ({@code VIOLATION}, ...)
     * @throws IOException when the packet is not a ZIP with a {@code manifest.json} holding a JSON object, or its case
     *         id is not {@code caseId}
     */
    public static CaseNotice of(String caseId, String priority, byte[] packet, int chunkSize) throws IOException {
        byte[] manifest = manifest(packet);
        JsonNode m;
        try {
            m = JSON.readTree(manifest);
        } catch (JsonProcessingException e) {
            throw new IOException("the manifest of packet " + caseId + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (m == null || !m.isObject()) {
            throw new IOException("the manifest of packet " + caseId + " is not a JSON object");
        }
        String inManifest = m.path("caseId").asText("");
        if (!inManifest.equals(caseId)) {
            throw new IOException("packet " + caseId + " holds the manifest of case '" + inManifest + "'");
        }
        String time = text(m.path("passage"), "time");
        return new CaseNotice(caseId, text(m, "uuid"), m.path("sequence").asLong(0), priority, text(m.path("verdict"), "outcome"),
                text(m, "lane"), utcMillis(time.isEmpty() ? text(m.path("time"), "passage") : time), text(m.path("vehicle"), "plate"),
                text(m.path("vehicle"), "trailerPlate"), text(m.path("verdict"), "enforcementCode"), sha256(manifest),
                sha256(packet), packet.length, chunkSize, ChunkSize.count(packet.length, chunkSize),
                m.path("test").isBoolean() && m.path("test").booleanValue());
    }

    /** UTC with exactly three digits of milliseconds, as every time on the wire; text that is no instant stays as it is. */
    static String utcMillis(String time) {
        try {
            return TIME.format(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return time;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    /** The bytes of {@code manifest.json} in a packet. */
    static byte[] manifest(byte[] packet) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(packet), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(MANIFEST)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new IOException("the packet has no " + MANIFEST);
    }

    /** The notice as UTF-8 JSON, the fields in the documented order. */
    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("caseId", caseId);
        o.put("uuid", uuid);
        o.put("sequence", sequence);
        o.put("priority", priority);
        o.put("outcome", outcome);
        o.put("lane", lane);
        o.put("time", time);
        o.put("plate", plate);
        o.put("trailerPlate", trailerPlate);
        o.put("enforcementCode", enforcementCode);
        o.put("manifestSha256", manifestSha256);
        o.put("packetSha256", packetSha256);
        o.put("packetSize", packetSize);
        o.put("chunkSize", chunkSize);
        o.put("chunks", chunks);
        if (test) {
            o.put("test", true);
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
