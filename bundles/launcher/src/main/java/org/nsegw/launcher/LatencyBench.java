package org.nsegw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nsegw.emulator.platform.ReceivedCase;

/**
 * Latency under 4-lane traffic, from the moment a passage is complete to its case notice at the platform: the whole
 * gateway on the bridge example (4 lanes, emulated WIM sensors and ANPR cameras) and the platform receiver, as
 * {@code nsegw demo --broker} runs them, on a Mosquitto of this benchmark's own on a free loopback port. For every packet the platform verified, the passage's {@code completed} (in the packet's
 * {@code passage.json}, set by fusion: the later of its last plate read's arrival and the moment its windows allowed
 * the decision) is compared with the arrival of the notice at the receiver ({@code received.jsonl}: the line's time
 * less its {@code receiveMillis}). One machine, one clock.
 */
final class LatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int seconds;
    private final PrintWriter out;

    LatencyBench(int seconds, PrintWriter out) {
        this.seconds = seconds;
        this.out = out;
    }

    int run() throws Exception {
        Path mosquitto = UplinkBench.findMosquitto();
        if (mosquitto == null) {
            out.println("nsegw: mosquitto is not installed (apt-get install mosquitto); the benchmark needs a real broker");
            return Nsegw.EXIT_FAILURE;
        }
        Distribution dist = Distribution.locate();
        Path work = Files.createTempDirectory("nsegw-bench-latency-");
        UplinkBench.Broker broker = new UplinkBench.Broker(mosquitto, work);
        try {
            broker.start();
            Path data = work.resolve("demo");
            Path store = data.resolve("platform"); // the demo's platform emulator keeps its store there
            out.println("Latency from a passage's completion to its case notice at the platform: the bridge example (4 lanes) on"
                    + " emulated devices for " + seconds + " s (nsegw demo --broker), the gateway's uplink and the demo's platform"
                    + " receiver on Mosquitto at " + broker.url() + ", on " + BenchCommand.machine());
            out.flush();
            Path log = work.resolve("demo.log");
            Process demo = new ProcessBuilder(dist.command("demo", "--site", dist.examples().resolve("bridge-example.yaml").toString(),
                    "--seconds", Integer.toString(seconds), "--data", data.toString(), "--broker", broker.url()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!demo.waitFor(seconds + 300L, TimeUnit.SECONDS)) {
                    out.println("nsegw: the demo did not end within " + (seconds + 300) + " s; see " + log);
                    return Nsegw.EXIT_FAILURE;
                }
            } finally {
                if (demo.isAlive()) {
                    demo.destroy();
                    demo.waitFor(40, TimeUnit.SECONDS);
                }
            }
            int exit = demo.exitValue();
            List<String> lines = Files.readAllLines(log);
            for (String line : lines) {
                if (line.contains(" ready ") || line.contains("FAILED") || line.contains("not ready") || line.contains("broker:")
                        || line.contains("platform:")) {
                    out.println("demo:" + line);
                }
            }
            if (exit != 0) {
                out.println("nsegw: the demo ended with " + exit + ":");
                lines.stream().skip(Math.max(0, lines.size() - 30)).forEach(out::println);
            }
            return report(store, storedTimes(data)) && exit == 0 ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
        } finally {
            broker.stop();
            DemoCommand.deleteTree(work);
        }
    }

    /** Case id to the outbox's {@code stored} (ms: after the packet's file is on disk, before the row's commit). */
    static Map<String, Long> storedTimes(Path demo) throws IOException {
        Map<String, Long> stored = new java.util.HashMap<>();
        try (var gateways = Files.list(demo)) {
            for (Path gateway : gateways.toList()) {
                Path db = gateway.resolve("outbox").resolve("outbox.db");
                if (!Files.isRegularFile(db)) {
                    continue;
                }
                try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                        java.sql.Statement st = c.createStatement();
                        java.sql.ResultSet rs = st.executeQuery("SELECT case_id, stored FROM packet")) {
                    while (rs.next()) {
                        stored.put(rs.getString(1), rs.getLong(2));
                    }
                } catch (java.sql.SQLException e) {
                    throw new IOException("cannot read " + db + ": " + e.getMessage(), e);
                }
            }
        }
        return stored;
    }

    private boolean report(Path store, Map<String, Long> storedMillis) throws IOException {
        Map<String, List<Long>> byOutcome = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        List<Long> toPacked = new ArrayList<>();
        List<Long> packedToNotice = new ArrayList<>();
        List<Long> packedToStored = new ArrayList<>();
        List<Long> storedToNotice = new ArrayList<>();
        int unknown = 0;
        for (ReceivedCase c : ReceivedCase.readAll(store)) {
            if (!c.status().equals("VERIFIED")) {
                continue;
            }
            Instant arrived = Instant.parse(c.time()).minusMillis(c.receiveMillis());
            Instant[] times = times(store.resolve(c.gateway()).resolve(c.caseId() + ".zip"));
            Instant completed = times[0];
            if (completed == null) {
                unknown++;
                continue;
            }
            long ms = Duration.between(completed, arrived).toMillis();
            if (times[1] != null) {
                toPacked.add(Duration.between(completed, times[1]).toMillis());
                packedToNotice.add(Duration.between(times[1], arrived).toMillis());
                Long storedAt = storedMillis.get(c.caseId());
                if (storedAt != null) {
                    packedToStored.add(storedAt - times[1].toEpochMilli());
                    storedToNotice.add(arrived.toEpochMilli() - storedAt);
                }
            }
            all.add(ms);
            byOutcome.computeIfAbsent(c.outcome().isEmpty() ? "-" : c.outcome(), k -> new ArrayList<>()).add(ms);
        }
        out.println();
        out.println("| notices | count | p50 | p90 | p99 | max |");
        out.println("|---|---|---|---|---|---|");
        row("every packet", all);
        byOutcome.forEach((outcome, list) -> row(outcome, list));
        row("of which: completion to the packet's time.packed (fusion's hand-over, rules, evidence up to packing)", toPacked);
        row("of which: time.packed to the notice at the platform (signing, outbox put, uplink, broker)", packedToNotice);
        row("  of that: time.packed to the packet's file on disk in the outbox (building, signing, 2 flushes)", packedToStored);
        row("  of that: file on disk to the notice at the platform (the row's commit, courier, broker, receiver)", storedToNotice);
        if (unknown > 0) {
            out.println(unknown + " packets without a passage completion time (not counted)");
        }
        out.flush();
        return !all.isEmpty();
    }

    private void row(String name, List<Long> ms) {
        if (ms.isEmpty()) {
            out.printf(Locale.ROOT, "| %s | 0 | | | | |%n", name);
            return;
        }
        List<Long> sorted = new ArrayList<>(ms);
        sorted.sort(null);
        out.printf(Locale.ROOT, "| %s | %d | %d ms | %d ms | %d ms | %d ms |%n", name, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    /** Nearest rank. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /**
     * The passage's completion time from the packet's passage.json and the manifest's {@code time.packed}: each null
     * when the packet has none.
     */
    private static Instant[] times(Path packet) throws IOException {
        Instant[] times = new Instant[2];
        try (InputStream in = Files.newInputStream(packet); ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("passage.json") || e.getName().endsWith("/passage.json")) {
                    JsonNode completed = JSON.readTree(zip.readAllBytes()).get("completed");
                    times[0] = completed == null || completed.isNull() ? null : Instant.parse(completed.asText());
                } else if (e.getName().equals("manifest.json")) {
                    JsonNode packed = JSON.readTree(zip.readAllBytes()).path("time").get("packed");
                    times[1] = packed == null || packed.isNull() ? null : Instant.parse(packed.asText());
                }
            }
        }
        return times;
    }
}
