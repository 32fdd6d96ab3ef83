package org.nsegw.rules.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The site's overweight settings (PID {@code org.nsegw.rules.overweight}, the site file's {@code limits:} section),
 * checked. The statutory Art. 3 limits always apply; these add the posted limits and the tolerance.
 *
 * @param postedLimitKg    the posted limit (限载) of the bridge or road, Art. 27; 0 when there is none
 * @param laneLimitsKg     posted limits of lanes that differ from {@code postedLimitKg}: a lane's limit replaces the
 *                         site-wide one for that lane
 * @param tolerancePercent how far above a limit a gross weight may be before it is a violation, 0 to 20;
 *                         {@value #FROM_ACCURACY_CLASS} takes the weigh device's accuracy class
 * @param plateReadsForCase how many cameras must have read the settled plate alike before an overweight passage is a
 *                          case, 1 to 3; with fewer it goes to review ({@code PLATE_UNCORROBORATED}). A trailer's 挂
 *                          plate does not corroborate its tractor's plate; one camera reading twice counts once
 * @param enforcementCode  the enforcement item code the platform files overweight cases under
 */
public record OverweightSettings(int postedLimitKg, Map<String, Integer> laneLimitsKg, double tolerancePercent,
        int plateReadsForCase, String enforcementCode) {

    /** The tolerance value that means: take the device's accuracy class. */
    public static final double FROM_ACCURACY_CLASS = -1;
    static final int MAX_LIMIT_KG = 200_000;
    static final double MAX_TOLERANCE_PERCENT = 20;
    /** Two cameras agreeing on the plate: a camera's misread into another valid plate alone makes no case. */
    public static final int DEFAULT_PLATE_READS_FOR_CASE = 2;
    static final int MAX_PLATE_READS_FOR_CASE = 3;

    public OverweightSettings {
        Objects.requireNonNull(enforcementCode, "enforcementCode");
        laneLimitsKg = Map.copyOf(laneLimitsKg);
        if (postedLimitKg < 0 || postedLimitKg > MAX_LIMIT_KG) {
            throw new IllegalArgumentException("postedLimitKg is " + postedLimitKg + "; it must be 0 (no posted limit) to "
                    + MAX_LIMIT_KG + " kg");
        }
        laneLimitsKg.forEach((lane, kg) -> {
            if (lane.isBlank() || kg == null || kg <= 0 || kg > MAX_LIMIT_KG) {
                throw new IllegalArgumentException("lane limit " + lane + "=" + kg + " must name a lane and give 1 to "
                        + MAX_LIMIT_KG + " kg, e.g. L4=30000");
            }
        });
        if (!(tolerancePercent == FROM_ACCURACY_CLASS
                || tolerancePercent >= 0 && tolerancePercent <= MAX_TOLERANCE_PERCENT)) {
            throw new IllegalArgumentException("tolerancePercent is " + tolerancePercent + "; it must be 0 to "
                    + (int) MAX_TOLERANCE_PERCENT + " (%), or -1 to take the weigh device's accuracy class");
        }
        if (plateReadsForCase < 1 || plateReadsForCase > MAX_PLATE_READS_FOR_CASE) {
            throw new IllegalArgumentException("plateReadsForCase is " + plateReadsForCase + "; it must be 1 to "
                    + MAX_PLATE_READS_FOR_CASE + " (cameras that read the plate alike)");
        }
    }

    /**
     * Validates like the component does; IllegalArgumentException with a message an installer can act on. Missing keys
     * take the metatype defaults. Values may be Integer/Long/Double/String/String[] as ConfigAdmin or a YAML compiler
     * gives them.
     */
    public static OverweightSettings fromProperties(Map<String, ?> properties) {
        int posted = SettingValues.wholeNumber(properties, "postedLimitKg", 0, 0, MAX_LIMIT_KG, "kg");
        List<String> lanes = SettingValues.items(properties, "laneLimitsKg");
        double tolerance = SettingValues.decimal(properties, "tolerancePercent", FROM_ACCURACY_CLASS,
                "a percentage from 0 to 20, or -1");
        int plateReads = SettingValues.wholeNumber(properties, "plateReadsForCase", DEFAULT_PLATE_READS_FOR_CASE, 1,
                MAX_PLATE_READS_FOR_CASE, "plate reads (cameras that read the plate alike)");
        return new OverweightSettings(posted, LaneLimits.parse(lanes.toArray(String[]::new)), tolerance, plateReads,
                SettingValues.text(properties, "enforcementCode"));
    }

    /** The posted limit of a lane: its own, else the site-wide one; empty when none applies. */
    public OptionalInt postedLimitKg(String lane) {
        Integer own = laneLimitsKg.get(lane);
        if (own != null) {
            return OptionalInt.of(own);
        }
        return postedLimitKg > 0 ? OptionalInt.of(postedLimitKg) : OptionalInt.empty();
    }

    /** Whether the tolerance comes from each weigh device's accuracy class. */
    public boolean toleranceFromAccuracyClass() {
        return tolerancePercent == FROM_ACCURACY_CLASS;
    }
}
