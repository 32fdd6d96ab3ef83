package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nsegw bench uplink}, briefly: a small backlog and a few large packets go through a real Mosquitto to the
 * platform receiver, every case is verified and acknowledged, and the report has its figures.
 */
class BenchUplinkIT {

    @TempDir
    Path tmp;

    @Test
    void aShortRunDeliversEveryCaseAndReportsItsFigures() throws Exception {
        Assumptions.assumeTrue(UplinkBench.findMosquitto() != null, "Mosquitto is not installed (apt-get install mosquitto)");
        Path out = tmp.resolve("bench.out");
        int exit = GatewayProcess.run(out, Duration.ofSeconds(120), "bench", "uplink", "--backlog", "40", "--packets", "3",
                "--large-packets", "2", "--large-image-kb", "400");
        String text = Files.readString(out);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("| figure | measured |", "| (a) case notices PUBACKed by the broker per second, steady",
                "| (b) cases VERIFIED by the platform per second, steady", "| backlog of 40 cases drained",
                "| packet throughput, 3 packets of ", " MB/s |", "backlog: unacknowledged cases left in the outbox | 0 |",
                "large: unacknowledged cases left in the outbox | 0 |", "| packet throughput, 2 packets of ",
                "Every case was verified by the platform and acknowledged in the outbox.", "cores");
        assertThat(text).containsPattern("\\| backlog of 40 cases drained \\(uplink start to last VERIFIED\\) \\| \\d+\\.\\d\\d s \\|");
    }
}
