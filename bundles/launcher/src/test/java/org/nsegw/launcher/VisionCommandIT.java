package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.emulator.camera.scene.Label;

/** {@code nsegw emulate camera --render}, {@code nsegw vision eval} and {@code nsegw vision analyze} as processes. */
class VisionCommandIT {

    static final String SITE = "edge-config/site-example.yaml";

    @TempDir
    static Path tmp;
    static Path set;

    static String run(int expectedExit, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "vision", ".out");
        int exit = GatewayProcess.run(out, Duration.ofSeconds(120), args);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }

    @BeforeAll
    static void renderASmallSet() throws Exception {
        set = tmp.resolve("set");
        String out = run(0, "emulate", "camera", "--render", set.toString(), "--seed", "900001", "--count", "30");
        assertThat(out).contains("Rendered 30 images");
        assertThat(set.resolve("exit-900001.jpg")).exists();
        assertThat(Label.read(set.resolve("exit-900030.json")).seed()).isEqualTo(900030);
    }

    @Test
    void evalPrintsPrecisionAndRecallPerTypeAtTheSitesThresholds() throws Exception {
        String out = run(0, "vision", "eval", "--site", SITE, "--require", "0.9,0.9", set.toString());
        assertThat(out).contains("30 labelled images").contains("thresholds muddy 0.85, uncovered 0.85, dirty road 0.9");
        for (String type : List.of("MUDDY_VEHICLE", "UNCOVERED_LOAD", "DIRTY_ROAD")) {
            Matcher m = Pattern.compile(type + "\\s+\\S+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)").matcher(out);
            assertThat(m.find()).as(type + " row in\n" + out).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(type + " positives in the set").isPositive();
            assertThat(Double.parseDouble(m.group(7))).as(type + " precision").isGreaterThanOrEqualTo(0.9);
            assertThat(Double.parseDouble(m.group(8))).as(type + " recall").isGreaterThanOrEqualTo(0.9);
        }
        assertThat(out).containsPattern("640x360: 30 frames, JPEG decode and detection [\\d.]+ ms per frame elapsed, [\\d.]+ ms CPU: \\d+ frames/s per core");
    }

    @Test
    void analyzePrintsTheObservationsAndWritesTheAnnotatedImage() throws Exception {
        Path image = set.resolve("exit-900003.jpg");
        Label truth = Label.read(set.resolve("exit-900003.json"));
        Path annotated = tmp.resolve("annotated.jpg");
        String out = run(0, "vision", "analyze", "--site", SITE, "--out", annotated.toString(), image.toString());
        List<JsonNode> lines = out.lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return new ObjectMapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(lines).extracting(j -> j.get("kind").asText()).containsExactly("MUDDY_VEHICLE", "UNCOVERED_LOAD", "DIRTY_ROAD");
        for (JsonNode j : lines) {
            assertThat(j.get("camera").asText()).isEqualTo("cam-exit");
            assertThat(j.get("violation").asBoolean()).as(j.toString()).isEqualTo(truth.truth(j.get("kind").asText()));
            assertThat(j.get("confidence").asDouble() >= j.get("threshold").asDouble()).isEqualTo(j.get("violation").asBoolean());
        }
        assertThat(out).contains("Annotated image: " + annotated);
        byte[] jpeg = Files.readAllBytes(annotated);
        assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
    }

    @Test
    void aConfiguredModelThatIsMissingOrNoModelIsAClearError() throws Exception {
        Path image = set.resolve("exit-900001.jpg");
        String missing = run(2, "vision", "analyze", "--site", SITE, "--model", "MUDDY_VEHICLE=" + tmp.resolve("nowhere.onnx"), image.toString());
        assertThat(missing).contains("the model file " + tmp.resolve("nowhere.onnx") + " does not exist");
        Path junk = Files.writeString(tmp.resolve("junk.onnx"), "not a model");
        String invalid = run(2, "vision", "analyze", "--site", SITE, "--model", "UNCOVERED_LOAD=" + junk, image.toString());
        assertThat(invalid).contains("ONNX model " + junk + " cannot be read by OpenCV's dnn module");
    }

    @Test
    void aFolderWithoutLabelsIsRefused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.copy(set.resolve("exit-900001.jpg"), empty.resolve("exit-900001.jpg"));
        assertThat(run(2, "vision", "eval", "--site", SITE, empty.toString())).contains("holds no labelled images");
    }
}
