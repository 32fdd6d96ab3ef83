package org.nsegw.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 1 MiB tmpfs, which only root can mount (skipped otherwise). A case is never refused for the
 * quota, so only the disk stops it: the error must say so and leave nothing half-written.
 */
class DiskFullTest {

    @TempDir
    Path tmp;
    Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectory(tmp.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()), "cannot mount a 1 MiB tmpfs here (needs root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (!run("umount", disk.toString())) {
            fail("could not unmount the test's tmpfs " + disk);
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void aFullDiskIsNamedAndNothingOfThePutStays() throws IOException {
        TestClock clock = new TestClock(OutboxFixture.T0);
        Path dir = disk.resolve("outbox");
        IOException refused = null;
        try (Outbox outbox = Outbox.open(dir, new OutboxSettings(1L << 40, Duration.ofDays(30), 80), clock)) {
            for (int i = 1; i <= 10 && refused == null; i++) {
                try {
                    outbox.put("V" + i, i, OutboxFixture.manifestSha(i), Priority.VIOLATION, OutboxFixture.bytes(300_000, i));
                } catch (IOException e) {
                    refused = e;
                }
            }
            assertThat(refused).isNotNull().isNotInstanceOf(OutboxFullException.class);
            assertThat(refused.getMessage()).startsWith("the disk holding the outbox is full").contains("nothing of it was kept");
            long stored = outbox.head().sequence();
            assertThat(stored).isBetween(1L, 3L);
            try (var files = Files.list(dir.resolve("packets"))) {
                assertThat(files).hasSize((int) stored);
            }
            assertThat(outbox.verify().intact()).isTrue();
        }
        try (Outbox outbox = Outbox.open(dir, OutboxSettings.defaults(), clock)) {
            assertThat(outbox.recovered().describe()).isEqualTo("outbox intact");
            assertThat(outbox.next(10)).hasSize((int) outbox.head().sequence());
        }
    }
}
