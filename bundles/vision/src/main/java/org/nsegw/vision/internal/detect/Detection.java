package org.nsegw.vision.internal.detect;

import java.util.List;
import java.util.Objects;
import org.nsegw.api.vision.ObservationKind;

/**
 * What a detector found in one frame.
 *
 * @param kind       what it is about
 * @param score      the measure the detector rests on, 0 to 1: the share of the wheel zone covered by mud, of the body
 *                   zone showing spoil, of the road zone covered by mud (less the clean reference's share)
 * @param confidence how sure the detector is that the violation is there, 0 to 1; the site's
 *                   {@code cleanliness.*Confidence} is the threshold
 * @param where      where it saw it, in pixels of the analysed frame (biggest first); empty when it saw nothing
 */
public record Detection(ObservationKind kind, double score, double confidence, List<Box> where) {

    public Detection {
        Objects.requireNonNull(kind, "kind");
        if (!(score >= 0 && score <= 1) || !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("score and confidence are 0 to 1, not " + score + " and " + confidence);
        }
        where = List.copyOf(where);
    }

    /** Whether it is a violation at the given confidence threshold. */
    public boolean atLeast(double threshold) {
        return confidence >= threshold;
    }
}
