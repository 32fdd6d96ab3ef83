package org.nsegw.weigh.internal.codec;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Yaohua XK3190 continuous output, format 0: 12 bytes {@code 02 sign d5 d4 d3 d2 d1 d0 dp xh xl 03}.
 *
 * <ul>
 *   <li>sign: {@code +} or {@code -}; d5..d0: the displayed weight, most significant digit first;</li>
 *   <li>dp: the number of decimals, {@code 0} to {@code 4};</li>
 *   <li>xh, xl: the XOR of the eight bytes sign..dp, high and low nibble each sent as an ASCII hex digit
 *       ({@code 0}–{@code 9}, {@code A}–{@code F}).</li>
 * </ul>
 *
 * The frame carries no unit and no status: readings are {@link WeightUnit#UNKNOWN} (the device profile's
 * {@code units} decides) and carry no flags.
 */
public final class Xk3190Codec extends StreamCodec<ScaleReading> {

    static final int STX = 0x02;
    static final int ETX = 0x03;
    static final int FRAME = 12;
    private static final StartTest STARTS = startsWith(STX);

    @Override
    protected Cut<ScaleReading> next(Window w) {
        if (w.at(0) != STX) {
            return noise(w, STARTS, "a frame start (02)", false);
        }
        if (w.length() < FRAME) {
            return null;
        }
        if (w.at(FRAME - 1) != ETX) {
            int again = w.indexOf(STX, 1);
            if (again > 0 && again < FRAME) {
                return Cut.reject(again, Rejection.TRUNCATED, "a new frame started after " + again + " bytes");
            }
            return Cut.reject(FRAME, Rejection.MALFORMED,
                    "byte 12 is " + show(w.at(FRAME - 1)) + ", not 03: not a 12-byte format-0 frame");
        }
        return frame(w);
    }

    @Override
    protected Cut<ScaleReading> atTimeout(Window w) {
        if (w.at(0) != STX) {
            return noise(w, STARTS, "a frame start (02)", true);
        }
        int again = w.indexOf(STX, 1);
        int end = again > 0 ? again : w.length();
        return Cut.reject(end, Rejection.TRUNCATED, "the device went quiet after " + end + " of 12 bytes");
    }

    private static Cut<ScaleReading> frame(Window w) {
        int high = hexDigit(w.at(9));
        int low = hexDigit(w.at(10));
        if (high < 0 || low < 0) {
            return Cut.reject(FRAME, Rejection.MALFORMED, "check characters " + show(w.at(9)) + " " + show(w.at(10))
                    + " are not two hex digits 0-9/A-F");
        }
        int xor = 0;
        for (int i = 1; i <= 8; i++) {
            xor ^= w.at(i);
        }
        int sent = high << 4 | low;
        if (sent != xor) {
            return Cut.reject(FRAME, Rejection.CHECKSUM, String.format("XOR check 0x%02X, computed 0x%02X", sent, xor));
        }
        int sign = w.at(1);
        if (sign != '+' && sign != '-') {
            return Cut.reject(FRAME, Rejection.MALFORMED, "sign " + show(sign) + " is not + or -");
        }
        long digits = 0;
        for (int i = 2; i <= 7; i++) {
            int c = w.at(i);
            if (c < '0' || c > '9') {
                return Cut.reject(FRAME, Rejection.MALFORMED, "weight digit " + (i - 1) + " is " + show(c) + ", not 0-9");
            }
            digits = digits * 10 + (c - '0');
        }
        int dp = w.at(8);
        if (dp < '0' || dp > '4') {
            return Cut.reject(FRAME, Rejection.MALFORMED, "decimal places " + show(dp) + " is not 0-4");
        }
        BigDecimal weight = BigDecimal.valueOf(digits, dp - '0');
        return Cut.value(FRAME, new ScaleReading(sign == '-' ? weight.negate() : weight, WeightUnit.UNKNOWN, null, Set.of()));
    }

    /** The value of an upper-case ASCII hex digit as XK3190 sends it, or -1. */
    private static int hexDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    @Override
    public Class<ScaleReading> valueType() {
        return ScaleReading.class;
    }
}
