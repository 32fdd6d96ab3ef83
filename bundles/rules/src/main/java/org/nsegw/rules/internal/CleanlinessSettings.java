package org.nsegw.rules.internal;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;

/**
 * The site's cleanliness settings (PID {@code org.nsegw.rules.cleanliness}, the site file's {@code cleanliness:}
 * section), checked.
 *
 * @param muddyConfidence     minimum detector confidence for a muddy-vehicle violation, 0 to 1
 * @param uncoveredConfidence minimum detector confidence for an uncovered-load violation, 0 to 1
 * @param dirtyRoadConfidence minimum detector confidence for a dirty-road violation against the site, 0 to 1
 * @param haulers             plates of the trucks registered to haul from the site; empty: no hauler check
 * @param enforcementCode     the enforcement item code the platform files cleanliness cases under
 */
public record CleanlinessSettings(double muddyConfidence, double uncoveredConfidence, double dirtyRoadConfidence,
        Set<String> haulers, String enforcementCode) {

    static final double DEFAULT_CONFIDENCE = 0.8;

    public CleanlinessSettings {
        Objects.requireNonNull(enforcementCode, "enforcementCode");
        checkConfidence("muddyConfidence", muddyConfidence);
        checkConfidence("uncoveredConfidence", uncoveredConfidence);
        checkConfidence("dirtyRoadConfidence", dirtyRoadConfidence);
        TreeSet<String> plates = new TreeSet<>();
        for (String h : haulers) {
            String plate = h == null ? "" : plate(h);
            if (plate.isEmpty()) {
                throw new IllegalArgumentException("haulers has an empty plate");
            }
            plates.add(plate);
        }
        haulers = Collections.unmodifiableSet(plates);
    }

    public static CleanlinessSettings fromProperties(Map<String, ?> properties) {
        String expected = "a confidence from 0 to 1, e.g. 0.85";
        return new CleanlinessSettings(
                SettingValues.decimal(properties, "muddyConfidence", DEFAULT_CONFIDENCE, expected),
                SettingValues.decimal(properties, "uncoveredConfidence", DEFAULT_CONFIDENCE, expected),
                SettingValues.decimal(properties, "dirtyRoadConfidence", DEFAULT_CONFIDENCE, expected),
                Set.copyOf(SettingValues.items(properties, "haulers")),
                SettingValues.text(properties, "enforcementCode"));
    }

    /**
     * A plate as an installer may type it (浙A·3K725, 浙a 3k725, full-width letters) in the form the cameras' reads are
     * normalised to (浙A3K725), so that a registered truck is found.
     */
    static String plate(String typed) {
        StringBuilder s = new StringBuilder();
        typed.strip().codePoints().forEach(cp -> {
            int c = cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp; // full-width ASCII to half-width
            if (Character.isWhitespace(c) || "·•.-_\u00A0\u2027\u30FB".indexOf(c) >= 0) {
                return;
            }
            s.appendCodePoint(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        });
        return s.toString();
    }

    private static void checkConfidence(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " is " + value + "; it must be a confidence from 0 to 1, e.g. 0.85");
        }
    }
}
