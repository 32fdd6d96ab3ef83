package org.nsegw.rules.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gross-weight tolerance a weigh device's accuracy class stands for: a JJG 907-2006 numeric class (0.2, 0.5, 1, 2,
 * 5, 10; the in-service error of class 5 is ±5 %) or a COST 323 class (A(5), B+(7), B(10), C(15); the GVW tolerance).
 */
public final class AccuracyClass {

    private static final Map<String, BigDecimal> JJG_907 = Map.of(
            "0.2", new BigDecimal("0.2"), "0.5", new BigDecimal("0.5"), "1", BigDecimal.ONE,
            "2", BigDecimal.valueOf(2), "5", BigDecimal.valueOf(5), "10", BigDecimal.TEN);
    private static final Map<String, BigDecimal> COST_323 = Map.of(
            "A", BigDecimal.valueOf(5), "B+", BigDecimal.valueOf(7), "B", BigDecimal.TEN, "C", BigDecimal.valueOf(15));
    private static final Pattern COST = Pattern.compile("(A|B\\+|B|C)(?:\\((\\d+(?:\\.\\d+)?)\\))?");

    private AccuracyClass() {
    }

    /** The gross-weight tolerance in percent; empty when the class is none of the known forms. */
    public static Optional<BigDecimal> grossTolerancePercent(String accuracyClass) {
        String c = accuracyClass.strip().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        String number = c.endsWith(".0") ? c.substring(0, c.length() - 2) : c;
        if (JJG_907.containsKey(number)) {
            return Optional.of(JJG_907.get(number));
        }
        Matcher m = COST.matcher(c);
        if (m.matches()) {
            BigDecimal tolerance = COST_323.get(m.group(1));
            // a number in brackets must be the class's own: B(7) is a typing error, not a class
            if (m.group(2) == null || new BigDecimal(m.group(2)).compareTo(tolerance) == 0) {
                return Optional.of(tolerance);
            }
        }
        return Optional.empty();
    }
}
