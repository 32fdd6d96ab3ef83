package org.nsegw.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.outbox.internal.Store;

/**
 * The uplink's view of the queue: {@link Outbox#unsent} (what to send next, without reading what waits for the
 * platform), {@link Outbox#sent} (paging once through what was sent) and {@link Outbox#mark} (many marks, one commit).
 */
class WorkQueueTest extends OutboxFixture {

    private static List<String> ids(List<Item> items) {
        return items.stream().map(Item::caseId).toList();
    }

    @Test
    void unsentGivesPendingAndNotifiedByPriorityThenSequenceAndNothingSentAcknowledgedOrDamaged() throws IOException {
        put("C1", Priority.COMPLIANT);
        put("V1", Priority.VIOLATION);
        put("R1", Priority.REVIEW);
        put("V2", Priority.VIOLATION);
        put("V3", Priority.VIOLATION);
        put("T1", Priority.TELEMETRY);
        put("V4", Priority.VIOLATION);
        outbox.markNotified("V2");
        outbox.markSent("V1");
        outbox.acknowledge("V3");
        Files.delete(outbox.find("V4").orElseThrow().packet());
        reopen(); // V4 is found damaged

        assertThat(ids(outbox.unsent(10))).containsExactly("V2", "R1", "C1", "T1");
        assertThat(ids(outbox.unsent(2))).containsExactly("V2", "R1");
        assertThat(outbox.unsent(0)).isEmpty();
        assertThat(outbox.unsent(10).get(0).state()).isEqualTo(State.NOTIFIED);
        // next() still gives the sent ones after the unsent
        assertThat(ids(outbox.next(10))).containsExactly("V2", "R1", "C1", "T1", "V1");
    }

    @Test
    void sentPagesThroughTheSentOnesByPriorityThenSequence() throws IOException {
        for (String id : List.of("C1", "V1", "R1", "V2", "C2", "V3")) {
            put(id, id.startsWith("V") ? Priority.VIOLATION : id.startsWith("R") ? Priority.REVIEW : Priority.COMPLIANT);
        }
        put("V4", Priority.VIOLATION); // not sent
        for (String id : List.of("C1", "V1", "R1", "V2", "C2", "V3")) {
            outbox.markSent(id);
        }
        outbox.acknowledge("V2");

        assertThat(ids(outbox.sent(10, null))).containsExactly("V1", "V3", "R1", "C1", "C2");
        List<String> paged = new ArrayList<>();
        Item after = null;
        for (List<Item> page = outbox.sent(2, null); !page.isEmpty(); page = outbox.sent(2, after)) {
            paged.addAll(ids(page));
            after = page.get(page.size() - 1);
        }
        assertThat(paged).containsExactly("V1", "V3", "R1", "C1", "C2");
    }

    @Test
    void markMovesManyForwardInOneCallAndNamesTheUnknown() throws IOException {
        put("A", Priority.VIOLATION);
        put("B", Priority.VIOLATION);
        put("C", Priority.REVIEW);
        put("D", Priority.COMPLIANT);
        outbox.markSent("B");
        Map<String, State> marks = new LinkedHashMap<>();
        marks.put("A", State.NOTIFIED);
        marks.put("B", State.NOTIFIED); // already SENT: stays
        marks.put("C", State.SENT);
        marks.put("D", State.ACKNOWLEDGED);
        marks.put("gone", State.ACKNOWLEDGED);

        assertThat(outbox.mark(marks)).containsExactly("gone");

        assertThat(outbox.find("A").orElseThrow().state()).isEqualTo(State.NOTIFIED);
        assertThat(outbox.find("B").orElseThrow().state()).isEqualTo(State.SENT);
        assertThat(outbox.find("C").orElseThrow().state()).isEqualTo(State.SENT);
        assertThat(outbox.find("D").orElseThrow().state()).isEqualTo(State.ACKNOWLEDGED);
        assertThat(outbox.usage().pending()).isEqualTo(3);

        // an acknowledgement marked so starts the retention as acknowledge() does, and is not restarted
        clock.advance(OutboxSettings.defaults().retention().minusSeconds(1));
        assertThat(outbox.mark(Map.of("D", State.ACKNOWLEDGED, "A", State.SENT))).isEmpty();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(outbox.purge()).isEqualTo(1);
        assertThat(outbox.find("D")).isEmpty();
        assertThat(outbox.find("A").orElseThrow().state()).isEqualTo(State.SENT);

        assertThatThrownBy(() -> outbox.mark(Map.of("A", State.PENDING))).isInstanceOf(IllegalArgumentException.class);
        reopen();
        assertThat(outbox.find("C").orElseThrow().state()).as("marks are committed").isEqualTo(State.SENT);
    }

    /**
     * Linear draining: the uplink's queries read their partial index in order, so a call costs the rows it returns,
     * not the rows waiting for the platform (no full scan, no sort of every unacknowledged row).
     */
    @Test
    void theUplinksQueriesReadAnIndexInOrderWithoutSorting() throws Exception {
        put("A", Priority.VIOLATION);
        try (Store store = Store.open(dir.resolve("outbox.db"))) {
            List<String> unsent = store.plan("SELECT case_id FROM packet WHERE state IN ('PENDING', 'NOTIFIED') AND damage IS NULL "
                    + "ORDER BY priority_rank, sequence LIMIT ?", 32);
            assertThat(String.join("; ", unsent)).contains("USING INDEX packet_unsent").doesNotContain("TEMP B-TREE");
            List<String> sent = store.plan("SELECT case_id FROM packet WHERE state = 'SENT' AND damage IS NULL "
                    + "AND (priority_rank > ? OR (priority_rank = ? AND sequence > ?)) ORDER BY priority_rank, sequence LIMIT ?", 0, 0, 5, 32);
            assertThat(String.join("; ", sent)).contains("USING INDEX packet_sent").doesNotContain("TEMP B-TREE");
        }
    }

    @Test
    void anOutboxOfTheFirstSchemaGetsTheIndexesAndKeepsItsRows() throws Exception {
        put("A", Priority.VIOLATION);
        put("B", Priority.REVIEW);
        outbox.markSent("A");
        outbox.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db")); Statement s = c.createStatement()) {
            s.execute("DROP INDEX packet_unsent");
            s.execute("DROP INDEX packet_sent");
            s.execute("PRAGMA user_version = 1");
        }
        outbox = Outbox.open(dir, settings(), clock);

        assertThat(ids(outbox.unsent(10))).containsExactly("B");
        assertThat(ids(outbox.sent(10, null))).containsExactly("A");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db")); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('packet_unsent', 'packet_sent')")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db")); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA user_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
    }
}
