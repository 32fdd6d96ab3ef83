package org.nsegw.anpr.internal.plate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;

/**
 * Turns a camera's plate text into a GA 36-2018 plate, or says why it is not one.
 *
 * <p>Normalisation only ever changes the form of the text, never its characters: full-width forms become
 * half-width, letters upper-case, separators ({@code ·}, {@code •}, {@code .}, {@code -}, spaces) are dropped and
 * a leading colour word ({@code 蓝}, {@code 黄色}, {@code 黄绿}, {@code blue}...) is taken off when a province
 * abbreviation follows it. What is left must be a GA 36 plate exactly; nothing is "corrected" (no O→0, no I→1),
 * so a misread stays unreadable instead of becoming somebody else's plate.
 *
 * <p>Colour: kinds whose colour GA 36 fixes (new energy green or yellow-green, trailer and coach yellow, police
 * white, Hong Kong / Macau black) get that colour. A normal plate is blue or yellow, which the text does not tell:
 * it gets the camera's colour field, else the colour word in front of the text. Every disagreement between these
 * three is written in the notes; the colour chosen is the plate format's, then the field's, then the prefix's.
 *
 * <p>Pure and total: never throws, for any text.
 */
public final class PlateNormalizer {

    /** The province abbreviations of GA 36, the first character of every plate. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    /** Texts cameras send when they saw a vehicle but no plate (compared after normalising). */
    private static final Set<String> PLACEHOLDERS = Set.of(
            "无车牌", "车牌", "未识别", "无牌", "无牌车", "未知", "无", "UNKNOWN", "NONE", "NOPLATE", "NULL");

    /** Characters taken as separators inside a plate. */
    private static final String SEPARATORS = "·•.-_ \t\u00A0\u2027\u30FB\u2219\u2010\u2011\u2012\u2013\u2014";

    /** Longer texts are refused before any work: no plate is anywhere near this long. */
    private static final int MAX_TEXT = 64;

    private PlateNormalizer() {
    }

    /** {@link #normalize(String, String)} for a camera that sends no colour field. */
    public static NormalizedPlate normalize(String rawText) {
        return normalize(rawText, null);
    }

    /**
     * @param rawText     the plate text as the camera sent it; {@code null} counts as empty
     * @param cameraColor the camera's colour field ({@code blue}, {@code 黄色}...), {@code null} or empty if none
     */
    public static NormalizedPlate normalize(String rawText, String cameraColor) {
        String raw = rawText == null ? "" : rawText;
        List<String> notes = new ArrayList<>();
        ColorWords.FieldColor field = ColorWords.field(cameraColor);
        if (field instanceof ColorWords.Unrecognised u) {
            notes.add("camera colour '" + shown(u.word()) + "' is not a GA 36 colour word; not used");
        }
        PlateColor fieldColor = field instanceof ColorWords.Known k ? k.color() : null;

        if (raw.length() > MAX_TEXT) {
            return unreadable(raw, notes, stated(fieldColor, null, notes),
                    raw.length() + " characters, far too long for a plate");
        }
        String text = canonical(raw, notes);
        if (text.isEmpty() || PLACEHOLDERS.contains(text)) {
            String why = raw.isBlank() ? "no plate text" : "'" + shown(raw) + "' is the camera's placeholder for no plate";
            return unreadable(raw, notes, stated(fieldColor, null, notes), why);
        }

        PlateColor prefixColor = null;
        for (Map.Entry<String, PlateColor> word : ColorWords.PREFIXES) {
            String rest = text.substring(Math.min(word.getKey().length(), text.length()));
            if (text.startsWith(word.getKey()) && !rest.isEmpty() && PROVINCES.indexOf(rest.charAt(0)) >= 0) {
                notes.add("colour word '" + word.getKey() + "' taken off the front of the plate text");
                prefixColor = word.getValue();
                text = rest;
                break;
            }
        }
        PlateColor stated = stated(fieldColor, prefixColor, notes);

        String problem = problem(text);
        if (problem != null) {
            return unreadable(raw, notes, stated, problem);
        }
        PlateKind kind = kindOf(text);
        PlateColor fixed = fixedColor(kind);
        PlateColor color;
        if (fixed != null) {
            if (stated != null && stated != fixed) {
                notes.add("a " + describe(kind) + " plate is " + name(fixed) + " by GA 36; the camera said "
                        + name(stated) + ", kept " + name(fixed));
            }
            color = fixed;
        } else {
            color = stated == null ? PlateColor.UNKNOWN : stated;
            if (stated != null && stated != PlateColor.BLUE && stated != PlateColor.YELLOW) {
                notes.add(name(stated) + " is unusual for a 7-character plate (blue or yellow by GA 36)");
            }
        }
        return new NormalizedPlate(text, kind, color, raw, notes, "");
    }

