package org.nsegw.vision.internal.pipeline;

import java.time.Instant;
import org.opencv.core.Mat;

/** Whether a truck is at the exit on a frame, so that only those frames are analysed. Called from one thread. */
public interface Presence {

    boolean present(Mat bgr, Instant time);

    /**
     * An exit lasted as long as an exit may: whatever is in view now is taken as the empty exit from here on (a
     * background learnt with a truck in it, or a truck parked at the gate, would otherwise hold presence forever).
     */
    default void relearn() {
    }
}
