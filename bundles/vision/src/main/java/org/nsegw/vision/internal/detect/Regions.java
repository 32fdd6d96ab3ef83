package org.nsegw.vision.internal.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A site camera's regions of interest, each a {@link Zone} in normalised image coordinates.
 *
 * @param wheelZone the wheels and lower body of a truck stopped at the exit (mud)
 * @param bodyZone  the top of the cargo body and the headroom above it (the load)
 * @param roadZone  the road at the exit (dirt: the site's responsibility)
 * @param washArea  the wheel-wash pad (not scored: drawn for the officer, and with the road zone the grey the light is
 *                  normalised on)
 */
public record Regions(Zone wheelZone, Zone bodyZone, Zone roadZone, Zone washArea) {

    /** The keys of the site-file form, under the camera's {@code regions} (site file: {@code regions.wheelZone}). */
    public static final List<String> KEYS = List.of("wheelZone", "bodyZone", "roadZone", "washArea");

    public Regions {
        Objects.requireNonNull(wheelZone, "wheelZone");
        Objects.requireNonNull(bodyZone, "bodyZone");
        Objects.requireNonNull(roadZone, "roadZone");
        Objects.requireNonNull(washArea, "washArea");
    }

    /**
     * The regions from a map of the four keys (with or without the prefix {@code regions.}) to zones in any form
     * {@link Zone#parse} reads. A missing or bad zone is refused with its name.
     */
    public static Regions parse(Map<String, ?> properties) {
        Zone[] zones = new Zone[KEYS.size()];
        for (int i = 0; i < zones.length; i++) {
            String key = KEYS.get(i);
            Object v = properties.containsKey("regions." + key) ? properties.get("regions." + key) : properties.get(key);
            if (v == null) {
                throw new IllegalArgumentException("regions." + key + " is missing: a polygon of \"x,y\" points, shares of the image");
            }
            try {
                zones[i] = Zone.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("regions." + key + ": " + e.getMessage(), e);
            }
        }
        return new Regions(zones[0], zones[1], zones[2], zones[3]);
    }

    /** The site-file form, keys {@code regions.wheelZone} ... with lists of {@code "x,y"}. */
    public Map<String, List<String>> siteForm() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("regions.wheelZone", wheelZone.siteForm());
        m.put("regions.bodyZone", bodyZone.siteForm());
        m.put("regions.roadZone", roadZone.siteForm());
        m.put("regions.washArea", washArea.siteForm());
        return m;
    }
}
