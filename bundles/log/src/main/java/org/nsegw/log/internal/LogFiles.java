package org.nsegw.log.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.nsegw.api.runtime.GatewayProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The gateway's one log path: every entry of the OSGi Log Service (our components, Declarative Services, the
 * framework) becomes one readable line in {@code <data>/log/nsegw.0.log}, rotated by size, and on standard output.
 * Levels are set per logger through the Log Service's {@link LoggerAdmin}, so that suppressed entries cost nothing.
 *
 * <p>Entries logged before this component started are taken from the log history; on deactivation it writes what
 * the history holds beyond the last line written, so that the shutdown of the other components is in the file.
 */
@Component(service = {}, configurationPid = "org.nsegw.log", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LogConfig.class)
public final class LogFiles implements LogListener {

    private final LogReaderService reader;
    private final LoggerAdmin loggerAdmin;
    private final Path dir;
    private final ZoneId zone = ZoneId.systemDefault();
    private final Object lock = new Object();
    private FileHandler file;
    private volatile LogLevels levels = new LogLevels(Map.of());
    private boolean console;
    private int fileSizeKb;
    private int files;
    /** Entries up to this sequence number came from the history at start; the listener skips them. */
    private long replayedUpTo = -1;
    /** The highest sequence number written. */
    private long maxWritten = -1;

    @Activate
    public LogFiles(BundleContext context, LogConfig config, @Reference(name = "reader") LogReaderService reader,
            @Reference(name = "loggerAdmin") LoggerAdmin loggerAdmin) throws IOException {
        this.reader = reader;
        this.loggerAdmin = loggerAdmin;
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        File fallback = context.getDataFile("log");
        this.dir = data != null ? Path.of(data, "log") : fallback.toPath();
        Files.createDirectories(dir);
        apply(config);
        synchronized (lock) {
            history().forEach(this::write);
            replayedUpTo = maxWritten;
        }
        reader.addLogListener(this);
    }

    @Modified
    void modified(LogConfig config) throws IOException {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
        synchronized (lock) {
            history().forEach(this::write);
            if (file != null) {
                file.close();
                file = null;
            }
        }
    }

    @Override
    public void logged(LogEntry entry) {
        synchronized (lock) {
            write(entry);
        }
    }

    private void apply(LogConfig config) throws IOException {
        List<String> rejected = new ArrayList<>();
        Map<String, LogLevel> configured = LogLine.levels(config.level(), config.levels(), rejected);
        loggerAdmin.getLoggerContext(null).setLogLevels(configured);
        levels = new LogLevels(configured);
        synchronized (lock) {
            console = config.console();
            if (file == null || fileSizeKb != config.fileSizeKb() || files != config.files()) {
                if (file != null) {
                    file.close();
                }
                fileSizeKb = config.fileSizeKb();
                files = config.files();
                file = new FileHandler(dir.resolve("nsegw.%g.log").toString(), fileSizeKb * 1024L, files, true);
                file.setEncoding("UTF-8");
                file.setFormatter(new Formatter() {
                    @Override
                    public String format(LogRecord r) {
                        return r.getMessage() + System.lineSeparator();
                    }
                });
            }
        }
        for (String item : rejected) {
            synchronized (lock) {
                write(new LogLine(Instant.now(), LogLevel.WARN, LogFiles.class.getName(), "org.nsegw.log",
                        "Ignoring log level item '" + item + "': write logger=LEVEL with LEVEL one of ERROR, WARN, INFO, DEBUG, TRACE", null));
            }
        }
    }

    /** History entries not yet written, oldest first. */
    private List<LogEntry> history() {
        List<LogEntry> entries = new ArrayList<>();
        for (LogEntry e : Collections.list(reader.getLog())) {
            if (e.getSequence() > maxWritten) {
                entries.add(e);
            }
        }
        Collections.reverse(entries);
        return entries;
    }

    private void write(LogEntry entry) {
        if (entry.getSequence() <= replayedUpTo) {
            return;
        }
        maxWritten = Math.max(maxWritten, entry.getSequence());
        if (!levels.enabled(entry.getLoggerName(), entry.getLogLevel())) {
            return;
        }
        Bundle b = entry.getBundle();
        write(new LogLine(Instant.ofEpochMilli(entry.getTime()), entry.getLogLevel(), entry.getLoggerName(),
                b == null || b.getSymbolicName() == null ? "" : b.getSymbolicName(), String.valueOf(entry.getMessage()),
                entry.getException()));
    }

    private void write(LogLine line) {
        String text = line.format(zone);
        if (console) {
            System.out.println(text);
        }
        if (file != null) {
            file.publish(new LogRecord(Level.INFO, text)); // FileHandler flushes every record
        }
    }
}
