package org.nsegw.emulator.weigh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faults an emulated device injects: per-frame chances of noise, truncated frames and bad checksums, and windows of
 * silence (stalls) and of a vanished port.
 *
 * @param noise    chance that garbage bytes precede a frame
 * @param truncate chance that a frame is cut short
 * @param checksum chance that a frame's check is wrong
 * @param stalls   windows in which the device sends nothing
 * @param vanish   windows in which the port is gone (the socat pair is removed)
 */
public record Faults(double noise, double truncate, double checksum, List<Window> stalls, List<Window> vanish) {

    /**
     * A window of scenario time.
     *
     * @param at     when it starts, from the start of the emulation
     * @param length how long it lasts
     */
    public record Window(Duration at, Duration length) {
        public boolean contains(Duration t) {
            return t.compareTo(at) >= 0 && t.compareTo(at.plus(length)) < 0;
        }
    }

    public static final Faults NONE = new Faults(0, 0, 0, List.of(), List.of());

    public Faults {
        stalls = List.copyOf(stalls);
        vanish = List.copyOf(vanish);
        for (double p : new double[] {noise, truncate, checksum}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("a fault chance must be 0 to 1, not " + p);
            }
        }
    }

    /**
     * Reads {@code noise=0.02,truncate=0.01,checksum=0.01,stall=5@30,vanish=10@60}: chances per frame, and windows
     * as SECONDS@START (a stall of 5 s starting 30 s in). Stall and vanish may repeat.
     */
    public static Faults parse(String text) {
        double noise = 0;
        double truncate = 0;
        double checksum = 0;
        List<Window> stalls = new ArrayList<>();
        List<Window> vanish = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return NONE;
        }
        for (String item : text.split(",")) {
            String[] kv = item.strip().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("fault '" + item + "': write NAME=VALUE");
            }
            String name = kv[0].strip().toLowerCase(Locale.ROOT);
            String value = kv[1].strip();
            try {
                switch (name) {
                    case "noise" -> noise = Double.parseDouble(value);
                    case "truncate" -> truncate = Double.parseDouble(value);
                    case "checksum" -> checksum = Double.parseDouble(value);
                    case "stall" -> stalls.add(window(value));
                    case "vanish" -> vanish.add(window(value));
                    default -> throw new IllegalArgumentException("unknown fault '" + name
                            + "'; known: noise, truncate, checksum, stall, vanish");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + item + "': not a number");
            }
        }
        return new Faults(noise, truncate, checksum, stalls, vanish);
    }

    private static Window window(String value) {
        String[] parts = value.split("@", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + value + "': write SECONDS@START, e.g. 5@30");
        }
        return new Window(Duration.ofMillis(Math.round(Double.parseDouble(parts[1]) * 1000)),
                Duration.ofMillis(Math.round(Double.parseDouble(parts[0]) * 1000)));
    }

    public boolean stalled(Duration t) {
        return stalls.stream().anyMatch(w -> w.contains(t));
    }

    public boolean vanished(Duration t) {
        return vanish.stream().anyMatch(w -> w.contains(t));
    }
}
