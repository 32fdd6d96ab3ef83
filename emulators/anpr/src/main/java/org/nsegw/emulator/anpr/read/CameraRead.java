package org.nsegw.emulator.anpr.read;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.nsegw.api.anpr.PlateColor;

/**
 * A read as the camera makes it: the sighting, and what the camera's recognition and faults make of it.
 *
 * @param sighting      what the camera saw (the truth)
 * @param sequence      the camera's event number, from 1
 * @param eventId       the event's id in the messages: the ISAPI {@code UUID}, or for Dahua the stem of the picture
 *                      names (TollgateInfo carries no event id); the same on a duplicate push
 * @param sentPlate     the plate as recognised: the true plate, or with one character misread
 * @param plateText     the text as sent: the recognised plate, possibly with the colour word in front
 * @param color         the plate's colour
 * @param confidence    the confidence the camera reports, 0 to 100
 * @param misread       whether {@code sentPlate} differs from the true plate
 * @param colorPrefixed whether {@code plateText} carries the colour word
 * @param lowConfidence whether the confidence was lowered by the fault
 * @param missed        whether the camera failed to read the vehicle at all (nothing is sent)
 * @param duplicate     whether the camera sends the event twice
 * @param cameraTime    when the camera says it saw the vehicle: the true time plus its clock offset, to the millisecond, in
 *                      its zone
 */
public record CameraRead(
        Sighting sighting,
        long sequence,
        String eventId,
        String sentPlate,
        String plateText,
        PlateColor color,
        int confidence,
        boolean misread,
        boolean colorPrefixed,
        boolean lowConfidence,
        boolean missed,
        boolean duplicate,
        OffsetDateTime cameraTime) {

    public CameraRead {
        Objects.requireNonNull(sighting, "sighting");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sentPlate, "sentPlate");
        Objects.requireNonNull(plateText, "plateText");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(cameraTime, "cameraTime");
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0..100, not " + confidence);
        }
    }
}
