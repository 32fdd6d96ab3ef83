package org.nsegw.vision.internal.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nsegw.api.vision.ObservationKind;

/**
 * Whether the road at an exit stays dirty. A dirty road is the site's responsibility, not a passing truck's, and one
 * frame proves little (a truck's shadow, a puddle, a frame of noise): it is reported only when the frames' dirty-road
 * confidence has stayed at or above the threshold for {@code sustain}, with no clean stretch longer than {@code gap};
 * then again every {@code repeat} while it lasts. A clean stretch longer than {@code gap} ends the episode.
 *
 * <p>Pure and single-threaded: feed it the frames of one camera in time order.
 */
public final class RoadWatch {

    private static final int KEPT = 512;

    private final Duration sustain;
    private final double threshold;
    private final Duration gap;
    private final Duration repeat;
    private Instant since;
    private Instant lastDirty;
    private Instant lastReport;
    private Instant lastFrame;
    private final List<double[]> window = new ArrayList<>();

    /**
     * @param sustain   how long the road must stay dirty before it is reported, e.g. 10 minutes
     * @param threshold the per-frame confidence that counts as dirty (the site's {@code dirtyRoadConfidence})
     * @param gap       the longest clean stretch that does not end an episode (a truck standing on the dirt)
     * @param repeat    how often a lasting episode is reported again
     */
    public RoadWatch(Duration sustain, double threshold, Duration gap, Duration repeat) {
        this.sustain = Objects.requireNonNull(sustain, "sustain");
        this.gap = Objects.requireNonNull(gap, "gap");
        this.repeat = Objects.requireNonNull(repeat, "repeat");
        if (sustain.isNegative() || gap.isNegative() || repeat.isNegative() || repeat.isZero()) {
            throw new IllegalArgumentException("sustain and gap must not be negative, repeat must be positive");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be above 0 and at most 1, not " + threshold);
        }
        this.threshold = threshold;
    }

    /**
     * Takes one frame's dirty-road detection.
     *
     * @return the sustained detection when one is due: its score and confidence are the medians over the episode, its
     *         boxes the latest frame's
     * @throws IllegalArgumentException if the frame is older than the one before, or not a dirty-road detection
     */
    public Optional<Detection> observe(Instant time, Detection frame) {
        Objects.requireNonNull(time, "time");
        if (frame.kind() != ObservationKind.DIRTY_ROAD) {
            throw new IllegalArgumentException("a road watch takes DIRTY_ROAD detections, not " + frame.kind());
        }
        if (lastFrame != null && time.isBefore(lastFrame)) {
            throw new IllegalArgumentException("frames must come in time order: " + time + " is before " + lastFrame);
        }
        lastFrame = time;
        if (frame.atLeast(threshold)) {
            if (since == null) {
                since = time;
            }
            lastDirty = time;
            window.add(new double[] {frame.score(), frame.confidence()});
            if (window.size() > KEPT) {
                window.remove(0);
            }
        } else if (since != null && Duration.between(lastDirty, time).compareTo(gap) > 0) {
            reset();
            return Optional.empty();
        }
        if (since == null || Duration.between(since, time).compareTo(sustain) < 0) {
            return Optional.empty();
        }
        if (lastReport != null && Duration.between(lastReport, time).compareTo(repeat) < 0) {
            return Optional.empty();
        }
        lastReport = time;
        return Optional.of(new Detection(ObservationKind.DIRTY_ROAD, median(0), median(1), frame.where()));
    }

    /** Since when the road has been dirty in the current episode, if it is. */
    public Optional<Instant> dirtySince() {
        return Optional.ofNullable(since);
    }

    private void reset() {
        since = null;
        lastDirty = null;
        lastReport = null;
        window.clear();
    }

    private double median(int column) {
        double[] v = window.stream().mapToDouble(a -> a[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    @Override
    public String toString() {
        return "RoadWatch[since=" + since + ", frames=" + window.size() + ", " + Arrays.asList(sustain, gap, repeat) + "]";
    }
}
