package org.nsegw.emulator.weigh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.emulator.serial.VirtualSerialPort;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.weigh.frames.WimLineLayout;
import org.nsegw.emulator.weigh.raw.RawWimFrontEnd;
import org.nsegw.weigh.internal.Pipelines;
import org.nsegw.weigh.internal.Props;
import org.nsegw.weigh.internal.driver.WeighDriver;
import org.nsegw.weigh.internal.serial.SerialLink;
import org.nsegw.weigh.internal.serial.SerialSettings;

/**
 * The weigh path through real pseudo-terminals: the emulator writes a protocol into a socat pair, the gateway's
 * serial link reads the other end, and its driver turns the bytes into weigh records and device status.
 */
class SerialPipelineIT {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** The gateway's side of one device, as the weigh sensor component wires it. */
    static final class Gateway implements AutoCloseable {
        final List<WeighRecord> records = new CopyOnWriteArrayList<>();
        final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
        final List<String> alarms = new CopyOnWriteArrayList<>();
        final SerialLink link;
        volatile DeviceStatus last;

        Gateway(Path device, Map<String, Object> settings, Duration silence) {
            Props props = new Props(settings);
            WeighDriver driver = new WeighDriver(new WeighDriver.Settings("dev", "L1", "5", null, silence,
                    Duration.ofMillis(100), Duration.ofMillis(300)), Pipelines.create(props), Instant.now());
            SerialSettings serial = new SerialSettings(device.toString(), 9600, 8, "none", "1", false);
            SerialLink[] holder = new SerialLink[1];
            link = new SerialLink(serial, new SerialLink.Events() {
                public void connected() {
                    apply(driver.connected(Instant.now()));
                }

                public void received(byte[] bytes, int length) {
                    apply(driver.received(bytes, 0, length, Instant.now()));
                    apply(driver.tick(Instant.now()));
                }

                public void idle() {
                    apply(driver.tick(Instant.now()));
                }

                public void disconnected(String reason) {
                    apply(driver.disconnected(reason, Instant.now()));
                }

                void apply(WeighDriver.Effects e) {
                    e.writes().forEach(w -> holder[0].write(w));
                    records.addAll(e.records());
                    e.status().ifPresent(s -> {
                        if (last == null || last.state() != s.state() || !last.reason().equals(s.reason())) {
                            statuses.add(s);
                        }
                        last = s;
                    });
                    alarms.addAll(e.alarms());
                }
            }, "test-link");
            holder[0] = link;
            link.start();
        }

        @Override
        public void close() throws InterruptedException {
            link.stop();
        }
    }

    static Map<String, Object> settings(String protocol, String units) {
        Map<String, Object> m = new HashMap<>();
        m.put("protocol", protocol);
        m.put("units", units);
        m.put("static.thresholdKg", 500);
        m.put("static.stableMs", 500);
        m.put("static.toleranceKg", 40);
        m.put("groupSpacingM", 2.0);
        m.put("modbus.unit", 1);
        m.put("modbus.register", 20);
        return m;
    }

    /** Trucks close behind each other: on a static scale each waits until the previous one has driven off. */
    static List<EmulatedVehicle> trucks(int n, long seed) {
        return TrafficScenario.bridge(seed, 36_000, 0.3).vehicles(n);
    }

