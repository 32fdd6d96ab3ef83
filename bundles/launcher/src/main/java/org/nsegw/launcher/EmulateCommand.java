package org.nsegw.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.nsegw.emulator.anpr.Timeline;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.camera.Dataset;
import org.nsegw.emulator.camera.DirtyRoad;
import org.nsegw.emulator.camera.ExitPass;
import org.nsegw.emulator.camera.ExitSchedule;
import org.nsegw.emulator.camera.SiteCameraEmulator;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.ConditionMix;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.weigh.Faults;
import org.nsegw.emulator.weigh.WeighEmulator;
import org.nsegw.site.SiteCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsegw emulate ...}: emulated devices on this machine, to run a gateway without the real ones. */
@Command(name = "emulate", description = "Emulate devices, so that a gateway can run on a bench.",
        subcommands = {EmulateCommand.Weigh.class, EmulateCommand.Camera.class})
final class EmulateCommand {

    /** {@code nsegw emulate weigh}. */
    @Command(name = "weigh", description = {
        "Emulate a weigh device of a profile on a serial line made with socat, playing emulated trucks.",
        "Point the gateway at it with: nsegw run --site FILE --set DEVICE.port=PATH"})
    static final class Weigh implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--profile", required = true, paramLabel = "ID", description = "the device profile, e.g. weigh/xk3190")
        String profile;

        @Option(names = "--device", required = true, paramLabel = "PATH", description = "where the gateway opens the device, e.g. /tmp/nsegw/scale")
        Path device;

        @Option(names = "--vehicles", defaultValue = "20", description = "how many trucks (default: ${DEFAULT-VALUE})")
        int vehicles;

        @Option(names = "--per-hour", defaultValue = "360", description = "arrivals per hour (default: ${DEFAULT-VALUE})")
        double perHour;

        @Option(names = "--overweight", defaultValue = "0.2", description = "share of overloaded trucks, 0 to 1 (default: ${DEFAULT-VALUE})")
        double overweight;

        @Option(names = "--speed", defaultValue = "30-80", paramLabel = "MIN-MAX", description = "speeds in km/h (default: ${DEFAULT-VALUE})")
        String speed;

        @Option(names = "--lane", defaultValue = "L1", description = "the lane the trucks drive in (default: ${DEFAULT-VALUE})")
        String lane;

        @Option(names = "--faults", paramLabel = "LIST",
                description = "e.g. noise=0.02,truncate=0.01,checksum=0.01,stall=5@30,vanish=10@60 (SECONDS@START)")
        String faults;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--truth", paramLabel = "FILE", description = "write every truck as sent, as JSON lines")
        Path truth;