    /**
     * The text with full-width forms made half-width, ASCII letters upper-case and separators dropped, noting each
     * change. Works on code points, so that no surrogate pair is ever split.
     */
    private static String canonical(String raw, List<String> notes) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean wide = false;
        boolean lower = false;
        Set<String> dropped = new LinkedHashSet<>();
        for (int cp : raw.strip().codePoints().toArray()) {
            int c = cp;
            if (c >= 0xFF01 && c <= 0xFF5E) {
                c -= 0xFEE0;
                wide = true;
            } else if (c == 0x3000) {
                c = ' ';
                wide = true;
            }
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
                lower = true;
            }
            if (c < 0x10000 && SEPARATORS.indexOf(c) >= 0) {
                dropped.add(Character.toString(c));
                continue;
            }
            out.appendCodePoint(c);
        }
        if (wide) {
            notes.add("full-width characters made half-width");
        }
        if (lower) {
            notes.add("lower-case letters made upper-case");
        }
        if (!dropped.isEmpty()) {
            notes.add("separators dropped: " + dropped.stream().map(s -> "'" + s + "'").collect(Collectors.joining(" ")));
        }
        return out.toString();
    }

    /** The colour the camera states: its colour field, else the colour word in front of the text. */
    private static PlateColor stated(PlateColor fieldColor, PlateColor prefixColor, List<String> notes) {
        if (fieldColor != null && prefixColor != null && fieldColor != prefixColor) {
            notes.add("the plate text says " + name(prefixColor) + ", the camera's colour field " + name(fieldColor)
                    + "; the field is used");
        }
        return fieldColor != null ? fieldColor : prefixColor;
    }

    /** Why a text is not a GA 36 plate, or {@code null} if it is one. */
    private static String problem(String text) {
        int[] cps = text.codePoints().toArray();
        int first = cps[0];
        if (first >= 0x10000 || PROVINCES.indexOf(first) < 0) {
            return isHan(first)
                    ? "'" + shown(Character.toString(first)) + "' is not a province abbreviation"
                    : "a plate starts with a province abbreviation, not '" + shown(Character.toString(first)) + "'";
        }
        if (cps.length != 7 && cps.length != 8) {
            return cps.length + " characters; a plate has 7, or 8 for new energy";
        }
        int authority = cps[1];
        if (authority < 'A' || authority > 'Z') {
            return "the second character '" + shown(Character.toString(authority)) + "' is not a letter";
        }
        for (int i = 2; i < cps.length; i++) {
            int c = cps[i];
            if (c == 'I' || c == 'O') {
                return "the letter " + (char) c + " at position " + (i + 1) + " is never issued in a serial (GA 36)";
            }
            boolean lastOfSeven = cps.length == 7 && i == 6;
            if (!isSerial(c) && !(lastOfSeven && "挂学警港澳".indexOf(c) >= 0)) {
                return "'" + shown(Character.toString(c)) + "' at position " + (i + 1) + " cannot be in a plate";
            }
        }
        if (cps.length == 7) {
            if (authority == 'I' || authority == 'O') {
                return "'" + (char) authority + "' is not an issuing-authority letter of a 7-character plate (GA 36 skips I and O)";
            }
            int last = cps[6];
            if ((last == '港' || last == '澳') && !text.startsWith("粤Z")) {
                return "Hong Kong and Macau plates are issued as 粤Z only, not " + text.substring(0, 2);
            }
            return null;
        }
        boolean small = (cps[2] == 'D' || cps[2] == 'F') && allDigits(cps, 4, 8);
        boolean large = allDigits(cps, 2, 7) && (cps[7] == 'D' || cps[7] == 'F');
        return small || large ? null
                : "8 characters, but neither a small new-energy plate (D or F, any, then 4 digits) "
                        + "nor a large one (5 digits, then D or F)";
    }

    private static PlateKind kindOf(String text) {
        if (text.length() == 8) {
            return text.charAt(2) == 'D' || text.charAt(2) == 'F' ? PlateKind.NEW_ENERGY_SMALL : PlateKind.NEW_ENERGY_LARGE;
        }
        return switch (text.charAt(6)) {
            case '挂' -> PlateKind.TRAILER;
            case '学' -> PlateKind.COACH;
            case '警' -> PlateKind.POLICE;
            case '港', '澳' -> PlateKind.HK_MACAU;
            default -> PlateKind.NORMAL;
        };
    }

    private static PlateColor fixedColor(PlateKind kind) {
        return switch (kind) {
            case NEW_ENERGY_SMALL -> PlateColor.GREEN;
            case NEW_ENERGY_LARGE -> PlateColor.YELLOW_GREEN;
            case TRAILER, COACH -> PlateColor.YELLOW;
            case POLICE -> PlateColor.WHITE;
            case HK_MACAU -> PlateColor.BLACK;
            default -> null;
        };
    }

    private static String describe(PlateKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String name(PlateColor color) {
        return color.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean isSerial(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' && c != 'I' && c != 'O';
    }

    private static boolean allDigits(int[] cps, int from, int to) {
        for (int i = from; i < to; i++) {
            if (cps[i] < '0' || cps[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static NormalizedPlate unreadable(String raw, List<String> notes, PlateColor stated, String reason) {
        return new NormalizedPlate("", PlateKind.UNREADABLE, stated == null ? PlateColor.UNKNOWN : stated, raw, notes, reason);
    }

    /** A text for a note or reason: control characters escaped, at most 32 characters. */
    private static String shown(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(32).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return s.codePointCount(0, s.length()) > 32 ? b + "…" : b.toString();
    }
}
