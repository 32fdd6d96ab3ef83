package org.nsegw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;

/**
 * A gateway's {@code status.json} as {@code nsegw status} prints it, and whether the gateway is running: the file
 * says so, its process is alive, and it was rewritten within three heartbeats.
 */
final class StatusView {

    enum Liveness {
        RUNNING, STOPPED, DIED
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final JsonNode status;
    private final Instant now;
    private final ZoneId zone;
    private final LongPredicate processAlive;

    StatusView(JsonNode status, Instant now, ZoneId zone, LongPredicate processAlive) {
        this.status = status;
        this.now = now;
        this.zone = zone;
        this.processAlive = processAlive;
    }

    Liveness liveness() {
        if (!status.path("running").asBoolean(false)) {
            return Liveness.STOPPED;
        }
        Instant updated = instant(status.path("updatedAt").asText());
        int heartbeat = status.path("heartbeatSeconds").asInt(5);
        boolean fresh = updated != null && Duration.between(updated, now).getSeconds() <= 3L * heartbeat;
        return processAlive.test(status.path("pid").asLong(-1)) && fresh ? Liveness.RUNNING : Liveness.DIED;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        JsonNode gw = status.path("gateway");
        lines.add("Gateway " + gw.path("id").asText("?") + nonEmpty(" (", gw.path("name").asText(""), ")")
                + nonEmpty(", station ", gw.path("stationCode").asText(""), ""));
        Instant started = instant(status.path("startedAt").asText());
        Instant updated = instant(status.path("updatedAt").asText());
        switch (liveness()) {
            case RUNNING -> lines.add("  running since " + local(started) + " (up " + human(Duration.between(started, now))
                    + "), pid " + status.path("pid").asLong() + "; updated " + human(Duration.between(updated, now)) + " ago");
            case STOPPED -> lines.add("  stopped at " + local(updated) + " (ran " + human(Duration.between(started, updated)) + ")");
            case DIED -> lines.add("  NOT RUNNING: the gateway (pid " + status.path("pid").asLong()
                    + ") stopped without shutting down; last update " + local(updated));
        }
        JsonNode components = status.path("components");
        List<String> pending = new ArrayList<>();
        components.path("pending").forEach(p -> pending.add(p.asText()));
        lines.add("  components: " + components.path("active").asInt() + " active"
                + (pending.isEmpty() ? ", none pending" : ", " + pending.size() + " not active:"));
        pending.forEach(p -> lines.add("    " + p));
        health(status.path("health"), lines);
        JsonNode devices = status.path("devices");
        long online = 0;
        for (JsonNode d : devices) {
            online += "ONLINE".equals(d.path("state").asText()) ? 1 : 0;
        }
        lines.add("  devices: " + online + " of " + devices.size() + " online");
        if (devices.size() > 0) {
            String format = "    %-18s %-7s %-6s %-8s %-19s %-19s %s";
            lines.add(String.format(format, "ID", "KIND", "LANE", "STATE", "SINCE", "LAST DATA", "REASON"));
            for (JsonNode d : devices) {
                Instant last = d.path("lastData").isNull() ? null : instant(d.path("lastData").asText());
                lines.add(String.format(format, d.path("id").asText(), d.path("kind").asText(), d.path("lane").asText(),
                        d.path("state").asText(), local(instant(d.path("since").asText())),
                        last == null ? "never" : local(last), d.path("reason").asText()).stripTrailing());
                List<String> counters = new ArrayList<>();
                d.path("counters").fields().forEachRemaining(c -> counters.add(c.getKey() + " " + c.getValue().asLong()));
                if (!counters.isEmpty()) {
                    lines.add("      " + String.join(", ", counters));
                }
            }
        }
        return lines;
    }

    /** The health report's outbox, disk, clock, certificates and alarms (docs/operations.md); nothing without one. */
    private void health(JsonNode h, List<String> lines) {
        if (!h.isObject()) {
            return;
        }
        JsonNode box = h.path("outbox");
        if (box.isObject()) {
            long cases = box.path("unacknowledgedCases").asLong();
            lines.add("  outbox: " + box.path("pending").asLong() + " pending, " + cases + (cases == 1 ? " case" : " cases")
                    + " not acknowledged" + (box.path("oldestUnacknowledgedCase").isNull() ? ""
                            : " (oldest " + box.path("oldestUnacknowledgedCase").asText() + ", waiting "
                                    + human(Duration.ofSeconds(box.path("oldestUnacknowledgedSeconds").asLong())) + ")"));
        }
        JsonNode disk = h.path("disk");
        if (disk.isObject()) {
            lines.add("  disk: " + disk.path("usedPercent").asInt() + " % used (" + disk.path("freeMb").asLong() + " MiB free) at "
                    + disk.path("path").asText());
        }
        JsonNode clock = h.path("clock");
        if (clock.isObject()) {
            lines.add("  clock: " + clock.path("state").asText() + " (" + clock.path("source").asText() + ")"
                    + (clock.path("offsetMs").isNumber() ? ", offset " + clock.path("offsetMs").asDouble() + " ms" : "")
                    + nonEmpty(": ", clock.path("detail").asText(""), ""));
        }
        for (JsonNode c : h.path("certificates")) {
            long days = c.path("days").asLong();
            lines.add("  certificate: " + c.path("kind").asText() + " " + c.path("id").asText() + " " + c.path("certificate").asText()
                    + (days < 0 ? " expired " : " expires ") + c.path("expires").asText() + " (" + days + " days)");
        }
        JsonNode alarms = h.path("alarms");
        lines.add("  alarms: " + (alarms.size() == 0 ? "none" : alarms.size() + ""));
        for (JsonNode a : alarms) {
            lines.add("    " + local(instant(a.path("since").asText())) + " " + a.path("text").asText());
        }
    }

    private String local(Instant t) {
        return t == null ? "?" : LOCAL.format(t.atZone(zone));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String human(Duration d) {
        if (d == null || d.isNegative()) {
            return "0s";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }

    private static String nonEmpty(String before, String value, String after) {
        return value.isEmpty() ? "" : before + value + after;
    }
}
