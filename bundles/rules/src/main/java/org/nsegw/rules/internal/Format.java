package org.nsegw.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers as explanations show them, the same on every machine: 52,300 kg, 5%, ×1.05, 6.7%. */
final class Format {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Format() {
    }

    static String kg(int kg) {
        return grouped(kg) + " kg";
    }

    static String kg(BigDecimal kg) {
        DecimalFormat f = new DecimalFormat("#,##0.####", SYMBOLS);
        f.setRoundingMode(RoundingMode.DOWN);
        return f.format(kg) + " kg";
    }

    static String grouped(long n) {
        // Locale.ROOT groups with commas: the format does not depend on the JVM's locale
        return String.format(Locale.ROOT, "%,d", n);
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
