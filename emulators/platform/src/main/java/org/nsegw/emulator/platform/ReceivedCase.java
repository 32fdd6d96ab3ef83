package org.nsegw.emulator.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code <store>/received.jsonl}: what became of a case at the platform. A case that verified has exactly
 * one {@code VERIFIED} line, whichever instance completed it; each notice of a case already stored adds a
 * {@code DUPLICATE} line; each rejection a {@code REJECTED} line.
 *
 * @param caseId         the case id
 * @param gateway        the gateway id (from the topic)
 * @param sequence       the packet's number in the gateway's chain (the notice's, when the packet was not read)
 * @param outcome        the case's outcome as the notice gives it (VIOLATION, REVIEW, COMPLIANT...)
 * @param plate          the plate as the notice gives it
 * @param packetSha256   the notice's packet digest
 * @param status         VERIFIED, DUPLICATE or REJECTED
 * @param verified       true when the platform holds a verified packet for the case (VERIFIED, DUPLICATE)
 * @param reason         why it was rejected, else ""
 * @param time           when this happened (ISO 8601 UTC)
 * @param receiveMillis  from the notice's arrival to the whole packet (0 for a duplicate)
 * @param latencyMillis  from the case's time (the notice's {@code time}) to this line; -1 when the notice had none
 * @param instance       the receiver instance (MQTT client id) that wrote the line
 * @param test           true for a test case (its signed manifest says {@code "test": true}): stored and acknowledged
 *                       like any other, never to be filed as a case (docs/platform-integration.md)
 */
public record ReceivedCase(String caseId, String gateway, long sequence, String outcome, String plate,
        String packetSha256, String status, boolean verified, String reason, String time, long receiveMillis,
        long latencyMillis, String instance, boolean test) {

    /** A line of a real case (not a test). */
    public ReceivedCase(String caseId, String gateway, long sequence, String outcome, String plate, String packetSha256,
            String status, boolean verified, String reason, String time, long receiveMillis, long latencyMillis,
            String instance) {
        this(caseId, gateway, sequence, outcome, plate, packetSha256, status, verified, reason, time, receiveMillis,
                latencyMillis, instance, false);
    }

    /** The file name in the store folder. */
    public static final String FILE = "received.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of {@code <store>/received.jsonl} so far (none if there is no file yet). */
    public static List<ReceivedCase> readAll(Path store) throws IOException {
        List<ReceivedCase> cases = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(store.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return cases;
        }
        for (String line : lines) {
            if (!line.isBlank()) {
                cases.add(JSON.readValue(line, ReceivedCase.class));
            }
        }
        return cases;
    }
}
