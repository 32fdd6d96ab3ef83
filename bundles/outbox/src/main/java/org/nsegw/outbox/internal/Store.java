package org.nsegw.outbox.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.nsegw.outbox.Link;
import org.nsegw.outbox.Priority;
import org.nsegw.outbox.State;
import org.sqlite.SQLiteConfig;

/**
 * The outbox's SQLite database: one row per packet and the chain head, on one connection in WAL mode with
 * {@code synchronous=FULL}, so that every commit is on disk when it returns, also across a power cut. Every mutating
 * method is one transaction. Not thread-safe: the outbox serialises the calls.
 *
 * <p>Times are milliseconds since the epoch; priority and state are stored by name so that the file reads well in
 * the {@code sqlite3} shell, with the priority's rank beside it for ordering.
 */
public final class Store implements AutoCloseable {

    /** 1: the table and the queue index; 2: the partial indexes {@link #unsent} and {@link #sent} read. */
    private static final int SCHEMA_VERSION = 2;
    private static final String COLUMNS = "case_id, sequence, manifest_sha256, priority, state, size, sha256, media_size, "
            + "media_sha256, media_shed, stored, acknowledged, damage";

    private final Connection db;

    private Store(Connection db) {
        this.db = db;
    }

    public static Store open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            checkPragma(db, "journal_mode", "wal");
            checkPragma(db, "synchronous", "2");
            db.setAutoCommit(false);
            Store store = new Store(db);
            store.createSchema();
            return store;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static void checkPragma(Connection db, String pragma, String expected) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + pragma)) {
            String actual = r.next() ? r.getString(1) : null;
            if (!expected.equalsIgnoreCase(actual)) {
                throw new SQLException("SQLite refused " + pragma + "=" + expected + " (it is " + actual + ")");
            }
        }
    }

    private void createSchema() throws SQLException {
        try (Statement s = db.createStatement()) {
            int version;
            try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                version = r.next() ? r.getInt(1) : 0;
            }
            s.execute("PRAGMA journal_size_limit = " + (4 << 20)); // the log is reused, not grown, after a checkpoint
            if (version > SCHEMA_VERSION) {
                throw new SQLException("the outbox database is of a newer version (" + version + ") than this gateway reads ("
                        + SCHEMA_VERSION + ")");
            }
            if (version == SCHEMA_VERSION) {
                db.commit();
                return; // nothing to write: an outbox on a full disk still opens
            }
            if (version == 1) {
                createWorkIndexes(s); // an outbox of an earlier version: its rows stay, the indexes are added once
                s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                db.commit();
                return;
            }
            s.execute("""
                    CREATE TABLE IF NOT EXISTS packet (
                      case_id TEXT PRIMARY KEY,
                      sequence INTEGER NOT NULL UNIQUE,
                      manifest_sha256 TEXT NOT NULL,
                      priority TEXT NOT NULL,
                      priority_rank INTEGER NOT NULL,
                      state TEXT NOT NULL,
                      size INTEGER NOT NULL,
                      sha256 TEXT NOT NULL,
                      media_size INTEGER NOT NULL,
                      media_sha256 TEXT,
                      media_shed INTEGER,
                      stored INTEGER NOT NULL,
                      acknowledged INTEGER,
                      damage TEXT)""");
            s.execute("CREATE INDEX IF NOT EXISTS packet_queue ON packet (acknowledged, priority_rank, sequence)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS head (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      sequence INTEGER NOT NULL,
                      manifest_sha256 TEXT NOT NULL)""");
            s.execute("INSERT OR IGNORE INTO head VALUES (1, 0, '')");
            createWorkIndexes(s);
            s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        }
        db.commit();
    }

    /**
     * The uplink's work, by priority and sequence: packets not yet sent, and packets sent and waiting for the platform.
     * Partial indexes, so that finding the next packets to send reads only those, however many wait for their
     * acknowledgement (the queue index cannot serve {@link #next}'s order: it sorts every unacknowledged row).
     */
    private static void createWorkIndexes(Statement s) throws SQLException {
        s.execute("CREATE INDEX IF NOT EXISTS packet_unsent ON packet (priority_rank, sequence) "
                + "WHERE state IN ('PENDING', 'NOTIFIED') AND damage IS NULL");
        s.execute("CREATE INDEX IF NOT EXISTS packet_sent ON packet (priority_rank, sequence) "
                + "WHERE state = 'SENT' AND damage IS NULL");
    }

    public Link head() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT sequence, manifest_sha256 FROM head")) {
            r.next();
            return new Link(r.getLong(1), r.getString(2));
        }
    }

    /** Inserts a packet's row and makes it the chain head, in one transaction. */
    public void insert(Row row) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO packet (" + COLUMNS + ", priority_rank) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement h = db.prepareStatement("UPDATE head SET sequence = ?, manifest_sha256 = ?")) {
            p.setString(1, row.caseId());
            p.setLong(2, row.sequence());
            p.setString(3, row.manifestSha256());
            p.setString(4, row.priority().name());
            p.setString(5, row.state().name());
            p.setLong(6, row.size());
            p.setString(7, row.sha256());
            p.setLong(8, row.mediaSize());
            p.setString(9, row.mediaSha256());
            setInstant(p, 10, row.mediaShed());
            setInstant(p, 11, row.stored());
            setInstant(p, 12, row.acknowledged());
            p.setString(13, row.damage());
            p.setInt(14, row.priority().ordinal());
            p.executeUpdate();
            h.setLong(1, row.sequence());
            h.setString(2, row.manifestSha256());
            h.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw e;
        }
    }

    public Optional<Row> find(String caseId) throws SQLException {
        List<Row> rows = select("WHERE case_id = ?", caseId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Rows not acknowledged and not damaged: not yet notified or sent first, then by priority and sequence. */
    public List<Row> next(int max) throws SQLException {
        return select("WHERE acknowledged IS NULL AND damage IS NULL "
                + "ORDER BY state = 'SENT', priority_rank, sequence LIMIT ?", max);
    }

    /** The case (violation or review) not acknowledged that came first into the outbox; damaged ones included. */
    public Optional<Row> oldestUnacknowledgedCase() throws SQLException {
        List<Row> rows = select("WHERE acknowledged IS NULL AND priority IN ('VIOLATION', 'REVIEW') ORDER BY sequence LIMIT ?", 1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Rows not yet sent (pending or notified) and not damaged, by priority and sequence: index {@code packet_unsent}. */
    public List<Row> unsent(int max) throws SQLException {
        return select("WHERE state IN ('PENDING', 'NOTIFIED') AND damage IS NULL ORDER BY priority_rank, sequence LIMIT ?", max);
    }

    /**
     * Rows sent and not acknowledged nor damaged, by priority and sequence, after the row of priority rank
     * {@code afterRank} and sequence {@code afterSequence} (rank -1: from the first): index {@code packet_sent}.
     */
    public List<Row> sent(int max, int afterRank, long afterSequence) throws SQLException {
        return select("WHERE state = 'SENT' AND damage IS NULL AND (priority_rank > ? OR (priority_rank = ? AND sequence > ?)) "
                + "ORDER BY priority_rank, sequence LIMIT ?", afterRank, afterRank, afterSequence, max);
    }

    /** The query plan SQLite chooses for a statement, one line per step (for tests: that an index is used). */
    public List<String> plan(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            bind(p, args);
            List<String> steps = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    steps.add(r.getString("detail"));
                }
            }
            db.commit();
            return steps;
        }
    }

    /**
     * Moves rows forward to states, in one transaction: each row only if it has not reached or passed its new state
     * (the acknowledgement time set with {@link State#ACKNOWLEDGED}). Returns the ids of the rows that were changed.
     */
    public List<String> advance(java.util.Map<String, State> targets, Instant now) throws SQLException {
        if (targets.isEmpty()) {
            return List.of();
        }
        java.util.Map<State, PreparedStatement> statements = new java.util.EnumMap<>(State.class);
        List<String> changed = new ArrayList<>();
        try {
            for (var e : targets.entrySet()) {
                State to = e.getValue();
                PreparedStatement p = statements.get(to);
                if (p == null) {
                    StringBuilder below = new StringBuilder();
                    for (State s : State.values()) {
                        if (s.compareTo(to) < 0) {
                            below.append(below.length() > 0 ? ", " : "").append('\'').append(s.name()).append('\'');
                        }
                    }
                    p = db.prepareStatement("UPDATE packet SET state = ?, acknowledged = ? WHERE case_id = ?"
                            + (below.length() > 0 ? " AND state IN (" + below + ")" : " AND 0"));
                    statements.put(to, p);
                }
                p.setString(1, to.name());
                setInstant(p, 2, to == State.ACKNOWLEDGED ? now : null);
                p.setString(3, e.getKey());
                if (p.executeUpdate() > 0) {
                    changed.add(e.getKey());
                }
            }
            db.commit();
            return changed;
        } catch (SQLException e) {
            rollback();
            throw e;
        } finally {
            for (PreparedStatement p : statements.values()) {
                p.close();
            }
        }
    }

    /** Every row, by sequence. */
    public List<Row> all() throws SQLException {
        return select("ORDER BY sequence");
    }

    /** Acknowledged rows, the longest acknowledged first; only those acknowledged at or before {@code until} if given. */
    public List<Row> acknowledged(Instant until) throws SQLException {
        return until == null
                ? select("WHERE acknowledged IS NOT NULL ORDER BY acknowledged, sequence")
                : select("WHERE acknowledged IS NOT NULL AND acknowledged <= ? ORDER BY acknowledged, sequence", until.toEpochMilli());
    }

    /** Unacknowledged rows with images on disk beside the packet, oldest first. */
    public List<Row> sheddable() throws SQLException {
        return select("WHERE acknowledged IS NULL AND media_size > 0 AND media_shed IS NULL ORDER BY sequence");
    }

    private List<Row> select(String where, Object... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT " + COLUMNS + " FROM packet " + where)) {
            bind(p, args);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getLong(2), r.getString(3), Priority.valueOf(r.getString(4)),
                            State.valueOf(r.getString(5)), r.getLong(6), r.getString(7), r.getLong(8), r.getString(9),
                            instant(r, 10), instant(r, 11), instant(r, 12), r.getString(13)));
                }
            }
            db.commit();
            return rows;
        }
    }

    /** Moves a row to a state; sets the acknowledgement time when the state is {@link State#ACKNOWLEDGED}. */
    public void setState(String caseId, State state, Instant now) throws SQLException {
        update("UPDATE packet SET state = ?, acknowledged = ? WHERE case_id = ?", state.name(), state == State.ACKNOWLEDGED ? now : null,
                caseId);
    }

    public void delete(Collection<String> caseIds) throws SQLException {
        forEach("DELETE FROM packet WHERE case_id = ?", caseIds, null);
    }

    public void markShed(Collection<String> caseIds, Instant now) throws SQLException {
        forEach("UPDATE packet SET media_shed = ? WHERE case_id = ?", caseIds, now);
    }

    /** Records why a packet cannot be sent, or clears it with {@code null}. */
    public void setDamage(String caseId, String damage) throws SQLException {
        update("UPDATE packet SET damage = ? WHERE case_id = ?", damage, caseId);
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            bind(p, args);
            p.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw e;
        }
    }

    /** Binds arguments in order; an instant as milliseconds since the epoch. */
    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Instant t) {
                p.setLong(i + 1, t.toEpochMilli());
            } else if (args[i] == null) {
                p.setNull(i + 1, Types.NULL);
            } else {
                p.setObject(i + 1, args[i]);
            }
        }
    }

    private void forEach(String sql, Collection<String> caseIds, Instant first) throws SQLException {
        if (caseIds.isEmpty()) {
            return;
        }
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (String id : caseIds) {
                int i = 1;
                if (first != null) {
                    setInstant(p, i++, first);
                }
                p.setString(i, id);
                p.addBatch();
            }
            p.executeBatch();
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw e;
        }
    }

    /** Items not acknowledged, and of those the cases. */
    public long[] unacknowledged() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), "
                + "coalesce(sum(priority IN ('VIOLATION', 'REVIEW')), 0) FROM packet WHERE acknowledged IS NULL")) {
            r.next();
            long[] counts = {r.getLong(1), r.getLong(2)};
            db.commit();
            return counts;
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException e) {
            // SQLite rolled the transaction back itself (a full disk can do that during a commit): the driver did not
            // open the next one, and every later commit would fail with "no transaction is active"; open it again
            try (Statement s = db.createStatement()) {
                s.execute("BEGIN");
            } catch (SQLException broken) {
                // the connection is broken; the caller reports the first error
            }
        }
    }

    private static void setInstant(PreparedStatement p, int i, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, t.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet r, int i) throws SQLException {
        long ms = r.getLong(i);
        return r.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
