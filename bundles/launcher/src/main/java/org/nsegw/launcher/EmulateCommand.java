package org.nsegw.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
        subcommands = EmulateCommand.Weigh.class)
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
}
