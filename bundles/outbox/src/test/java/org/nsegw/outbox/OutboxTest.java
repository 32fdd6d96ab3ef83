package org.nsegw.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest extends OutboxFixture {

    @Test
    void anEmptyOutboxStartsTheChain() {
        assertThat(outbox.head()).isEqualTo(Link.START).isEqualTo(new Link(0, ""));
        assertThat(outbox.next(10)).isEmpty();
        assertThat(outbox.usage()).isEqualTo(new Usage(0, OutboxSettings.DEFAULT_QUOTA_BYTES, 0, 0, 0));
        assertThat(outbox.recovered().intact()).isTrue();
        assertThat(dir.resolve("outbox.db")).isRegularFile();
        assertThat(dir.resolve("packets")).isDirectory();
    }

    @Test
    void aPutIsStoredWholeAndBecomesTheHead() throws IOException {
        byte[] packet = bytes(150_000, 7);
        Item item = outbox.put("ZJ3301-20261123101507-0001", 1, manifestSha(1), Priority.VIOLATION, packet);

        assertThat(item).isEqualTo(new Item("ZJ3301-20261123101507-0001", 1, Priority.VIOLATION, State.PENDING,
                dir.resolve("packets/ZJ3301-20261123101507-0001.zip"), 150_000, T0));
        assertThat(Files.readAllBytes(item.packet())).isEqualTo(packet);
        assertThat(outbox.head()).isEqualTo(new Link(1, manifestSha(1)));
        assertThat(outbox.find("ZJ3301-20261123101507-0001")).contains(item);
        assertThat(outbox.find("nope")).isEmpty();
        assertThat(outbox.usage()).isEqualTo(new Usage(150_000, OutboxSettings.DEFAULT_QUOTA_BYTES, 0, 1, 1));
        try (var files = Files.list(dir.resolve("packets"))) {
            assertThat(files).containsExactly(item.packet());
        }
    }

    @Test
    void theDatabaseIsInWalMode() throws Exception {
        put("A", Priority.REVIEW);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void putListenersHearOfEveryStoredPacketUntilTheyStop() throws IOException {
        List<String> heard = new java.util.ArrayList<>();
        Runnable stop = outbox.onPut(item -> {
            assertThat(outbox.find(item.caseId())).as("stored when the listener hears of it").isPresent();
            heard.add(item.caseId());
        });
        put("A", Priority.VIOLATION);
        assertThatThrownBy(() -> outbox.put("B", 9, manifestSha(9), Priority.VIOLATION, bytes(10, 1)))
                .isInstanceOf(IllegalStateException.class);
        put("C", Priority.COMPLIANT);
        stop.run();
        put("D", Priority.VIOLATION);
        assertThat(heard).containsExactly("A", "C");
    }

    @Test
    void theSequenceMustFollowTheHead() throws IOException {
        put("A", Priority.VIOLATION);
        assertThatThrownBy(() -> outbox.put("B", 3, manifestSha(3), Priority.VIOLATION, bytes(10, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("packet B has sequence 3 but the chain head is 1; the next packet must have sequence 2");
        assertThatThrownBy(() -> outbox.put("B", 1, manifestSha(1), Priority.VIOLATION, bytes(10, 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(outbox.head().sequence()).isEqualTo(1);
        assertThat(dir.resolve("packets/B.zip")).doesNotExist();
    }

    @Test
    void badPutsAreRefusedBeforeAnythingIsWritten() throws IOException {
        put("A", Priority.VIOLATION);
        assertThatThrownBy(() -> outbox.put("A", 2, manifestSha(2), Priority.VIOLATION, bytes(10, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("case A is already in the outbox (sequence 1)");
        for (String bad : List.of("", "../x", ".tmp-x", "a.b", "a/b", "x".repeat(129))) {
            assertThatThrownBy(() -> outbox.put(bad, 2, manifestSha(2), Priority.VIOLATION, bytes(10, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("a case id must be");
        }
        assertThatThrownBy(() -> outbox.put("B", 2, "ABC", Priority.VIOLATION, bytes(10, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lower-case hex digits");
        assertThatThrownBy(() -> outbox.put("B", 2, manifestSha(2), Priority.VIOLATION, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the packet of B is empty");
        assertThatThrownBy(() -> outbox.put("B", 2, manifestSha(2), Priority.REVIEW, bytes(10, 1), bytes(10, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belong inside its signed packet");
        assertThat(outbox.head().sequence()).isEqualTo(1);
        try (var files = Files.list(dir.resolve("packets"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void theOldestUnacknowledgedCaseIsTheFirstViolationOrReviewNotYetAcknowledged() throws IOException {
        assertThat(outbox.oldestUnacknowledgedCase()).isEmpty();
        put("c1", Priority.COMPLIANT);
        put("t1", Priority.TELEMETRY);
        assertThat(outbox.oldestUnacknowledgedCase()).as("compliant records and telemetry are no cases").isEmpty();
        Item r1 = put("r1", Priority.REVIEW);
        put("v1", Priority.VIOLATION);
        assertThat(outbox.oldestUnacknowledgedCase()).map(Item::caseId).contains("r1");
        assertThat(outbox.oldestUnacknowledgedCase()).map(Item::stored).contains(r1.stored());
        outbox.markSent("r1");
        assertThat(outbox.oldestUnacknowledgedCase()).as("sent is not acknowledged").map(Item::caseId).contains("r1");
        outbox.acknowledge("r1");
        assertThat(outbox.oldestUnacknowledgedCase()).map(Item::caseId).contains("v1");
        reopen();
        assertThat(outbox.oldestUnacknowledgedCase()).map(Item::caseId).contains("v1");
        outbox.acknowledge("v1");
        assertThat(outbox.oldestUnacknowledgedCase()).isEmpty();
    }

    @Test
    void theHeadAndTheQueueSurviveAReopen() throws IOException {
        put("A", Priority.VIOLATION);
        put("B", Priority.COMPLIANT);
        outbox.markSent("A");
        reopen();

        assertThat(outbox.head()).isEqualTo(new Link(2, manifestSha(2)));
        assertThat(outbox.next(10)).extracting(Item::caseId, Item::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B", State.PENDING), org.assertj.core.groups.Tuple.tuple("A", State.SENT));
        assertThat(outbox.recovered().describe()).isEqualTo("outbox intact");
        put("C", Priority.REVIEW);
        assertThat(outbox.head().sequence()).isEqualTo(3);
    }

    @Test
    void nextDeliversByPriorityThenSequenceAndUnsentBeforeSent() throws IOException {
        put("t1", Priority.TELEMETRY);
        put("c1", Priority.COMPLIANT);
        put("r1", Priority.REVIEW);
        put("v1", Priority.VIOLATION);
        put("c2", Priority.COMPLIANT);
        put("v2", Priority.VIOLATION);
        put("r2", Priority.REVIEW);

        assertThat(outbox.next(10)).extracting(Item::caseId).containsExactly("v1", "v2", "r1", "r2", "c1", "c2", "t1");
        assertThat(outbox.next(3)).extracting(Item::caseId).containsExactly("v1", "v2", "r1");
        assertThat(outbox.next(0)).isEmpty();

        outbox.markNotified("v1"); // a notice is not the packet: still to be sent
        outbox.markSent("v2");
        outbox.markSent("c1");
        outbox.acknowledge("r1");
        assertThat(outbox.next(10)).extracting(Item::caseId).containsExactly("v1", "r2", "c2", "t1", "v2", "c1");
    }

    @Test
    void statesOnlyMoveForwardAndMarksAreIdempotent() throws IOException {
        put("A", Priority.VIOLATION);
        outbox.markNotified("A");
        assertThat(outbox.find("A").orElseThrow().state()).isEqualTo(State.NOTIFIED);
        outbox.markSent("A");
        outbox.markNotified("A");
        assertThat(outbox.find("A").orElseThrow().state()).isEqualTo(State.SENT);
        outbox.acknowledge("A");
        clock.advance(Duration.ofHours(1));
        outbox.acknowledge("A"); // a repeated acknowledgement does not restart the retention
        outbox.markSent("A");
        assertThat(outbox.find("A").orElseThrow().state()).isEqualTo(State.ACKNOWLEDGED);
        assertThat(outbox.next(10)).isEmpty();
        assertThat(outbox.usage().pending()).isZero();

        clock.advance(OutboxSettings.DEFAULT_RETENTION.minusHours(1));
        assertThat(outbox.purge()).isEqualTo(1);
    }

    @Test
    void aPacketCanBeAcknowledgedWithoutNoticeOrSend() throws IOException {
        put("A", Priority.REVIEW);
        outbox.acknowledge("A");
        assertThat(outbox.find("A").orElseThrow().state()).isEqualTo(State.ACKNOWLEDGED);
    }

    @Test
    void unknownIdsAreNamed() {
        assertThatThrownBy(() -> outbox.acknowledge("X1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no packet X1 in the outbox: it was never stored, or was acknowledged and then removed");
        assertThatThrownBy(() -> outbox.markSent("X1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.markNotified("X1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purgeRemovesAcknowledgedPacketsOnceTheRetentionHasPassed() throws IOException {
        outbox.close();
        outbox = Outbox.open(dir, new OutboxSettings(1 << 30, Duration.ofDays(2), 80), clock);
        Item a = put("A", Priority.VIOLATION);
        put("B", Priority.VIOLATION);
        put("C", Priority.TELEMETRY);
        outbox.acknowledge("A");
        clock.advance(Duration.ofDays(1));
        outbox.acknowledge("C");
        clock.advance(Duration.ofDays(1).minusMillis(1));
        assertThat(outbox.purge()).isZero();

        clock.advance(Duration.ofMillis(1));
        assertThat(outbox.purge()).isEqualTo(1);
        assertThat(outbox.find("A")).isEmpty();
        assertThat(a.packet()).doesNotExist();
        assertThat(outbox.head()).isEqualTo(new Link(3, manifestSha(3))); // the chain head outlives its packet

        clock.advance(Duration.ofDays(365));
        assertThat(outbox.purge()).isEqualTo(1); // C; B is not acknowledged and stays whatever its age
        assertThat(outbox.find("B")).isPresent();
        assertThat(outbox.usage()).isEqualTo(new Usage(1000, 1 << 30, 0, 1, 1));
        reopen();
        assertThat(outbox.head()).isEqualTo(new Link(3, manifestSha(3)));
        assertThat(outbox.recovered().describe()).isEqualTo("outbox intact");
    }

    @Test
    void aBadFolderIsNamedWithItsProblem() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> Outbox.open(file, OutboxSettings.defaults(), clock)).isInstanceOf(IOException.class)
                .hasMessageContaining("the outbox folder " + file + " cannot be created: " + file + " is a file, not a folder");
        assertThatThrownBy(() -> Outbox.open(file.resolve("sub"), OutboxSettings.defaults(), clock)).isInstanceOf(IOException.class)
                .hasMessage("the outbox folder " + file.resolve("sub") + " cannot be used: " + file.resolve("sub") + ": Not a directory");
        assertThatThrownBy(() -> Outbox.open(dir, OutboxSettings.defaults(), clock)).isInstanceOf(IOException.class)
                .hasMessage("the outbox in " + dir + " is already open in this process");
    }

    @Test
    void aFolderWithoutWritePermissionIsNamed() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        locked.toFile().setWritable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "running as root: permissions do not stop writes");
            assertThatThrownBy(() -> Outbox.open(locked.resolve("outbox"), OutboxSettings.defaults(), clock))
                    .isInstanceOf(IOException.class).hasMessageContaining("is not writable (permission denied");
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void aClosedOutboxSaysSo() throws IOException {
        outbox.close();
        outbox.close();
        assertThatThrownBy(() -> outbox.next(1)).isInstanceOf(IllegalStateException.class).hasMessage("the outbox in " + dir + " is closed");
        outbox = Outbox.open(dir, OutboxSettings.defaults(), clock); // the lock was released
    }

    @Test
    void theUplinkCanWorkTheQueueWhileEvidenceIsPut() throws Exception {
        int count = 200;
        Thread uplink = new Thread(() -> {
            int acknowledged = 0;
            while (acknowledged < count) {
                for (Item item : outbox.next(5)) {
                    outbox.markSent(item.caseId());
                    outbox.acknowledge(item.caseId());
                    acknowledged++;
                }
            }
        });
        uplink.start();
        for (int i = 1; i <= count; i++) {
            put("V" + i, i % 3 == 0 ? Priority.COMPLIANT : Priority.VIOLATION, 100);
        }
        uplink.join(30_000);
        assertThat(uplink.isAlive()).isFalse();
        assertThat(outbox.usage()).isEqualTo(new Usage(count * 100, OutboxSettings.DEFAULT_QUOTA_BYTES, 0, 0, 0));
        clock.advance(OutboxSettings.DEFAULT_RETENTION);
        assertThat(outbox.purge()).isEqualTo(count);
        assertThat(outbox.head().sequence()).isEqualTo(count);
    }

    @Test
    void payloadsAreKeptByteForByte() throws IOException {
        byte[] packet = bytes(3 * 150_000, 42);
        Item item = outbox.put("big", 1, manifestSha(1), Priority.VIOLATION, packet);
        assertThat(Arrays.equals(Files.readAllBytes(item.packet()), packet)).isTrue();
        assertThat(outbox.verify().intact()).isTrue();
    }
}
