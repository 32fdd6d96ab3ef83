package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nsegw plate}: one JSON line per text, exit status 0 only if every text is a plate. */
class PlateCommandIT {

    @TempDir
    Path tmp;

    List<JsonNode> run(int expectedExit, String... texts) throws Exception {
        String[] args = new String[texts.length + 1];
        args[0] = "plate";
        System.arraycopy(texts, 0, args, 1, texts.length);
        Path out = tmp.resolve("plate.out");
        int exit = GatewayProcess.run(out, Duration.ofSeconds(30), args);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(exit).as(String.join("\n", lines)).isEqualTo(expectedExit);
        ObjectMapper json = new ObjectMapper();
        return lines.stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }

    @Test
    void validTextsAreNormalisedAndTheExitStatusSaysAllWereValid() throws Exception {
        List<JsonNode> out = run(0, "蓝浙A12345", "浙Ａ·D1234５");
        assertThat(out).hasSize(2);
        assertThat(out.get(0).path("plate").asText()).isEqualTo("浙A12345");
        assertThat(out.get(0).path("color").asText()).isEqualTo("blue");
        assertThat(out.get(1).path("plate").asText()).isEqualTo("浙AD12345");
        assertThat(out.get(1).path("kind").asText()).isEqualTo("new_energy_small");
    }

    @Test
    void anUnreadableTextSaysWhyAndFailsTheRun() throws Exception {
        List<JsonNode> out = run(1, "浙AO1234", "浙B1234挂");
        assertThat(out.get(0).path("valid").asBoolean()).isFalse();
        assertThat(out.get(0).path("reason").asText()).contains("never issued");
        assertThat(out.get(1).path("kind").asText()).isEqualTo("trailer");
    }
}
