package org.nsegw.weigh.internal.raw;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one lane's raw weigh-in-motion sensors are built and how their signal is read; the device profile's
 * {@code raw.*} keys (see {@code docs/raw-wim.md}). Every value is checked when the settings are made, with a
 * message that names the key and says what is wrong.
 *
 * @param sampleRateHz          samples per second of each row ({@code raw.sampleRateHz})
 * @param rowSpacingM           distance between the two sensor rows along the lane, measured on site ({@code raw.rowSpacingM})
 * @param sensorLengthM         L, the sensitive width of a sensor strip along the direction of travel ({@code raw.sensorLengthM})
 * @param calibrationRow0       C of row 0 in kg·s per count, from the calibration with reference trucks (first value of {@code raw.calibration})
 * @param calibrationRow1       C of row 1 (second value of {@code raw.calibration})
 * @param thresholdCounts       a tyre is on a strip when the signal is this many counts above the baseline ({@code raw.thresholdCounts})
 * @param minSpeedKmh           lowest speed of the verified range ({@code raw.minSpeedKmh})
 * @param maxSpeedKmh           highest speed of the verified range ({@code raw.maxSpeedKmh})
 * @param groupSpacingM         axles closer than this form a group: tandem, tridem ({@code raw.groupSpacingM})
 * @param maxAxleSpacingM       the longest axle spacing of one vehicle: a lane quiet for longer than it takes to drive
 *                              this far ends the vehicle ({@code raw.maxAxleSpacingM})
 * @param endOfVehicleS         the longest wait for a further axle, whatever the speed ({@code raw.endOfVehicleS})
 * @param baselineTimeConstantS how fast the baseline follows drift while the strip is unloaded ({@code raw.baselineTimeConstantS})
 * @param maxSpeedChange        first and last axle speeds differing by more than this share of the vehicle's speed
 *                              flag acceleration ({@code raw.maxSpeedChange})
 * @param laneChangeRatio       an axle whose heavier row reading exceeds the lighter one by more than this factor flags
 *                              a lane change ({@code raw.laneChangeRatio})
 * @param maxAccelerationMps2   neighbouring axles whose speeds differ by more than this acceleration allows belong to
 *                              different vehicles ({@code raw.maxAccelerationMps2})
 * @param maxWheelbaseM         axles spread over more than this, first to last, are more than one vehicle
 *                              ({@code raw.maxWheelbaseM})
 */
