package org.nsegw.emulator.weigh.frames;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Mettler Toledo standard continuous output: {@code STX SWA SWB SWC W×6 T×6 CR CKS}, 18 bytes of 7-bit data.
 * SWA bits 0–2 place the decimal point (0 and 1: dummy zeros, 2: none, 3–7: one to five decimals) and bits 3–4 give
 * the count-by (sent as ×1); SWB bit 0 net, 1 negative, 2 out of range, 3 motion, 4 kg; SWC bits 0–2 = 2 for tonnes.
 */
public final class ToledoFrames {

    public static final int LENGTH = 18;

    private ToledoFrames() {
    }

    /** The frame for a display; leading zeros as zeros. */
    public static byte[] encode(ScaleDisplay d) {
        return encode(d, false);
    }

    /** The frame for a display, with leading zeros sent as spaces if {@code blankLeadingZeros}. */
    public static byte[] encode(ScaleDisplay d, boolean blankLeadingZeros) {
        int scale = d.weight().scale();
        if (scale < -2 || scale > 5) {
            throw new IllegalArgumentException("Toledo shows 2 dummy zeros to 5 decimals, not scale " + scale);
        }
        int swa = 0x20 | 0x08 | (scale + 2);
        int swb = 0x20;
        swb |= d.net() ? 0x01 : 0;
        swb |= d.weight().signum() < 0 ? 0x02 : 0;
        swb |= d.overload() || d.underload() ? 0x04 : 0;
        swb |= d.motion() ? 0x08 : 0;
        swb |= d.unit() == ScaleDisplay.Unit.KG ? 0x10 : 0;
        int swc = 0x20 | (d.unit() == ScaleDisplay.Unit.T ? 0x02 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(LENGTH);
        out.write(0x02);
        out.write(swa);
        out.write(swb);
        out.write(swc);
        out.writeBytes(digits(d.weight().abs(), scale, blankLeadingZeros));
        out.writeBytes(digits(d.tare(), scale, blankLeadingZeros));
        out.write(0x0D);
        int sum = 0;
        for (byte b : out.toByteArray()) {
            sum += b & 0x7F;
        }
        out.write((0x80 - (sum & 0x7F)) & 0x7F);
        return out.toByteArray();
    }

    private static byte[] digits(BigDecimal value, int scale, boolean blank) {
        BigInteger n = value.setScale(scale).unscaledValue();
        if (n.compareTo(BigInteger.valueOf(999_999)) > 0) {
            throw new IllegalArgumentException(value + " needs more than six digits");
        }
        String s = String.format(blank ? "%6d" : "%06d", n.intValueExact());
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
