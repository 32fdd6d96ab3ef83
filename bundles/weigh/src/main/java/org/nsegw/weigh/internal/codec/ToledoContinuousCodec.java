package org.nsegw.weigh.internal.codec;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Mettler Toledo standard continuous output: 18 bytes {@code STX SWA SWB SWC W×6 T×6 CR CKS}, 7 data bits.
 *
 * <ul>
 *   <li>SWA bits 0–2: where the decimal point is (0 = two dummy zeros, 1 = one dummy zero, 2 = none, 3–7 = one to
 *       five decimals); bits 3–4: the count-by (not used here).</li>
 *   <li>SWB bit 0 net, bit 1 negative, bit 2 out of range (overload, or underload when negative), bit 3 motion,
 *       bit 4 kg (else lb).</li>
 *   <li>SWC bits 0–2: 0 = the unit of SWB, 1 = grams (reported here in kg), 2 = metric tonnes; other codes are
 *       refused.</li>
 *   <li>Weight and tare: six ASCII digits each, leading zeros may be spaces.</li>
 *   <li>CKS: the two's complement of the sum of bits 0–6 of STX..CR, in 7 bits.</li>
 * </ul>
 *
 * A byte with bit 7 set is not 7-bit data (the port is likely set to 8 data bits and is passing the parity bit on):
 * a frame holding one is refused as malformed. See docs/weigh-protocols.md for the sources.
 */
public final class ToledoContinuousCodec extends StreamCodec<ScaleReading> {

    static final int STX = 0x02;
    static final int CR = 0x0D;
    static final int FRAME = 18;
    private static final StartTest STARTS = startsWith(STX);

    @Override
    protected Cut<ScaleReading> next(Window w) {
        if (w.at(0) != STX) {
            return noise(w, STARTS, "a frame start (STX)", false);
        }
        if (w.length() < FRAME) {
            return null;
        }
        if (w.at(FRAME - 2) != CR) {
            int again = w.indexOf(STX, 1);
            if (again > 0 && again < FRAME) {
                return Cut.reject(again, Rejection.TRUNCATED, "a new frame started after " + again + " bytes");
            }
            return Cut.reject(FRAME, Rejection.MALFORMED,
                    "byte 17 is " + show(w.at(FRAME - 2)) + ", not CR: not an 18-byte continuous-output frame");
        }
        return frame(w);
    }

    @Override
    protected Cut<ScaleReading> atTimeout(Window w) {
        if (w.at(0) != STX) {
            return noise(w, STARTS, "a frame start (STX)", true);
        }
        int again = w.indexOf(STX, 1);
        int end = again > 0 ? again : w.length();
        return Cut.reject(end, Rejection.TRUNCATED, "the device went quiet after " + end + " of 18 bytes");
    }

    private static Cut<ScaleReading> frame(Window w) {
        for (int i = 0; i < FRAME; i++) {
            if (w.at(i) > 0x7F) {
                return Cut.reject(FRAME, Rejection.MALFORMED, String.format(
                        "byte %d is 0x%02X, with bit 7 set: 7-bit data expected (is the port set to 7 data bits?)",
                        i + 1, w.at(i)));
            }
        }
        int sum = 0;
        for (int i = 0; i < FRAME - 1; i++) {
            sum += w.at(i);
        }
        int computed = -sum & 0x7F;
        int sent = w.at(FRAME - 1);
        if (sent != computed) {
            return Cut.reject(FRAME, Rejection.CHECKSUM, String.format("checksum 0x%02X, computed 0x%02X", sent, computed));
        }
        int swa = w.at(1);
        int swb = w.at(2);
        int swc = w.at(3);
        Long weight = digits(w, 4);
        if (weight == null) {
            return Cut.reject(FRAME, Rejection.MALFORMED, "weight field " + text(w, 4) + " is not six digits");
        }
        Long tare = digits(w, 10);
        if (tare == null) {
            return Cut.reject(FRAME, Rejection.MALFORMED, "tare field " + text(w, 10) + " is not six digits");
        }
        WeightUnit unit;
        int unitCode = swc & 0x07;
        boolean grams = false;
        switch (unitCode) {
            case 0 -> unit = (swb & 0x10) != 0 ? WeightUnit.KG : WeightUnit.LB;
            case 1 -> {
                unit = WeightUnit.KG;
                grams = true;
            }
            case 2 -> unit = WeightUnit.T;
            default -> {
                return Cut.reject(FRAME, Rejection.MALFORMED, "status word C gives unit code " + unitCode
                        + " (bits 0-2); only 0 (lb/kg), 1 (g) and 2 (t) are read");
            }
        }
        int point = swa & 0x07;
        boolean negative = (swb & 0x02) != 0;
        BigDecimal w1 = scaled(weight, point, grams);
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        if ((swb & 0x01) != 0) {
            flags.add(ScaleFlag.NET);
        }
        if ((swb & 0x04) != 0) {
            flags.add(negative ? ScaleFlag.UNDERLOAD : ScaleFlag.OVERLOAD);
        }
        if ((swb & 0x08) != 0) {
            flags.add(ScaleFlag.MOTION);
        }
        return Cut.value(FRAME, new ScaleReading(negative ? w1.negate() : w1, unit, scaled(tare, point, grams), flags));
    }

    /** Six digits from {@code from}; leading spaces count as zeros. {@code null} if anything else is there. */
    private static Long digits(Window w, int from) {
        long value = 0;
        boolean digitSeen = false;
        for (int i = from; i < from + 6; i++) {
            int c = w.at(i);
            if (c == ' ' && !digitSeen) {
                continue;
            }
            if (c < '0' || c > '9') {
                return null;
            }
            digitSeen = true;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String text(Window w, int from) {
        StringBuilder b = new StringBuilder("'");
        for (int i = from; i < from + 6; i++) {
            int c = w.at(i);
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return b.append('\'').toString();
    }

    /** The displayed digits as a value: decimal point code 0 and 1 add dummy zeros, 2 is whole, 3–7 are decimals. */
    static BigDecimal scaled(long digits, int pointCode, boolean grams) {
        BigDecimal v = switch (pointCode) {
            case 0 -> BigDecimal.valueOf(digits * 100);
            case 1 -> BigDecimal.valueOf(digits * 10);
            default -> BigDecimal.valueOf(digits, pointCode - 2);
        };
        return grams ? v.movePointLeft(3) : v;
    }

    @Override
    public Class<ScaleReading> valueType() {
        return ScaleReading.class;
    }
}
