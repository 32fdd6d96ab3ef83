package org.nsegw.evidence.internal.content;

import java.math.BigDecimal;

/** Decimals as packets carry them: text, so that no floating point enters the signed manifest. */
final class Decimals {

    private Decimals() {
    }

    /** The shortest decimal that reads back as {@code d}, without exponent or trailing zeros: 62.5, 0, 30.2741. */
    static String text(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + d);
        }
        BigDecimal b = BigDecimal.valueOf(d);
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
    }
}
