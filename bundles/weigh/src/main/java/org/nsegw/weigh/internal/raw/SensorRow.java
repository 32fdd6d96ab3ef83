package org.nsegw.weigh.internal.raw;

import java.util.ArrayDeque;
import org.nsegw.weigh.internal.codec.SampleBlock;

/**
 * The signal of one sensor row: follows the unloaded baseline and cuts tyre pulses out of the samples.
 *
 * <p>Baseline: Brown's double exponential smoothing (level and slope) of the samples within
 * {@code raw.thresholdCounts} of it, so that a steady drift is followed without lag. While a pulse lasts the
 * baseline is frozen and extrapolated along its slope, which gives the bᵢ of the area formula sample by sample.
 *
 * <p>Pulse: starts when a sample exceeds the baseline by the threshold; ends when the signal has stayed below half
 * the threshold for {@link #margin} samples. The {@link #margin} samples before the start and after the end are part
 * of it, so that the low flanks of the pulse count in the area.
 */
final class SensorRow {

    static final int FULL_SCALE = 0xFFFF;
    private static final int IDLE = 0;
    private static final int ACTIVE = 1;
    private static final int TAIL = 2;

    final int row;
    private final Troubles troubles;
    private final int threshold;
    private final int release;
    private final int margin;
    private final int minActive;
    private final long stallLimit;
    private final long warmup;
    private final int negativeLimit;
    private final double lambda;
    private final double slopeGain;

    /** The index of the next sample expected. */
    long clock;

    private double s1;
    private double s2;
    private long learned;
    private int negativeRun;

    private final int[] ring;
    private int ringHead;
    private int ringCount;

    private int state = IDLE;
    private long pulseStart;
    private long trigger;
    private long releasedAt;
    private long frozenAt;
    private double frozenLevel;
    private double frozenSlope;
    private double sumY;
    private double sumKY;
    private double peak;
    private boolean saturated;
    private int tailLeft;

    private final ArrayDeque<TyrePulse> pulses = new ArrayDeque<>();

    SensorRow(int row, RawWimSettings s, Troubles troubles) {
        this.row = row;
        this.troubles = troubles;
        this.threshold = s.thresholdCounts();
        this.release = Math.max(1, s.thresholdCounts() / 2);
        double fs = s.sampleRateHz();
        this.margin = (int) Math.max(2, Math.round(0.002 * fs));
        this.minActive = (int) Math.max(2, Math.round(0.001 * fs));
        this.stallLimit = Math.round(s.endOfVehicleS() * fs);
        this.warmup = Math.max(8, Math.round(0.2 * fs));
        this.negativeLimit = (int) Math.max(2, Math.round(0.01 * fs));
        this.lambda = Math.min(0.5, 1 / (s.baselineTimeConstantS() * fs));
        this.slopeGain = lambda / (1 - lambda);
        this.ring = new int[margin];
    }

    /** Processes {@code block}'s samples from {@code skip} on; the first of them has index {@code first}. */
    void process(SampleBlock block, int skip, long first) {
        long k = first;
        for (int i = skip, n = block.count(); i < n; i++, k++) {
            int x = block.sample(i);
            if (state == IDLE) {
                idle(x, k);
            } else {
                inPulse(x, k);
            }
        }
        clock = k;
    }

    private void idle(int x, long k) {
        double b = baseline();
        double y = x - b;
        if (learned < warmup) {
            learn(x);
        } else if (y > threshold) {
            startPulse(x, k, b);
            return;
        } else if (y >= -threshold) {
            negativeRun = 0;
            learn(x);
        } else if (++negativeRun >= negativeLimit) {
            // Below the unloaded level for a while: no tyre does that, the baseline has moved (e.g. a wheel stood on
            // the strip while it was learned). Learn it afresh.
            relearn();
        }
        ring[ringHead] = x;
        ringHead = (ringHead + 1) % ring.length;
        ringCount = Math.min(ringCount + 1, ring.length);
    }

    private void learn(int x) {
        if (learned < warmup) {
            // Running mean until the smoother has enough samples behind it.
            double a = 1.0 / (learned + 1);
            s1 += a * (x - s1);
            s2 = s1;
        } else {
            s1 += lambda * (x - s1);
            s2 += lambda * (s1 - s2);
        }
        learned++;
    }

    /** The baseline forecast for the next sample. */
    double baseline() {
        return 2 * s1 - s2 + slope();
    }

    private double slope() {
        return learned < warmup ? 0 : slopeGain * (s1 - s2);
    }

    private void relearn() {
        learned = 0;
        negativeRun = 0;
        s1 = 0;
        s2 = 0;
    }

    private void startPulse(int x, long k, double b) {
        state = ACTIVE;
        frozenAt = k;
        frozenLevel = b;
        frozenSlope = slope();
        pulseStart = k - ringCount;
        trigger = k;
        sumY = 0;
        sumKY = 0;
        peak = 0;
        saturated = false;
        for (int j = 0; j < ringCount; j++) {
            int v = ring[(ringHead - ringCount + j + ring.length) % ring.length];
            add(v, pulseStart + j);
        }
        add(x, k);
        ringCount = 0;
        negativeRun = 0;
    }

    private double add(int x, long k) {
        double y = x - (frozenLevel + frozenSlope * (k - frozenAt));
        sumY += y;
        sumKY += y * (k - pulseStart);
        if (y > peak) {
            peak = y;
        }
        if (x >= FULL_SCALE) {
            saturated = true;
        }
        return y;
    }

    private void inPulse(int x, long k) {
        double y = add(x, k);
        if (state == ACTIVE) {
            if (y < release) {
                state = TAIL;
                releasedAt = k;
                tailLeft = margin;
            }
        } else if (y > threshold) {
            state = ACTIVE;
        } else if (--tailLeft == 0) {
            endPulse(k + 1);
            return;
        }
        if (k - pulseStart > stallLimit) {
            // Longer than any tyre takes: a wheel stands on the strip, or the baseline jumped. Drop it and relearn.
            troubles.add(Troubles.STALL, row, pulseStart, k + 1);
            state = IDLE;
            relearn();
        }
    }

    private void endPulse(long end) {
        state = IDLE;
        // The baseline resumes where its slope has carried it meanwhile.
        double shift = frozenSlope * (end - frozenAt);
        s1 += shift;
        s2 += shift;
        if (releasedAt - trigger >= minActive && sumY > 0) {
            pulses.add(new TyrePulse(row, pulseStart, end, pulseStart + sumKY / sumY, sumY, peak, saturated));
        }
    }

    /** Samples from {@link #clock} to {@code to} will never come: a pulse they cut is dropped. */
    void lose(long to) {
        if (state != IDLE) {
            state = IDLE;
            double shift = frozenSlope * (to - frozenAt);
            s1 += shift;
            s2 += shift;
        }
        if (to - clock > stallLimit) {
            relearn();
        }
        ringCount = 0;
        negativeRun = 0;
        clock = to;
    }

    /** The earliest sample at which a pulse not yet in {@link #pulses} may start. */
    long safeIndex() {
        return state == IDLE ? clock : pulseStart;
    }

    boolean inPulse() {
        return state != IDLE;
    }

    /** Complete pulses, oldest first, for the processor to take. */
    ArrayDeque<TyrePulse> pulses() {
        return pulses;
    }
}
