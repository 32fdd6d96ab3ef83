package org.nsegw.weigh.internal.codec;

import java.math.BigDecimal;

/** The unit of a reading, when the frame tells it. */
public enum WeightUnit {
    KG(BigDecimal.ONE),
    T(BigDecimal.valueOf(1000)),
    LB(new BigDecimal("0.45359237")),
    /** The frame does not say; the device profile's {@code units} setting decides. */
    UNKNOWN(null);

    private final BigDecimal kilograms;

    WeightUnit(BigDecimal kilograms) {
        this.kilograms = kilograms;
    }

    /** {@code value} of this unit in kilograms; not defined for {@link #UNKNOWN}. */
    public BigDecimal toKilograms(BigDecimal value) {
        if (kilograms == null) {
            throw new IllegalStateException("the unit is unknown");
        }
        return value.multiply(kilograms);
    }
}
