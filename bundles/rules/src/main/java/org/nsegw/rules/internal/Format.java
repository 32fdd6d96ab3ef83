package org.nsegw.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as explanations show them, the same on every machine whatever its locale: 52,300 kg, 5%, ×1.05, 6.7%.
 * Written out by hand rather than with {@code String.format}: the rules judge tens of thousands of passages a second.
 */
final class Format {

    private Format() {
    }

    static String kg(int kg) {
        return grouped(kg) + " kg";
    }

    /** A weight that may have decimals (a limit times a tolerance factor), exact: 41,001.025 kg. */
    static String kg(BigDecimal kg) {
        BigDecimal whole = kg.setScale(0, RoundingMode.DOWN);
        String fraction = plain(kg.subtract(whole).abs());
        return (kg.signum() < 0 && whole.signum() == 0 ? "-" : "") + grouped(whole.longValueExact())
                + (fraction.equals("0") ? "" : fraction.substring(1)) + " kg";
    }

    /** An integer with commas between groups of three digits. */
    static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder s = new StringBuilder(digits.length() + 8);
        if (n < 0) {
            s.append('-');
        }
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        s.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            s.append(',').append(digits, i, i + 3);
        }
        return s.toString();
    }

    /** A decimal without trailing zeros: 5, 2.5, 0.85. */
    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    static String plain(double d) {
        return plain(BigDecimal.valueOf(d));
    }

    /** A percentage with one decimal, rounded half up: 6.7%. */
    static String rate(BigDecimal percent) {
        return percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
