package org.nsegw.journal.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageListener;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.journal.RecordJson;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Writes every passage fusion makes to {@code <data>/journal/passages-<day>.jsonl}, one JSON line each, the day by
 * the site's time zone: the record of everything that passed, cases or not, and the input of {@code nsegw judge},
 * which replays it. A line is flushed as it is written; a write that fails is logged and counted, never retried out
 * of order.
 */
@Component(service = PassageListener.class, immediate = true)
public final class PassageJournal implements PassageListener {

    private final Logger log;
    private final Path dir;
    private final ZoneId zone = ZoneId.systemDefault(); // the launcher sets the site's zone
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private LocalDate day;
    private BufferedWriter out;

    @Activate
    public PassageJournal(BundleContext context, @Reference(name = "log", service = LoggerFactory.class) Logger log)
            throws IOException {
        this.log = log;
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        this.dir = (data != null ? Path.of(data) : context.getDataFile("").toPath()).resolve("journal");
        Files.createDirectories(dir);
        log.info("Passage journal in {}", dir);
    }

    /** Where the passages of a day are. */
    public static Path file(Path journalDir, LocalDate day) {
        return journalDir.resolve("passages-" + day + ".jsonl");
    }

    @Override
    public synchronized void passage(Passage p) {
        String line = RecordJson.passage(p);
        try {
            LocalDate today = p.time().atZone(zone).toLocalDate();
            if (!today.equals(day)) {
                close();
                out = Files.newBufferedWriter(file(dir, today), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                day = today;
            }
            out.write(line);
            out.write('\n');
            out.flush();
            written.incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
            log.error("Passage {} could not be written to the journal in {}: {}", p.id(), dir, e.getMessage());
            close();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        close();
        log.info("Passage journal closed: {} passages written, {} failed", written.get(), failed.get());
    }

    private void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("Passage journal file could not be closed: {}", e.getMessage());
            }
            out = null;
            day = null;
        }
    }
}