        @Option(names = "--profiles", paramLabel = "DIR", description = "the device profiles (default: device-profiles/ of the installation)")
        Path profiles;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Distribution dist = Distribution.locate();
            SiteCompiler.ProfileSettings settings = SiteCheck.profileSettings(dist, profiles, profile);
            if (!settings.problems().isEmpty()) {
                settings.problems().forEach(p -> spec.commandLine().getErr().println(p));
                return Nsegw.EXIT_INVALID;
            }
            String[] range = speed.split("-", 2);
            List<EmulatedVehicle> trucks = WeighEmulators.traffic(seed, lane, perHour, overweight, Double.parseDouble(range[0]),
                    Double.parseDouble(range[range.length - 1]), vehicles);
            try (WeighEmulator emu = WeighEmulators.start(settings.properties(), device, trucks, Faults.parse(faults), seed,
                    Duration.ofSeconds(5), truth)) {
                out.printf("Emulating %s (%s) on %s: %d trucks. Run the gateway with --set <device>.port=%s%n", profile,
                        settings.properties().get("protocol"), emu.device(), vehicles, emu.device());
                out.flush();
                WeighEmulator.Progress p;
                do {
                    TimeUnit.SECONDS.sleep(5);
                    p = emu.progress();
                    out.printf("  %d trucks sent, %d frames, %d faults injected%n", p.vehiclesSent(), p.frames(), p.faultsInjected());
                    out.flush();
                } while (!p.finished());
                out.println("All trucks sent.");
            }
            return Nsegw.EXIT_OK;
        }
    }

    /** {@code nsegw emulate camera}. */
    @Command(name = "camera", description = {
        "Emulate a site-exit camera: rendered scenes of trucks leaving a construction site (clean or muddy,",
        "covered or uncovered loads, a clean or dirty road; day, dusk, night, rain, shadows, noise).",
        "With --render DIR: write COUNT labelled stills (exit-SEED.jpg with exit-SEED.json) for",
        "'nsegw vision eval'. Without: serve the exit on loopback as a Hikvision camera does, a JPEG",
        "snapshot at /ISAPI/Streaming/channels/101/picture and an MJPEG stream at",
        "/ISAPI/Streaming/channels/101/httpPreview (HTTP Digest), with trucks arriving on a timeline."})
    static final class Camera implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--render", paramLabel = "DIR", description = "write a labelled data set here instead of serving")
        Path render;

        @Option(names = "--count", defaultValue = "100", description = "stills to render (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--seed", defaultValue = "1", description = "the first seed: still i has seed SEED+i (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--size", defaultValue = "640x360", paramLabel = "WxH", description = "image size, e.g. 1280x720 (default: ${DEFAULT-VALUE})")
        String size;

        @Option(names = "--conditions", paramLabel = "MIX", description = {
            "conditions to draw from, e.g. light=day|dusk|night,rain=0.3,shadows=0.5,noise=0.005-0.03,quality=70-95",
            "(those are the defaults; serving draws one condition for the whole run)"})
        String conditions;

        @Option(names = "--port", defaultValue = "0", description = "serving: the loopback port (default: any free port)")
        int port;

        @Option(names = "--user", defaultValue = "admin", description = "serving: the Digest user (default: ${DEFAULT-VALUE})")
        String user;

        @Option(names = "--password", defaultValue = "exit-camera", description = "serving: the Digest password (default: ${DEFAULT-VALUE})")
        String password;

        @Option(names = "--vehicles", defaultValue = "20", description = "serving: how many trucks leave (default: ${DEFAULT-VALUE})")
        int vehicles;

        @Option(names = "--per-hour", defaultValue = "240", description = "serving: trucks per hour (default: ${DEFAULT-VALUE})")
        double perHour;

        @Option(names = "--muddy", defaultValue = "0.3", description = "serving: share of muddy trucks (default: ${DEFAULT-VALUE})")
        double muddy;

        @Option(names = "--uncovered", defaultValue = "0.3", description = "serving: share of uncovered loads (default: ${DEFAULT-VALUE})")
        double uncovered;

        @Option(names = "--dirty-road", paramLabel = "SECONDS@START", description = "serving: when the road is dirty, e.g. 600@120")
        String dirtyRoad;

        @Option(names = "--fps", defaultValue = "5", description = "serving: frames per second of the stream (default: ${DEFAULT-VALUE})")
        double fps;

        @Option(names = "--truth", paramLabel = "FILE", description = "serving: write every truck and dirty-road window as JSON lines")
        Path truth;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            int[] wh;
            ConditionMix mix;
            try {
                String[] p = size.toLowerCase(java.util.Locale.ROOT).split("x", 2);
                wh = new int[] {Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip())};
                mix = ConditionMix.parse(conditions);
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("nsegw emulate camera: " + (e instanceof IllegalArgumentException && e.getMessage() != null
                        && !(e instanceof NumberFormatException) ? e.getMessage() : "--size must be WIDTHxHEIGHT, e.g. 640x360"));
                return Nsegw.EXIT_INVALID;
            }
            if (render != null) {
                long t0 = System.nanoTime();
                Dataset.Summary s = Dataset.render(render, seed, count, wh[0], wh[1], mix);
                out.printf(java.util.Locale.ROOT, "Rendered %s into %s (seeds %d to %d, %dx%d, %s) in %.1f s%n", s, render, seed, seed + count - 1,
                        wh[0], wh[1], mix, (System.nanoTime() - t0) / 1e9);
                return Nsegw.EXIT_OK;
            }
            List<EmulatedVehicle> trucks = WeighEmulators.traffic(seed, "EXIT", perHour, 0, 10, 20, vehicles).stream()
                    .sorted(Comparator.comparing(EmulatedVehicle::time)).toList();
            List<ExitPass> passes = ExitSchedule.of(trucks, seed, muddy, uncovered);
            Condition condition = mix.draw(new SplittableRandom(seed));
            Timeline timeline = Timeline.realTime(trucks.get(0).time().minusSeconds(10));
            try (SiteCameraEmulator cam = SiteCameraEmulator.start(new SiteCameraEmulator.Settings("cam-exit", passes, DirtyRoad.parse(dirtyRoad),
                    seed, wh[0], wh[1], condition, timeline, Credentials.digest(user, password),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), fps, truth))) {
                out.printf("Emulating site camera cam-exit (%dx%d, %s): %d trucks, the first in 10 s.%n  snapshot: %s%n  stream:   %s%n"
                        + "  account:  %s / %s (Digest)%n", wh[0], wh[1], condition, passes.size(), cam.snapshotUri(), cam.streamUri(), user, password);
                out.flush();
                Instant end = timeline.wall(passes.get(passes.size() - 1).visibleUntil()).plusSeconds(5);
                while (Instant.now().isBefore(end)) {
                    TimeUnit.SECONDS.sleep(5);
                    out.printf("  %d snapshots served, %d stream frames, %d stream clients%n", cam.snapshotsServed(), cam.framesStreamed(),
                            cam.streamClients());
                    out.flush();
                }
                out.println("All trucks have left.");
            }
            return Nsegw.EXIT_OK;
        }
    }
}
