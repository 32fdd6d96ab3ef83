package org.nsegw.vision.internal.pipeline;

import java.time.Instant;
import org.opencv.core.Mat;

/** Whether a truck is at the exit on a frame, so that only those frames are analysed. Called from one thread. */
public interface Presence {

    boolean present(Mat bgr, Instant time);
}
