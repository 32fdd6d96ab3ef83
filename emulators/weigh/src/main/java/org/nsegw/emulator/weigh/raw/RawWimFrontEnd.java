package org.nsegw.emulator.weigh.raw;

/**
 * The emulated front-end and its sensors, as built (the installer's settings describe the same installation).
 *
 * @param sampleRateHz    samples per second of each row
 * @param samplesPerFrame samples in each frame, 1..512
 * @param rowSpacingM     distance between the two sensor rows
 * @param sensorLengthM   L, the strips' sensitive width along the direction of travel
 * @param gainCountsPerKg ADC counts per kg of force on a strip, nominal (each row deviates by the noise model's
 *                        calibration error)
 * @param baselineCounts  the unloaded output, nominal (each row has its own offset)
 * @param firstSequence   the sequence number of the first sample, u32
 */
public record RawWimFrontEnd(double sampleRateHz, int samplesPerFrame, double rowSpacingM, double sensorLengthM,
        double gainCountsPerKg, int baselineCounts, long firstSequence) {

    public RawWimFrontEnd {
        if (!(sampleRateHz >= 100) || samplesPerFrame < 1 || samplesPerFrame > 512 || !(rowSpacingM > 0) || !(sensorLengthM > 0)
                || !(gainCountsPerKg > 0) || baselineCounts < 0 || baselineCounts > 60_000 || firstSequence < 0
                || firstSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("bad front-end " + sampleRateHz + " Hz, " + samplesPerFrame + " samples/frame, "
                    + rowSpacingM + " m, " + sensorLengthM + " m, " + gainCountsPerKg + " counts/kg, baseline " + baselineCounts
                    + ", sequence " + firstSequence);
        }
    }

    /**
     * A typical installation: 2 kHz, frames of 100 samples (20 frames a second per row), rows 3 m apart, 50 mm strips,
     * 8 counts per kg (a 15 t axle stays well below full scale), baseline 2,000 counts.
     */
    public static RawWimFrontEnd typical() {
        return new RawWimFrontEnd(2000, 100, 3.0, 0.05, 8, 2000, 0);
    }

    public RawWimFrontEnd withFirstSequence(long sequence) {
        return new RawWimFrontEnd(sampleRateHz, samplesPerFrame, rowSpacingM, sensorLengthM, gainCountsPerKg, baselineCounts, sequence);
    }

    public RawWimFrontEnd withSamplesPerFrame(int samples) {
        return new RawWimFrontEnd(sampleRateHz, samples, rowSpacingM, sensorLengthM, gainCountsPerKg, baselineCounts, firstSequence);
    }

    /**
     * The calibration constant C of the area formula W = (V·C/L)·Σ(xᵢ − bᵢ) for the nominal gain: the sum runs over
     * samples, so C = 1 / (gain · sample rate), in kg·s per count.
     */
    public double calibrationConstant() {
        return 1 / (gainCountsPerKg * sampleRateHz);
    }
}
