package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void librariesStartFirstThenTheApiAndTheLogWriterThenTheGateway() {
        List<String> jars = List.of("org.nsegw.weigh-0.1.jar", "org.nsegw.log-0.1.jar", "org.apache.felix.scr-2.2.jar",
                "org.nsegw.api-0.1.jar", "org.nsegw.health-0.1.jar", "jackson-core-2.20.jar");
        List<String> ordered = jars.stream().map(Path::of)
                .sorted(Comparator.comparing(Distribution::startOrder).thenComparing(p -> p.getFileName().toString()))
                .map(Path::toString).toList();
        assertThat(ordered).containsExactly("jackson-core-2.20.jar", "org.apache.felix.scr-2.2.jar", "org.nsegw.api-0.1.jar",
                "org.nsegw.log-0.1.jar", "org.nsegw.health-0.1.jar", "org.nsegw.weigh-0.1.jar");
    }

    @Test
    void thePipelineStopsFromTheSensorsDownSoThatFusionCanHandOnWhatItHolds() {
        // A framework stops the higher start levels first.
        assertThat(Distribution.startOrder(Path.of("org.nsegw.weigh-0.1.jar")))
                .isEqualTo(Distribution.startOrder(Path.of("org.nsegw.anpr-0.1.jar")))
                .isEqualTo(Distribution.startOrder(Path.of("org.nsegw.vision-0.1.jar")))
                .isEqualTo(Distribution.startOrder(Path.of("org.nsegw.console-0.1.jar")))
                .isEqualTo(Distribution.TOP_START_LEVEL)
                .isGreaterThan(Distribution.startOrder(Path.of("org.nsegw.fusion-0.1.jar")));
        assertThat(Distribution.startOrder(Path.of("org.nsegw.fusion-0.1.jar")))
                .isGreaterThan(Distribution.startOrder(Path.of("org.nsegw.rules-0.1.jar")));
        assertThat(Distribution.startOrder(Path.of("org.nsegw.rules-0.1.jar")))
                .isGreaterThan(Distribution.startOrder(Path.of("org.nsegw.journal-0.1.jar")));
        assertThat(Distribution.startOrder(Path.of("org.nsegw.journal-0.1.jar")))
                .isGreaterThan(Distribution.startOrder(Path.of("org.nsegw.log-0.1.jar")));
    }

    @Test
    void theDataDirectoryDefaultsToOnePerGateway() {
        assertThat(RunCommand.dataDir(Path.of("x"), "gw")).isEqualTo(Path.of("x").toAbsolutePath());
        if (System.getenv("NSEGW_DATA") == null) {
            assertThat(RunCommand.dataDir(null, "gw-7")).isEqualTo(Path.of("data", "gw-7").toAbsolutePath());
        }
    }
}
