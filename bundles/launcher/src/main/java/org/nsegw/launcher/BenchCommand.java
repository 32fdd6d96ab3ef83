package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsegw bench ...}: the measurements BENCHMARKS.md reports, reproducible on any machine. */
@Command(name = "bench", description = "Measure the gateway; BENCHMARKS.md lists the figures and these commands.",
        subcommands = {BenchCommand.Startup.class, BenchCommand.Pushes.class, BenchCommand.Uplink.class, BenchCommand.Latency.class})
final class BenchCommand {

    /** The machine a figure was measured on, for the report. */
    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU stays unknown
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s %s, Java %s", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
    }

    /** {@code nsegw bench startup}: JVM start to every component active, over fresh gateway processes. */
    @Command(name = "startup", description = {
        "Start a gateway on a site file again and again, each time in a fresh process with a fresh data directory,",
        "and report the time from process start to every component active (target: under 3 s)."})
    static final class Startup implements Callable<Integer> {

        static final Pattern READY = Pattern.compile("ready (\\d+\\.\\d+) s after start");

        @Spec
        CommandSpec spec;

        @Option(names = "--runs", defaultValue = "10", description = "how many starts (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--site", paramLabel = "FILE", description = "the site file (default: edge-config/bridge-example.yaml)")
        Path site;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Distribution dist = Distribution.locate();
            Path file = site != null ? site : dist.examples().resolve("bridge-example.yaml");
            Path work = Files.createTempDirectory("nsegw-bench-");
            List<Double> seconds = new ArrayList<>();
            out.println("Startup of " + DemoCommand.display(dist, file) + ", " + runs + " runs, on " + machine());
            for (int i = 1; i <= runs; i++) {
                Path data = work.resolve("run-" + i);
                Path log = work.resolve("run-" + i + ".out");
                Process p = new ProcessBuilder(dist.command("run", "--site", file.toString(), "--data", data.toString()))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                double s = awaitReady(p, log);
                p.destroy();
                p.waitFor(40, TimeUnit.SECONDS);
                if (s < 0) {
                    out.println("  run " + i + ": the gateway did not become ready; see " + log);
                    return Nsegw.EXIT_FAILURE;
                }
                seconds.add(s);
                out.printf(Locale.ROOT, "  run %2d: %.2f s%n", i, s);
                out.flush();
            }
            DemoCommand.deleteTree(work);
            List<Double> sorted = seconds.stream().sorted().toList();
            out.printf(Locale.ROOT, "min %.2f s, median %.2f s, max %.2f s (JVM start to all components active)%n",
                    sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
            return Nsegw.EXIT_OK;
        }

        private static double awaitReady(Process p, Path log) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive()) {
                Matcher m = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            return -1;
        }
    }

    /** {@code nsegw bench pushes}: camera pushes per second and their latency, against the real receiver and store. */
    @Command(name = "pushes", description = {
        "Camera pushes per second and their latency to the 200, through the real receiver and store.",
        "Pushes ANPR reads as Hikvision cameras do (ISAPI multipart: the alert XML and two ~150 KB JPEGs) to the",
        "gateway's camera receiver, started in this process with cameras that store every read durably on disk",
        "before answering 200. Reports pushes/s, MB/s and the latency to the 200 (p50 to max), then checks that every",
        "push answered 200 is stored once. Exit status 1 if a push failed or a read is missing.",
        "Target (issue): at least 200 pushes/s with p99 under 50 ms; measure it with --rate 200."})
    static final class Pushes implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "30", description = "the measured period in seconds (default: ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--warmup", defaultValue = "5", description = "seconds of pushes before it, not measured (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--clients", defaultValue = "8",
                description = "concurrent clients, each a camera with its own account and connection (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--rate", paramLabel = "PUSHES_PER_S", description = {
            "send this many pushes per second in all, on schedule whatever the answers (open loop; latency counted from",
            "the scheduled time); without it each client pushes again as soon as its last push is answered (closed loop)"})
        Double rate;

        @Option(names = "--threads", defaultValue = "8", description = "the receiver's threads (default: ${DEFAULT-VALUE}, as configured by default)")
        int threads;

        @Option(names = "--data", paramLabel = "DIR", description = {
            "store the reads in this new or empty folder, e.g. on the disk the gateway will use (default: a temporary",
            "folder under the system's temporary directory)"})
        Path data;

        @Option(names = "--keep", description = "leave the stored reads on disk (they take about 300 KB each)")
        boolean keep;

        @Option(names = "--close-up", description = "send the camera's small plate close-up as the first picture, not a second scene")
        boolean closeUp;

        @Option(names = "--nagle", description = {
            "leave Nagle's algorithm on for the receiver's connections (sets " + org.nsegw.anpr.internal.receiver.CameraReceiver.NO_DELAY + "=false), to see",
            "what the gateway gains by turning it off"})
        boolean nagle;

        @Option(names = "--timeline", description = "also show the latency second by second (to see stalls)")
        boolean timeline;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (seconds < 1 || warmup < 0 || clients < 1 || clients > 256 || threads < 1 || threads > 64
                    || rate != null && !(rate > 0 && rate <= 100_000)) {
                err.println("nsegw: --seconds must be at least 1, --warmup at least 0, --clients 1 to 256, --threads 1 to 64 "
                        + "and --rate above 0");
                return Nsegw.EXIT_INVALID;
            }
            if (nagle) {
                System.setProperty(org.nsegw.anpr.internal.receiver.CameraReceiver.NO_DELAY, "false"); // before the JDK's first server in this JVM reads it
            }
            return new PushBench(new PushBench.Settings(clients, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds),
                    Optional.ofNullable(rate), Optional.ofNullable(data), keep, threads, closeUp, timeline), spec.commandLine().getOut()).run();
        }
    }

    /** {@code nsegw bench uplink}: case notices and packets through a real Mosquitto to the real platform receiver. */
    @Command(name = "uplink", description = {
        "The uplink through a real Mosquitto (started on a free loopback port) to the platform receiver, both in this",
        "process with the gateway's courier and a real SQLite outbox of real signed packets, filled before the uplink",
        "connects: a backlog of small cases (notices acknowledged per second, time to drain it) and large packets",
        "(MB/s). A case counts when the platform's VERIFIED is taken by the courier. Targets (issue 7): at least",
        "5,000 notices/s and 50 MB/s."})
    static final class Uplink implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--backlog", defaultValue = "10000", description = "small cases in the backlog (default: ${DEFAULT-VALUE})")
        int backlog;

        @Option(names = "--small-bytes", defaultValue = "1000", description = "the image bytes of a small case (default: ${DEFAULT-VALUE})")
        int smallBytes;

        @Option(names = "--packets", defaultValue = "200", description = "large packets (default: ${DEFAULT-VALUE})")
        int packets;

        @Option(names = "--image-kb", defaultValue = "150", description = "each of a large packet's three images, KB (default: ${DEFAULT-VALUE})")
        int imageKb;

        @Option(names = "--large-packets", defaultValue = "30", description = "larger packets, 0 for none (default: ${DEFAULT-VALUE})")
        int bigPackets;

        @Option(names = "--large-image-kb", defaultValue = "1000", description = "each of a larger packet's three images, KB (default: ${DEFAULT-VALUE})")
        int bigImageKb;

        @Option(names = "--max-chunk-kb", defaultValue = "256", description = "the uplink's maxChunkKb (default: ${DEFAULT-VALUE})")
        int maxChunkKb;

        @Option(names = "--broker-max-inflight", defaultValue = "0",
                description = "Mosquitto's max_inflight_messages, the Receive Maximum it gives clients (default: its own, 20)")
        int brokerMaxInflight;

        @Option(names = "--receivers", defaultValue = "1",
                description = "platform receiver instances sharing the subscription and the store (default: ${DEFAULT-VALUE})")
        int receivers;

        @Override
        public Integer call() throws Exception {
            if (backlog < 10 || packets < 1 || smallBytes < 1 || imageKb < 3 || maxChunkKb < 1 || bigPackets < 0 || bigImageKb < 3
                    || receivers < 1) {
                spec.commandLine().getErr().println("nsegw: --backlog at least 10, --packets at least 1, --image-kb and --large-image-kb at least 3");
                return Nsegw.EXIT_INVALID;
            }
            return new UplinkBench(new UplinkBench.Settings(backlog, smallBytes, packets, imageKb, bigPackets, bigImageKb, maxChunkKb,
                    brokerMaxInflight, receivers), spec.commandLine().getOut()).run();
        }
    }

    /** {@code nsegw bench latency}: from a passage's completion to its case notice at the platform, 4-lane traffic. */
    @Command(name = "latency", description = {
        "The whole gateway on the bridge example (4 lanes, emulated devices) and the platform receiver, as nsegw demo",
        "--broker runs them, on a real Mosquitto (started on a free loopback port): the time from each passage's",
        "completion (its last plate read arrived or its fusion window closed) to its case notice at the",
        "platform, as percentiles. Target (issue 7): p99 at most 250 ms."})
    static final class Latency implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "120", description = "how long the traffic runs (default: ${DEFAULT-VALUE})")
        int seconds;

        @Override
        public Integer call() throws Exception {
            if (seconds < 10) {
                spec.commandLine().getErr().println("nsegw: --seconds at least 10");
                return Nsegw.EXIT_INVALID;
            }
            return new LatencyBench(seconds, spec.commandLine().getOut()).run();
        }
    }
}
