package org.nsegw.emulator.weigh.frames;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Yaohua XK3190 continuous format 0: {@code 02 sign d5..d0 dp xh xl 03}; dp is the number of decimals (0–4), xh xl
 * the XOR of sign..dp as two upper-case ASCII hex digits.
 */
public final class Xk3190Frames {

    public static final int LENGTH = 12;

    private Xk3190Frames() {
    }

    /** The frame for a weight; its scale (0–4) is the number of decimals shown. */
    public static byte[] encode(BigDecimal weight) {
        int decimals = weight.scale();
        if (decimals < 0 || decimals > 4) {
            throw new IllegalArgumentException("XK3190 shows 0 to 4 decimals, not " + decimals);
        }
        BigInteger digits = weight.abs().unscaledValue();
        if (digits.compareTo(BigInteger.valueOf(999_999)) > 0) {
            throw new IllegalArgumentException(weight + " needs more than six digits");
        }
        byte[] frame = new byte[LENGTH];
        frame[0] = 0x02;
        frame[1] = (byte) (weight.signum() < 0 ? '-' : '+');
        byte[] six = String.format("%06d", digits.intValueExact()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(six, 0, frame, 2, 6);
        frame[8] = (byte) ('0' + decimals);
        int xor = 0;
        for (int i = 1; i <= 8; i++) {
            xor ^= frame[i];
        }
        frame[9] = (byte) hex(xor >> 4 & 0xF);
        frame[10] = (byte) hex(xor & 0xF);
        frame[11] = 0x03;
        return frame;
    }

    static int hex(int nibble) {
        return nibble <= 9 ? nibble + 0x30 : nibble + 0x37;
    }
}
