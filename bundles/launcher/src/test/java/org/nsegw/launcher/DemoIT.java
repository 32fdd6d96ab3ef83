package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nsegw demo}: both examples on gateways of their own, started, watched, stopped and summarised. */
class DemoIT {

    @TempDir
    Path tmp;

    @Test
    void theDemoRunsBothExamplesAndEndsWithASummary() throws Exception {
        Path out = tmp.resolve("demo.out");
        int exit = GatewayProcess.run(out, Duration.ofMinutes(3), "demo", "--seconds", "10", "--data", tmp.resolve("demo").toString());
        String text = Files.readString(out);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("1. Checking the site files", "[bridge-example] edge-config/bridge-example.yaml: valid",
                "[bridge-example] 4 weigh emulator(s) on socat serial lines", "[site-example] 1 weigh emulator(s)",
                "[bridge-example] 8 ANPR camera emulator(s) to read the same trucks", "[site-example] 1 ANPR camera emulator(s)",
                "[site-example] ready", "5. Letting the last trucks pass, then stopping the cameras, the gateways (SIGTERM) and the weigh emulators",
                "[bridge-example] stopped cleanly", "[site-example] stopped cleanly", "Summary",
                "Demo finished: every gateway started, applied its site file, weighed every truck its emulators sent, "
                        + "stored every plate read its cameras delivered, judged every passage", "evidence packet that verifies");
        // The bridge's four WIM sensors and its cameras online, every truck sent weighed, every plate read delivered
        // stored, nothing rejected.
        java.util.regex.Matcher bridge = java.util.regex.Pattern.compile("bridge-example +hz-bridge-demo-gw1 +\\d+\\.\\d s +\\d+ active"
                + " +(\\d+)/12 +(\\d+)/(\\d+) +(\\d+)/(\\d+) +0 frames +clean").matcher(text);
        assertThat(bridge.find()).as(text).isTrue();
        assertThat(Integer.parseInt(bridge.group(1))).as("devices online").isGreaterThan(4);
        // ready only once every bundle has started: the sensors' bundles start last (the highest start level)
        java.util.regex.Matcher ready = java.util.regex.Pattern.compile("\\[bridge-example\\] ready [\\d.]+ s after launch: (\\d+) components active")
                .matcher(text);
        assertThat(ready.find()).as(text).isTrue();
        assertThat(Integer.parseInt(ready.group(1))).as("components active when ready").isGreaterThanOrEqualTo(25);
        assertThat(bridge.group(2)).isEqualTo(bridge.group(3));
        assertThat(Integer.parseInt(bridge.group(2))).isPositive();
        assertThat(bridge.group(4)).isEqualTo(bridge.group(5));
        assertThat(Integer.parseInt(bridge.group(4))).as("plates read").isPositive();
        java.util.regex.Matcher site = java.util.regex.Pattern.compile("site-example +yh-site-demo-gw1 +\\d+\\.\\d s +\\d+ active"
                + " +\\d/3 +(\\d+)/(\\d+) +(\\d+)/(\\d+) +0 frames +clean").matcher(text);
        assertThat(site.find()).as(text).isTrue();
        assertThat(site.group(1)).isEqualTo(site.group(2));
        assertThat(site.group(3)).isEqualTo(site.group(4));
        // Every truck weighed became a passage, every passage got a verdict, and judging them again gives the same.
        java.util.regex.Matcher decided = java.util.regex.Pattern.compile("\\n  bridge-example +(\\d+) +(\\d+) +(\\d+) +(\\d+) +same verdicts +(\\d+) verified, chained")
                .matcher(text);
        assertThat(decided.find()).as(text).isTrue();
        int passages = Integer.parseInt(decided.group(1));
        assertThat(passages).as("passages").isGreaterThanOrEqualTo(Integer.parseInt(bridge.group(2)));
        assertThat(Integer.parseInt(decided.group(2)) + Integer.parseInt(decided.group(3)) + Integer.parseInt(decided.group(4)))
                .as("verdicts").isEqualTo(passages);
        assertThat(Integer.parseInt(decided.group(5))).as("evidence packets that verify").isEqualTo(passages);
        assertThat(text).containsPattern("\\n  site-example +\\d+ +\\d+ +\\d+ +\\d+ +same verdicts +\\d+ verified");
        assertThat(tmp.resolve("demo").resolve("hz-bridge-demo-gw1").resolve("journal")).isDirectory();
        assertThat(tmp.resolve("demo").resolve("hz-bridge-demo-gw1").resolve("media").resolve("anpr")).isDirectory();
        assertThat(tmp.resolve("demo").resolve("hz-bridge-demo-gw1").resolve("log").resolve("nsegw.0.log")).exists();
    }
}
