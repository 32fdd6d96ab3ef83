package org.nsegw.emulator.weigh.raw;

/**
 * One axle's tyres crossing one sensor strip. The footprint, {@code footprintM} long, presses with a parabolic
 * profile (highest in the middle); the strip, {@code stripM} wide, feels the part of the load that lies on it. Over a
 * whole crossing the strip's force integrates to load·L/v, which is what the area method inverts.
 */
final class StripCrossing {

    final int row;
    /** First and last sample the footprint touches the strip. */
    final long from;
    final long to;
    private final double startS;
    private final double speedMps;
    private final double accelMps2;
    private final double rowPositionM;
    private final double halfFootprint;
    private final double halfStrip;
    /** Counts for the whole load on the strip. */
    private final double amplitude;

    StripCrossing(int row, double fs, double startS, double speedMps, double accelMps2, double rowPositionM, double footprintM,
            double stripM, double amplitude) {
        this.row = row;
        this.startS = startS;
        this.speedMps = speedMps;
        this.accelMps2 = accelMps2;
        this.rowPositionM = rowPositionM;
        this.halfFootprint = footprintM / 2;
        this.halfStrip = stripM / 2;
        this.amplitude = amplitude;
        double reach = halfFootprint + halfStrip;
        this.from = (long) Math.floor((startS + Kinematics.time(rowPositionM - reach, speedMps, accelMps2)) * fs);
        this.to = (long) Math.ceil((startS + Kinematics.time(rowPositionM + reach, speedMps, accelMps2)) * fs);
    }

    /** Adds the crossing's counts to {@code acc[0..n)}, which holds samples from {@code blockStart}. */
    void render(double[] acc, long blockStart, int n, double fs) {
        long first = Math.max(from, blockStart);
        long last = Math.min(to, blockStart + n - 1);
        for (long k = first; k <= last; k++) {
            double tau = k / fs - startS;
            double x = speedMps * tau + 0.5 * accelMps2 * tau * tau - rowPositionM;
            double lo = Math.max(-halfFootprint, -halfStrip - x);
            double hi = Math.min(halfFootprint, halfStrip - x);
            if (hi > lo) {
                acc[(int) (k - blockStart)] += amplitude * (cumulative(hi / halfFootprint) - cumulative(lo / halfFootprint));
            }
        }
    }

    /** Share of a parabolic footprint's load behind z (from -1 at its back to 1 at its front). */
    private static double cumulative(double z) {
        return 0.5 + 0.75 * (z - z * z * z / 3);
    }
}
