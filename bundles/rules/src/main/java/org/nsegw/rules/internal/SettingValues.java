package org.nsegw.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Typed reading of configuration properties as Configuration Admin or the site compiler give them: numbers may come
 * as Integer, Long or Double, or as text; lists as String[], a collection, or one comma-separated text.
 */
final class SettingValues {

    private SettingValues() {
    }

    static int wholeNumber(Map<String, ?> properties, String key, int fallback, int min, int max, String unit) {
        Object v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        double d = number(key, v, "a whole number of " + unit);
        if (d != Math.rint(d) || d < min || d > max) {
            throw new IllegalArgumentException(key + " is " + v + "; it must be a whole number of " + unit + " from "
                    + min + " to " + max);
        }
        return (int) d;
    }

    static double decimal(Map<String, ?> properties, String key, double fallback, String expected) {
        Object v = properties.get(key);
        return v == null ? fallback : number(key, v, expected);
    }

    static String text(Map<String, ?> properties, String key) {
        Object v = properties.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof String[] a) {
            return a.length == 0 ? "" : String.join(",", a).strip();
        }
        return v.toString().strip();
    }

    /** The items of a list property, stripped, empty items dropped. */
    static List<String> items(Map<String, ?> properties, String key) {
        Object v = properties.get(key);
        List<String> raw = new ArrayList<>();
        if (v instanceof String[] a) {
            raw.addAll(List.of(a));
        } else if (v instanceof Collection<?> c) {
            c.forEach(o -> raw.add(String.valueOf(o)));
        } else if (v != null) {
            raw.addAll(List.of(v.toString().split(",")));
        }
        List<String> items = new ArrayList<>();
        for (String s : raw) {
            if (s != null && !s.isBlank()) {
                items.add(s.strip());
            }
        }
        return items;
    }

    private static double number(String key, Object v, String expected) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " is '" + v + "', not " + expected);
            }
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + " is " + v + ", not " + expected);
        }
        return d;
    }
}
