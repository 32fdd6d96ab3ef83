package org.nsegw.weigh.internal.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SMA SCP-0499 (Scale Manufacturers Association), polled: the request is {@code <LF>W<CR>} (the displayed weight),
 * the reply {@code <LF><s><r><n><m><f><weight×10><uuu><CR>}, 20 bytes.
 *
 * <ul>
 *   <li>s: {@code Z} centre of zero, {@code O} over capacity, {@code U} under capacity, space: none of them;
 *       {@code E} zero error, {@code I} initial-zero error, {@code T} tare error (no weight is sent with these);</li>
 *   <li>r: the range, a digit; n: {@code G} gross, {@code N} net ({@code g}/{@code n}: high resolution);
 *       m: {@code M} motion or space; f: reserved;</li>
 *   <li>weight: ten characters, right-justified, with sign and decimal point; uuu: the unit, e.g. {@code kg }.</li>
 * </ul>
 *
 * The errors, a tare reading ({@code n = T}, the answer to {@code M}, not to {@code W}) and the scale's
 * "unrecognised command" reply {@code <LF>?<CR>} are refused as malformed, with the reason.
 */
public final class SmaScp0499Codec extends StreamCodec<ScaleReading> {

    static final int LF = 0x0A;
    static final int CR = 0x0D;
    static final int REPLY = 20;
    private static final byte[] REQUEST = {LF, 'W', CR};
    private static final StartTest STARTS = startsWith(LF);
    private static final Pattern WEIGHT = Pattern.compile(" *[-+]?(\\d+(\\.\\d+)?|\\.\\d+)");

    @Override
    public Optional<byte[]> request() {
        return Optional.of(REQUEST.clone());
    }

    @Override
    protected Cut<ScaleReading> next(Window w) {
        if (w.at(0) != LF) {
            return noise(w, STARTS, "a reply start (LF)", false);
        }
        int limit = Math.min(w.length(), REPLY);
        for (int i = 1; i < limit; i++) {
            int c = w.at(i);
            if (c == LF) {
                return Cut.reject(i, Rejection.TRUNCATED, "a new reply started after " + i + " bytes");
            }
            if (c == CR) {
                return i + 1 == REPLY ? reply(w) : shortReply(w, i + 1);
            }
        }
        if (w.length() < REPLY) {
            return null;
        }
        return Cut.reject(REPLY, Rejection.MALFORMED, "no CR within 20 bytes: not an SMA reply");
    }

    @Override
    protected Cut<ScaleReading> atTimeout(Window w) {
        if (w.at(0) != LF) {
            return noise(w, STARTS, "a reply start (LF)", true);
        }
        int again = w.indexOf(LF, 1);
        int end = again > 0 ? again : w.length();
        return Cut.reject(end, Rejection.TRUNCATED, "no complete reply: " + end + " of 20 bytes");
    }

    private static Cut<ScaleReading> shortReply(Window w, int length) {
        if (length == 3 && w.at(1) == '?') {
            return Cut.reject(length, Rejection.MALFORMED, "the scale did not recognise the command (<LF>?<CR>)");
        }
        return Cut.reject(length, Rejection.MALFORMED, "a reply of " + length + " bytes; an SMA weight reply has 20");
    }

    private static Cut<ScaleReading> reply(Window w) {
        for (int i = 1; i < REPLY - 1; i++) {
            int c = w.at(i);
            if (c < 0x20 || c > 0x7E) {
                return Cut.reject(REPLY, Rejection.MALFORMED, "byte " + (i + 1) + " is " + show(c) + ", not printable ASCII");
            }
        }
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        int status = w.at(1);
        switch (status) {
            case ' ' -> {
            }
            case 'Z' -> flags.add(ScaleFlag.CENTER_OF_ZERO);
            case 'O' -> flags.add(ScaleFlag.OVERLOAD);
            case 'U' -> flags.add(ScaleFlag.UNDERLOAD);
            case 'E' -> {
                return Cut.reject(REPLY, Rejection.MALFORMED, "the scale reports a zero error (status E)");
            }
            case 'I' -> {
                return Cut.reject(REPLY, Rejection.MALFORMED, "the scale reports an initial-zero error (status I)");
            }
            case 'T' -> {
                return Cut.reject(REPLY, Rejection.MALFORMED, "the scale reports a tare error (status T)");
            }
            default -> {
                return Cut.reject(REPLY, Rejection.MALFORMED, "unknown scale status " + show(status));
            }
        }
        int range = w.at(2);
        if (range < '1' || range > '9') {
            return Cut.reject(REPLY, Rejection.MALFORMED, "range " + show(range) + " is not a digit 1-9");
        }
        int mode = w.at(3);
        switch (mode) {
            case 'G', 'g' -> {
            }
            case 'N', 'n' -> flags.add(ScaleFlag.NET);
            case 'T' -> {
                return Cut.reject(REPLY, Rejection.MALFORMED, "a tare reading (n = T, the answer to M) where the weight (W) was asked");
            }
            default -> {
                return Cut.reject(REPLY, Rejection.MALFORMED, "gross/net status " + show(mode) + " is not G, N, g or n");
            }
        }
        int motion = w.at(4);
        if (motion == 'M') {
            flags.add(ScaleFlag.MOTION);
        } else if (motion != ' ') {
            return Cut.reject(REPLY, Rejection.MALFORMED, "motion status " + show(motion) + " is not M or space");
        }
        String weightText = new String(w.copy(6, 16), StandardCharsets.US_ASCII);
        if (!WEIGHT.matcher(weightText).matches()) {
            return Cut.reject(REPLY, Rejection.MALFORMED, "weight '" + weightText + "' is not a right-justified number");
        }
        String unitText = new String(w.copy(16, 19), StandardCharsets.US_ASCII).strip();
        boolean grams = false;
        WeightUnit unit;
        switch (unitText) {
            case "kg" -> unit = WeightUnit.KG;
            case "lb" -> unit = WeightUnit.LB;
            case "t" -> unit = WeightUnit.T;
            case "g" -> {
                unit = WeightUnit.KG;
                grams = true;
            }
            case "" -> unit = WeightUnit.UNKNOWN;
            default -> {
                return Cut.reject(REPLY, Rejection.MALFORMED, "unit '" + unitText + "' is not kg, lb, t or g");
            }
        }
        BigDecimal weight = new BigDecimal(weightText.strip());
        return Cut.value(REPLY, new ScaleReading(grams ? weight.movePointLeft(3) : weight, unit, null, flags));
    }

    @Override
    public Class<ScaleReading> valueType() {
        return ScaleReading.class;
    }
}
