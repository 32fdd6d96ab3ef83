package org.nsegw.weigh.internal.raw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nsegw.weigh.internal.codec.SampleBlock;

/**
 * A plain signal for the processor's unit tests: flat tyre footprints crossing two strips, with optional noise, drift
 * and per-row load factors. The emulator has the realistic one; this one is simple enough to check by hand.
 */
final class TestLane {

    static final double FS = 2000;
    static final double ROW_SPACING = 3.0;
    static final double SENSOR_LENGTH = 0.05;
    static final double FOOTPRINT = 0.2;
    /** Counts per kg on the strip. */
    static final double GAIN = 8;
    static final double C = 1 / (GAIN * FS);
    static final int BASELINE = 2000;

    final int lane;
    final double[][] signal;
    double noise;
    long firstSequence;

    TestLane(int lane, double seconds) {
        this.lane = lane;
        int n = (int) Math.round(seconds * FS);
        signal = new double[2][n];
        for (double[] row : signal) {
            Arrays.fill(row, BASELINE);
        }
    }

    static RawWimSettings settings() {
        return RawWimSettings.of(Map.of("raw.rowSpacingM", ROW_SPACING, "raw.sensorLengthM", SENSOR_LENGTH, "raw.calibration",
                List.of(C, C)));
    }

    static RawWimSettings settings(String key, Object value) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("raw.rowSpacingM", ROW_SPACING, "raw.sensorLengthM", SENSOR_LENGTH,
                "raw.calibration", List.of(C, C)));
        m.put(key, value);
        return RawWimSettings.of(m);
    }

    /** A vehicle whose first axle crosses row 0 at {@code t} s, at constant speed. */
    TestLane vehicle(double t, double speedKmh, int[] loadsKg, int[] spacingsMm) {
        return vehicle(t, speedKmh, 0, loadsKg, spacingsMm, 1, 1);
    }

    /**
     * A vehicle with constant acceleration from {@code t}; row {@code r} sees {@code share[r]} of each load.
     */
    TestLane vehicle(double t, double speedKmh, double accel, int[] loadsKg, int[] spacingsMm, double share0, double share1) {
        double v0 = speedKmh / 3.6;
        double offset = 0;
        for (int i = 0; i < loadsKg.length; i++) {
            offset += spacingsMm[i] / 1000.0;
            for (int r = 0; r < 2; r++) {
                double at = offset + r * ROW_SPACING;
                double w = loadsKg[i] * (r == 0 ? share0 : share1);
                double half = (FOOTPRINT + SENSOR_LENGTH) / 2;
                int from = (int) Math.floor((t + time(at - half, v0, accel)) * FS);
                int to = (int) Math.ceil((t + time(at + half, v0, accel)) * FS);
                for (int k = Math.max(0, from); k <= to && k < signal[r].length; k++) {
                    double tau = k / FS - t;
                    double x = v0 * tau + accel * tau * tau / 2 - at;
                    double overlap = Math.max(0, Math.min(x + FOOTPRINT / 2, SENSOR_LENGTH / 2) - Math.max(x - FOOTPRINT / 2, -SENSOR_LENGTH / 2));
                    signal[r][k] += GAIN * w * overlap / FOOTPRINT;
                }
            }
        }
        return this;
    }

    /** When the front axle, from position 0 at time 0, reaches {@code position}. */
    static double time(double position, double v0, double accel) {
        if (accel == 0) {
            return position / v0;
        }
        return (-v0 + Math.sqrt(v0 * v0 + 2 * accel * position)) / accel;
    }

    TestLane drift(int row, double countsPerSecond) {
        for (int k = 0; k < signal[row].length; k++) {
            signal[row][k] += countsPerSecond * k / FS;
        }
        return this;
    }

    TestLane noise(double sd) {
        this.noise = sd;
        return this;
    }

    /** Samples of both rows, rounded, with noise, clipped to the ADC's range. */
    int[][] samples(long seed) {
        Random random = new Random(seed);
        int[][] out = new int[2][signal[0].length];
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < out[r].length; k++) {
                double v = signal[r][k] + noise * random.nextGaussian();
                out[r][k] = (int) Math.max(0, Math.min(65535, Math.round(v)));
            }
        }
        return out;
    }

    /** Frames of {@code size} samples, row 0 then row 1 for each stretch. */
    List<SampleBlock> blocks(int size) {
        int[][] s = samples(1);
        List<SampleBlock> blocks = new ArrayList<>();
        for (int at = 0; at < s[0].length; at += size) {
            int n = Math.min(size, s[0].length - at);
            for (int r = 0; r < 2; r++) {
                blocks.add(new SampleBlock(lane, r, 0, (firstSequence + at) & 0xFFFF_FFFFL, Arrays.copyOfRange(s[r], at, at + n)));
            }
        }
        return blocks;
    }

    static List<RawWimVehicle> run(RawWimProcessor p, List<SampleBlock> blocks) {
        List<RawWimVehicle> out = new ArrayList<>();
        for (SampleBlock b : blocks) {
            out.addAll(p.accept(b));
        }
        out.addAll(p.flush());
        return out;
    }
}
