package org.nsegw.emulator.camera.scene;

import java.util.Locale;

/** The light at the exit. */
public enum Light {
    /** Daylight, some exposure and white-balance spread. */
    DAY,
    /** Low, warm light: darker, orange cast, a dusk sky. */
    DUSK,
    /** Dark, lit by the site's floodlights (white LED or warm) and the truck's headlights; more sensor gain. */
    NIGHT;

    /** Its name in labels and options: {@code day}, {@code dusk}, {@code night}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Light of(String word) {
        try {
            return valueOf(word.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("light must be day, dusk or night, not '" + word + "'", e);
        }
    }
}
