package org.nsegw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsegw status}: a gateway's devices and components, from the status file in its data directory. */
@Command(name = "status", description = {
    "Show whether a gateway runs, its components, and each device's state, reason and last data.",
    "Reads <data>/status.json, which a running gateway rewrites every few seconds.",
    "Exit status: 0 running, 3 not running, 2 no status found."})
final class StatusCommand implements Callable<Integer> {

    static final int EXIT_NOT_RUNNING = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "the gateway's data directory")
    Path data;

    @Option(names = "--site", paramLabel = "FILE", description = "the gateway's site file; its data directory is data/<gateway id>")
    Path site;

    @Option(names = "--json", description = "print the status file as it is")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> dir = dataDir(err);
        if (dir.isEmpty()) {
            return Nsegw.EXIT_INVALID;
        }
        Path file = dir.get().resolve("status.json");
        if (!Files.isRegularFile(file)) {
            err.println("No status in " + dir.get() + ": no gateway has run with this data directory.");
            return Nsegw.EXIT_INVALID;
        }
        JsonNode status;
        try {
            status = JSON.readTree(file.toFile());
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e.getMessage());
            return Nsegw.EXIT_INVALID;
        }
        StatusView view = new StatusView(status, Instant.now(), zone(status),
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        if (json) {
            out.println(status.toPrettyString());
        } else {
            view.lines().forEach(out::println);
        }
        return view.liveness() == StatusView.Liveness.RUNNING ? Nsegw.EXIT_OK : EXIT_NOT_RUNNING;
    }

    /** Local times in the gateway's own time zone, as its log has them. */
    private static ZoneId zone(JsonNode status) {
        try {
            return ZoneId.of(status.path("gateway").path("timezone").asText());
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    private Optional<Path> dataDir(PrintWriter err) throws IOException {
        if (data != null) {
            return Optional.of(data);
        }
        if (site != null) {
            SiteCheck.Result check = SiteCheck.check(Distribution.locate(), site, null);
            if (!check.plan().isValid()) {
                check.printProblems(err);
                return Optional.empty();
            }
            return Optional.of(RunCommand.dataDir(null, check.plan().gatewayId()));
        }
        String env = System.getenv("NSEGW_DATA");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        Path root = Path.of("data");
        List<Path> gateways = List.of();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                gateways = dirs.filter(d -> Files.isRegularFile(d.resolve("status.json"))).sorted().toList();
            }
        }
        if (gateways.size() == 1) {
            return Optional.of(gateways.get(0));
        }
        if (gateways.isEmpty()) {
            err.println("No gateway data in " + root.toAbsolutePath() + "; give --data DIR or --site FILE.");
        } else {
            err.println("Several gateways have data here; choose one with --data:");
            gateways.forEach(g -> err.println("  --data " + g));
        }
        return Optional.empty();
    }
}
