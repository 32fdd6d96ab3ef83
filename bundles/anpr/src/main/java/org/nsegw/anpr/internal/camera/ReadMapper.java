package org.nsegw.anpr.internal.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.plate.NormalizedPlate;
import org.nsegw.anpr.internal.plate.PlateNormalizer;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.evidence.MediaRef;

/**
 * Turns a camera's event into the gateway's plate read: the plate normalised (or kept as unreadable with the reason),
 * the read tied to the camera's lane and position, its time checked against the receive time, its direction and
 * confidence checked against the camera's settings. Nothing is dropped: what does not fit is flagged. Pure.
 */
public final class ReadMapper {

    private ReadMapper() {
    }

    /**
     * @param event    the event as parsed
     * @param settings the camera's settings
     * @param received when the gateway received the push
     * @param images   the event's pictures, already durable
     */
    public static PlateRead map(CameraEvent event, CameraSettings settings, Instant received, List<MediaRef> images) {
        NormalizedPlate plate = PlateNormalizer.normalize(event.plateText(), event.plateColor());
        List<String> notes = new ArrayList<>(plate.notes());
        if (!plate.isReadable()) {
            notes.add("unreadable: " + plate.unreadableReason());
        }
        Set<PlateReadFlag> flags = EnumSet.noneOf(PlateReadFlag.class);
        Instant cameraTime = event.cameraTime() == null ? null : event.cameraTime().toInstant();
        Instant time;
        if (cameraTime == null) {
            flags.add(PlateReadFlag.NO_CAMERA_TIME);
            notes.add("the camera sent no time; the receive time is used");
            time = received;
        } else {
            Duration off = Duration.between(received, cameraTime);
            if (off.abs().compareTo(settings.clockTolerance()) > 0) {
                flags.add(PlateReadFlag.CLOCK_OFFSET);
                notes.add("the camera's time " + event.cameraTime() + " is " + seconds(off.abs())
                        + (off.isNegative() ? " behind" : " ahead of") + " the receive time (tolerance " + seconds(settings.clockTolerance())
                        + "); the receive time is used");
                time = received;
            } else {
                time = cameraTime;
            }
        }
        String direction = direction(event.direction());
        if (!settings.direction().equals("any") && !direction.isEmpty() && !direction.equals(settings.direction())) {
            flags.add(PlateReadFlag.WRONG_DIRECTION);
            notes.add("the camera saw the vehicle moving " + direction + ", the camera is set up for " + settings.direction());
        }
        if (event.confidence() < 0 || event.confidence() < settings.lowConfidence()) {
            flags.add(PlateReadFlag.LOW_CONFIDENCE);
            if (event.confidence() < 0) {
                notes.add("the camera gave no confidence");
            }
        }
        return new PlateRead(settings.id(), settings.lane(), settings.position(), time, plate.plate(), plate.rawText(),
                plate.kind(), plate.color(), event.confidence(), event.eventId(), images, cameraTime, received, flags, notes);
    }

    /** {@code forward} or {@code reverse} from the vendors' words; empty when the camera did not say. */
    static String direction(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "forward", "obverse", "正向" -> "forward";
            case "reverse", "backward", "反向", "逆向" -> "reverse";
            default -> "";
        };
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
