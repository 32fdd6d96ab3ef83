package org.nsegw.vision.internal.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nsegw.api.vision.ObservationKind;

/**
 * One exit as the camera captured it: the frames from before the truck came to after it left (or, for the road, the
 * frames around the check that found it dirty), and the strongest finding of each kind with the frame it is on.
 *
 * @param frames     the frames in order
 * @param firstAt    the index of the first frame with the truck (or the road check)
 * @param firstAfter the index of the first frame after it left; {@code frames.size()} when none
 * @param best       the strongest finding of each kind and its frame index
 */
public record Capture(List<Shot> frames, int firstAt, int firstAfter, Map<ObservationKind, Best> best) {

    /** A finding and the index of its frame. */
    public record Best(Finding finding, int frame) {
    }

    public Capture {
        frames = List.copyOf(frames);
        best = Map.copyOf(best);
    }

    public Instant start() {
        return frames.get(0).time();
    }

    /**
     * The earliest frame kept from before the truck came (the frame just before presence was noticed may already show
     * the truck coming), or the first with it when none was kept.
     */
    public Shot before() {
        return frames.get(0);
    }

    /** The first frame after the truck left, or the last frame when none came. */
    public Shot after() {
        return frames.get(Math.min(firstAfter, frames.size() - 1));
    }
}
