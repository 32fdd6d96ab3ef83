package org.nsegw.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.outbox.internal.PacketFiles;

/** An outbox in a temporary folder on a hand-moved clock, and puts that continue its chain. */
abstract class OutboxFixture {

    static final Instant T0 = Instant.parse("2026-11-23T02:15:07Z");

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(T0);
    Outbox outbox;

    /** The settings the outbox opens with. */
    OutboxSettings settings() {
        return OutboxSettings.defaults();
    }

    @BeforeEach
    void openOutbox() throws IOException {
        outbox = Outbox.open(dir, settings(), clock);
    }

    @AfterEach
    void closeOutbox() throws IOException {
        outbox.close();
    }

    void reopen() throws IOException {
        outbox.close();
        outbox = Outbox.open(dir, settings(), clock);
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String manifestSha(long sequence) {
        return PacketFiles.sha256(("manifest " + sequence).getBytes());
    }

    /** Puts the next packet of the chain: 1,000 bytes. */
    Item put(String caseId, Priority priority) throws IOException {
        return put(caseId, priority, 1000);
    }

    Item put(String caseId, Priority priority, int size) throws IOException {
        long seq = outbox.head().sequence() + 1;
        return outbox.put(caseId, seq, manifestSha(seq), priority, bytes(size, seq));
    }

    /** Puts a non-case record with its images in a separate file. */
    Item put(String caseId, Priority priority, int size, int imagesSize) throws IOException {
        long seq = outbox.head().sequence() + 1;
        return outbox.put(caseId, seq, manifestSha(seq), priority, bytes(size, seq), bytes(imagesSize, -seq));
    }
}
