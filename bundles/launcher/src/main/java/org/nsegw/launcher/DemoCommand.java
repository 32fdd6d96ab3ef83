package org.nsegw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.emulator.anpr.AnprEmulator;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.CameraSetup;
import org.nsegw.emulator.anpr.Delivery;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.Timeline;
import org.nsegw.emulator.anpr.TruthRecord;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.camera.DirtyRoad;
import org.nsegw.emulator.camera.ExitPass;
import org.nsegw.emulator.camera.ExitSchedule;
import org.nsegw.emulator.camera.SiteCameraEmulator;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.SceneRenderer;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.emulator.platform.ReceivedCase;
import org.nsegw.emulator.serial.VirtualSerialPort;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.weigh.Faults;
import org.nsegw.emulator.weigh.WeighEmulator;
import org.nsegw.packet.PacketVerifier;
import org.nsegw.site.PlannedConfiguration;
import org.nsegw.site.SiteCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nsegw demo}: the example sites, each on its own gateway process, with emulated devices where emulators
 * exist (the weigh sensors on socat serial lines; the ANPR cameras reading the same trucks and pushing to the
 * gateway's receiver, or serving their event stream; a construction site's exit camera showing those trucks leave,
 * some muddy or uncovered), started, watched and stopped, with a summary at the end that compares what the emulators
 * sent with what the gateways recorded.
 */
@Command(name = "demo", description = {
    "Run the example sites on gateways of their own with emulated weigh sensors, ANPR cameras and site-exit cameras, deliver",
    "their cases over MQTT to the platform emulator, show their progress, stop them and summarise.",
    "Everything the gateways write goes to demo-data/<gateway id>/, the platform's store to demo-data/platform/.",
    "The broker is an embedded one (Moquette, MQTT 3.1.1) on loopback unless --broker names another."})
final class DemoCommand implements Callable<Integer> {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
    static final long PROGRESS_MS = 5000;
    /** The uplink's topic prefix when a site file does not give one (its metatype default). */
    static final String DEFAULT_TOPIC_PREFIX = "nsegw";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The emulated exit camera's frames: the size the example's regions were drawn for, the light the detectors see best. */
    static final int EXIT_WIDTH = 640;
    static final int EXIT_HEIGHT = 360;
    static final Condition EXIT_CONDITION = Condition.CLEAR_DAY;
    /** Frames per second of the exit camera's MJPEG stream (a snapshot camera is polled at its intervalMs). */
    static final double EXIT_FPS = 5;
    /** Shares of muddy trucks and of uncovered loads leaving a site. */
    static final double MUDDY_SHARE = 0.4;
    static final double UNCOVERED_SHARE = 0.4;
    /**
     * The seed of the exit camera's backdrop and of which trucks are muddy or uncovered: fixed, so that every demo shows
     * the same (with it the first truck to leave is muddy, the second has its load uncovered, the third is clean).
     */
    static final long EXIT_SEED = 17;

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

    @Option(names = "--pull", paramLabel = "CAMERA", split = ",",
            description = "ANPR cameras the gateway pulls from instead of receiving their pushes (default: ${DEFAULT-VALUE})",
            defaultValue = "anpr-L2-rear")
    List<String> pullCameras;

    @Option(names = "--camera-faults", paramLabel = "LIST",
            description = "faults the ANPR cameras inject, e.g. miss=0.05,misread=0.05,colorprefix=0.3,duplicate=0.1 "
                    + "(see emulators/README.md)")
    String cameraFaults;

    @Option(names = "--broker", paramLabel = "URL",
            description = "an MQTT broker for the gateways and the platform emulator, tcp://HOST:PORT or ssl://HOST:PORT"
                    + " (default: an embedded Moquette broker on a free loopback port)")
    String broker;

    @Option(names = "--mqtt", paramLabel = "5|3.1.1",
            description = "the MQTT version spoken to --broker (default: 5, the platform on a shared subscription;"
                    + " 3.1.1: an unshared one). The embedded broker speaks 3.1.1 only")
    String mqtt;

    @Option(names = "--drain-seconds", defaultValue = "60", paramLabel = "N",
            description = "how long, at most, the demo waits at the end for every case to be decided and acknowledged"
                    + " by the platform (default: ${DEFAULT-VALUE})")
    int drainSeconds;

    /** Where the cases go: the broker, the MQTT version the gateways and the platform speak, the platform's store. */
    private record Uplink(String broker, boolean v5, Path store) {
    }

    /** One gateway of the demo and its emulated devices. */
    private static final class Run {
        final String label;
        final Path site;
        String gatewayId;
        long devices;
        List<PlannedConfiguration> weighDevices = List.of();
        List<PlannedConfiguration> cameraDevices = List.of();
        List<PlannedConfiguration> siteCameraDevices = List.of();
        int receiverPort;
        long platesStored;
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
        final List<AnprEmulator> cameras = new ArrayList<>();
        /** Emulated site-exit cameras, started before the gateway with an empty exit, given their trucks by playCameras. */
        final List<ExitCamera> exitCameras = new ArrayList<>();
        final Map<String, List<EmulatedVehicle>> traffic = new LinkedHashMap<>();
        final Map<String, WeighEmulator> weighByLane = new LinkedHashMap<>();
        final Map<String, List<CameraSetup>> cameraSetups = new LinkedHashMap<>();
        final List<String> settings = new ArrayList<>();
        int consolePort;
        org.nsegw.rules.internal.Rules rules;
        Journal.Tally journal;
        String topicPrefix = DEFAULT_TOPIC_PREFIX;
        OutboxStates outbox = OutboxStates.NONE;
        String outboxProblem = "";

