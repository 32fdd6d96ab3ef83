package org.nsegw.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.outbox.internal.PacketFiles;

/**
 * The acceptance test of issue 6: 50 times, a writer process ({@link CrashWriter}) puts packets into one outbox and is
 * killed with SIGKILL at a random moment: while it opens (and recovers) the outbox, or after a random number of puts
 * and a random delay, mostly in the middle of a put. Afterwards no put the writer was told had succeeded is lost,
 * every packet file has the SHA-256 that was put, and the sequence numbers run 1..n without a gap.
 *
 * <p>The seed is random and printed on failure; {@code -Doutbox.crash.seed=N} repeats a run.
 */
class CrashTest {

    static final int KILLS = 50;
    static final long DEADLINE_MS = 20_000;
    static final String END = "\u0000end";

    record Put(String caseId, long sequence, String sha256) {
    }

    @TempDir
    Path work;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void fiftyKillsDuringSustainedWritingLoseAndCorruptNothing() throws Exception {
        long seed = Long.getLong("outbox.crash.seed", new Random().nextLong());
        Random random = new Random(seed);
        Path dir = work.resolve("outbox");
        Map<String, Put> promised = new HashMap<>();
        int killedWhileOpening = 0;
        int[] interrupted = new int[2]; // puts killed before their rename, and between rename and commit

        for (int kill = 0; kill < KILLS; kill++) {
            Process writer = start(dir, random.nextLong(), kill);
            BlockingQueue<String> lines = readLines(writer);
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            boolean duringOpen = random.nextInt(10) == 0;
            int putsBeforeKill = random.nextInt(12);
            if (duringOpen) {
                killedWhileOpening++;
                Thread.sleep(150 + random.nextInt(250)); // a random moment of the start, not a synchronisation
            } else {
                int seen = 0;
                while (seen <= putsBeforeKill) { // "open", then the puts
                    String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                    if (line == null || line.equals(END)) {
                        fail("writer %d (seed %d) stopped or stalled after %d lines: %s", kill, seed, seen, stderr(kill));
                    }
                    record(line, promised, interrupted, seed);
                    seen++;
                }
                Thread.sleep(random.nextInt(15)); // the random moment of the kill
            }
            if (!writer.isAlive()) {
                fail("writer %d (seed %d) ended by itself with %d: %s", kill, seed, writer.exitValue(), stderr(kill));
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)).as("writer killed").isTrue();
            // lines written to the pipe before the kill are puts that returned: drain them
            for (String line = lines.poll(DEADLINE_MS, TimeUnit.MILLISECONDS); line != null && !line.equals(END);
                    line = lines.poll(DEADLINE_MS, TimeUnit.MILLISECONDS)) {
                record(line, promised, interrupted, seed);
            }
        }

        try (Outbox outbox = Outbox.open(dir, OutboxSettings.defaults(), Clock.systemUTC())) {
            String context = "seed " + seed + ", " + promised.size() + " puts promised, " + killedWhileOpening + " kills while opening, "
                    + interrupted[0] + " temporary files and " + interrupted[1] + " files without a row removed at restarts; "
                    + outbox.recovered().describe();
            System.out.println("crash test: " + context);
            assertThat(promised).as(context).hasSizeGreaterThan(KILLS);
            assertThat(outbox.recovered().intact()).as(context).isTrue();

            List<Item> all = outbox.next(Integer.MAX_VALUE);
            long head = outbox.head().sequence();
            assertThat(all).as("no gap in the sequence; " + context).extracting(Item::sequence)
                    .containsExactlyInAnyOrderElementsOf(range(1, head));
            for (Put put : promised.values()) {
                Item item = outbox.find(put.caseId()).orElse(null);
                assertThat(item).as("lost: " + put + "; " + context).isNotNull();
                assertThat(item.sequence()).as(put.caseId()).isEqualTo(put.sequence());
                assertThat(PacketFiles.sha256(item.packet())).as("corrupt: " + put + "; " + context).isEqualTo(put.sha256());
            }
            Put last = promised.values().stream().filter(p -> p.sequence() == head).findFirst().orElse(null);
            if (last != null) {
                assertThat(outbox.head().manifestSha256()).isEqualTo(last.sha256());
            }
            assertThat(outbox.verify().intact()).as(context).isTrue();
        }
    }

    private Process start(Path dir, long seed, int kill) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path nativeLibs = Files.createDirectories(work.resolve("native"));
        return new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-Dorg.sqlite.tmpdir=" + nativeLibs, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dir.toString(), Long.toString(seed))
                .redirectError(work.resolve("writer-" + kill + ".err").toFile())
                .start();
    }

    /** The writer's stdout, line by line, then {@link #END}; read on a thread so that the test can wait with a deadline. */
    private static BlockingQueue<String> readLines(Process writer) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the pipe broke with the kill: what was read is what counts
            } finally {
                lines.add(END);
            }
        }, "crash-writer-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /**
     * A put line is a promise; a line cut by the kill cannot be one (the writer prints after the put returned). An open
     * line tells what the restart recovered: it must have found every committed packet intact.
     */
    private static void record(String line, Map<String, Put> promised, int[] interrupted, long seed) {
        String[] f = line.split(" ");
        if (f[0].equals("put") && f.length == 4 && f[3].length() == 64) {
            promised.put(f[1], new Put(f[1], Long.parseLong(f[2]), f[3]));
        } else if (f[0].equals("open") && f.length == 5) {
            assertThat(f[2]).as("outbox intact at a restart (seed %d)", seed).isEqualTo("true");
            interrupted[0] += Integer.parseInt(f[3]);
            interrupted[1] += Integer.parseInt(f[4]);
        }
    }

    private String stderr(int kill) throws IOException {
        return Files.readString(work.resolve("writer-" + kill + ".err"));
    }

    private static List<Long> range(long from, long to) {
        List<Long> r = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }
}
