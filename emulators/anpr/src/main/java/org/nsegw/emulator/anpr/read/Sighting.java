package org.nsegw.emulator.anpr.read;

import java.time.Instant;
import java.util.Objects;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * A camera seeing a vehicle: the truth of a read, before the camera's recognition and faults.
 *
 * @param camera  the camera
 * @param vehicle the vehicle
 * @param plate   the plate the camera faces: the front plate, or the rear (trailer) plate for rear cameras
 * @param time    when the plate passes the camera, by the true clock
 */
public record Sighting(EmulatedCamera camera, EmulatedVehicle vehicle, String plate, Instant time) {
    public Sighting {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(time, "time");
    }
}
