package org.nsegw.emulator.traffic;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nsegw.api.weigh.Axle;

/**
 * One vehicle of a scenario: the truth the emulators render and the tests compare the gateway's results with.
 *
 * @param serial     its number in the scenario, from 1
 * @param kind       its axle configuration
 * @param lane       the lane it drives in
 * @param time       when its first axle crosses the weigh sensor (or stops on the scale)
 * @param speedKmh   its speed over the sensor, constant
 * @param axles      true axle loads (static) and spacings, front to back
 * @param frontPlate the tractor's (or truck's) plate
 * @param rearPlate  the plate at the back: the trailer's 挂 plate for combinations, else the front plate
 */
public record EmulatedVehicle(
        long serial,
        VehicleClass kind,
        String lane,
        Instant time,
        double speedKmh,
        List<Axle> axles,
        String frontPlate,
        String rearPlate) {

    public EmulatedVehicle {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(time, "time");
        axles = List.copyOf(axles);
        if (axles.size() != kind.axles()) {
            throw new IllegalArgumentException(kind + " has " + kind.axles() + " axles, not " + axles.size());
        }
    }

    public int grossKg() {
        return axles.stream().mapToInt(Axle::loadKg).sum();
    }

    /** Over the Art. 3 limit of its class, without any tolerance. */
    public boolean isOverweight() {
        return grossKg() > kind.limitKg();
    }

    /** From the first axle to the last, in mm. */
    public int wheelbaseMm() {
        return axles.stream().mapToInt(Axle::spacingToPreviousMm).sum();
    }

    /** When the last axle crosses the sensor. */
    public Instant lastAxleTime() {
        return time.plusNanos(Math.round(wheelbaseMm() / 1000.0 / (speedKmh / 3.6) * 1e9));
    }

    /** The same vehicle {@code shift} later (earlier, if negative). */
    public EmulatedVehicle movedBy(java.time.Duration shift) {
        return new EmulatedVehicle(serial, kind, lane, time.plus(shift), speedKmh, axles, frontPlate, rearPlate);
    }
}
