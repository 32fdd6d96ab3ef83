package org.nsegw.emulator.anpr.read;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * When a camera sees each vehicle of its lane. Vehicles drive at constant speed, so a camera {@code d} metres along the
 * road from the weigh sensor sees a plate {@code d / speed} after that plate's end of the vehicle crossed the sensor:
 * a front camera (d &lt; 0) sees the front plate before the first axle crosses, a rear camera (d &gt; 0) sees the rear
 * plate after the last axle has crossed. Gate cameras read the front plate at the vehicle's time.
 */
public final class CameraTiming {

    private CameraTiming() {
    }

    /** The camera's sightings of the vehicles in its lane, in order of time. */
    public static List<Sighting> sightings(EmulatedCamera camera, List<EmulatedVehicle> vehicles) {
        return vehicles.stream()
                .filter(v -> v.lane().equals(camera.lane()))
                .map(v -> sighting(camera, v))
                .sorted(Comparator.comparing(Sighting::time).thenComparingLong(s -> s.vehicle().serial()))
                .toList();
    }

    public static Sighting sighting(EmulatedCamera camera, EmulatedVehicle v) {
        return switch (camera.position()) {
            case FRONT -> new Sighting(camera, v, v.frontPlate(), after(v.time(), camera.distanceM(), v.speedKmh()));
            case REAR -> new Sighting(camera, v, v.rearPlate(), after(v.lastAxleTime(), camera.distanceM(), v.speedKmh()));
            case GATE -> new Sighting(camera, v, v.frontPlate(), v.time());
        };
    }

    /** When a vehicle at {@code speedKmh} has covered {@code distanceM} (negative: before) since {@code t}. */
    static Instant after(Instant t, double distanceM, double speedKmh) {
        return t.plusNanos(Math.round(distanceM / (speedKmh / 3.6) * 1e9));
    }
}
