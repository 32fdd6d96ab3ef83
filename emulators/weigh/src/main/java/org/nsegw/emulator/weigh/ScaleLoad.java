package org.nsegw.emulator.weigh;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * What a static truck scale shows over time as vehicles of a scenario cross it one after the other: each drives on
 * (motion, load rising), stands (steady, the gross within one division), and drives off (motion, load falling).
 * Pure: the display at any instant.
 *
 * @param vehicles   the vehicles, in order, each arriving at its scenario time or when the scale is free
 * @param driveOn    how long driving on takes
 * @param stand      how long each vehicle stands still
 * @param driveOff   how long driving off takes
 * @param divisionKg the scale's division: the display is rounded to it
 */
public record ScaleLoad(List<EmulatedVehicle> vehicles, Duration driveOn, Duration stand, Duration driveOff, int divisionKg) {

    /** One vehicle's visit: when it arrives on the scale. */
    public record Visit(EmulatedVehicle vehicle, Instant arrive, Instant stable, Instant leave, Instant gone) {
    }

    public ScaleLoad {
        vehicles = List.copyOf(vehicles);
        if (divisionKg < 1) {
            throw new IllegalArgumentException("the division must be at least 1 kg");
        }
    }

    /** The visits, each vehicle waiting until the previous one has gone. */
    public List<Visit> visits() {
        Instant free = Instant.MIN;
        java.util.ArrayList<Visit> visits = new java.util.ArrayList<>();
        for (EmulatedVehicle v : vehicles) {
            // A waiting truck drives on a drive-off time after the last one is off: the scale shows empty in between, as
            // a scale driver needs to tell two trucks apart.
            Instant arrive = v.time().isAfter(free) ? v.time() : free.plus(driveOff);
            Instant stable = arrive.plus(driveOn);
            Instant leave = stable.plus(stand);
            Instant gone = leave.plus(driveOff);
            visits.add(new Visit(v, arrive, stable, leave, gone));
            free = gone;
        }
        return visits;
    }

    /**
     * The load at {@code t} in kg (rounded to the division) and whether it is moving; empty when nothing is on the
     * scale.
     */
    public Optional<Reading> at(List<Visit> visits, Instant t) {
        for (Visit v : visits) {
            if (t.isBefore(v.arrive()) || !t.isBefore(v.gone())) {
                continue;
            }
            int gross = v.vehicle().grossKg();
            if (t.isBefore(v.stable())) {
                return Optional.of(new Reading(round(gross * fraction(v.arrive(), v.stable(), t)), true));
            }
            if (t.isBefore(v.leave())) {
                return Optional.of(new Reading(round(gross), false));
            }
            return Optional.of(new Reading(round(gross * (1 - fraction(v.leave(), v.gone(), t))), true));
        }
        return Optional.empty();
    }

    /**
     * @param kg     the load shown
     * @param motion whether the scale reports motion
     */
    public record Reading(int kg, boolean motion) {
        /** The load in tonnes with the decimals a display set to {@code decimals} shows. */
        public BigDecimal tonnes(int decimals) {
            return BigDecimal.valueOf(kg).movePointLeft(3).setScale(decimals, RoundingMode.HALF_UP);
        }
    }

    private int round(double kg) {
        return (int) Math.round(kg / divisionKg) * divisionKg;
    }

    private static double fraction(Instant from, Instant to, Instant t) {
        return Duration.between(from, t).toNanos() / (double) Duration.between(from, to).toNanos();
    }
}
