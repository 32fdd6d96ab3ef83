package org.nsegw.emulator.weigh.frames;

import java.nio.charset.StandardCharsets;

/**
 * SMA SCP-0499 replies {@code <LF><s><r><n><m><f><weight×10><uuu><CR>} (20 bytes) and the weight request
 * {@code <LF>W<CR>}.
 */
public final class SmaFrames {

    public static final int LENGTH = 20;

    private SmaFrames() {
    }

    /** The displayed-weight request. */
    public static byte[] request() {
        return new byte[] {'\n', 'W', '\r'};
    }

    /** The reply with a display, range 1. */
    public static byte[] reply(ScaleDisplay d) {
        char status = d.overload() ? 'O' : d.underload() ? 'U' : d.centerOfZero() ? 'Z' : ' ';
        String weight = d.weight().toPlainString();
        if (weight.length() > 10) {
            throw new IllegalArgumentException(weight + " does not fit ten characters");
        }
        return render(status, d.net() ? 'N' : 'G', d.motion() ? 'M' : ' ', String.format("%10s", weight), unit(d.unit()));
    }

    /** The reply of a scale in error: {@code E} zero error, {@code I} initial-zero error, {@code T} tare error. */
    public static byte[] error(char status, ScaleDisplay.Unit unit) {
        if ("EIT".indexOf(status) < 0) {
            throw new IllegalArgumentException("SMA errors are E, I and T, not " + status);
        }
        return render(status, 'G', ' ', "----------", unit(unit));
    }

    /** What a scale answers to a command it does not know. */
    public static byte[] unrecognised() {
        return new byte[] {'\n', '?', '\r'};
    }

    private static String unit(ScaleDisplay.Unit unit) {
        return switch (unit) {
            case KG -> "kg ";
            case LB -> "lb ";
            case T -> "t  ";
        };
    }

    private static byte[] render(char status, char mode, char motion, String weight, String unit) {
        return ("\n" + status + '1' + mode + motion + ' ' + weight + unit + "\r").getBytes(StandardCharsets.US_ASCII);
    }
}
