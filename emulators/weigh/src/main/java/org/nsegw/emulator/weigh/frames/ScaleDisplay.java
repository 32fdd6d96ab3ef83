package org.nsegw.emulator.weigh.frames;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a scale indicator shows, to be rendered as a frame.
 *
 * @param weight       the weight shown, signed; its scale is the number of decimals shown (a negative scale shows
 *                     dummy zeros where the format has them)
 * @param tare         the tare, at most as many decimals as the weight; zero if none
 * @param unit         the unit shown
 * @param net          net weight (tare subtracted)
 * @param motion       the load is moving
 * @param overload     above the range
 * @param underload    below the range
 * @param centerOfZero at the zero point (SMA only)
 */
public record ScaleDisplay(BigDecimal weight, BigDecimal tare, Unit unit, boolean net, boolean motion, boolean overload,
        boolean underload, boolean centerOfZero) {

    /** The units the frames can name. */
    public enum Unit {
        KG, LB, T
    }

    public ScaleDisplay {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(unit, "unit");
        tare = tare == null ? BigDecimal.ZERO : tare;
        if (tare.signum() < 0) {
            throw new IllegalArgumentException("a negative tare: " + tare);
        }
        if (overload && underload) {
            throw new IllegalArgumentException("overload and underload at once");
        }
    }

    /** A stable gross weight in kg, no tare. */
    public static ScaleDisplay gross(BigDecimal weight) {
        return new ScaleDisplay(weight, BigDecimal.ZERO, Unit.KG, false, false, false, false, false);
    }

    public ScaleDisplay inMotion() {
        return new ScaleDisplay(weight, tare, unit, net, true, overload, underload, centerOfZero);
    }
}
