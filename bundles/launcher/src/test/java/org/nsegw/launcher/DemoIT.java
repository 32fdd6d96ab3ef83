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
                "[site-example] ready", "5. Stopping the gateways (SIGTERM), then the emulators",
                "[bridge-example] stopped cleanly", "[site-example] stopped cleanly", "Summary",
                "Demo finished: every gateway started, applied its site file, weighed every truck its emulators sent");
        // The bridge's four WIM sensors online and weighing, every truck sent weighed, nothing rejected.
        java.util.regex.Matcher bridge = java.util.regex.Pattern
                .compile("bridge-example +hz-bridge-demo-gw1 +\\d+\\.\\d s +21 active +4/12 +(\\d+)/(\\d+) +0 frames +clean")
                .matcher(text);
        assertThat(bridge.find()).as(text).isTrue();
        assertThat(bridge.group(1)).isEqualTo(bridge.group(2));
        assertThat(Integer.parseInt(bridge.group(1))).isPositive();
        assertThat(text).containsPattern("site-example +yh-site-demo-gw1 +\\d+\\.\\d s +9 active +1/3 +(\\d+)/\\1 +0 frames +clean");
        assertThat(tmp.resolve("demo").resolve("hz-bridge-demo-gw1").resolve("log").resolve("nsegw.0.log")).exists();
    }
}
