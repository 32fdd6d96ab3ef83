package org.nsegw.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * How far a gateway's outbox has come with its packets, read from its database ({@code outbox/outbox.db}, table
 * {@code packet}, docs/outbox.md) while the gateway runs or after it stopped. Only reads: SQLite (WAL) lets another
 * process read while the gateway writes.
 *
 * @param pending      stored, not yet sent whole to the platform (PENDING, NOTIFIED)
 * @param sent         sent whole, waiting for the platform's answer (SENT)
 * @param acknowledged answered VERIFIED by the platform (ACKNOWLEDGED)
 */
record OutboxStates(long pending, long sent, long acknowledged) {

    static final OutboxStates NONE = new OutboxStates(0, 0, 0);

    private static final Driver DRIVER = new org.sqlite.JDBC();

    long total() {
        return pending + sent + acknowledged;
    }

    /** Cases sent whole at least once: waiting for the answer, or answered. */
    long sentWhole() {
        return sent + acknowledged;
    }

    /** The states of the packets in {@code <data>/outbox}; {@link #NONE} when it has no database yet. */
    static OutboxStates read(Path data) throws IOException {
        Path db = data.resolve("outbox").resolve("outbox.db");
        if (!Files.isRegularFile(db)) {
            return NONE;
        }
        Properties p = new Properties();
        p.setProperty("open_mode", "2"); // SQLITE_OPEN_READWRITE without CREATE: WAL readers need the shared memory file
        p.setProperty("busy_timeout", "5000");
        long pending = 0;
        long sent = 0;
        long acknowledged = 0;
        try (Connection c = DRIVER.connect("jdbc:sqlite:" + db.toAbsolutePath(), p);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT state, count(*) FROM packet GROUP BY state")) {
            while (r.next()) {
                switch (r.getString(1)) {
                    case "ACKNOWLEDGED" -> acknowledged += r.getLong(2);
                    case "SENT" -> sent += r.getLong(2);
                    default -> pending += r.getLong(2);
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the outbox " + db + ": " + e.getMessage(), e);
        }
        return new OutboxStates(pending, sent, acknowledged);
    }
}
