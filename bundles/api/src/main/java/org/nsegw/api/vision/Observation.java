package org.nsegw.api.vision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nsegw.api.evidence.MediaRef;

/**
 * A detector's finding on a site-exit camera.
 *
 * @param cameraId   the camera's device id
 * @param lane       the exit lane the camera watches
 * @param time       the time of the frame the finding rests on (UTC)
 * @param kind       what was observed
 * @param score      the detector's measure, e.g. the share of the wheel zone covered by mud, 0 to 1
 * @param confidence how sure the detector is, 0 to 1
 * @param evidence   frames before/at/after, the annotated image and the clip, already durable
 */
public record Observation(
        String cameraId,
        String lane,
        Instant time,
        ObservationKind kind,
        double score,
        double confidence,
        List<MediaRef> evidence) {

    public Observation {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be 0..1, not " + score);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be 0..1, not " + confidence);
        }
        evidence = List.copyOf(evidence);
    }
}