    WeighEmulator emulator(String protocol, String units, List<EmulatedVehicle> vehicles, Faults faults, Path truth) throws Exception {
        return WeighEmulator.start(new WeighEmulator.Settings(protocol, tmp.resolve("dev-" + protocol), vehicles, units, 5,
                Duration.ofMillis(200), Duration.ofMillis(1000), 1, 20, WimLineLayout.defaults(), RawWimFrontEnd.typical(), faults, 7,
                truth));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"toledo-continuous, kg", "xk3190, t", "sma-scp0499, kg", "modbus-rtu, kg"})
    void aTruckScaleWeighsEveryTruckOnce(String protocol, String units) throws Exception {
        List<EmulatedVehicle> trucks = trucks(2, 1);
        try (WeighEmulator emu = emulator(protocol, units, trucks, Faults.NONE, null);
                Gateway gw = new Gateway(emu.device(), settings(protocol, units), Duration.ofSeconds(5))) {
            await(() -> gw.records.size() >= trucks.size() && emu.progress().finished());
            assertThat(gw.records).extracting(WeighRecord::grossWeightKg)
                    .containsExactlyElementsOf(trucks.stream().map(v -> (v.grossKg() + 10) / 20 * 20).toList());
            assertThat(gw.last.state()).isEqualTo(DeviceState.ONLINE);
            assertThat(gw.last.counters()).containsKey("frames").doesNotContainKey("rejected.checksum");
            assertThat(gw.records).allSatisfy(r -> assertThat(r.raw()).isNotEmpty());
        }
    }

    @Test
    void aWimControllerDeliversEveryVehicleItMeasured() throws Exception {
        // In the order the controller reports them: when their last axle has crossed.
        List<EmulatedVehicle> trucks = TrafficScenario.bridge(3, 20_000, 0.3).vehicles(8).stream()
                .sorted(java.util.Comparator.comparing(EmulatedVehicle::lastAxleTime)).toList();
        Path truth = tmp.resolve("truth.jsonl");
        try (WeighEmulator emu = emulator("wim-record", "kg", trucks, Faults.NONE, truth);
                Gateway gw = new Gateway(emu.device(), settings("wim-record", "kg"), Duration.ofSeconds(60))) {
            await(() -> gw.records.size() >= trucks.size());
            assertThat(gw.records).hasSize(trucks.size());
            for (int i = 0; i < trucks.size(); i++) {
                WeighRecord r = gw.records.get(i);
                EmulatedVehicle v = trucks.get(i);
                assertThat(r.axleCount()).isEqualTo(v.kind().axles());
                assertThat(Math.abs(r.grossWeightKg() - v.grossKg()) / (double) v.grossKg()).isLessThan(0.15);
                assertThat(r.speedKmh()).isEqualTo(v.speedKmh());
                assertThat(r.groups()).isNotEmpty();
            }
        }
        assertThat(Files.readAllLines(truth)).hasSize(trucks.size()).allSatisfy(l -> assertThat(l).contains("\"intact\":true"));
    }

    @Test
    void aRawFrontEndIsWeighedFromItsSamplesWithinTheClass() throws Exception {
        // One lane: a raw front-end weighs the trucks of its own lane, one after the other.
        List<EmulatedVehicle> trucks = new TrafficScenario(8, List.of("L1"), Instant.parse("2026-11-23T08:00:00Z"), 1_800, 0.3,
                30, 80, List.of(org.nsegw.emulator.traffic.VehicleClass.values())).vehicles(6);
        Map<String, Object> settings = settings("wim-raw", "kg");
        RawWimFrontEnd fe = RawWimFrontEnd.typical();
        settings.put("raw.sampleRateHz", fe.sampleRateHz());
        settings.put("raw.rowSpacingM", fe.rowSpacingM());
        settings.put("raw.sensorLengthM", fe.sensorLengthM());
        settings.put("raw.calibration", List.of(fe.calibrationConstant(), fe.calibrationConstant()));
        try (WeighEmulator emu = emulator("wim-raw", "kg", trucks, Faults.NONE, null);
                Gateway gw = new Gateway(emu.device(), settings, Duration.ofSeconds(5))) {
            await(() -> gw.records.size() >= trucks.size());
            assertThat(gw.records).hasSize(trucks.size());
            for (int i = 0; i < trucks.size(); i++) {
                WeighRecord r = gw.records.get(i);
                EmulatedVehicle v = trucks.get(i);
                assertThat(r.axleCount()).isEqualTo(v.kind().axles());
                assertThat(Math.abs(r.grossWeightKg() - v.grossKg()) / (double) v.grossKg()).as("gross of vehicle " + i).isLessThan(0.10);
                assertThat(r.speedKmh()).isCloseTo(v.speedKmh(), org.assertj.core.data.Offset.offset(1.0));
                assertThat(r.raw()).as("the samples it was weighed from").hasSizeGreaterThan(1000);
            }
            assertThat(gw.last.state()).isEqualTo(DeviceState.ONLINE);
        }
    }

    @Test
    void garbageAndBrokenFramesAreCountedAndNeverBecomeRecords() throws Exception {
        List<EmulatedVehicle> trucks = TrafficScenario.bridge(5, 20_000, 0.3).vehicles(20);
        Path truth = tmp.resolve("truth.jsonl");
        Faults faults = new Faults(0.2, 0.1, 0.1, List.of(), List.of());
        try (WeighEmulator emu = emulator("wim-record", "kg", trucks, faults, truth);
                Gateway gw = new Gateway(emu.device(), settings("wim-record", "kg"), Duration.ofSeconds(60))) {
            await(() -> emu.progress().finished() && emu.progress().vehiclesSent() == trucks.size());
            List<String> lines = Files.readAllLines(truth);
            long intact = lines.stream().filter(l -> l.contains("\"intact\":true")).count();
            await(() -> gw.records.size() >= intact && gw.last.counters().keySet().stream().anyMatch(k -> k.startsWith("rejected.")));
            assertThat(gw.records).as("exactly the intact records").hasSize((int) intact);
            assertThat(intact).isLessThan(trucks.size());
            assertThat(gw.last.counters().keySet()).anyMatch(k -> k.startsWith("rejected."));
            List<Integer> sent = new ArrayList<>();
            for (String l : lines) {
                if (l.contains("\"intact\":true")) {
                    sent.add(Integer.parseInt(l.replaceAll(".*\"sentGrossKg\":(\\d+).*", "$1")));
                }
            }
            assertThat(gw.records).extracting(WeighRecord::grossWeightKg).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void aVanishedPortIsNoticedAndTheDeviceComesBackWhenItReturns() throws Exception {
        List<EmulatedVehicle> trucks = trucks(1, 9);
        Faults faults = new Faults(0, 0, 0, List.of(), List.of(new Faults.Window(Duration.ofSeconds(1), Duration.ofMillis(1500))));
        try (WeighEmulator emu = emulator("toledo-continuous", "kg", trucks, faults, null);
                Gateway gw = new Gateway(emu.device(), settings("toledo-continuous", "kg"), Duration.ofSeconds(5))) {
            await(() -> gw.statuses.stream().anyMatch(s -> s.reason().contains("disappeared")));
            await(() -> gw.statuses.size() > 2 && gw.last.state() == DeviceState.ONLINE
                    && gw.statuses.stream().anyMatch(s -> s.reason().contains("disappeared")));
            assertThat(gw.statuses).extracting(DeviceStatus::state).containsSubsequence(DeviceState.ONLINE, DeviceState.OFFLINE,
                    DeviceState.ONLINE);
            assertThat(gw.alarms).anySatisfy(a -> assertThat(a).contains("weigh sensor dev lost: serial port", "disappeared"));
            await(() -> gw.records.size() >= trucks.size());
            assertThat(gw.records).hasSize(trucks.size());
        }
    }

    @Test
    void aStalledDeviceGoesOfflineAfterItsSilenceTimeAndBackOnlineWhenDataResumes() throws Exception {
        List<EmulatedVehicle> trucks = trucks(1, 4);
        Faults faults = new Faults(0, 0, 0, List.of(new Faults.Window(Duration.ofSeconds(1), Duration.ofMillis(2500))), List.of());
        try (WeighEmulator emu = emulator("xk3190", "t", trucks, faults, null);
                Gateway gw = new Gateway(emu.device(), settings("xk3190", "t"), Duration.ofSeconds(1))) {
            await(() -> gw.alarms.stream().anyMatch(a -> a.contains("silent")) && gw.last.state() == DeviceState.ONLINE);
            assertThat(gw.alarms).contains("weigh sensor dev silent: no data for 1 s");
            assertThat(gw.statuses).extracting(DeviceStatus::reason).contains("no data for 1 s");
            assertThat(gw.last.state()).isEqualTo(DeviceState.ONLINE);
        }
    }

    @Test
    void theEmulatorNeedsSocat() throws Exception {
        VirtualSerialPort.requireSocat(); // fails with how to install it when socat is missing
    }
}
