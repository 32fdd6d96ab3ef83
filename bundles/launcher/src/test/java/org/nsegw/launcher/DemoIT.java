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
        int exit = GatewayProcess.run(out, Duration.ofMinutes(3), "demo", "--seconds", "1", "--data", tmp.resolve("demo").toString());
        String text = Files.readString(out);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("1. Checking the site files", "[bridge-example] edge-config/bridge-example.yaml: valid",
                "[site-example] ready", "4. Stopping the gateways (SIGTERM)",
                "[bridge-example] stopped cleanly", "[site-example] stopped cleanly", "Summary",
                "Demo finished: every gateway started, applied its site file and stopped cleanly.");
        assertThat(text).containsPattern("bridge-example +hz-bridge-demo-gw1 +\\d+\\.\\d s +21 active +0/12 +clean");
        assertThat(text).containsPattern("site-example +yh-site-demo-gw1 +\\d+\\.\\d s +9 active +0/3 +clean");
        assertThat(tmp.resolve("demo").resolve("hz-bridge-demo-gw1").resolve("log").resolve("nsegw.0.log")).exists();
    }
}
