package org.nsegw.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.traffic.VehicleClass;
import org.nsegw.emulator.weigh.Faults;
import org.nsegw.emulator.weigh.WeighEmulator;
import org.nsegw.emulator.weigh.frames.WimLineLayout;
import org.nsegw.emulator.weigh.raw.RawWimFrontEnd;

/** Weigh emulators configured like the device a profile describes, so that the gateway reads them as it would the device. */
final class WeighEmulators {

    private WeighEmulators() {
    }

    /**
     * Starts an emulator for a device of the given settings (a profile's, possibly with a site file's on top).
     *
     * @param settings the device's typed settings: protocol, units, modbus.*, record.*
     * @param device   where the gateway will open the device
     * @param vehicles the vehicles to play
     * @param stand    how long a truck stands on a static scale
     */
    static WeighEmulator start(Map<String, Object> settings, Path device, List<EmulatedVehicle> vehicles, Faults faults, long seed,
            Duration stand, Path truth) throws IOException {
        return WeighEmulator.start(settings(settings, device, vehicles, faults, seed, stand, truth));
    }

    /** {@link #start}, without playing yet: the device exists; {@link WeighEmulator#playNow()} plays. */
    static WeighEmulator prepare(Map<String, Object> settings, Path device, List<EmulatedVehicle> vehicles, Faults faults,
            long seed, Duration stand, Path truth) throws IOException {
        return WeighEmulator.prepare(settings(settings, device, vehicles, faults, seed, stand, truth));
    }

    private static WeighEmulator.Settings settings(Map<String, Object> settings, Path device, List<EmulatedVehicle> vehicles,
            Faults faults, long seed, Duration stand, Path truth) {
        String protocol = String.valueOf(settings.get("protocol"));
        String units = String.valueOf(settings.getOrDefault("units", "kg"));
        return new WeighEmulator.Settings(protocol, device, vehicles, units, classPercent(settings),
                Duration.ofSeconds(3), stand, number(settings, "modbus.unit", 1), number(settings, "modbus.register", 0),
                layout(settings), protocol.equals("wim-raw") ? frontEnd(settings) : null, faults, seed, truth);
    }

    /**
     * Trucks of every class in one lane, at {@code perHour} on average, {@code overweight} of them overloaded, on the
     * wall clock: the first one arrives {@link #LEAD_IN} from now, so that an emulator started at once plays scenario
     * time as real time and every device's clock (record times, camera times) agrees with the gateway's.
     */
    static List<EmulatedVehicle> traffic(long seed, String lane, double perHour, double overweight, double minKmh, double maxKmh,
            int count) {
        Instant now = Instant.now();
        List<EmulatedVehicle> vehicles = new TrafficScenario(seed, List.of(lane), now, perHour, overweight, minKmh, maxKmh,
                List.of(VehicleClass.values())).vehicles(count);
        return onWallClock(vehicles);
    }

    /** Traffic moved so that its first vehicle comes {@link #LEAD_IN} from now. */
    static List<EmulatedVehicle> onWallClock(List<EmulatedVehicle> vehicles) {
        Duration shift = Duration.between(vehicles.get(0).time(), Instant.now().plus(LEAD_IN));
        return vehicles.stream().map(v -> v.movedBy(shift)).toList();
    }

    /** The weigh emulator's lead: it starts playing this long before the first vehicle. */
    static final Duration LEAD_IN = Duration.ofSeconds(2);

    /** A WIM controller of class 5 measures within ±5 %; a static scale is far better (its division rules). */
    private static double classPercent(Map<String, Object> settings) {
        try {
            return Double.parseDouble(String.valueOf(settings.get("accuracyClass")).replaceAll("[^0-9.]", ""));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    private static WimLineLayout layout(Map<String, Object> s) {
        WimLineLayout d = WimLineLayout.defaults();
        return new WimLineLayout(text(s, "record.delimiter", d.delimiter()), text(s, "record.vehicleTag", d.vehicleTag()),
                list(s, "record.vehicleFields", d.vehicleFields()), text(s, "record.axleTag", d.axleTag()),
                list(s, "record.axleFields", d.axleFields()), text(s, "record.timeFormat", d.timeFormat()), d.zone(),
                "xor-hex".equals(s.get("record.checksum")), false);
    }

    /** A front-end built as the profile describes it: C = 1 / (gain · sample rate). */
    private static RawWimFrontEnd frontEnd(Map<String, Object> s) {
        RawWimFrontEnd typical = RawWimFrontEnd.typical();
        double rate = decimal(s, "raw.sampleRateHz", typical.sampleRateHz());
        double c = s.get("raw.calibration") instanceof Double[] cs && cs.length > 0 ? cs[0] : typical.calibrationConstant();
        return new RawWimFrontEnd(rate, typical.samplesPerFrame(), decimal(s, "raw.rowSpacingM", typical.rowSpacingM()),
                decimal(s, "raw.sensorLengthM", typical.sensorLengthM()), 1 / (c * rate), typical.baselineCounts(), 0);
    }

    private static double decimal(Map<String, Object> s, String key, double fallback) {
        Object v = s.get(key);
        return v instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : fallback;
    }

    private static String text(Map<String, Object> s, String key, String fallback) {
        Object v = s.get(key);
        return v == null ? fallback : v.toString();
    }

    private static List<String> list(Map<String, Object> s, String key, List<String> fallback) {
        Object v = s.get(key);
        return v instanceof String[] a ? List.of(a) : fallback;
    }

    private static int number(Map<String, Object> s, String key, int fallback) {
        Object v = s.get(key);
        return v instanceof Number n && n.intValue() >= 0 ? n.intValue() : fallback;
    }
}
