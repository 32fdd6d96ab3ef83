package org.nsegw.emulator.anpr.message;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.image.PlateImages;
import org.nsegw.emulator.anpr.read.CameraRead;
import org.nsegw.emulator.anpr.read.Recognizer;
import org.nsegw.emulator.traffic.VehicleClass;

/**
 * Everything a camera's message about one read carries, whatever the vendor: the input of the message builders.
 *
 * @param camera       the camera that sends it
 * @param sequence     the camera's event number, from 1
 * @param eventId      the event id (ISAPI UUID; for Dahua the stem of the picture names)
 * @param cameraTime   the time by the camera's clock, with its offset
 * @param plateText    the plate text as sent (possibly with a colour word in front)
 * @param color        the plate's colour
 * @param confidence   the confidence, 0 to 100
 * @param vehicleClass the vehicle's axle configuration, for the vendor's vehicle type word
 * @param vehicleColor the vehicle's body colour (Dahua's words: White, Yellow...)
 * @param speedKmh     the vehicle's speed
 * @param images       the scene and the plate close-up
 */
public record AnprEvent(
        EmulatedCamera camera,
        long sequence,
        String eventId,
        OffsetDateTime cameraTime,
        String plateText,
        PlateColor color,
        int confidence,
        VehicleClass vehicleClass,
        String vehicleColor,
        double speedKmh,
        PlateImages.Rendered images) {

    public AnprEvent {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(cameraTime, "cameraTime");
        Objects.requireNonNull(plateText, "plateText");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(vehicleClass, "vehicleClass");
        Objects.requireNonNull(vehicleColor, "vehicleColor");
        Objects.requireNonNull(images, "images");
    }

    /** The event of a read, with its pictures. */
    public static AnprEvent of(CameraRead read, PlateImages.Rendered images) {
        var v = read.sighting().vehicle();
        return new AnprEvent(read.sighting().camera(), read.sequence(), read.eventId(), read.cameraTime(), read.plateText(),
                read.color(), read.confidence(), v.kind(), Recognizer.vehicleColor(v), v.speedKmh(), images);
    }
}
