package org.nsegw.emulator.weigh.raw;

/** A vehicle with constant acceleration: its front axle at position 0 at time 0 with speed v0. */
final class Kinematics {

    private Kinematics() {
    }

    /** When the front axle reaches {@code position} (metres; negative: before time 0). */
    static double time(double position, double v0, double accel) {
        if (accel == 0) {
            return position / v0;
        }
        double d = v0 * v0 + 2 * accel * position;
        if (d < 0) {
            throw new IllegalArgumentException("a vehicle at " + v0 + " m/s braking at " + accel + " m/s² stops before " + position + " m");
        }
        return (Math.sqrt(d) - v0) / accel;
    }
}
