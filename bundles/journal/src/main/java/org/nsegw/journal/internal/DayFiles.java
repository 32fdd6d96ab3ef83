package org.nsegw.journal.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

/** JSON lines appended to one file per day, {@code <prefix>-<day>.jsonl}; each line flushed as it is written. Not thread-safe. */
final class DayFiles implements AutoCloseable {

    private final Path dir;
    private final String prefix;
    private LocalDate day;
    private BufferedWriter out;

    DayFiles(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    static Path file(Path dir, String prefix, LocalDate day) {
        return dir.resolve(prefix + "-" + day + ".jsonl");
    }

    /** Appends the line to the day's file; on failure the file is closed, to be opened afresh by the next line. */
    void append(LocalDate lineDay, String line) throws IOException {
        try {
            if (!lineDay.equals(day)) {
                close();
                out = Files.newBufferedWriter(file(dir, prefix, lineDay), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                day = lineDay;
            }
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the data was flushed line by line; a failing close loses nothing more
            }
            out = null;
            day = null;
        }
    }
}
