package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.uplink.internal.UplinkBrokerTest.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.uplink.internal.protocol.Packets;

/**
 * Fault drill (d): the gateway side ({@link GatewayProcess}: a real SQLite outbox of real signed packets and the courier)
 * killed with kill -9 in the middle of a large packet's transfer, then started again on the same data directory. Every
 * case reaches the platform exactly once and verifies; nothing stays unacknowledged. docs/uplink.md, "Fault drills".
 */
class GatewayKillTest {

    /** The courier's publishes before the freeze: the status, the large case's notice and some 60 of its ~190 chunks. */
    private static final int FREEZE_AT_PUBLISH = 64;

    @TempDir
    Path dir;
    private Mosquitto broker;
    private PlatformReceiver platform;
    private Process gateway;

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (platform != null) {
            platform.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void theGatewayKilledMidTransferAndStartedAgain() throws Exception {
        Path data = Files.createDirectories(dir.resolve("gateway"));
        Cases cases = new Cases("33010000122026112310153");
        BuiltPacket large;
        try (Outbox outbox = Outbox.open(data.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC())) {
            large = cases.add(outbox, 3_000_000); // the first violation: sent first, in some 190 chunks of 16 KiB
            for (int i = 0; i < 4; i++) {
                cases.add(outbox, 30_000);
            }
        }
        broker = new Mosquitto(Files.createDirectories(dir.resolve("broker")), 0).start();
        Path store = dir.resolve("platform");
        platform = PlatformReceiver.start(PlatformReceiver.Settings.of(broker.url(), FaultDrillTest.PREFIX, store)
                .withTrustedKeyIds(Set.of(Packets.keyId())).withMissingAfter(FaultDrillTest.MISSING_AFTER));

        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        gateway = start(data, FREEZE_AT_PUBLISH, first, "first");
        awaitLine(first, "DRILL FROZEN", Duration.ofSeconds(30), "first");
        Path partial = store.resolve(".partial").resolve(Cases.GATEWAY).resolve(large.caseId());
        await("chunks of the large packet at the platform", Duration.ofSeconds(10), () -> chunks(partial) > 10);
        gateway.destroyForcibly(); // SIGKILL
        assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
        assertThat(gateway.exitValue()).as("died of SIGKILL").isEqualTo(137);
        assertThat(store.resolve(Cases.GATEWAY).resolve(large.caseId() + ".zip")).as("the large case incomplete").doesNotExist();

        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        gateway = start(data, 0, second, "second");
        awaitLine(second, "DRILL PENDING 0", Duration.ofSeconds(60), "second");
        gateway.getOutputStream().close(); // stop cleanly
        awaitLine(second, "DRILL STOPPED", Duration.ofSeconds(20), "second");
        assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.exitValue()).isZero();

        try (Outbox outbox = Outbox.open(data.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC())) {
            cases.assertDeliveredOnce(store, outbox);
        }
    }

    private static long chunks(Path partial) {
        try (Stream<Path> files = Files.list(partial)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".chunk")).count();
        } catch (IOException notYet) {
            return 0;
        }
    }

    private Process start(Path data, int freeze, BlockingQueue<String> lines, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path nativeLibs = Files.createDirectories(dir.resolve("native"));
        Process p = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dorg.sqlite.tmpdir=" + nativeLibs, "-cp", System.getProperty("java.class.path"), GatewayProcess.class.getName(),
                data.toString(), broker.url(), Integer.toString(freeze))
                .redirectError(dir.resolve("gateway-" + name + ".err").toFile()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[gateway " + name + "] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "gateway-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private void awaitLine(BlockingQueue<String> lines, String expected, Duration limit, String name) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the gateway process did not say '" + expected + "' within " + limit.toSeconds() + " s"
                        + (gateway.isAlive() ? "" : " (it exited with " + gateway.exitValue() + ")") + "; its stderr: "
                        + Files.readString(dir.resolve("gateway-" + name + ".err")));
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }
}
