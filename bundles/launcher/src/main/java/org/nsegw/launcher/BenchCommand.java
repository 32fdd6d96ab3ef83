package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        subcommands = BenchCommand.Startup.class)
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
}
