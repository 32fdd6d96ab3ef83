package org.nsegw.api.anpr;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nsegw.api.evidence.MediaRef;

/**
 * One plate read reported by an ANPR camera, normalised by the gateway.
 *
 * @param cameraId   the camera's device id
 * @param lane       the lane the camera serves
 * @param position   front, rear or gate
 * @param time       when the camera saw the vehicle, corrected for the camera's known clock offset (UTC)
 * @param plate      the normalised plate, e.g. {@code 浙A12345}; empty when unreadable
 * @param rawText    the text exactly as the camera sent it, e.g. {@code 蓝浙A12345}
 * @param kind       the plate format, {@link PlateKind#UNREADABLE} when {@code plate} is empty
 * @param color      the plate colour
 * @param confidence the camera's confidence, 0 to 100
 * @param eventId    the camera's event id, used to recognise duplicate pushes
 * @param images     the images of the read, already durable in the data directory
 */
public record PlateRead(
        String cameraId,
        String lane,
        CameraPosition position,
        Instant time,
        String plate,
        String rawText,
        PlateKind kind,
        PlateColor color,
        int confidence,
        String eventId,
        List<MediaRef> images) {

    public PlateRead {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(rawText, "rawText");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(eventId, "eventId");
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0..100, not " + confidence);
        }
        if (plate.isEmpty() != (kind == PlateKind.UNREADABLE)) {
            throw new IllegalArgumentException("plate '" + plate + "' does not match kind " + kind);
        }
        images = List.copyOf(images);
    }

    public boolean isReadable() {
        return !plate.isEmpty();
    }
}
