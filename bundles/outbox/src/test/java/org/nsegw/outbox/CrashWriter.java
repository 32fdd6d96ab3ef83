package org.nsegw.outbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.nsegw.outbox.internal.PacketFiles;

/**
 * The process {@link CrashTest} kills: puts packets into an outbox without end and prints, flushed, one line for each
 * put <em>after</em> it returned ({@code put <caseId> <sequence> <packet SHA-256>}), so that every printed put is one
 * the outbox has promised to keep. The first line tells what opening the outbox recovered:
 * {@code open <head sequence> <intact> <temporary files removed> <files without a row removed>}.
 *
 * <p>Arguments: the outbox folder and a random seed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = System.out;
        try (Outbox outbox = Outbox.open(dir, OutboxSettings.defaults(), Clock.systemUTC())) {
            Integrity recovered = outbox.recovered();
            out.println("open " + outbox.head().sequence() + " " + recovered.intact() + " " + recovered.temporaryFilesRemoved() + " "
                    + recovered.uncommittedRemoved().size());
            out.flush();
            while (true) {
                long sequence = outbox.head().sequence() + 1;
                String caseId = "C" + sequence;
                Priority priority = Priority.values()[random.nextInt(Priority.values().length)];
                byte[] packet = new byte[20_000 + random.nextInt(180_000)];
                random.nextBytes(packet);
                String sha = PacketFiles.sha256(packet);
                byte[] images = null;
                if (priority == Priority.COMPLIANT) {
                    images = new byte[1 + random.nextInt(100_000)];
                    random.nextBytes(images);
                }
                // the packet's own hash stands in for its manifest's: the chain head can be checked against it
                outbox.put(caseId, sequence, sha, priority, packet, images);
                out.println("put " + caseId + " " + sequence + " " + sha);
                out.flush();
                if (random.nextInt(4) == 0) {
                    outbox.markNotified(caseId);
                }
            }
        }
    }
}
