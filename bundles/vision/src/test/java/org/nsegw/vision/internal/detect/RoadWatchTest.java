package org.nsegw.vision.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nsegw.api.vision.ObservationKind;

class RoadWatchTest {

    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    final RoadWatch watch = new RoadWatch(Duration.ofMinutes(10), 0.9, Duration.ofMinutes(2), Duration.ofMinutes(30));

    static Detection road(double confidence) {
        return new Detection(ObservationKind.DIRTY_ROAD, confidence / 4, confidence, List.of(new Box(1, 2, 3, 4)));
    }

    /** Frames every 30 s from {@code from} (minutes) for {@code minutes}; the reports. */
    private List<Detection> feed(double fromMinutes, double minutes, double confidence) {
        return java.util.stream.IntStream.range(0, (int) (minutes * 2))
                .mapToObj(i -> watch.observe(T0.plusSeconds((long) (fromMinutes * 60) + i * 30L), road(confidence)))
                .flatMap(Optional::stream).toList();
    }

    @Test
    void aDirtyRoadIsReportedOnlyOnceItHasLasted() {
        assertThat(feed(0, 9.5, 0.95)).isEmpty();
        assertThat(watch.dirtySince()).contains(T0);
        List<Detection> reports = feed(9.5, 1, 0.95);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).confidence()).isEqualTo(0.95);
        assertThat(reports.get(0).where()).containsExactly(new Box(1, 2, 3, 4));
    }

    @Test
    void aLastingEpisodeIsReportedAgainAfterTheRepeatTime() {
        assertThat(feed(0, 45, 0.95)).hasSize(2); // at 10 and 40 minutes
    }

    @Test
    void aShortCleanStretchDoesNotEndTheEpisodeButALongOneDoes() {
        feed(0, 5, 0.95);
        feed(5, 1.5, 0.2); // a truck on the dirt: 90 s clean
        assertThat(feed(6.5, 4, 0.95)).hasSize(1);
        RoadWatch other = new RoadWatch(Duration.ofMinutes(10), 0.9, Duration.ofMinutes(2), Duration.ofMinutes(30));
        for (int i = 0; i < 10; i++) {
            other.observe(T0.plusSeconds(i * 30L), road(0.95));
        }
        other.observe(T0.plusSeconds(400), road(0.1)); // more than 2 minutes after the last dirty frame
        assertThat(other.dirtySince()).isEmpty();
    }

    @Test
    void theReportedConfidenceIsTheEpisodesMedian() {
        for (int i = 0; i <= 20; i++) {
            Optional<Detection> r = watch.observe(T0.plusSeconds(i * 30L), road(i % 3 == 0 ? 0.99 : 0.92));
            if (i == 20) {
                assertThat(r).isPresent();
                assertThat(r.get().confidence()).isEqualTo(0.92);
            }
        }
    }

    @Test
    void refusesFramesOutOfOrderAndOtherKinds() {
        watch.observe(T0.plusSeconds(60), road(0.5));
        assertThatThrownBy(() -> watch.observe(T0, road(0.5))).hasMessageContaining("time order");
        assertThatThrownBy(() -> watch.observe(T0.plusSeconds(90), new Detection(ObservationKind.MUDDY_VEHICLE, 0.5, 0.5, List.of())))
                .hasMessageContaining("DIRTY_ROAD");
        assertThatThrownBy(() -> new RoadWatch(Duration.ofMinutes(1), 0, Duration.ZERO, Duration.ofMinutes(1))).hasMessageContaining("threshold");
    }
}
