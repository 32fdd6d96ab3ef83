package org.nsegw.journal.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageListener;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.rules.VerdictListener;
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
 * Writes every passage fusion makes to {@code <data>/journal/passages-<day>.jsonl} and every verdict of the rules to
 * {@code verdicts-<day>.jsonl}, one JSON line each, the day being the passage's day by the site's time zone: the
 * record of everything that passed, cases or not, and the input of {@code nsegw judge}, which replays the passages
 * and must come to the same verdicts. A line is flushed as it is written; a write that fails is logged and counted,
 * never retried out of order.
 */
@Component(service = {PassageListener.class, VerdictListener.class}, immediate = true)
public final class PassageJournal implements PassageListener, VerdictListener {

    private final Logger log;
    private final Path dir;
    private final ZoneId zone = ZoneId.systemDefault(); // the launcher sets the site's zone
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final DayFiles passages;
    private final DayFiles verdicts;

    @Activate
    public PassageJournal(BundleContext context, @Reference(name = "log", service = LoggerFactory.class) Logger log)
            throws IOException {
        this.log = log;
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        this.dir = (data != null ? Path.of(data) : context.getDataFile("").toPath()).resolve("journal");
        Files.createDirectories(dir);
        this.passages = new DayFiles(dir, "passages");
        this.verdicts = new DayFiles(dir, "verdicts");
        log.info("Passage journal in {}", dir);
    }

    /** Where the passages of a day are. */
    public static Path file(Path journalDir, LocalDate day) {
        return DayFiles.file(journalDir, "passages", day);
    }

    /** Where the verdicts on the passages of a day are. */
    public static Path verdictFile(Path journalDir, LocalDate day) {
        return DayFiles.file(journalDir, "verdicts", day);
    }

    @Override
    public synchronized void passage(Passage p) {
        write(passages, p, RecordJson.passage(p), "Passage");
    }

    @Override
    public synchronized void verdict(Verdict v) {
        write(verdicts, v.passage(), RecordJson.verdict(v), "The verdict on passage");
    }

    private void write(DayFiles files, Passage p, String line, String what) {
        try {
            files.append(p.time().atZone(zone).toLocalDate(), line);
            written.incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
            log.error("{} {} could not be written to the journal in {}: {}", what, p.id(), dir, e.getMessage());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        passages.close();
        verdicts.close();
        log.info("Passage journal closed: {} lines written, {} failed", written.get(), failed.get());
    }
}
