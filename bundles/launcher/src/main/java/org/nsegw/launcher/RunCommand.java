package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nsegw.site.SiteCompiler;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsegw run}: the gateway in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "run", description = {
    "Start the gateway on a site file, in the foreground. Ctrl-C or SIGTERM stops it cleanly.",
    "The site file is checked first; the gateway does not start on an invalid one."})
final class RunCommand implements Callable<Integer> {

    static final Duration SITE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--site", required = true, paramLabel = "FILE", description = "the site file, e.g. edge-config/bridge-example.yaml")
    Path site;

    @Option(names = "--data", paramLabel = "DIR",
            description = "where the gateway writes everything (default: $NSEGW_DATA, else data/<gateway id>)")
    Path data;

    @Option(names = "--profiles", paramLabel = "DIR", description = "the device profiles (default: device-profiles/ beside the site file's folder)")
    Path profiles;

    @Option(names = "--set", paramLabel = "TARGET.KEY=VALUE",
            description = "a setting on top of the site file, e.g. --set wim-L1.port=/dev/ttyUSB3 (repeatable)")
    List<String> set = new ArrayList<>();

    @Option(names = "--broker", paramLabel = "URL",
            description = "the MQTT broker to deliver the cases to, instead of the site file's: tcp://HOST:PORT or"
                    + " ssl://HOST:PORT (the same as --set uplink.broker=URL)")
    String broker;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Distribution dist = Distribution.locate();
        List<SiteCompiler.Setting> settings;
        try {
            List<String> given = new ArrayList<>(set);
            if (broker != null) {
                given.add("uplink.broker=" + broker);
            }
            settings = given.stream().map(SiteCompiler.Setting::parse).toList();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return Nsegw.EXIT_INVALID;
        }
        SiteCheck.Result check = SiteCheck.check(dist, site, profiles, settings);
        if (!check.plan().isValid()) {
            check.printProblems(err);
            err.println("The gateway does not start with an invalid site file. Fix the problems above; "
                    + "'nsegw config validate " + site + "' checks again.");
            return Nsegw.EXIT_INVALID;
        }
        String gatewayId = check.plan().gatewayId();
        Path dataDir = dataDir(data, gatewayId);
        DataLock lock;
        try {
            lock = DataLock.acquire(dataDir);
        } catch (IOException e) {
            err.println("Cannot start: " + e.getMessage());
            return Nsegw.EXIT_FAILURE;
        }
        // The gateway runs in its site's time zone, whatever the machine's: local times in logs are site times.
        TimeZone.setDefault(TimeZone.getTimeZone(check.zone()));
        out.printf("Starting gateway %s (%s) with data in %s%n", gatewayId, site, dataDir);
        out.flush();
        EmbeddedGateway gateway = EmbeddedGateway.start(dist, site, dataDir, check.profileDir(), settings);
        AtomicInteger exitStatus = new AtomicInteger(Nsegw.EXIT_OK);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(gateway, lock, exitStatus.get(), out, err), "nsegw-shutdown"));

        gateway.startFailures().forEach(f -> err.println("Bundle did not start: " + f));
        err.flush();
        Optional<EmbeddedGateway.SiteOutcome> outcome = gateway.awaitSite(SITE_TIMEOUT);
        if (outcome.isEmpty() || !outcome.get().applied()) {
            outcome.ifPresentOrElse(o -> o.problems().forEach(err::println),
                    () -> err.println("The site configurator did not report within " + SITE_TIMEOUT.toSeconds() + " s."));
            gateway.startFailures().forEach(f -> err.println("bundle " + f));
            err.println("The gateway stops: the site configuration could not be applied.");
            err.flush();
            exitStatus.set(Nsegw.EXIT_INVALID);
            System.exit(Nsegw.EXIT_INVALID); // runs the shutdown hook, which stops the framework
        }
        EmbeddedGateway.ReadinessView ready = gateway.awaitReady(READY_TIMEOUT);
        Duration startup = Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now());
        if (ready.ready()) {
            out.printf("Gateway %s running: %d components active, ready %.2f s after start. Stop with Ctrl-C or 'kill %d'.%n",
                    gatewayId, ready.active(), startup.toMillis() / 1000.0, ProcessHandle.current().pid());
        } else {
            err.printf("Gateway %s running, but not every component is active after %d s:%n", gatewayId, READY_TIMEOUT.toSeconds());
            ready.pending().forEach(p -> err.println("  " + p));
            gateway.startFailures().forEach(f -> err.println("  bundle " + f));
            gateway.inactiveBundles().forEach(b -> err.println("  bundle " + b));
        }
        out.printf("Status: nsegw status --data %s   Log: %s%n", dataDir, dataDir.resolve("log").resolve("nsegw.0.log"));
        out.flush();
        err.flush();
        gateway.awaitStopped();
        return Nsegw.EXIT_OK;
    }

    /** The data directory: as given, else $NSEGW_DATA, else data/&lt;gateway id&gt; in the working directory. */
    static Path dataDir(Path given, String gatewayId) {
        if (given != null) {
            return given.toAbsolutePath();
        }
        String env = System.getenv("NSEGW_DATA");
        return (env != null && !env.isBlank() ? Path.of(env) : Path.of("data", gatewayId)).toAbsolutePath();
    }

    private static void shutdown(EmbeddedGateway gateway, DataLock lock, int exitStatus, PrintWriter out, PrintWriter err) {
        int status;
        try {
            out.println("Stopping the gateway...");
            out.flush();
            boolean clean = gateway.stop(STOP_TIMEOUT);
            lock.close();
            out.println(clean ? "Gateway stopped cleanly." : "The gateway did not stop within " + STOP_TIMEOUT.toSeconds() + " s.");
            status = clean ? exitStatus : Nsegw.EXIT_FAILURE;
        } catch (Exception e) {
            err.println("Stopping failed: " + e);
            status = Nsegw.EXIT_FAILURE;
        }
        out.flush();
        err.flush();
        // A stop by signal is the normal way to end a service: report success when it was clean.
        Runtime.getRuntime().halt(status);
    }
}
