package org.nsegw.emulator.anpr.read;

import java.util.Map;

/**
 * Latin stand-ins for the Chinese characters on plates, drawn when no installed font can show the character: the
 * provinces' GB/T 2260 letters and the pinyin of the suffixes.
 */
public final class Provinces {

    private static final Map<Character, String> LATIN = Map.ofEntries(
            Map.entry('京', "BJ"), Map.entry('津', "TJ"), Map.entry('沪', "SH"), Map.entry('渝', "CQ"),
            Map.entry('冀', "HE"), Map.entry('豫', "HA"), Map.entry('云', "YN"), Map.entry('辽', "LN"),
            Map.entry('黑', "HL"), Map.entry('湘', "HN"), Map.entry('皖', "AH"), Map.entry('鲁', "SD"),
            Map.entry('新', "XJ"), Map.entry('苏', "JS"), Map.entry('浙', "ZJ"), Map.entry('赣', "JX"),
            Map.entry('鄂', "HB"), Map.entry('桂', "GX"), Map.entry('甘', "GS"), Map.entry('晋', "SX"),
            Map.entry('蒙', "NM"), Map.entry('陕', "SN"), Map.entry('吉', "JL"), Map.entry('闽', "FJ"),
            Map.entry('贵', "GZ"), Map.entry('粤', "GD"), Map.entry('青', "QH"), Map.entry('藏', "XZ"),
            Map.entry('川', "SC"), Map.entry('宁', "NX"), Map.entry('琼', "HI"),
            Map.entry('挂', "GUA"), Map.entry('学', "XUE"), Map.entry('警', "JING"), Map.entry('港', "GANG"),
            Map.entry('澳', "AO"));

    private Provinces() {
    }

    /** The Latin stand-in of a plate character, or "?" for one not on any plate. */
    public static String latin(char c) {
        return LATIN.getOrDefault(c, "?");
    }

    /** Whether a character is one of the Chinese characters plates carry. */
    public static boolean isChinese(char c) {
        return LATIN.containsKey(c);
    }
}
