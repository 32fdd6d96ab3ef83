package org.nsegw.api.anpr;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.nsegw.api.evidence.MediaRef;

/**
 * One plate read reported by an ANPR camera, normalised by the gateway.
 *
 * @param cameraId   the camera's device id
 * @param lane       the lane the camera serves
 * @param position   front, rear or gate
 * @param time       when the vehicle was seen: the camera's time, or the gateway's receive time when the camera's was
 *                   missing or out of tolerance (see {@link PlateReadFlag#CLOCK_OFFSET})
 * @param plate      the normalised plate, e.g. {@code 浙A12345}; empty when unreadable
 * @param rawText    the text exactly as the camera sent it, e.g. {@code 蓝浙A12345}
 * @param kind       the plate format, {@link PlateKind#UNREADABLE} when {@code plate} is empty
 * @param color      the plate colour
 * @param confidence the camera's confidence, 0 to 100, or -1 when the camera gave none
 * @param eventId    the camera's event id, used to recognise duplicate pushes
 * @param images     the images of the read, already durable in the data directory
 * @param cameraTime the time by the camera's clock as it sent it, or {@code null} when the message had none
 * @param received   when the gateway received the read
 * @param flags      what the gateway noticed (clock offset, direction, confidence)
 * @param notes      what plate normalisation did and noticed, in words, for the evidence record (e.g.
 *                   {@code colour word 蓝 removed}, {@code full-width characters made half-width})
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
        List<MediaRef> images,
        Instant cameraTime,
        Instant received,
        Set<PlateReadFlag> flags,
        List<String> notes) {

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
        Objects.requireNonNull(received, "received");
        if (confidence < -1 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0..100 or -1, not " + confidence);
        }
        if (plate.isEmpty() != (kind == PlateKind.UNREADABLE)) {
            throw new IllegalArgumentException("plate '" + plate + "' does not match kind " + kind);
        }
        images = List.copyOf(images);
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(PlateReadFlag.class) : EnumSet.copyOf(flags));
        notes = List.copyOf(notes);
    }

    public Optional<Instant> cameraTimeIfAny() {
        return Optional.ofNullable(cameraTime);
    }

    public boolean isReadable() {
        return !plate.isEmpty();
    }
}
