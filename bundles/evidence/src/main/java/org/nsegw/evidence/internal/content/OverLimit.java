package org.nsegw.evidence.internal.content;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsegw.api.rules.Finding;

/**
 * The over-weight and over-rate of a verdict, for the platform's {@code overLimitWeight} and {@code overLimitRate}.
 * The verdict carries them only in the words of its overweight findings ("超限3,300 kg，超限率6.7%", the form
 * {@code docs/rules.md} gives), so they are read from there: the statutory finding's first, else the posted limit's.
 *
 * @param overKg      gross weight minus the limit, kg
 * @param ratePercent the over-weight as a percentage of the limit, one decimal, as text
 */
record OverLimit(int overKg, String ratePercent) {

    static final List<String> CODES = List.of("OVERWEIGHT_STATUTORY", "OVERWEIGHT_POSTED");

    private static final Pattern EXCESS = Pattern.compile("超限([0-9][0-9,]*) kg，超限率([0-9]+(?:\\.[0-9]+)?)%");

    static Optional<OverLimit> of(List<Finding> findings) {
        for (String code : CODES) {
            for (Finding f : findings) {
                if (f.code().equals(code)) {
                    Matcher m = EXCESS.matcher(f.explanation());
                    if (m.find()) {
                        return Optional.of(new OverLimit(Integer.parseInt(m.group(1).replace(",", "")), m.group(2)));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
