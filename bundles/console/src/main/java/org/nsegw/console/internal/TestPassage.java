package org.nsegw.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nsegw.api.device.Verification;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.Suspension;
import org.nsegw.api.weigh.TyreFitting;
import org.nsegw.api.weigh.WeighRecord;

/**
 * One test passage and how far it has gone: made here, handed to the rules where fusion hands its passages (the
 * {@code PassageListener}s), judged, packed and signed by evidence into the outbox, sent by the uplink, and answered
 * {@code VERIFIED} by the platform. Marked {@link PassageFlag#TEST} so that every stage after it knows, and its packet's
 * manifest says {@code "test": true}. Thread-safe: the component's threads report, the console's requests read.
 */
final class TestPassage {

    /** How long the console follows a test passage before it says where it stopped. */
    static final Duration LIMIT = Duration.ofMinutes(3);
    /** The plate of every test passage: no real plate looks like it. */
    static final String PLATE = "测试TEST";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The weigh sensor whose lane the test passage uses, from its configuration. */
    record Sensor(String deviceId, String lane, String accuracyClass, String certificate, String expires) {
    }

    /** The outbox as the tracker needs it: the state of a case (empty when unknown) and the packets folder. */
    interface Outbox {
        Optional<String> state(String caseId);

        Path packets();
    }

    private final Passage passage;
    private final Instant started;
    private String error = "";
    private String outcome = "";
    private final List<String> findings = new ArrayList<>();
    private String caseId = "";
    private long sequence;
    private String state = "";
    private final Set<Path> looked = new HashSet<>();

    private TestPassage(Passage passage, Instant started) {
        this.passage = passage;
        this.started = started;
    }

    /**
     * A test passage in the sensor's lane: a two-axle truck of 25 t (the Art. 3 limit is 18 t), so that the rules find a
     * case (REVIEW: no camera read corroborates the plate) and it travels as one (cases are always packed; compliant
     * records may not be).
     */
    static TestPassage of(Sensor sensor, Instant now, String suffix) {
        Verification verification = null;
        try {
            if (!sensor.certificate().isBlank() && !sensor.expires().isBlank()) {
                verification = new Verification(sensor.certificate(), LocalDate.parse(sensor.expires()));
            }
        } catch (RuntimeException e) {
            verification = null; // the rules say what they make of a device without one
        }
        WeighRecord weigh = new WeighRecord(sensor.deviceId(), sensor.lane(), now, 30, List.of(
                new Axle(8_000, 0, TyreFitting.SINGLE, Suspension.UNKNOWN),
                new Axle(17_000, 3_800, TyreFitting.DUAL, Suspension.UNKNOWN)),
                List.of(new AxleGroup(0, 1), new AxleGroup(1, 1)), 25_000, sensor.accuracyClass(), verification, Set.of(),
                "TEST PASSAGE made by the installer console; no sensor weighed it".getBytes(StandardCharsets.US_ASCII));
        Passage p = new Passage("TEST-" + suffix, sensor.lane(), now, weigh, List.of(), List.of(), EnumSet.of(PassageFlag.TEST),
                PLATE, "", List.of());
        return new TestPassage(p, now);
    }

    Passage passage() {
        return passage;
    }

    synchronized void failed(String why) {
        error = why;
    }

    /** The rules' verdict, if it is this passage's. */
    synchronized boolean judged(Verdict v) {
        if (!v.passage().id().equals(passage.id())) {
            return false;
        }
        outcome = v.outcome().name();
        findings.clear();
        for (Finding f : v.findings()) {
            findings.add(f.code());
        }
        return true;
    }

    /** Looks for the packet (by the passage id in new packets' manifests), then the case's state in the outbox. */
    synchronized void follow(Outbox outbox, Instant now) {
        if (caseId.isEmpty() && outbox != null) {
            find(outbox.packets());
        }
        if (!caseId.isEmpty() && outbox != null) {
            Optional<String> s = outbox.state(caseId);
            if (s.isPresent()) {
                state = s.get();
            } else if (!state.isEmpty()) {
                state = "ACKNOWLEDGED"; // acknowledged and since purged
            }
        }
        if (error.isEmpty() && !state.equals("ACKNOWLEDGED") && now.isAfter(started.plus(LIMIT))) {
            error = "no VERIFIED within " + LIMIT.toMinutes() + " min: " + (outcome.isEmpty()
                    ? "the rules did not judge the passage (is the lane '" + passage.lane() + "' configured for the rules?)"
                    : caseId.isEmpty() ? "the verdict made no packet (evidence.packets may leave out " + outcome + "; see the log)"
                    : state.equals("PENDING") || state.equals("NOTIFIED") ? "the uplink has not sent the packet: run the connectivity test"
                    : "the platform has not answered: ask it whether case " + caseId + " arrived");
        }
    }

    private void find(Path packets) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packets, "*.zip")) {
            for (Path f : files) {
                if (f.getFileName().toString().endsWith(".media.zip") || looked.contains(f)
                        || Files.getLastModifiedTime(f).toInstant().isBefore(started.minusSeconds(2))) {
                    continue;
                }
                looked.add(f);
                JsonNode m = manifest(f);
                if (m != null && m.path("passage").path("id").asText("").equals(passage.id())) {
                    caseId = m.path("caseId").asText("");
                    sequence = m.path("sequence").asLong(0);
                    state = "PENDING";
                    return;
                }
            }
        } catch (IOException e) {
            // the folder is not there yet, or a file went away while looked at: looked at again next time
        }
    }

    private static JsonNode manifest(Path zipFile) {
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("manifest.json")) {
                    return JSON.readTree(zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The progress as the page shows it: one step after the other, each done or not. */
    synchronized Map<String, Object> progress() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passage", passage.id());
        m.put("lane", passage.lane());
        m.put("plate", passage.plate());
        m.put("started", started.toString());
        m.put("outcome", outcome);
        m.put("findings", List.copyOf(findings));
        m.put("caseId", caseId);
        m.put("sequence", sequence);
        m.put("state", state);
        boolean sent = state.equals("SENT") || state.equals("ACKNOWLEDGED");
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(step("injected", "通行已注入 Passage handed to the rules", true, passage.id() + ", lane " + passage.lane()
                + ", plate " + passage.plate() + ", 2 axles, 25 000 kg"));
        steps.add(step("verdict", "判定 Verdict", !outcome.isEmpty(), outcome.isEmpty() ? "" : outcome + " " + findings));
        steps.add(step("packet", "证据包 Signed packet in the outbox", !caseId.isEmpty(),
                caseId.isEmpty() ? "" : caseId + " #" + sequence));
        steps.add(step("sent", "已发送 Sent to the broker", sent, sent ? "every chunk acknowledged by the broker" : state));
        steps.add(step("verified", "平台确认 VERIFIED by the platform", state.equals("ACKNOWLEDGED"),
                state.equals("ACKNOWLEDGED") ? "the platform verified the packet (marked TEST)" : ""));
        m.put("steps", steps);
        m.put("done", state.equals("ACKNOWLEDGED"));
        m.put("error", error);
        return m;
    }

    private static Map<String, Object> step(String id, String label, boolean done, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", label);
        m.put("done", done);
        m.put("detail", detail);
        return m;
    }

    synchronized boolean finished() {
        return state.equals("ACKNOWLEDGED") || !error.isEmpty();
    }
}
