package org.nsegw.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * What the demo's in-process MQTT parts log (the embedded broker and Netty through SLF4J, the platform emulator and
 * Paho through java.util.logging) goes to a file instead of the demo's console.
 */
final class DemoLogs implements AutoCloseable {

    /** The loggers of the broker (Moquette, Netty), the MQTT clients (Paho) and the platform emulator. */
    static final List<String> MQTT = List.of("io.moquette", "io.netty", "org.eclipse.paho", "org.nsegw.emulator.platform");

    private final FileHandler handler;
    private final List<Logger> loggers = new ArrayList<>(); // held: java.util.logging keeps loggers weakly

    private DemoLogs(FileHandler handler) {
        this.handler = handler;
    }

    /** Sends {@code names}' records of level INFO and above to {@code file} (replaced), and no longer to the console. */
    static DemoLogs to(Path file, List<String> names) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileHandler handler = new FileHandler(file.toAbsolutePath().toString(), false);
        handler.setFormatter(new OneLine());
        handler.setLevel(Level.ALL);
        handler.setEncoding("UTF-8");
        DemoLogs logs = new DemoLogs(handler);
        for (String name : names) {
            Logger logger = Logger.getLogger(name);
            logger.setUseParentHandlers(false);
            logger.setLevel(Level.INFO);
            logger.addHandler(handler);
            logs.loggers.add(logger);
        }
        return logs;
    }

    @Override
    public void close() {
        for (Logger logger : loggers) {
            logger.removeHandler(handler);
        }
        handler.close();
    }

    /** time, level, logger: message, and the stack trace of a throwable on the lines below */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder(String.format("%1$tF %1$tT.%1$tL %2$s %3$s: %4$s%n",
                    r.getMillis(), r.getLevel(), r.getLoggerName(), formatMessage(r)));
            if (r.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
