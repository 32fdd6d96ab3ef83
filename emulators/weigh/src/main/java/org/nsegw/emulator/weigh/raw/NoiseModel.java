package org.nsegw.emulator.weigh.raw;

/**
 * Everything that keeps a raw WIM signal from being the static truth. Loads are relative to the static axle load.
 *
 * <ul>
 *   <li>Dynamic load: each vehicle's body bounces at a frequency between {@code bounceMinHz} and {@code bounceMaxHz}
 *       with a random phase and an amplitude between 0.5 and 1.5 times {@code bounceAmplitude}; each axle, at the
 *       instant it crosses a row, carries its static load times 1 + bounce + a normal deviate of sd {@code axleSd}
 *       (tyre and road irregularity, independent per axle and row).</li>
 *   <li>Calibration: each row's true gain differs from the nominal by a normal deviate of sd {@code calibrationSd}
 *       (cut at 2.5 sd), fixed for the installation.</li>
 *   <li>Sensor: white noise of sd {@code sensorNoiseCounts}; the baseline drifts by {@code driftCountsPerS} and
 *       swings by {@code driftAmplitudeCounts} with period {@code driftPeriodS} (temperature).</li>
 * </ul>
 *
 * @param accuracyClassPercent the class the dynamic and calibration terms are sized for (0 for none)
 */
public record NoiseModel(double accuracyClassPercent, double bounceAmplitude, double bounceMinHz, double bounceMaxHz, double axleSd,
        double calibrationSd, double sensorNoiseCounts, double driftCountsPerS, double driftAmplitudeCounts, double driftPeriodS) {

    /** Bounce amplitude per percent of class. */
    static final double BOUNCE_PER_CLASS = 0.6;
    /** Axle deviation sd per percent of class. */
    static final double AXLE_PER_CLASS = 0.9;
    /** Calibration sd per percent of class. */
    static final double CALIBRATION_PER_CLASS = 0.1;

    public NoiseModel {
        if (!(accuracyClassPercent >= 0) || !(bounceAmplitude >= 0) || !(bounceMinHz > 0) || !(bounceMaxHz >= bounceMinHz)
                || !(axleSd >= 0) || !(calibrationSd >= 0) || !(sensorNoiseCounts >= 0) || !Double.isFinite(driftCountsPerS)
                || !(driftAmplitudeCounts >= 0) || !(driftPeriodS > 0)) {
            throw new IllegalArgumentException("bad noise model");
        }
    }

    /**
     * A model sized so that two-row weighing meets accuracy class {@code percent} (JJG 907 / OIML R134 in service, or
     * COST 323 on gross weight): the gross weight within ±percent of the static truth for at least 95 % of vehicles.
     * Bounce amplitude 0.6 %, axle sd 0.9 % and calibration sd 0.1 % per percent of class: for class 5, 3 %, 4.5 % and
     * 0.5 %, so that one row's reading of one axle is off by about 5 % (sd), the low end of what the literature
     * reports for dynamic loads. Averaged over two rows and the axles, about 98.5 % of the traffic scenario's
     * vehicles then fall within the class and about 80 % within half of it: a class-5 system, not a class-2 one.
     * Sensor noise 3 counts, drift ±40 counts over 10 minutes.
     */
    public static NoiseModel forAccuracyClass(double percent) {
        if (!(percent > 0 && percent <= 50)) {
            throw new IllegalArgumentException("accuracy class " + percent + " % is not 0..50");
        }
        double c = percent / 100;
        return new NoiseModel(percent, BOUNCE_PER_CLASS * c, 1.5, 4, AXLE_PER_CLASS * c, CALIBRATION_PER_CLASS * c, 3, 0, 40, 600);
    }

    /** No dynamics, no calibration error, no noise, no drift: the signal of the static loads. */
    public static NoiseModel none() {
        return new NoiseModel(0, 0, 1.5, 4, 0, 0, 0, 0, 0, 600);
    }

    public NoiseModel withSensorNoise(double counts) {
        return new NoiseModel(accuracyClassPercent, bounceAmplitude, bounceMinHz, bounceMaxHz, axleSd, calibrationSd, counts,
                driftCountsPerS, driftAmplitudeCounts, driftPeriodS);
    }

    public NoiseModel withDrift(double countsPerS, double amplitudeCounts, double periodS) {
        return new NoiseModel(accuracyClassPercent, bounceAmplitude, bounceMinHz, bounceMaxHz, axleSd, calibrationSd, sensorNoiseCounts,
                countsPerS, amplitudeCounts, periodS);
    }
}
