package org.nsegw.log.internal;

import java.util.Map;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;

/**
 * The configured level of every logger: a name's own level, else that of its nearest dotted ancestor, else the
 * root level. The Log Service applies the same levels where entries are made; this filter applies them to what
 * bypasses that (the history replayed at start, the framework's event loggers).
 */
final class LogLevels {

    private final Map<String, LogLevel> levels;

    LogLevels(Map<String, LogLevel> levels) {
        this.levels = Map.copyOf(levels);
    }

    LogLevel effective(String loggerName) {
        String name = loggerName == null ? "" : loggerName;
        while (!name.isEmpty()) {
            LogLevel level = levels.get(name);
            if (level != null) {
                return level;
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
        return levels.getOrDefault(Logger.ROOT_LOGGER_NAME, LogLevel.INFO);
    }

    boolean enabled(String loggerName, LogLevel level) {
        return effective(loggerName).implies(level);
    }
}
