package org.nsegw.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.nsegw.outbox.internal.PacketFiles;

/**
 * Durable puts per second of packets with three ~150 KB JPEGs each (random bytes of that size: JPEGs do not compress
 * either). Not a test: run it with the test classpath, {@code java -cp ... org.nsegw.outbox.PutBenchmark [FOLDER] [COUNT]};
 * the folder should be on the disk the gateway uses.
 */
public final class PutBenchmark {

    private PutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("outbox-bench");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Random random = new Random(1);
        byte[][] packets = new byte[16][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = new byte[3 * 150_000 + 4_000];
            random.nextBytes(packets[i]);
        }
        try (Outbox outbox = Outbox.open(dir, OutboxSettings.defaults(), Clock.systemUTC())) {
            for (int round = 0; round < 2; round++) { // the first round warms up
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long seq = outbox.head().sequence() + 1;
                    outbox.put("B" + seq, seq, PacketFiles.sha256(Long.toString(seq).getBytes()), Priority.VIOLATION, packets[i % packets.length]);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s: %d durable puts of %d bytes in %.2f s: %.0f packets/s%n", round == 0 ? "warm-up" : "measured", count,
                        packets[0].length, seconds, count / seconds);
            }
        }
    }
}
