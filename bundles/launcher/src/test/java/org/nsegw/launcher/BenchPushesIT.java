package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nsegw bench pushes}, briefly: pushes go through the real receiver into the real store, the report has its
 * table, no push failed, and every push answered 200 is on disk.
 */
class BenchPushesIT {

    @TempDir
    Path tmp;

    @Test
    void aShortRunReportsItsFiguresAndStoresEveryPushItAnswered() throws Exception {
        Path out = tmp.resolve("bench.out");
        Path data = tmp.resolve("data");
        int exit = GatewayProcess.run(out, Duration.ofSeconds(60), "bench", "pushes", "--seconds", "2", "--warmup", "1",
                "--clients", "2", "--data", data.toString(), "--timeline");
        String text = Files.readString(out);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("| figure | measured |", "| pushes/s answered 200 | ", "| latency p99 | ", "| errors (not 200) | 0 |",
                "2 JPEGs (scenes of ", "Second by second", "Every push was answered 200 and its read stored once");
        long answered = figure(text, "answered 200 \\(warm-up and measured\\)");
        assertThat(answered).as(text).isPositive();
        assertThat(figure(text, "reads stored \\(read.json on disk\\)")).as(text).isEqualTo(answered);
        assertThat(figure(text, "reads passed on by the cameras")).as(text).isEqualTo(answered);
        assertThat(figure(text, "pushes answered 200 in the measured period")).as(text).isPositive();
        assertThat(data.resolve("media")).as("the stored reads are removed afterwards").doesNotExist();
    }

    @Test
    void aDataFolderThatIsNotEmptyIsRefused() throws Exception {
        Path out = tmp.resolve("refused.out");
        Files.createDirectories(tmp.resolve("used"));
        Files.writeString(tmp.resolve("used").resolve("something"), "x");
        int exit = GatewayProcess.run(out, Duration.ofSeconds(30), "bench", "pushes", "--data", tmp.resolve("used").toString());
        assertThat(exit).isEqualTo(Nsegw.EXIT_INVALID);
        assertThat(Files.readString(out)).contains("is not empty; give a new or empty folder");
    }

    private static long figure(String text, String name) {
        Matcher m = Pattern.compile("\\| " + name + " \\| ([\\d,]+) \\|").matcher(text);
        assertThat(m.find()).as("'" + name + "' in%n%s", text).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
