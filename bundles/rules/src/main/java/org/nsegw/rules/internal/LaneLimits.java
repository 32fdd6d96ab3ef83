package org.nsegw.rules.internal;

import java.util.Map;
import java.util.TreeMap;

/** Posted limits per lane, from {@code LANE=KG} items. */
final class LaneLimits {

    private LaneLimits() {
    }

    /**
     * @throws IllegalArgumentException naming the first item that is not {@code LANE=KG} with a positive weight
     */
    static Map<String, Integer> parse(String[] items) {
        Map<String, Integer> limits = new TreeMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            String lane = eq > 0 ? item.substring(0, eq).strip() : "";
            int kg;
            try {
                kg = eq > 0 ? Integer.parseInt(item.substring(eq + 1).strip()) : -1;
            } catch (NumberFormatException e) {
                kg = -1;
            }
            if (lane.isEmpty() || kg <= 0 || kg > 200_000) {
                throw new IllegalArgumentException("lane limit '" + item + "' must be LANE=KG with KG from 1 to 200000, e.g. L4=30000");
            }
            if (limits.put(lane, kg) != null) {
                throw new IllegalArgumentException("lane " + lane + " has two posted limits");
            }
        }
        return limits;
    }
}
