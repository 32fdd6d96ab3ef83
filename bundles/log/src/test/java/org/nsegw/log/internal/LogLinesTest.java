package org.nsegw.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;

class LogLinesTest {

    static final Instant T = Instant.parse("2026-11-23T10:45:46.123Z");

    @Test
    void aComponentLineShowsLocalTimeLevelBundleAndClass() {
        LogLine line = new LogLine(T, LogLevel.WARN, "org.nsegw.weigh.internal.WeighSensor", "org.nsegw.weigh",
                "Weigh sensor wim-L1 offline", null);
        assertThat(line.format(ZoneId.of("Asia/Shanghai")))
                .isEqualTo("2026-11-23 18:45:46.123+08:00 WARN  weigh.WeighSensor: Weigh sensor wim-L1 offline");
    }

    @Test
    void frameworkEventsAndOtherBundlesNameTheirBundle() {
        assertThat(new LogLine(T, LogLevel.INFO, "Events.Bundle.org.nsegw.api", "org.nsegw.api", "BundleEvent STARTED", null)
                .source()).isEqualTo("org.nsegw.api");
        assertThat(new LogLine(T, LogLevel.INFO, "org.apache.felix.scr.impl.Foo", "org.apache.felix.scr", "x", null).source())
                .isEqualTo("org.apache.felix.scr Foo");
        assertThat(new LogLine(T, LogLevel.INFO, "Events.Framework", "", "x", null).source()).isEqualTo("framework");
    }

    @Test
    void anExceptionFollowsOnTheNextLinesWithItsCause() {
        Exception e = new IllegalStateException("outer", new java.io.IOException("port vanished"));
        String text = new LogLine(T, LogLevel.ERROR, "org.nsegw.weigh.internal.WeighSensor", "org.nsegw.weigh", "read failed", e)
                .format(ZoneId.of("UTC"));
        assertThat(text.lines().findFirst()).hasValue("2026-11-23 10:45:46.123+00:00 ERROR weigh.WeighSensor: read failed");
        assertThat(text).contains("java.lang.IllegalStateException: outer", "Caused by: java.io.IOException: port vanished");
    }

    @Test
    void levelsComeFromTheRootAndNamedLoggersAndQuietTheFrameworkEvents() {
        List<String> rejected = new ArrayList<>();
        Map<String, LogLevel> levels = LogLine.levels("warn", new String[] {"org.nsegw.weigh=DEBUG", "broken", "x=LOUD",
            " org.nsegw.anpr = trace "}, rejected);
        assertThat(levels).containsEntry(Logger.ROOT_LOGGER_NAME, LogLevel.WARN)
                .containsEntry("org.nsegw.weigh", LogLevel.DEBUG)
                .containsEntry("org.nsegw.anpr", LogLevel.TRACE)
                .containsEntry("Events.Service", LogLevel.WARN);
        assertThat(rejected).containsExactly("broken", "x=LOUD");
        assertThat(LogLine.levels("nonsense", new String[0], rejected)).containsEntry(Logger.ROOT_LOGGER_NAME, LogLevel.INFO);
    }

    @Test
    void aLoggerTakesTheLevelOfItsNearestAncestor() {
        LogLevels levels = new LogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.INFO, "org.nsegw.weigh", LogLevel.DEBUG,
                "Events.Service", LogLevel.WARN));
        assertThat(levels.enabled("org.nsegw.weigh.internal.WeighSensor", LogLevel.DEBUG)).isTrue();
        assertThat(levels.enabled("org.nsegw.weigh.internal.WeighSensor", LogLevel.TRACE)).isFalse();
        assertThat(levels.enabled("org.nsegw.weighbridge.X", LogLevel.DEBUG)).as("a prefix is not an ancestor").isFalse();
        assertThat(levels.enabled("org.nsegw.anpr.internal.AnprCamera", LogLevel.INFO)).isTrue();
        assertThat(levels.enabled("org.nsegw.anpr.internal.AnprCamera", LogLevel.DEBUG)).isFalse();
        assertThat(levels.enabled("Events.Service.org.nsegw.health", LogLevel.INFO)).isFalse();
        assertThat(levels.enabled("Events.Service.org.nsegw.health", LogLevel.ERROR)).isTrue();
        assertThat(levels.enabled(null, LogLevel.INFO)).isTrue();
    }
}
