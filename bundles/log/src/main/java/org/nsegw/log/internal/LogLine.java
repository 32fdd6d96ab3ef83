package org.nsegw.log.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;

/**
 * One log entry as a readable line: local time with offset, level, where it came from, message, and the stack trace
 * of an exception on the lines after it.
 *
 * @param time       when the entry was logged
 * @param level      its level
 * @param loggerName the logger: a component's class name, or a name such as {@code Events.Bundle}
 * @param bundle     the symbolic name of the bundle that logged it, empty if unknown
 * @param message    the message
 * @param exception  an exception, or {@code null}
 */
record LogLine(Instant time, LogLevel level, String loggerName, String bundle, String message, Throwable exception) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxxx", Locale.ROOT);

    /** Levels of the framework's own event loggers, which are noisy at INFO. */
    static final Map<String, LogLevel> QUIET_EVENTS = Map.of(
            "Events.Service", LogLevel.WARN,
            "Events.Bundle", LogLevel.WARN,
            "Events.Framework", LogLevel.INFO);

    String format(ZoneId zone) {
        StringBuilder b = new StringBuilder(160);
        b.append(TIME.format(time.atZone(zone))).append(' ');
        String lvl = level.name();
        b.append(lvl).append(" ".repeat(Math.max(1, 6 - lvl.length())));
        b.append(source()).append(": ").append(message);
        if (exception != null) {
            StringWriter trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            b.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return b.toString();
    }

    /**
     * {@code weigh.WeighSensor} for our components; the bundle for the framework's events (the message says which
     * event); the bundle and the logger's simple name for others.
     */
    String source() {
        if (loggerName.startsWith("Events.")) {
            return bundle.isEmpty() ? "framework" : bundle;
        }
        String simple = loggerName.contains(".") ? loggerName.substring(loggerName.lastIndexOf('.') + 1) : loggerName;
        if (bundle.startsWith("org.nsegw.")) {
            return bundle.substring("org.nsegw.".length()) + "." + simple;
        }
        return bundle.isEmpty() ? simple : bundle + " " + simple;
    }

    /**
     * The levels to set: {@code level} for the root logger, the quiet event loggers, then every {@code name=LEVEL}
     * item. Items that cannot be read are skipped and named in {@code rejected}.
     */
    static Map<String, LogLevel> levels(String level, String[] items, List<String> rejected) {
        Map<String, LogLevel> levels = new LinkedHashMap<>();
        levels.put(Logger.ROOT_LOGGER_NAME, parse(level).orElse(LogLevel.INFO));
        levels.putAll(QUIET_EVENTS);
        for (String item : items) {
            int eq = item.indexOf('=');
            Optional<LogLevel> parsed = eq > 0 ? parse(item.substring(eq + 1).strip()) : Optional.empty();
            if (parsed.isEmpty()) {
                rejected.add(item);
            } else {
                levels.put(item.substring(0, eq).strip(), parsed.get());
            }
        }
        return levels;
    }

    static Optional<LogLevel> parse(String level) {
        try {
            return Optional.of(LogLevel.valueOf(level.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