public record RawWimSettings(
        double sampleRateHz,
        double rowSpacingM,
        double sensorLengthM,
        double calibrationRow0,
        double calibrationRow1,
        int thresholdCounts,
        double minSpeedKmh,
        double maxSpeedKmh,
        double groupSpacingM,
        double maxAxleSpacingM,
        double endOfVehicleS,
        double baselineTimeConstantS,
        double maxSpeedChange,
        double laneChangeRatio,
        double maxAccelerationMps2,
        double maxWheelbaseM) {

    /** The domain's rule for the sample rate: a 0.2 m truck tyre footprint must give at least 10 samples. */
    static final double FOOTPRINT_M = 0.2;
    static final int POINTS_PER_FOOTPRINT = 10;

    public static final String SAMPLE_RATE = "raw.sampleRateHz";
    public static final String ROW_SPACING = "raw.rowSpacingM";
    public static final String SENSOR_LENGTH = "raw.sensorLengthM";
    public static final String CALIBRATION = "raw.calibration";
    public static final String THRESHOLD = "raw.thresholdCounts";
    public static final String MIN_SPEED = "raw.minSpeedKmh";
    public static final String MAX_SPEED = "raw.maxSpeedKmh";
    public static final String GROUP_SPACING = "raw.groupSpacingM";
    public static final String MAX_AXLE_SPACING = "raw.maxAxleSpacingM";
    public static final String END_OF_VEHICLE = "raw.endOfVehicleS";
    public static final String BASELINE_TIME_CONSTANT = "raw.baselineTimeConstantS";
    public static final String MAX_SPEED_CHANGE = "raw.maxSpeedChange";
    public static final String LANE_CHANGE_RATIO = "raw.laneChangeRatio";
    public static final String MAX_ACCELERATION = "raw.maxAccelerationMps2";
    public static final String MAX_WHEELBASE = "raw.maxWheelbaseM";

    /** Every key, for the profile check. */
    public static final Set<String> KEYS = Set.of(SAMPLE_RATE, ROW_SPACING, SENSOR_LENGTH, CALIBRATION, THRESHOLD, MIN_SPEED,
            MAX_SPEED, GROUP_SPACING, MAX_AXLE_SPACING, END_OF_VEHICLE, BASELINE_TIME_CONSTANT, MAX_SPEED_CHANGE, LANE_CHANGE_RATIO,
            MAX_ACCELERATION, MAX_WHEELBASE);

    public RawWimSettings {
        range(SAMPLE_RATE, sampleRateHz, 100, 50_000, "Hz");
        range(ROW_SPACING, rowSpacingM, 0.5, 20, "m (the distance between the two sensor rows, measured on site)");
        range(SENSOR_LENGTH, sensorLengthM, 0.005, 1, "m (the strip's sensitive width along the direction of travel)");
        positive(CALIBRATION + "[0]", calibrationRow0);
        positive(CALIBRATION + "[1]", calibrationRow1);
        range(THRESHOLD, thresholdCounts, 1, 60_000, "counts");
        range(MIN_SPEED, minSpeedKmh, 1, 250, "km/h");
        range(MAX_SPEED, maxSpeedKmh, 1, 250, "km/h");
        range(GROUP_SPACING, groupSpacingM, 0.5, 5, "m");
        range(MAX_AXLE_SPACING, maxAxleSpacingM, 2, 30, "m");
        range(END_OF_VEHICLE, endOfVehicleS, 0.5, 60, "s");
        range(BASELINE_TIME_CONSTANT, baselineTimeConstantS, 0.05, 60, "s");
        range(MAX_SPEED_CHANGE, maxSpeedChange, 0.005, 1, "(a share of the speed: 0.05 is 5 %)");
        range(LANE_CHANGE_RATIO, laneChangeRatio, 1.05, 10, "(the heavier row reading divided by the lighter)");
        range(MAX_ACCELERATION, maxAccelerationMps2, 0.5, 10, "m/s²");
        range(MAX_WHEELBASE, maxWheelbaseM, 5, 40, "m");
        if (minSpeedKmh >= maxSpeedKmh) {
            throw new IllegalArgumentException(MIN_SPEED + " " + fmt(minSpeedKmh) + " must be lower than " + MAX_SPEED + " "
                    + fmt(maxSpeedKmh));
        }
        double needed = maxSpeedKmh / 3.6 * POINTS_PER_FOOTPRINT / FOOTPRINT_M;
        if (sampleRateHz < needed) {
            throw new IllegalArgumentException(SAMPLE_RATE + " " + fmt(sampleRateHz) + " Hz is too low for " + MAX_SPEED + " "
                    + fmt(maxSpeedKmh) + ": a " + FOOTPRINT_M + " m tyre footprint must give " + POINTS_PER_FOOTPRINT
                    + " samples, which needs at least " + Math.round(Math.ceil(needed)) + " Hz");
        }
        if (groupSpacingM >= maxAxleSpacingM) {
            throw new IllegalArgumentException(GROUP_SPACING + " " + fmt(groupSpacingM) + " m must be shorter than "
                    + MAX_AXLE_SPACING + " " + fmt(maxAxleSpacingM) + " m");
        }
        if (maxAxleSpacingM <= rowSpacingM) {
            throw new IllegalArgumentException(MAX_AXLE_SPACING + " " + fmt(maxAxleSpacingM) + " m must be longer than "
                    + ROW_SPACING + " " + fmt(rowSpacingM) + " m: a vehicle is only complete once its last axle has crossed both rows");
        }
        if (maxWheelbaseM < maxAxleSpacingM) {
            throw new IllegalArgumentException(MAX_WHEELBASE + " " + fmt(maxWheelbaseM) + " m must not be shorter than "
                    + MAX_AXLE_SPACING + " " + fmt(maxAxleSpacingM) + " m");
        }
        double slowestCrossing = rowSpacingM / (minSpeedKmh / 3.6);
        if (endOfVehicleS < slowestCrossing) {
            throw new IllegalArgumentException(END_OF_VEHICLE + " " + fmt(endOfVehicleS) + " s is shorter than the "
                    + fmt(slowestCrossing) + " s an axle at " + MIN_SPEED + " " + fmt(minSpeedKmh) + " needs from row 0 to row 1 ("
                    + ROW_SPACING + " " + fmt(rowSpacingM) + " m)");
        }
    }

    /**
     * Settings from a device profile's keys (as the site file compiles them: {@code raw.sampleRateHz} and so on).
     * {@code raw.rowSpacingM}, {@code raw.sensorLengthM} and {@code raw.calibration} (two numbers, row 0 then row 1)
     * are required; the others default as in {@code docs/raw-wim.md}. Values may be numbers or text; the calibration
     * may also be a list, an array or text such as {@code "6.1e-5, 6.3e-5"}.
     *
     * @throws IllegalArgumentException naming every key that is missing, unknown or not a number
     */
    public static RawWimSettings of(Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith("raw.") && !KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown));
        }
        double rate = number(properties, SAMPLE_RATE, 2000, problems);
        double rowSpacing = number(properties, ROW_SPACING, Double.NaN, problems);
        double length = number(properties, SENSOR_LENGTH, Double.NaN, problems);
        double[] calibration = calibration(properties.get(CALIBRATION), problems);
        double threshold = number(properties, THRESHOLD, 100, problems);
        double minSpeed = number(properties, MIN_SPEED, 5, problems);
        double maxSpeed = number(properties, MAX_SPEED, 100, problems);
        double group = number(properties, GROUP_SPACING, 2.0, problems);
        double maxAxle = number(properties, MAX_AXLE_SPACING, 9.0, problems);
        double end = number(properties, END_OF_VEHICLE, 8.0, problems);
        double tau = number(properties, BASELINE_TIME_CONSTANT, 1.0, problems);
        double speedChange = number(properties, MAX_SPEED_CHANGE, 0.05, problems);
        double laneChange = number(properties, LANE_CHANGE_RATIO, 1.5, problems);
        double acceleration = number(properties, MAX_ACCELERATION, 2.5, problems);
        double wheelbase = number(properties, MAX_WHEELBASE, 18, problems);
        if (!Double.isNaN(threshold) && threshold != Math.rint(threshold)) {
            problems.add(THRESHOLD + " must be a whole number of counts, not " + fmt(threshold));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new RawWimSettings(rate, rowSpacing, length, calibration[0], calibration[1], (int) threshold, minSpeed, maxSpeed,
                group, maxAxle, end, tau, speedChange, laneChange, acceleration, wheelbase);
    }

    /** Samples a tyre needs to cross from row 0 to row 1 at {@code speedMps}. */
    double rowDelaySamples(double speedMps) {
        return rowSpacingM / speedMps * sampleRateHz;
    }

    double calibration(int row) {
        return row == 0 ? calibrationRow0 : calibrationRow1;
    }

    private static double number(Map<String, ?> properties, String key, double fallback, List<String> problems) {
        Object v = properties.get(key);
        if (v == null) {
            if (Double.isNaN(fallback)) {
                problems.add(key + " is required");
            }
            return fallback;
        }
        double d = parse(v);
        if (Double.isNaN(d)) {
            problems.add(key + " must be a number, not '" + v + "'");
        }
        return d;
    }

    private static double[] calibration(Object v, List<String> problems) {
        if (v == null) {
            problems.add(CALIBRATION + " is required: the calibration constants of row 0 and row 1, e.g. [6.25e-5, 6.25e-5]");
            return new double[] {Double.NaN, Double.NaN};
        }
        List<Object> items = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            items.addAll(c);
        } else if (v instanceof double[] a) {
            for (double d : a) {
                items.add(d);
            }
        } else if (v instanceof Object[] a) {
            items.addAll(List.of(a));
        } else {
            for (String part : v.toString().replace("[", "").replace("]", "").split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    items.add(part);
                }
            }
        }
        double[] c = items.stream().mapToDouble(RawWimSettings::parse).toArray();
        if (c.length != 2 || Double.isNaN(c[0]) || Double.isNaN(c[1])) {
            problems.add(CALIBRATION + " must be two numbers, row 0 then row 1, not '" + v + "'");
            return new double[] {Double.NaN, Double.NaN};
        }
        return c;
    }

    private static double parse(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void range(String key, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " must be between " + fmt(min) + " and " + fmt(max) + " " + unit + ", not "
                    + fmt(value));
        }
    }

    private static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a positive number (kg·s per count, from the calibration), not "
                    + fmt(value));
        }
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "").replaceAll("0+e", "e");
    }
}
