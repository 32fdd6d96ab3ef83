package org.nsegw.evidence.internal.content;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who and where the gateway is, as the {@code gateway} section of the site file says.
 *
 * @param id          the gateway id, e.g. {@code hz-qtb3-gw1}
 * @param name        a name people recognise; may be empty
 * @param stationCode the platform's code of the detection station; it starts every case id
 * @param latitude    WGS-84 degrees
 * @param longitude   WGS-84 degrees
 * @param road        road number, e.g. G104; may be empty
 * @param place       where exactly, e.g. 北岸引桥 K12+300; may be empty
 */
public record GatewayIdentity(String id, String name, String stationCode, double latitude, double longitude, String road,
        String place) {

    public GatewayIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(road, "road");
        Objects.requireNonNull(place, "place");
        if (id.isBlank()) {
            throw new IllegalArgumentException("the gateway has no id");
        }
        if (stationCode.isBlank()) {
            throw new IllegalArgumentException("the gateway has no station code");
        }
    }

    /**
     * The identity from the properties of the configuration {@code org.nsegw.gateway} (keys {@code id}, {@code name},
     * {@code stationCode}, {@code location.latitude}, {@code location.longitude}, {@code location.road},
     * {@code location.description}).
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static GatewayIdentity fromProperties(Map<String, ?> p) {
        return new GatewayIdentity(text(p, "id", null), text(p, "name", ""), text(p, "stationCode", null),
                degrees(p, "location.latitude"), degrees(p, "location.longitude"), text(p, "location.road", ""),
                text(p, "location.description", ""));
    }

    /** The identity as the packet's {@code gateway} field: decimals as text, no floating point. */
    Map<String, Object> fields() {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("latitude", Decimals.text(latitude));
        location.put("longitude", Decimals.text(longitude));
        location.put("road", road);
        location.put("place", place);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("stationCode", stationCode);
        m.put("location", location);
        return m;
    }

    private static String text(Map<String, ?> p, String key, String fallback) {
        Object v = p.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("gateway: " + key + " is missing");
            }
            return fallback;
        }
        return v.toString();
    }

    private static double degrees(Map<String, ?> p, String key) {
        Object v = p.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v == null) {
            throw new IllegalArgumentException("gateway: " + key + " is missing");
        }
        try {
            return new BigDecimal(v.toString().strip()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gateway: " + key + " is '" + v + "', not a number");
        }
    }
}
