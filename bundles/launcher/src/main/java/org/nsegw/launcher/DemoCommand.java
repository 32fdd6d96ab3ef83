package org.nsegw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.emulator.serial.VirtualSerialPort;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.weigh.Faults;
import org.nsegw.emulator.weigh.WeighEmulator;
import org.nsegw.site.PlannedConfiguration;
import org.nsegw.site.SiteCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nsegw demo}: the example sites, each on its own gateway process, with emulated devices where emulators
 * exist (the weigh sensors, on socat serial lines), started, watched and stopped, with a summary at the end that
 * compares what the emulators sent with what the gateways recorded.
 */
@Command(name = "demo", description = {
    "Run the example sites on gateways of their own with emulated weigh sensors, show their progress,",
    "stop them and summarise. Everything the gateways write goes to demo-data/<gateway id>/."})
final class DemoCommand implements Callable<Integer> {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
    static final long PROGRESS_MS = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "30", paramLabel = "N",
            description = "how long the gateways run once ready (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--site", paramLabel = "FILE", description = "a site file to run (repeatable; default: the two examples in edge-config/)")
    List<Path> sites;

    @Option(names = "--data", paramLabel = "DIR", description = "where the gateways write (default: demo-data/)")
    Path dataRoot;

    @Option(names = "--faults", paramLabel = "LIST",
            description = "faults the weigh emulators inject, e.g. noise=0.05,checksum=0.02 (see nsegw emulate weigh)")
    String faults;

    /** One gateway of the demo and its emulated devices. */
    private static final class Run {
        final String label;
        final Path site;
        String gatewayId;
        long devices;
        List<PlannedConfiguration> weighDevices = List.of();
        Path data;
        Process process;
        long startedNanos;
        double readySeconds = -1;
        int active;
        long online;
        long weighed;
        long rejected;
        boolean clean;
        String failure = "";
        final List<WeighEmulator> emulators = new ArrayList<>();
        final List<String> settings = new ArrayList<>();

        Run(String label, Path site) {
            this.label = label;
            this.site = site;
        }

        long sent() {
            return emulators.stream().mapToLong(e -> e.progress().vehiclesSent()).sum();
        }

        void closeEmulators() {
            for (WeighEmulator e : emulators) {
                try {
                    e.close();
                } catch (IOException ignored) {
                    // ending anyway; the socat pair dies with its process
                }
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Distribution dist = Distribution.locate();
        Faults injected = Faults.parse(faults);
        List<Path> files = sites != null ? sites
                : List.of(dist.examples().resolve("bridge-example.yaml"), dist.examples().resolve("site-example.yaml"));
        Path root = dataRoot != null ? dataRoot : dist.home().resolve("demo-data");
        List<Run> runs = new ArrayList<>();
        out.println("NSE Gateway demo: " + files.size() + " example site(s), each on its own gateway");
        out.println();
        out.println("1. Checking the site files");
        for (Path file : files) {
            Run run = new Run(label(file), file);
            SiteCheck.Result check = SiteCheck.check(dist, file, null);
            if (!check.plan().isValid()) {
                check.printProblems(out);
                out.println("   The demo stops: " + file + " is not valid.");
                return Nsegw.EXIT_FAILURE;
            }
            run.gatewayId = check.plan().gatewayId();
            run.devices = check.devices();
            run.weighDevices = check.plan().configurations().stream()
                    .filter(c -> c.pid().equals(SiteCompiler.DEVICE_PIDS.get(DeviceKind.WEIGH_SENSOR))).toList();
            run.data = root.resolve(run.gatewayId).toAbsolutePath();
            out.printf("   [%s] %s: valid, gateway %s, %d lanes, %d devices%n", run.label, display(dist, file), run.gatewayId,
                    check.count(SiteCompiler.LANE_PID), run.devices);
            runs.add(run);
        }
        Thread cleanup = new Thread(() -> runs.forEach(r -> {
            if (r.process != null) {
                r.process.destroyForcibly();
            }
            r.closeEmulators();
        }));
        Runtime.getRuntime().addShutdownHook(cleanup);

        out.println();
        out.println("2. Starting the device emulators");
        boolean socat = socatPresent(out);
        long seed = 1;
        for (Run run : runs) {
            deleteTree(run.data);
            Files.createDirectories(run.data);
            if (!socat) {
                continue;
            }
            for (PlannedConfiguration device : run.weighDevices) {
                Map<String, Object> settings = device.properties();
                boolean wim = String.valueOf(settings.get("protocol")).startsWith("wim");
                // A bridge lane sees a truck every few seconds; a site gate one every quarter of a minute.
                List<EmulatedVehicle> trucks = WeighEmulators.traffic(seed, String.valueOf(settings.get("lane")),
                        wim ? 900 : 240, 0.2, wim ? 30 : 5, wim ? 80 : 15, seconds + 20);
                Path line = run.data.resolve("dev").resolve(device.name());
                run.emulators.add(WeighEmulators.start(settings, line, trucks, injected, seed++, Duration.ofSeconds(5),
                        run.data.resolve("dev").resolve(device.name() + ".truth.jsonl")));
                run.settings.add(device.name() + ".port=" + line);
            }
            out.printf("   [%s] %d weigh emulator(s) on socat serial lines in %s%n", run.label, run.emulators.size(),
                    display(dist, run.data.resolve("dev")));
        }

        out.println();
        out.println("3. Starting the gateways");
        for (Run run : runs) {
            run.startedNanos = System.nanoTime();
            List<String> args = new ArrayList<>(List.of("run", "--site", run.site.toString(), "--data", run.data.toString()));
            run.settings.forEach(set -> args.addAll(List.of("--set", set)));
            run.process = new ProcessBuilder(dist.command(args.toArray(String[]::new)))
                    .redirectErrorStream(true)
                    .redirectOutput(run.data.resolve("console.log").toFile())
                    .start();
            out.printf("   [%s] gateway %s started (pid %d), data in %s%n", run.label, run.gatewayId, run.process.pid(),
                    display(dist, run.data));
            out.flush();
        }
        for (Run run : runs) {
            awaitReady(run, out);
        }

        out.println();
        out.println("4. Running for " + seconds + " s: trucks cross the emulated weigh sensors"
                + " (ANPR and site cameras have no emulators in this version and stay offline)");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(Math.min(PROGRESS_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            StringBuilder line = new StringBuilder("   ");
            for (Run run : runs) {
                Optional<JsonNode> s = status(run);
                if (s.isPresent()) {
                    run.online = online(s.get());
                    line.append(String.format("[%s] %s, %d/%d devices online, %d trucks weighed   ", run.label,
                            run.process.isAlive() ? "running" : "STOPPED", run.online, run.devices, counter(s.get(), "records")));
                }
            }
            out.println(line.toString().stripTrailing());
            out.flush();
        }

        out.println();
        out.println("5. Stopping the gateways (SIGTERM), then the emulators");
        for (Run run : runs) {
            stop(run, out);
        }
        runs.forEach(Run::closeEmulators);
        Runtime.getRuntime().removeShutdownHook(cleanup);
        out.println();
        return summary(runs, dist, out);
    }

    private void awaitReady(Run run, PrintWriter out) throws InterruptedException {
        long deadline = run.startedNanos + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && run.process.isAlive()) {
            Optional<JsonNode> s = status(run);
            if (s.isPresent() && s.get().path("ready").asBoolean() && s.get().path("running").asBoolean()) {
                run.readySeconds = (System.nanoTime() - run.startedNanos) / 1e9;
                run.active = s.get().path("components").path("active").asInt();
                out.printf("   [%s] ready %.1f s after launch: %d components active%n", run.label, run.readySeconds, run.active);
                out.flush();
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        run.failure = run.process.isAlive() ? "not ready within " + READY_TIMEOUT.toSeconds() + " s"
                : "the gateway exited with status " + run.process.exitValue();
        out.printf("   [%s] %s; see %s%n", run.label, run.failure, run.data.resolve("console.log"));
    }

    private void stop(Run run, PrintWriter out) throws InterruptedException {
        if (!run.process.isAlive()) {
            out.printf("   [%s] had already exited with status %d%n", run.label, run.process.exitValue());
            return;
        }
        run.process.destroy(); // SIGTERM
        if (!run.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            run.process.destroyForcibly();
            run.failure = "did not stop within " + STOP_TIMEOUT.toSeconds() + " s";
            out.printf("   [%s] %s%n", run.label, run.failure);
            return;
        }
        // The final status, written at shutdown, has every device's last counters.
        Optional<JsonNode> last = status(run);
        run.weighed = last.map(j -> counter(j, "records")).orElse(0L);
        run.rejected = last.map(j -> counter(j, "rejected.")).orElse(0L);
        run.clean = run.process.exitValue() == 0 && last.map(s -> !s.path("running").asBoolean(true)).orElse(false);
        if (!run.clean && run.failure.isEmpty()) {
            run.failure = "unclean stop (exit status " + run.process.exitValue() + ")";
        }
        out.printf("   [%s] %s%n", run.label, run.clean ? "stopped cleanly: components deactivated, final status written"
                : run.failure);
    }

    private int summary(List<Run> runs, Distribution dist, PrintWriter out) {
        out.println("Summary");
        String format = "  %-16s %-20s %-9s %-11s %-7s %-13s %-9s %-9s %s%n";
        out.printf(format, "SITE", "GATEWAY", "READY IN", "COMPONENTS", "ONLINE", "WEIGHED/SENT", "REJECTED", "SHUTDOWN", "DATA");
        boolean ok = true;
        for (Run run : runs) {
            long sent = run.sent();
            boolean allWeighed = run.weighed == sent;
            if (!allWeighed && run.failure.isEmpty()) {
                run.failure = run.weighed + " trucks weighed of " + sent + " sent";
            }
            ok &= run.clean && run.readySeconds >= 0 && allWeighed;
            out.printf(format, run.label, run.gatewayId, run.readySeconds < 0 ? "-" : String.format("%.1f s", run.readySeconds),
                    run.active + " active", run.online + "/" + run.devices, run.weighed + "/" + sent, run.rejected + " frames",
                    run.clean ? "clean" : "FAILED", display(dist, run.data));
        }
        out.println();
        Run first = runs.get(0);
        out.println("Look closer:");
        out.println("  ./nsegw status --data " + display(dist, first.data) + "     the last status of " + first.gatewayId);
        out.println("  less " + display(dist, first.data.resolve("log").resolve("nsegw.0.log")) + "   its log");
        out.println("  ./nsegw run --site " + display(dist, first.site) + "   run it yourself (Ctrl-C stops it)");
        out.println();
        out.println(ok ? "Demo finished: every gateway started, applied its site file, weighed every truck its emulators sent "
                + "and stopped cleanly."
                : "Demo FAILED: " + runs.stream().filter(r -> !r.failure.isEmpty()).map(r -> r.label + ": " + r.failure).toList());
        return ok ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
    }

    private static Optional<JsonNode> status(Run run) {
        Path file = run.data.resolve("status.json");
        try {
            return Files.isRegularFile(file) ? Optional.of(JSON.readTree(file.toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // being replaced at this moment; the next look will do
        }
    }

    private static long online(JsonNode status) {
        long n = 0;
        for (JsonNode d : status.path("devices")) {
            n += "ONLINE".equals(d.path("state").asText()) ? 1 : 0;
        }
        return n;
    }

    /** The sum of a counter over the devices; a name ending in '.' sums every counter it begins. */
    private static long counter(JsonNode status, String name) {
        long n = 0;
        for (JsonNode d : status.path("devices")) {
            Iterator<Map.Entry<String, JsonNode>> fields = d.path("counters").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (name.endsWith(".") ? f.getKey().startsWith(name) : f.getKey().equals(name)) {
                    n += f.getValue().asLong();
                }
            }
        }
        return n;
    }

    private static boolean socatPresent(PrintWriter out) {
        try {
            VirtualSerialPort.requireSocat();
            return true;
        } catch (IOException e) {
            out.println("   " + e.getMessage() + ": the weigh devices stay offline");
            return false;
        }
    }

    /** A path under the home folder relative to it, as the README's commands are; others as they are. */
    static Path display(Distribution dist, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(dist.home()) ? dist.home().relativize(abs) : path;
    }

    private static String label(Path site) {
        return site.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