        Run(String label, Path site) {
            this.label = label;
            this.site = site;
        }

        long sent() {
            return emulators.stream().mapToLong(e -> e.progress().vehiclesSent()).sum();
        }

        /** Reads the cameras delivered (pushed and accepted, or streamed), each once however often it was pushed. */
        long platesDelivered() {
            return cameras.stream().flatMap(c -> c.truth().stream()).filter(t -> t.delivered() && !t.duplicate())
                    .map(TruthRecord::eventId).distinct().count();
        }

        /**
         * Stops the ANPR cameras; an exchange under way is finished first, so that the books agree. The exit cameras go on
         * showing the empty exit until the gateways have stopped (a camera gone while the gateway still polls it would be
         * an offline alarm in its log).
         */
        void closeCameras() {
            for (AnprEmulator c : cameras) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // its truth file could not be closed; the counts are in memory
                }
            }
        }

        void closeEmulators() {
            closeCameras();
            exitCameras.forEach(c -> c.emulator().close());
            for (WeighEmulator e : emulators) {
                try {
                    e.close();
                } catch (IOException ignored) {
                    // ending anyway; the socat pair dies with its process
                }
            }
        }
    }

    /** An emulated site-exit camera of a run: the device it stands in for, its lane, the emulator. */
    private record ExitCamera(String id, String lane, SiteCameraEmulator emulator) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Distribution dist = Distribution.locate();
        Faults injected = Faults.parse(faults);
        List<Path> files = sites != null ? sites
                : List.of(dist.examples().resolve("bridge-example.yaml"), dist.examples().resolve("site-example.yaml"));
        Path root = (dataRoot != null ? dataRoot : dist.home().resolve("demo-data")).toAbsolutePath();
        Optional<String> wrong = checkUplinkOptions();
        if (wrong.isPresent()) {
            err.println("nsegw demo: " + wrong.get());
            return Nsegw.EXIT_INVALID;
        }
        boolean embedded = broker == null;
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
            run.rules = JudgeCommand.rules(check);
            run.weighDevices = check.plan().configurations().stream()
                    .filter(c -> c.pid().equals(SiteCompiler.DEVICE_PIDS.get(DeviceKind.WEIGH_SENSOR))).toList();
            run.cameraDevices = check.plan().configurations().stream()
                    .filter(c -> c.pid().equals(SiteCompiler.DEVICE_PIDS.get(DeviceKind.ANPR_CAMERA))).toList();
            run.siteCameraDevices = check.plan().configurations().stream()
                    .filter(c -> c.pid().equals(SiteCompiler.DEVICE_PIDS.get(DeviceKind.SITE_CAMERA))).toList();
            check.plan().configurations().stream().filter(c -> c.pid().equals(SiteCompiler.UPLINK_PID)).findFirst()
                    .map(c -> c.properties().get("topicPrefix")).ifPresent(prefix -> run.topicPrefix = String.valueOf(prefix));
            run.data = root.resolve(run.gatewayId);
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
        out.println("2. Preparing the device emulators");
        boolean socat = socatPresent(out);
        org.nsegw.emulator.anpr.Faults cameraFaultList = org.nsegw.emulator.anpr.Faults.parse(cameraFaults);
        long seed = 1;
        // The traffic ends a few seconds before the demo does, so that every truck is weighed and read before the
        // gateways stop and the summary can compare whole numbers.
        Instant lastTruck = Instant.now().plusSeconds(Math.max(1, seconds - 3));
        for (Run run : runs) {
            deleteTree(run.data);
            Files.createDirectories(run.data.resolve("dev"));
            for (PlannedConfiguration device : run.weighDevices) {
                Map<String, Object> settings = device.properties();
                String lane = String.valueOf(settings.get("lane"));
                boolean wim = String.valueOf(settings.get("protocol")).startsWith("wim");
                // A bridge lane sees a truck every few seconds; a site gate one every 20 s (a truck takes about 14 s to
                // drive on, be weighed and drive off).
                List<EmulatedVehicle> trucks = until(lastTruck, WeighEmulators.traffic(seed, lane, wim ? 900 : 180, 0.2,
                        wim ? 30 : 5, wim ? 80 : 15, seconds + 20));
                run.traffic.put(lane, trucks);
                if (!socat) {
                    continue;
                }
                Path line = run.data.resolve("dev").resolve(device.name());
                WeighEmulator emulator = WeighEmulators.prepare(settings, line, trucks, injected, seed++, Duration.ofSeconds(5),
                        run.data.resolve("dev").resolve(device.name() + ".truth.jsonl"));
                run.emulators.add(emulator);
                run.weighByLane.putIfAbsent(lane, emulator);
                run.settings.add(device.name() + ".port=" + line);
            }
            if (socat) {
                out.printf("   [%s] %d weigh emulator(s) on socat serial lines in %s%n", run.label, run.emulators.size(),
                        display(dist, run.data.resolve("dev")));
            }
            planCameras(run, cameraFaultList, seed++, out);
            planExitCameras(run, dist, out);
        }

        out.println();
        out.println("3. Starting the MQTT broker, the platform emulator and the gateways");
        Path store = root.resolve("platform");
        deleteTree(store); // the gateways start new chains: a store of an earlier run would reject them
        Path brokerDir = root.resolve("broker");
        deleteTree(brokerDir);
        DemoLogs logs = DemoLogs.to((embedded ? brokerDir : store).resolve("mqtt.log"), DemoLogs.MQTT);
        DemoBroker embeddedBroker = null;
        List<PlatformReceiver> platforms = new ArrayList<>();
        try {
            Uplink uplink;
            if (embedded) {
                try {
                    embeddedBroker = DemoBroker.start(brokerDir);
                } catch (IOException e) {
                    out.println("   The demo stops: " + e.getMessage() + "; see " + display(dist, brokerDir.resolve("mqtt.log")));
                    runs.forEach(Run::closeEmulators);
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                    return Nsegw.EXIT_FAILURE;
                }
                uplink = new Uplink(embeddedBroker.url(), false, store);
                out.printf("   broker: embedded Moquette on %s (MQTT 3.1.1, messages up to %d KiB), log in %s%n", uplink.broker(),
                        DemoBroker.MAX_MESSAGE_BYTES / 1024, display(dist, brokerDir.resolve("mqtt.log")));
            } else {
                uplink = new Uplink(broker, !mqtt().equals("3.1.1"), store);
                out.printf("   broker: %s (MQTT %s)%n", broker, uplink.v5() ? "5" : "3.1.1");
            }
            for (String prefix : runs.stream().map(r -> r.topicPrefix).distinct().toList()) {
                PlatformReceiver.Settings settings = PlatformReceiver.Settings.of(uplink.broker(), prefix, store);
                // Moquette (and RabbitMQ) know no shared subscriptions: one receiver on an unshared one
                settings = uplink.v5() ? settings : settings.withMqttVersion(3).withGroup("");
                try {
                    platforms.add(PlatformReceiver.start(settings));
                } catch (IOException e) {
                    out.println("   The demo stops: the platform emulator cannot connect to the broker " + uplink.broker() + ": "
                            + e.getMessage());
                    out.println("   " + (embedded ? "The embedded broker did not accept it; see " + display(dist, brokerDir.resolve("mqtt.log"))
                            : "Check that the broker runs and is reachable from here, the URL (tcp://HOST:1883 or ssl://HOST:8883),"
                                    + " that it takes anonymous clients, and --mqtt (5 or 3.1.1); or leave --broker out to use"
                                    + " the embedded one."));
                    runs.forEach(Run::closeEmulators);
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                    return Nsegw.EXIT_FAILURE;
                }
                out.printf("   platform: emulator subscribed to %s/+/case/#%s, store in %s%n", prefix,
                        settings.group().isEmpty() ? "" : " (shared, group " + settings.group() + ")", display(dist, store));
            }
            for (Run run : runs) {
                run.settings.addAll(uplinkSettings(uplink));
                // each gateway's installer console on a port of its own (all would want 8443)
                run.consolePort = freeLoopbackPort();
                run.settings.add("console.port=" + run.consolePort);
            }
            for (Run run : runs) {
                run.startedNanos = System.nanoTime();
                List<String> args = new ArrayList<>(List.of("run", "--site", run.site.toString(), "--data", run.data.toString()));
                run.settings.forEach(set -> args.addAll(List.of("--set", set)));
                run.process = new ProcessBuilder(dist.command(args.toArray(String[]::new)))
                        .redirectErrorStream(true)
                        .redirectOutput(run.data.resolve("console.log").toFile())
                        .start();
                out.printf("   [%s] gateway %s started (pid %d), data in %s, cases to %s%n", run.label, run.gatewayId,
                        run.process.pid(), display(dist, run.data), embedded ? "the embedded broker" : broker);
                out.flush();
            }
            for (Run run : runs) {
                awaitReady(run, out);
            }

            out.println();
            out.println("4. Running for " + seconds + " s: trucks cross the emulated weigh sensors, pass the emulated ANPR cameras"
                    + " and leave the construction site past its emulated exit camera");
            for (Run run : runs) {
                run.emulators.forEach(WeighEmulator::playNow);
                playCameras(run, seed++);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(Math.min(PROGRESS_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
                StringBuilder line = new StringBuilder("   ");
                for (Run run : runs) {
                    Optional<JsonNode> s = status(run);
                    if (s.isPresent()) {
                        run.online = online(s.get());
                        line.append(String.format("[%s] %s, %d/%d devices online, %d trucks weighed, %d plates read, %d cases"
                                + " acknowledged   ", run.label, run.process.isAlive() ? "running" : "STOPPED", run.online,
                                run.devices, counter(s.get(), "records"), counter(s.get(), "reads"), acknowledged(dist, run)));
                    }
                }
                out.println(line.toString().stripTrailing());
                out.flush();
            }

            out.println();
            out.println("5. Letting the last trucks pass and the platform acknowledge every case, then stopping the cameras,"
                    + " the gateways (SIGTERM) and the weigh emulators");
            awaitQuiet(runs, out);
            runs.forEach(Run::closeCameras);
            awaitDelivered(runs, dist, out);
            for (Run run : runs) {
                stop(run, out);
            }
            runs.forEach(Run::closeEmulators);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } finally {
            platforms.forEach(PlatformReceiver::close); // finishes what is at hand, then disconnects
            if (embeddedBroker != null) {
                embeddedBroker.close();
            }
            logs.close();
        }
        out.println();
        return summary(runs, dist, store, out);
    }

    /** A problem with --broker or --mqtt, if any. */
    private Optional<String> checkUplinkOptions() {
        if (broker == null) {
            if (mqtt != null && !mqtt().equals("3.1.1")) {
                return Optional.of("the embedded broker (Moquette 0.17) speaks MQTT 3.1.1 only; give --broker URL for MQTT 5");
            }
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(broker);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("--broker " + broker + " is not a URL: " + e.getReason() + "; write tcp://HOST:1883 or ssl://HOST:8883");
        }
        if (uri.getScheme() == null || !List.of("tcp", "ssl").contains(uri.getScheme()) || uri.getHost() == null
                || uri.getPort() < 0) {
            return Optional.of("--broker " + broker + ": write tcp://HOST:PORT or ssl://HOST:PORT, e.g. tcp://127.0.0.1:1883");
        }
        if (mqtt != null && !List.of("5", "3.1.1").contains(mqtt())) {
            return Optional.of("--mqtt " + mqtt + ": 5 or 3.1.1");
        }
        return Optional.empty();
    }

    /** --mqtt as 5 or 3.1.1 (3 and 3.1.1 are the same); 5 when not given. */
    private String mqtt() {
        return mqtt == null ? "5" : mqtt.equals("3") ? "3.1.1" : mqtt;
    }

    /** The settings on top of each site file that send its gateway's cases to the demo's broker. */
    private static List<String> uplinkSettings(Uplink uplink) {
        List<String> set = new ArrayList<>(List.of("uplink.broker=" + uplink.broker(),
                "uplink.mqttVersion=" + (uplink.v5() ? "\"5\"" : "3.1.1")));
        if (!uplink.v5()) {
            // MQTT 3.1.1 has no maximum packet size in CONNACK: the gateway cuts chunks of maxChunkKb
            set.add("uplink.maxChunkKb=" + DemoBroker.CHUNK_KB);
        }
        if (uplink.broker().startsWith("ssl:")) {
            // the example sites name the province's CA file; here the JVM's trusted CAs, as the platform emulator uses
            set.add("uplink.tls.caFile=\"\"");
        }
        return set;
    }

    /**
     * Emulated ANPR cameras for the site's cameras. The gateway is told, through settings on top of the site file, to
     * listen for them on a free loopback port and to find them on loopback, each with an account of its own (they
     * share the address, so the account tells them apart); cameras in pull mode serve their event stream on a loopback
     * port instead. They start reading with the traffic ({@link #playCameras}).
     */
    private void planCameras(Run run, org.nsegw.emulator.anpr.Faults cameraFaultList, long seed, PrintWriter out)
            throws IOException {
        if (run.cameraDevices.isEmpty()) {
            return;
        }
        run.receiverPort = freeLoopbackPort();
        run.settings.add("cameraReceiver.bindAddress=127.0.0.1");
        run.settings.add("cameraReceiver.port=" + run.receiverPort);
        URI gateway = URI.create("http://127.0.0.1:" + run.receiverPort);
        SecureRandom random = new SecureRandom();
        List<String> pulled = new ArrayList<>();
        for (PlannedConfiguration camera : run.cameraDevices) {
            Map<String, Object> p = camera.properties();
            String id = camera.name();
            String lane = String.valueOf(p.get("lane"));
            String password = HexFormat.of().formatHex(random.generateSeed(6));
            Credentials account = Credentials.digest(id, password);
            boolean pull = "pull".equals(p.get("mode")) || pullCameras.contains(id);
            int streamPort = pull ? freeLoopbackPort() : 0;
            Delivery delivery = pull ? Delivery.pull(new InetSocketAddress(InetAddress.getLoopbackAddress(), streamPort), account)
                    : Delivery.push(gateway, String.valueOf(p.getOrDefault("hikvisionPath", Delivery.DEFAULT_HIKVISION_PATH)), account)
                            .withRetries(60, Duration.ofSeconds(1)); // cameras keep trying while a gateway is busy
            double distance = p.get("distanceM") instanceof Number n ? n.doubleValue() : 0;
            CameraPosition position = CameraPosition.valueOf(String.valueOf(p.get("position")).toUpperCase(java.util.Locale.ROOT));
            CameraProtocol protocol = CameraProtocol.parse(String.valueOf(p.get("protocol")));
            // Hikvision firmware differs: rear cameras push the JSON form, every other camera uses the older namespace
            if (protocol == CameraProtocol.HIKVISION_ISAPI_XML && position == CameraPosition.REAR && !pull) {
                protocol = CameraProtocol.HIKVISION_ISAPI_JSON;
            }
            EmulatedCamera emulated = EmulatedCamera.of(id, lane, position, distance, protocol);
            if (run.cameraDevices.indexOf(camera) % 2 == 1) {
                emulated = emulated.withNamespace(org.nsegw.emulator.anpr.IsapiNamespace.HIKVISION);
            }
            run.cameraSetups.computeIfAbsent(lane, l -> new ArrayList<>()).add(new CameraSetup(emulated, delivery, cameraFaultList));
            run.settings.add(id + ".address=127.0.0.1");
            run.settings.add(id + ".username=" + id);
            run.settings.add(id + ".password=" + password);
            if (pull) {
                pulled.add(id);
                run.settings.add(id + ".mode=pull");
                run.settings.add(id + ".port=" + streamPort);
            }
        }
        out.printf("   [%s] %d ANPR camera emulator(s) to read the same trucks: %s%n", run.label, run.cameraDevices.size(),
                pulled.size() == run.cameraDevices.size() ? "serving event streams the gateway pulls"
                        : "pushing to the gateway's receiver on 127.0.0.1:" + run.receiverPort
                                + (pulled.isEmpty() ? "" : ", " + String.join(", ", pulled) + " serving an event stream"));
    }

    /**
     * Starts the cameras of each lane on the traffic its weigh emulator plays, in step with it; the lane's exit cameras
     * show the same trucks leaving (the gate camera's plates, at the times it reads them) on the same timeline.
     */
    private void playCameras(Run run, long seed) throws IOException {
        java.util.Set<String> lanes = new java.util.LinkedHashSet<>(run.cameraSetups.keySet());
        run.exitCameras.forEach(c -> lanes.add(c.lane()));
        for (String lane : lanes) {
            WeighEmulator weigh = run.weighByLane.get(lane);
            List<EmulatedVehicle> trucks = weigh != null ? weigh.vehiclesAtTheSensor() : WeighEmulators.onWallClock(run.traffic.getOrDefault(lane,
                    WeighEmulators.traffic(seed, lane, 240, 0.2, 5, 15, 4)));
            Timeline timeline = weigh != null ? new Timeline(weigh.scenarioStart(), weigh.epoch(), 1) : null;
            List<CameraSetup> setups = run.cameraSetups.getOrDefault(lane, List.of());
            if (!setups.isEmpty()) {
                AnprEmulator anpr = AnprEmulator.start(new AnprEmulator.Settings(setups, trucks, seed, timeline,
                        run.data.resolve("dev").resolve("anpr-" + lane + ".truth.jsonl")));
                run.cameras.add(anpr);
                timeline = anpr.timeline();
            }
            if (timeline == null) {
                timeline = Timeline.realTime(Instant.now());
            }
            for (ExitCamera exit : run.exitCameras) {
                if (exit.lane().equals(lane)) {
                    exit.emulator().play(ExitSchedule.of(trucks, EXIT_SEED, MUDDY_SHARE, UNCOVERED_SHARE), timeline);
                }
            }
        }
    }

    /**
     * An emulated exit camera for each site camera that is polled or streamed ({@code snapshot}, {@code mjpeg}): started
     * now on a free loopback port with an empty exit, so that the gateway finds it when it starts, with an account of its
     * own; the gateway is pointed at it, and given a clean-road reference rendered from the same backdrop, through
     * settings on top of the site file. {@link #playCameras} gives it the trucks.
     */
    private void planExitCameras(Run run, Distribution dist, PrintWriter out) throws IOException {
        SecureRandom random = new SecureRandom();
        for (PlannedConfiguration camera : run.siteCameraDevices) {
            Map<String, Object> p = camera.properties();
            String protocol = String.valueOf(p.get("protocol"));
            if (!protocol.equals("snapshot") && !protocol.equals("mjpeg")) {
                continue; // event pictures come with the gate camera's reads; a folder replays itself
            }
            String id = camera.name();
            String lane = String.valueOf(p.get("lane"));
            Object configured = p.get("username");
            String user = configured == null || String.valueOf(configured).isBlank() ? id : String.valueOf(configured);
            String password = HexFormat.of().formatHex(random.generateSeed(6));
            Path dev = run.data.resolve("dev");
            Path reference = dev.resolve(id + "-clean-road.jpg");
            Files.write(reference, SceneRenderer.render(SiteCameraEmulator.emptyExit(EXIT_SEED, EXIT_WIDTH, EXIT_HEIGHT, EXIT_CONDITION,
                    false)).jpeg());
            SiteCameraEmulator emulator = SiteCameraEmulator.start(new SiteCameraEmulator.Settings(id, List.of(), DirtyRoad.NEVER,
                    EXIT_SEED, EXIT_WIDTH, EXIT_HEIGHT, EXIT_CONDITION, Timeline.realTime(Instant.now()), Credentials.digest(user, password),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), EXIT_FPS, dev.resolve(id + ".truth.jsonl")));
            run.exitCameras.add(new ExitCamera(id, lane, emulator));
            run.settings.add(id + ".protocol=" + protocol);
            run.settings.add(id + ".address=127.0.0.1");
            run.settings.add(id + ".port=" + emulator.address().getPort());
            run.settings.add(id + ".path=" + (protocol.equals("mjpeg") ? SiteCameraEmulator.STREAM_PATH : SiteCameraEmulator.SNAPSHOT_PATH));
            run.settings.add(id + ".username=" + user);
            run.settings.add(id + ".password=" + password);
            run.settings.add(id + ".frame.width=" + EXIT_WIDTH);
            run.settings.add(id + ".frame.height=" + EXIT_HEIGHT);
            run.settings.add(id + ".reference.cleanRoad=" + reference);
            out.printf("   [%s] 1 exit camera emulator for %s on %s (%s, Digest), the same trucks leaving: %.0f %% muddy, %.0f %% loads"
                    + " uncovered (seed %d); clean-road reference %s%n", run.label, id, protocol.equals("mjpeg") ? emulator.streamUri()
                    : emulator.snapshotUri(), protocol, MUDDY_SHARE * 100, UNCOVERED_SHARE * 100, EXIT_SEED, display(dist, reference));
        }
    }

    /** The first vehicle always, then those that come before {@code end}. */
    private static List<EmulatedVehicle> until(Instant end, List<EmulatedVehicle> vehicles) {
        List<EmulatedVehicle> kept = new ArrayList<>();
        for (EmulatedVehicle v : vehicles) {
            if (kept.isEmpty() || v.time().isBefore(end)) {
                kept.add(v);
            }
        }
        return kept;
    }

    /**
     * Waits (at most 20 s) until every emulator has played all its trucks and each gateway has recorded what they sent:
     * stopping a gateway while a record is on the line would lose it and make the summary lie. Passages fusion still
     * holds (it waits for late reads) are handed on when the gateway stops, and the summary counts them in the journal.
     */
    private static void awaitQuiet(List<Run> runs, PrintWriter out) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            boolean quiet = true;
            for (Run run : runs) {
                if (!run.process.isAlive()) {
                    continue;
                }
                boolean played = run.emulators.stream().allMatch(e -> e.progress().finished())
                        && run.cameras.stream().allMatch(c -> c.progress().finished());
                Optional<JsonNode> s = status(run);
                quiet &= played && s.isPresent() && counter(s.get(), "records") >= run.sent()
                        && counter(s.get(), "reads") >= run.platesDelivered();
            }
            if (quiet) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        out.println("   (not every truck had been recorded after 20 s more; stopping anyway)");
    }

    /**
     * Waits (at most --drain-seconds) until each gateway has decided every truck it weighed (fusion hands a passage on
     * about 20 s after the truck crossed the sensor, docs/fusion.md), signed every verdict into its outbox, and the
     * platform has acknowledged every case in it: what a gateway still holds when it stops would wait in its outbox
     * for the next start, and the summary would count it as not delivered.
     */
    private void awaitDelivered(List<Run> runs, Distribution dist, PrintWriter out) throws InterruptedException {
        out.printf("   Waiting (at most %d s) until fusion has decided every truck and plate read (it waits about 20 s for"
                + " late reads) and the platform has acknowledged every case%n", drainSeconds);
        out.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        long nextProgress = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MS);
        while (true) {
            boolean done = true;
            StringBuilder line = new StringBuilder("   ");
            for (Run run : runs) {
                if (!run.process.isAlive()) {
                    line.append(String.format("[%s] STOPPED   ", run.label));
                    continue;
                }
                Optional<JsonNode> s = status(run);
                long weighed = s.map(j -> counter(j, "records")).orElse(0L);
                long reads = s.map(j -> counter(j, "reads")).orElse(0L);
                // fusion holds nothing once every weigh record and every plate read is in a passage
                Journal.Progress journal = Journal.progress(run.data);
                OutboxStates outbox = outboxStates(dist, run);
                done &= journal.weighedPassages() >= weighed && journal.plateReads() >= reads
                        && journal.verdicts() == journal.passages() && outbox.total() == journal.verdicts()
                        && outbox.acknowledged() == outbox.total();
                line.append(String.format("[%s] %d/%d trucks and %d/%d plate reads decided, %d/%d cases acknowledged   ",
                        run.label, journal.weighedPassages(), weighed, journal.plateReads(), reads, outbox.acknowledged(),
                        outbox.total()));
            }
            long now = System.nanoTime();
            if (done || now >= deadline || now >= nextProgress) {
                out.println(line.toString().stripTrailing());
                out.flush();
                nextProgress = now + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MS);
            }
            if (done) {
                return;
            }
            if (now >= deadline) {
                out.printf("   (not every case was decided and acknowledged after %d s; stopping anyway: the rest waits in the"
                        + " outboxes)%n", drainSeconds);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** The gateway's outbox now; what it was last time if it cannot be read at this moment. */
    private static OutboxStates outboxStates(Distribution dist, Run run) {
        try {
            run.outbox = OutboxStates.read(run.data);
            run.outboxProblem = "";
        } catch (IOException e) {
            run.outboxProblem = e.getMessage();
        }
        return run.outbox;
    }

    private static long acknowledged(Distribution dist, Run run) {
        return outboxStates(dist, run).acknowledged();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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
        run.platesStored = last.map(j -> counter(j, "reads")).orElse(0L);
        run.clean = run.process.exitValue() == 0 && last.map(s -> !s.path("running").asBoolean(true)).orElse(false);
        if (!run.clean && run.failure.isEmpty()) {
            run.failure = "unclean stop (exit status " + run.process.exitValue() + ")";
        }
        out.printf("   [%s] %s%n", run.label, run.clean ? "stopped cleanly: components deactivated, final status written"
                : run.failure);
        run.journal = Journal.tally(run.data, run.rules);
    }

    private int summary(List<Run> runs, Distribution dist, Path store, PrintWriter out) {
        out.println("Summary");
        String format = "  %-16s %-20s %-9s %-11s %-7s %-13s %-13s %-9s %-9s %s%n";
        out.printf(format, "SITE", "GATEWAY", "READY IN", "COMPONENTS", "ONLINE", "WEIGHED/SENT", "PLATES/SENT", "REJECTED",
                "SHUTDOWN", "DATA");
        boolean ok = true;
        for (Run run : runs) {
            long sent = run.sent();
            long plates = run.platesDelivered();
            boolean allWeighed = run.weighed == sent;
            boolean allRead = run.platesStored == plates;
            if (!allWeighed && run.failure.isEmpty()) {
                run.failure = run.weighed + " trucks weighed of " + sent + " sent";
            }
            if (!allRead && run.failure.isEmpty()) {
                run.failure = run.platesStored + " plate reads stored of " + plates + " the cameras delivered";
            }
            ok &= run.clean && run.readySeconds >= 0 && allWeighed && allRead;
            out.printf(format, run.label, run.gatewayId, run.readySeconds < 0 ? "-" : String.format("%.1f s", run.readySeconds),
                    run.active + " active", run.online + "/" + run.devices, run.weighed + "/" + sent, run.platesStored + "/" + plates,
                    run.rejected + " frames", run.clean ? "clean" : "FAILED", display(dist, run.data));
        }
        out.println();
        out.println("Decisions: each gateway's journal, every passage judged again as 'nsegw judge' does, the evidence"
                + " packets in its outbox checked as 'nsegw verify' does, the cases sent whole to the platform and"
                + " acknowledged VERIFIED by it, and the platform's store checked again");
        String decisions = "  %-16s %-9s %-11s %-7s %-10s %-14s %-22s %-8s %-13s %s%n";
        out.printf(decisions, "SITE", "PASSAGES", "VIOLATIONS", "REVIEW", "COMPLIANT", "REPLAYED", "PACKETS", "SENT",
                "ACKNOWLEDGED", "AT PLATFORM");
        Map<String, PacketVerifier.DirectoryResult> platform = Map.of();
        List<ReceivedCase> received = List.of();
        String platformProblem = "";
        try {
            platform = Files.isDirectory(store) ? PlatformReceiver.verifyStore(store, java.util.Set.of()) : Map.of();
            received = Files.isDirectory(store) ? ReceivedCase.readAll(store) : List.of();
        } catch (IOException e) {
            platformProblem = "the platform's store " + store + " cannot be read: " + e.getMessage();
        }
        for (Run run : runs) {
            Journal.Tally j = run.journal != null ? run.journal : new Journal.Tally(0, 0, 0, 0, 0, 0);
            boolean allPassed = j.passages() >= run.weighed;
            boolean allJudged = j.verdicts() == j.passages();
            if (!allPassed && run.failure.isEmpty()) {
                run.failure = j.passages() + " passages in the journal for " + run.weighed + " trucks weighed";
            }
            if (!allJudged && run.failure.isEmpty()) {
                run.failure = j.verdicts() + " verdicts in the journal for " + j.passages() + " passages";
            }
            if (j.differ() > 0 && run.failure.isEmpty()) {
                run.failure = j.differ() + " verdicts differ when the passages are judged again";
            }
            Path packets = run.data.resolve("outbox").resolve("packets");
            PacketVerifier.DirectoryResult evidence = Files.isDirectory(packets)
                    ? PacketVerifier.verifyDirectory(packets, java.util.Set.of()) : null;
            long verified = evidence == null ? 0 : evidence.packets().stream().filter(PacketVerifier.Result::ok).count();
            boolean allSigned = evidence != null && evidence.ok() && verified == j.verdicts();
            if (!allSigned && run.failure.isEmpty()) {
                run.failure = verified + " verified evidence packets for " + j.verdicts() + " verdicts"
                        + (evidence == null || evidence.chainProblems().isEmpty() ? "" : ", chain: " + evidence.chainProblems());
            }
            // Delivery: the outbox's states (the gateway has stopped) and what the platform holds of this gateway
            OutboxStates sent = outboxStates(dist, run);
            PacketVerifier.DirectoryResult atPlatform = platform.get(run.gatewayId);
            long platformVerified = atPlatform == null ? 0 : atPlatform.packets().stream().filter(PacketVerifier.Result::ok).count();
            List<ReceivedCase> rejected = received.stream().filter(c -> c.gateway().equals(run.gatewayId))
                    .filter(c -> c.status().equals("REJECTED")).toList();
            boolean allAcknowledged = run.outboxProblem.isEmpty() && sent.acknowledged() == sent.total() && sent.total() == j.verdicts();
            boolean allAtPlatform = platformProblem.isEmpty() && platformVerified == sent.total()
                    && (atPlatform == null ? sent.total() == 0 : atPlatform.ok());
            if (!allAcknowledged && run.failure.isEmpty()) {
                run.failure = !run.outboxProblem.isEmpty() ? run.outboxProblem
                        : sent.acknowledged() + " of " + sent.total() + " cases acknowledged by the platform (" + sent.sentWhole()
                                + " sent whole" + (rejected.isEmpty() ? "" : ", " + rejected.size() + " REJECTED: " + rejected.get(0).reason())
                                + "); see " + display(dist, run.data.resolve("log").resolve("nsegw.0.log")) + " (Uplink)";
            }
            if (!allAtPlatform && run.failure.isEmpty()) {
                run.failure = !platformProblem.isEmpty() ? platformProblem
                        : platformVerified + " of " + sent.total() + " cases verified in the platform's store"
                                + (atPlatform == null || atPlatform.chainProblems().isEmpty() ? "" : ", chain: " + atPlatform.chainProblems());
            }
            ok &= allPassed && allJudged && j.differ() == 0 && allSigned && allAcknowledged && allAtPlatform;
            out.printf(decisions, run.label, j.passages(), j.violations(), j.review(), j.compliant(),
                    j.differ() == 0 ? "same verdicts" : j.differ() + " DIFFER",
                    verified + " verified" + (evidence != null && evidence.chainProblems().isEmpty() ? ", chained" : ""),
                    sent.sentWhole() + "/" + sent.total(), sent.acknowledged() + " VERIFIED",
                    platformVerified + " verified" + (atPlatform != null && atPlatform.ok() ? ", chained" : ""));
        }
        for (Run run : runs) {
            if (run.exitCameras.isEmpty()) {
                continue;
            }
            Journal.Cleanliness found = Journal.cleanliness(run.data);
            List<ExitPass> left = run.exitCameras.stream().flatMap(c -> c.emulator().passes().stream()).toList();
            out.printf("  %-16s cleanliness: %d case(s), %d muddy vehicle, %d uncovered load, %d dirty road; the exit camera"
                    + " showed %d truck(s) leaving, %d muddy, %d with the load uncovered%n", run.label, found.cases(),
                    found.of("MUDDY_VEHICLE"), found.of("UNCOVERED_LOAD"), found.of("DIRTY_ROAD"), left.size(),
                    left.stream().filter(x -> x.truck().muddy()).count(), left.stream().filter(x -> x.truck().uncovered()).count());
        }
        long duplicates = received.stream().filter(c -> c.status().equals("DUPLICATE")).count();
        out.println();
        out.printf("Platform emulator: %d cases verified and stored, %d rejected, %d repeated notices answered again; store in %s%n",
                received.stream().filter(c -> c.status().equals("VERIFIED")).count(),
                received.stream().filter(c -> c.status().equals("REJECTED")).count(), duplicates, display(dist, store));
        out.println();
        Run first = runs.get(0);
        out.println("Look closer:");
        out.println("  ./nsegw status --data " + display(dist, first.data) + "     the last status of " + first.gatewayId);
        out.println("  less " + display(dist, first.data.resolve("log").resolve("nsegw.0.log")) + "   its log");
        out.println("  ./nsegw judge --site " + display(dist, first.site) + " " + display(dist, first.data.resolve("journal"))
                + "   its passages judged again, verdicts as JSON lines");
        out.println("  ./nsegw verify " + display(dist, first.data) + "   its evidence packets: signatures, digests, chain");
        out.println("  ./nsegw verify " + display(dist, store.resolve(first.gatewayId)) + "   the same cases as the platform"
                + " received them");
        out.println("  less " + display(dist, store.resolve(ReceivedCase.FILE)) + "   what the platform received, one JSON line"
                + " per case");
        out.println("  ./nsegw run --site " + display(dist, first.site) + "   run it yourself (Ctrl-C stops it)");
        out.println("  (while it runs, its installer console is on https://127.0.0.1:8443/, the password in "
                + Path.of("data", first.gatewayId, "console", "setup-password") + "; docs/console.md)");
        out.println();
        out.println("  ls " + display(dist, first.data.resolve("media").resolve("anpr")) + "   the plate reads, each with its"
                + " pictures and read.json");
        for (Run run : runs) {
            if (!run.exitCameras.isEmpty()) {
                out.println("  ls " + display(dist, run.data.resolve("media").resolve("vision")) + "   the exits " + run.gatewayId
                        + "'s camera caught: frames before, at and after, annotated images, clip.avi");
                out.println("  unzip -l " + display(dist, store.resolve(run.gatewayId)) + "/<case id>.zip   a cleanliness case as"
                        + " the platform received it");
            }
        }
        out.println();
        out.println(ok ? "Demo finished: every gateway started, applied its site file, weighed every truck its emulators sent, "
                + "stored every plate read its cameras delivered, judged every passage (the same verdicts again on replay), "
                + "signed and stored every verdict as an evidence packet that verifies, delivered every case over MQTT to the"
                + " platform, which verified, stored and acknowledged it, and stopped cleanly."
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
