package org.nsegw.emulator.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.nsegw.emulator.camera.scene.Truck;

/**
 * One truck leaving the site past the exit camera: it drives in from the wash area, stops at the gate while the gate
 * ANPR camera reads its plate at {@code time}, and drives out.
 *
 * @param time  when it stands at the gate (scenario time): the gate ANPR camera's read time
 * @param truck its plate and the truth about it
 * @param seed  its look
 */
public record ExitPass(Instant time, Truck truck, long seed) {

    /** From entering the view to stopping. */
    public static final Duration DRIVE_IN = Duration.ofSeconds(4);
    /** Standing at the gate, half before and half after {@code time}. */
    public static final Duration STOP = Duration.ofSeconds(4);
    /** From starting off to leaving the view. */
    public static final Duration DRIVE_OUT = Duration.ofSeconds(3);

    public ExitPass {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(truck, "truck");
    }

    public Instant visibleFrom() {
        return time.minus(STOP.dividedBy(2)).minus(DRIVE_IN);
    }

    public Instant visibleUntil() {
        return time.plus(STOP.dividedBy(2)).plus(DRIVE_OUT);
    }

    /** Whether it stands still at the gate at {@code t}. */
    public boolean stoppedAt(Instant t) {
        return !t.isBefore(time.minus(STOP.dividedBy(2))) && !t.isAfter(time.plus(STOP.dividedBy(2)));
    }

    /**
     * Where the truck is at {@code t}, as the scene's truck offset (share of the image width from its stopping place),
     * or NaN when it is out of view.
     */
    public double offsetAt(Instant t) {
        if (t.isBefore(visibleFrom()) || t.isAfter(visibleUntil())) {
            return Double.NaN;
        }
        Instant stop = time.minus(STOP.dividedBy(2));
        Instant go = time.plus(STOP.dividedBy(2));
        if (t.isBefore(stop)) {
            double left = Duration.between(t, stop).toMillis() / (double) DRIVE_IN.toMillis(); // 1 at entry, 0 at the stop
            return -0.9 * left * left; // braking
        }
        if (t.isAfter(go)) {
            double gone = Duration.between(go, t).toMillis() / (double) DRIVE_OUT.toMillis();
            return 0.9 * gone * gone; // pulling away
        }
        return 0;
    }
}
