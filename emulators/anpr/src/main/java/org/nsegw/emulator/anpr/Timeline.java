package org.nsegw.emulator.anpr;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How scenario time maps to the wall clock: {@code scenarioStart} happens at {@code wallStart}, and scenario time runs
 * {@code scale} times as fast as the wall clock (1 for real time; tests run faster).
 */
public record Timeline(Instant scenarioStart, Instant wallStart, double scale) {

    public Timeline {
        Objects.requireNonNull(scenarioStart, "scenarioStart");
        Objects.requireNonNull(wallStart, "wallStart");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the time scale must be positive, not " + scale);
        }
    }

    /** Real time, starting now. */
    public static Timeline realTime(Instant scenarioStart) {
        return new Timeline(scenarioStart, Instant.now(), 1);
    }

    /** When a scenario instant is due on the wall clock. */
    public Instant wall(Instant scenario) {
        return wallStart.plus(wallDuration(Duration.between(scenarioStart, scenario)));
    }

    /** The scenario instant at a wall-clock instant. */
    public Instant scenario(Instant wall) {
        long nanos = Duration.between(wallStart, wall).toNanos();
        return scenarioStart.plusNanos(Math.round(nanos * scale));
    }

    /** How long a stretch of scenario time lasts on the wall clock. */
    public Duration wallDuration(Duration scenario) {
        return Duration.ofNanos(Math.round(scenario.toNanos() / scale));
    }

    /** Scenario time elapsed since the start, at a wall-clock instant. */
    public Duration elapsed(Instant wall) {
        return Duration.between(scenarioStart, scenario(wall));
    }
}
