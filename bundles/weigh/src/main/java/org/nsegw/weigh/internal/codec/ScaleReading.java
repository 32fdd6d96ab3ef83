package org.nsegw.weigh.internal.codec;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One reading of a scale's display, as a continuous or polled scale sends it.
 *
 * @param weight the weight shown, signed, with the scale's decimal places (e.g. {@code 20.00})
 * @param unit   the unit, when the frame tells it
 * @param tare   the tare, when the frame carries it; otherwise {@code null}
 * @param flags  the status bits of the frame
 */
public record ScaleReading(BigDecimal weight, WeightUnit unit, BigDecimal tare, Set<ScaleFlag> flags) {

    public ScaleReading {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(unit, "unit");
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(ScaleFlag.class) : EnumSet.copyOf(flags));
    }

    public boolean isStable() {
        return !flags.contains(ScaleFlag.MOTION);
    }
}
