package org.nsegw.emulator.anpr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Faults an emulated camera injects. Chances apply to each read independently; windows are stretches of scenario
 * time counted from the timeline's start.
 *
 * @param miss             chance that the camera does not read a vehicle at all (nothing is pushed)
 * @param misread          chance that one character of the plate is read as a similar one (8 for B, 0 for D...)
 * @param lowConfidence    chance that the camera reports a confidence of 40 to 69 instead of 85 to 99
 * @param colorPrefix      chance that the plate text carries the colour word in front, as some Chinese firmware
 *                         sends it ({@code 黄浙A12345})
 * @param duplicate        chance that the camera pushes the same event (same id) a second time
 * @param clockOffset      how far the camera's clock is off: its times are the true times plus this
 * @param offline          windows in which the camera is gone: no pushes, no heartbeats, no streams
 * @param wrongCredentials the camera authenticates with a wrong password (for the gateway's security tests)
 */
public record Faults(
        double miss,
        double misread,
        double lowConfidence,
        double colorPrefix,
        double duplicate,
        Duration clockOffset,
        List<Window> offline,
        boolean wrongCredentials) {

    /**
     * A window of scenario time.
     *
     * @param at     when it starts, from the start of the timeline
     * @param length how long it lasts
     */
    public record Window(Duration at, Duration length) {
        public Window {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(length, "length");
        }

        public boolean contains(Duration t) {
            return t.compareTo(at) >= 0 && t.compareTo(at.plus(length)) < 0;
        }
    }

    public static final Faults NONE = new Faults(0, 0, 0, 0, 0, Duration.ZERO, List.of(), false);

    public Faults {
        Objects.requireNonNull(clockOffset, "clockOffset");
        offline = List.copyOf(offline);
        for (double p : new double[] {miss, misread, lowConfidence, colorPrefix, duplicate}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a fault chance must be 0 to 1, not " + p);
            }
        }
    }

    /**
     * Reads {@code miss=0.05,misread=0.02,lowconf=0.05,colorprefix=0.3,duplicate=0.02,clock=+12.5,offline=30@60,
     * credentials=wrong}: chances per read, the clock offset in seconds (may be negative), offline windows as
     * SECONDS@START (30 s starting 60 s in; may repeat) and {@code credentials=wrong} for a camera with a wrong
     * password. Empty or blank text means no faults.
     */
    public static Faults parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        double miss = 0;
        double misread = 0;
        double lowConfidence = 0;
        double colorPrefix = 0;
        double duplicate = 0;
        Duration clock = Duration.ZERO;
        List<Window> offline = new ArrayList<>();
        boolean wrongCredentials = false;
        for (String item : text.split(",")) {
            String[] kv = item.strip().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("fault '" + item.strip() + "': write NAME=VALUE");
            }
            String name = kv[0].strip().toLowerCase(Locale.ROOT);
            String value = kv[1].strip();
            try {
                switch (name) {
                    case "miss" -> miss = Double.parseDouble(value);
                    case "misread" -> misread = Double.parseDouble(value);
                    case "lowconf" -> lowConfidence = Double.parseDouble(value);
                    case "colorprefix" -> colorPrefix = Double.parseDouble(value);
                    case "duplicate" -> duplicate = Double.parseDouble(value);
                    case "clock" -> clock = seconds(value);
                    case "offline" -> offline.add(window(value));
                    case "credentials" -> {
                        if (!value.equalsIgnoreCase("wrong") && !value.equalsIgnoreCase("right")) {
                            throw new IllegalArgumentException("fault '" + item.strip() + "': credentials=wrong or credentials=right");
                        }
                        wrongCredentials = value.equalsIgnoreCase("wrong");
                    }
                    default -> throw new IllegalArgumentException("unknown fault '" + name
                            + "'; known: miss, misread, lowconf, colorprefix, duplicate, clock, offline, credentials");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + item.strip() + "': not a number");
            }
        }
        return new Faults(miss, misread, lowConfidence, colorPrefix, duplicate, clock, offline, wrongCredentials);
    }

    private static Duration seconds(String value) {
        double s = Double.parseDouble(value.startsWith("+") ? value.substring(1) : value);
        if (!Double.isFinite(s)) {
            throw new NumberFormatException(value);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static Window window(String value) {
        String[] parts = value.split("@", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + value + "': write SECONDS@START, e.g. 30@60");
        }
        Duration length = seconds(parts[0].strip());
        Duration at = seconds(parts[1].strip());
        if (length.isNegative() || at.isNegative()) {
            throw new IllegalArgumentException("'" + value + "': a window cannot start or last a negative time");
        }
        return new Window(at, length);
    }

    /** Whether the camera is offline at this much scenario time after the timeline's start. */
    public boolean offlineAt(Duration elapsed) {
        return offline.stream().anyMatch(w -> w.contains(elapsed));
    }
}
