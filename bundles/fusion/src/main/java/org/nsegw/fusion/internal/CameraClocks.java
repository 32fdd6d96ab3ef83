package org.nsegw.fusion.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;

/**
 * When a read flagged CLOCK_OFFSET was seen. The anpr bundle flags both a late push and a camera whose clock is off,
 * and gives the receive time, as one read cannot tell them apart; the camera's recent reads can:
 * <ul>
 * <li>when most of them were on time, the clock is right and the flagged read was a late retry, seen at the camera's
 * own time;</li>
 * <li>when most of them were flagged with the same offset (within {@link #STEADY}), the clock is off by that much: the
 * camera's time less the offset is the receive time of a prompt push, at most {@link #PUSH_DELAY} after the
 * sighting;</li>
 * <li>otherwise only the receive time is known.</li>
 * </ul>
 */
final class CameraClocks {

    /** How many recent reads of each camera are remembered. */
    static final int RECENT = 20;
    /** How many the judgement needs. */
    static final int ENOUGH = 5;
    /** How far the offsets of a camera whose clock is off may spread to be taken as one offset. */
    static final Duration STEADY = Duration.ofMillis(1500);
    /** How long a prompt push takes from the sighting to the gateway. */
    static final double PUSH_DELAY = 1.0;

    /** One read of a camera: whether it was flagged, and camera time less receive time. */
    private record Sample(boolean flagged, long offsetMs) {
    }

    private final Map<String, Deque<Sample>> byCamera = new HashMap<>();

    /** Remembers the read and returns where its true time lies, or null if only the receive time is known. */
    Span seen(PlateRead read) {
        Deque<Sample> recent = byCamera.computeIfAbsent(read.cameraId(), c -> new ArrayDeque<>());
        boolean flagged = read.flags().contains(PlateReadFlag.CLOCK_OFFSET);
        boolean timed = read.cameraTime() != null && !read.flags().contains(PlateReadFlag.NO_CAMERA_TIME);
        if (timed) {
            recent.addLast(new Sample(flagged, Duration.between(read.received(), read.cameraTime()).toMillis()));
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        if (!timed) {
            return null;
        }
        if (!flagged) {
            return Span.at(read.time());
        }
        long flaggedCount = recent.stream().filter(Sample::flagged).count();
        if (recent.size() < ENOUGH) {
            return null;
        }
        if (flaggedCount * 4 < recent.size()) {
            return Span.at(read.cameraTime()); // a healthy clock: this push came late
        }
        List<Long> offsets = recent.stream().filter(Sample::flagged).map(Sample::offsetMs).sorted().toList();
        if (flaggedCount * 4 < recent.size() * 3 || offsets.size() < ENOUGH) {
            return null; // neither mostly on time nor mostly off
        }
        long low = offsets.get(offsets.size() / 4);
        long high = offsets.get(offsets.size() * 3 / 4);
        if (high - low > STEADY.toMillis()) {
            return null;
        }
        Instant promptReceive = read.cameraTime().minusMillis(offsets.get(offsets.size() / 2));
        return new Span(TimeModel.plus(promptReceive, -PUSH_DELAY), promptReceive);
    }
}
