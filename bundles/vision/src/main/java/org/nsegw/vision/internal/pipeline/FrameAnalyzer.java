package org.nsegw.vision.internal.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;

/**
 * The detectors as the pipeline sees them, for one camera (its regions and clean-road reference are the analyzer's).
 * The pipeline calls {@link #vehicle} only on frames with a truck at the exit and {@link #road} only on frames without
 * one, every few seconds. Called from one thread; may keep state (a dirty road must stay dirty to count).
 */
public interface FrameAnalyzer {

    /** Mud and uncovered loads on a frame with a truck; empty when nothing is found. */
    List<Finding> vehicle(Mat bgr, Instant time);

    /** A finding when the road at the exit has been dirty for long enough, judged on a frame without a truck. */
    Optional<Finding> road(Mat bgr, Instant time);
}
