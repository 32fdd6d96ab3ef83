package org.nsegw.vision.internal.pipeline;

import java.util.List;
import java.util.Objects;
import org.nsegw.api.vision.ObservationKind;
import org.opencv.core.Rect;

/**
 * What a detector found on one frame.
 *
 * @param kind       what
 * @param score      the detector's measure (e.g. the share of the wheel zone covered by mud), 0 to 1
 * @param confidence how sure it is, 0 to 1
 * @param boxes      where, in pixels of the frame, to draw on the annotated image
 */
public record Finding(ObservationKind kind, double score, double confidence, List<Rect> boxes) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        if (!(score >= 0 && score <= 1) || !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("score and confidence are 0..1, not " + score + ", " + confidence);
        }
        boxes = List.copyOf(boxes);
    }
}
