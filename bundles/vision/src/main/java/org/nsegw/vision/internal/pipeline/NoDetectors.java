package org.nsegw.vision.internal.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;

/**
 * The analyzer while this build has no detectors: frames are read, checked and watched for trucks, exits are
 * counted, but nothing is found. Replaced by the detectors of {@code org.nsegw.vision.internal.detect} when they are in.
 */
public final class NoDetectors implements FrameAnalyzer {

    @Override
    public List<Finding> vehicle(Mat bgr, Instant time) {
        return List.of();
    }

    @Override
    public Optional<Finding> road(Mat bgr, Instant time) {
        return Optional.empty();
    }
}
