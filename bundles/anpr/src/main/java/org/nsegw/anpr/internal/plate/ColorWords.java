package org.nsegw.anpr.internal.plate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nsegw.api.anpr.PlateColor;

/**
 * The words cameras use for plate colours: in their colour fields ({@code blue}, {@code Yellow}, {@code 黄色}) and in
 * front of the plate text ({@code 蓝皖A7XG66}).
 */
final class ColorWords {

    /** Colour words that may stand in front of the plate text, longest first so that 黄绿 wins over 黄. */
    static final List<Map.Entry<String, PlateColor>> PREFIXES = List.of(
            Map.entry("YELLOWGREEN", PlateColor.YELLOW_GREEN),
            Map.entry("渐变绿色", PlateColor.GREEN),
            Map.entry("黄绿色", PlateColor.YELLOW_GREEN),
            Map.entry("YELLOW", PlateColor.YELLOW),
            Map.entry("渐变绿", PlateColor.GREEN),
            Map.entry("GREEN", PlateColor.GREEN),
            Map.entry("WHITE", PlateColor.WHITE),
            Map.entry("BLACK", PlateColor.BLACK),
            Map.entry("BLUE", PlateColor.BLUE),
            Map.entry("黄绿", PlateColor.YELLOW_GREEN),
            Map.entry("蓝色", PlateColor.BLUE),
            Map.entry("黄色", PlateColor.YELLOW),
            Map.entry("绿色", PlateColor.GREEN),
            Map.entry("白色", PlateColor.WHITE),
            Map.entry("黑色", PlateColor.BLACK),
            Map.entry("蓝", PlateColor.BLUE),
            Map.entry("黄", PlateColor.YELLOW),
            Map.entry("绿", PlateColor.GREEN),
            Map.entry("白", PlateColor.WHITE),
            Map.entry("黑", PlateColor.BLACK));

    /** Words in a colour field that mean "the camera does not know". */
    private static final List<String> UNKNOWN = List.of("", "UNKNOWN", "OTHER", "OTHERS", "NONE", "未知", "其他", "其它");

    private ColorWords() {
    }

    /** What a camera's colour field says. */
    sealed interface FieldColor permits Known, Absent, Unrecognised {
    }

    /** The field names a GA 36 colour. */
    record Known(PlateColor color) implements FieldColor {
    }

    /** No field, or a field saying the camera does not know. */
    record Absent() implements FieldColor {
    }

    /** A word this gateway does not know (kept in the notes, never guessed). */
    record Unrecognised(String word) implements FieldColor {
    }

    /**
     * Reads a colour field: case, spaces, {@code -} and {@code _} do not matter ({@code yellowGreen},
     * {@code yellow-green}, {@code YELLOW_GREEN}); a Chinese word may end in 色.
     */
    static FieldColor field(String word) {
        if (word == null) {
            return new Absent();
        }
        String w = word.strip().replaceAll("[\\s_\\-]", "").toUpperCase(Locale.ROOT);
        if (UNKNOWN.contains(w)) {
            return new Absent();
        }
        Optional<PlateColor> exact = PREFIXES.stream().filter(e -> e.getKey().equals(w)).map(Map.Entry::getValue).findFirst();
        return exact.<FieldColor>map(Known::new).orElseGet(() -> new Unrecognised(word.strip()));
    }
}
