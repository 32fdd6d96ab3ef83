package org.nsegw.emulator.weigh;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.nsegw.api.weigh.Axle;
import org.nsegw.emulator.serial.VirtualSerialPort;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.weigh.frames.FaultInjector;
import org.nsegw.emulator.weigh.frames.ModbusFrames;
import org.nsegw.emulator.weigh.frames.RegisterBank;
import org.nsegw.emulator.weigh.frames.ScaleDisplay;
import org.nsegw.emulator.weigh.frames.SmaFrames;
import org.nsegw.emulator.weigh.frames.ToledoFrames;
import org.nsegw.emulator.weigh.frames.WimLineLayout;
import org.nsegw.emulator.weigh.frames.WimLines;
import org.nsegw.emulator.weigh.frames.Xk3190Frames;
import org.nsegw.emulator.weigh.raw.LaneSignal;
import org.nsegw.emulator.weigh.raw.NoiseModel;
import org.nsegw.emulator.weigh.raw.RawWimFrontEnd;
import org.nsegw.emulator.weigh.raw.RawWimSynthesizer;

/**
 * One emulated weigh device on a serial line made by socat: it plays a list of vehicles in real time as the device
 * would send them, injects the configured faults, and writes the truth (each vehicle as sent, and whether its bytes
 * left intact) to a JSON-lines file for tests and the demo to compare with what the gateway recorded.
 */
public final class WeighEmulator implements AutoCloseable {

    /**
     * @param protocol     the device protocol: toledo-continuous, xk3190, sma-scp0499, modbus-rtu or wim-record
     * @param device       where the gateway opens the device
     * @param vehicles     the vehicles to play, with their scenario times
     * @param units        the unit a scale shows: kg or t (two decimals)
     * @param classPercent the accuracy class of a WIM controller in % of the gross (its measurement noise)
     * @param driveOn      how long driving onto a static scale takes
     * @param stand        how long a vehicle stands on a static scale
     * @param modbusUnit   the address a Modbus device answers to
     * @param modbusRegister the first register of its 32-bit weight
     * @param layout       how a WIM controller writes its records
     * @param rawFrontEnd  how a raw WIM front-end is built (wim-raw only; {@code null} otherwise)
     * @param faults       the faults to inject
     * @param seed         the seed of every random choice
     * @param truth        where to write the truth, or {@code null}
     */
    public record Settings(String protocol, Path device, List<EmulatedVehicle> vehicles, String units, double classPercent,
            Duration driveOn, Duration stand, int modbusUnit, int modbusRegister, WimLineLayout layout, RawWimFrontEnd rawFrontEnd,
            Faults faults, long seed, Path truth) {
        public Settings {
            vehicles = List.copyOf(vehicles);
            if (!List.of("toledo-continuous", "xk3190", "sma-scp0499", "modbus-rtu", "wim-record", "wim-raw").contains(protocol)) {
                throw new IllegalArgumentException("the weigh emulator plays toledo-continuous, xk3190, sma-scp0499, "
                        + "modbus-rtu, wim-record and wim-raw, not " + protocol);
            }
            if (protocol.equals("wim-raw") && rawFrontEnd == null) {
                throw new IllegalArgumentException("wim-raw needs the front-end's settings");
            }
            if (vehicles.isEmpty()) {
                throw new IllegalArgumentException("no vehicles to play");
            }
        }
    }

    /** What the emulator has done so far. */
    public record Progress(long frames, long vehiclesSent, long faultsInjected, boolean finished) {
    }

    static final Duration LEAD_IN = Duration.ofSeconds(2);
    static final Duration SCALE_PERIOD = Duration.ofMillis(100);

    private Settings settings;
    private final VirtualSerialPort port;
    private final SplittableRandom random;
    private final FaultInjector injector;
    private Instant epoch;
    private Instant scenarioStart;
    private final Writer truth;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean finished;

    private WeighEmulator(Settings settings) throws IOException {
        VirtualSerialPort.requireSocat();
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.injector = new FaultInjector(random.split());
        this.port = new VirtualSerialPort(settings.device(), settings.device().resolveSibling(settings.device().getFileName() + ".emu"));
        this.epoch = Instant.now();
        this.scenarioStart = settings.vehicles().stream().map(EmulatedVehicle::time).min(Comparator.naturalOrder()).orElseThrow()
                .minus(LEAD_IN);
        this.truth = settings.truth() == null ? null : Files.newBufferedWriter(settings.truth(), StandardCharsets.UTF_8);
    }

    /** Creates the serial line and starts playing. */
    public static WeighEmulator start(Settings settings) throws IOException {
        WeighEmulator e = new WeighEmulator(settings);
        e.play();
        return e;
    }

    /**
     * Creates the serial line without playing yet: the device exists, so that a gateway can be started on it first;
     * {@link #playNow()} starts the traffic.
     */
    public static WeighEmulator prepare(Settings settings) throws IOException {
        return new WeighEmulator(settings);
    }

    /**
     * Starts playing a {@linkplain #prepare prepared} emulator with its traffic moved to the wall clock: the first
     * vehicle comes {@link #LEAD_IN} from now and every vehicle's time (in its records, in the truth file and in
     * {@link #vehicles()}) is its real time, so that other emulators and the gateway's clock agree with it.
     */
    public synchronized void playNow() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("already playing");
        }
        Instant now = Instant.now();
        Duration shift = Duration.between(scenarioStart, now);
        List<EmulatedVehicle> moved = settings.vehicles().stream().map(v -> v.movedBy(shift)).toList();
        Settings s = settings;
        settings = new Settings(s.protocol(), s.device(), moved, s.units(), s.classPercent(), s.driveOn(), s.stand(),
                s.modbusUnit(), s.modbusRegister(), s.layout(), s.rawFrontEnd(), s.faults(), s.seed(), s.truth());
        epoch = now;
        scenarioStart = now;
        play();
    }

    /** The vehicles as played: after {@link #playNow()}, on the wall clock. */
    public List<EmulatedVehicle> vehicles() {
        return settings.vehicles();
    }

    /**
     * The vehicles as they reach the sensor: on a static scale a truck waits while the one before it is on the scale,
     * so its time here is when it drives on (what a gate camera at the scale sees); on a WIM sensor, {@link #vehicles()}.
     */
    public List<EmulatedVehicle> vehiclesAtTheSensor() {
        return switch (settings.protocol()) {
            case "wim-record", "wim-raw" -> vehicles();
            default -> load().visits().stream()
                    .map(v -> v.vehicle().movedBy(java.time.Duration.between(v.vehicle().time(), v.arrive()))).toList();
        };
    }

    private void play() {
        switch (settings.protocol()) {
            case "wim-record" -> thread("records", this::playRecords);
            case "wim-raw" -> thread("samples", this::streamSamples);
            case "sma-scp0499", "modbus-rtu" -> {
                thread("answers", this::answerPolls);
                thread("faults", this::watchVanish);
            }
            default -> thread("stream", this::streamScale);
        }
    }

    /**
     * When the emulator started on the wall clock: the scenario instant {@link #scenarioStart()} happened then, and
     * scenario time runs in step with the wall clock from there (other emulators use this to play the same traffic).
     */
    public Instant epoch() {
        return epoch;
    }

    /** The scenario instant played at {@link #epoch()}: {@link #LEAD_IN} before the first vehicle. */
    public Instant scenarioStart() {
        return scenarioStart;
    }

    public Path device() {
        return port.devicePath();
    }

    public Progress progress() {
        return new Progress(frames.get(), sent.get(), faults.get(), finished);
    }

    /** Pulls the serial line out, as an installer pulling a USB adapter. */
    public void unplug() throws IOException {
        port.unplug();
    }

    public void plugIn() throws IOException {
        port.plugIn();
    }

    @Override
    public void close() throws IOException {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        port.close();
        if (truth != null) {
            truth.close();
        }
    }

    private interface Body {
        void run() throws IOException, InterruptedException;
    }

    private void thread(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                if (running) {
                    System.err.println("weigh emulator " + settings.device() + ": " + e.getMessage());
                }
            }
        }, "weigh-emulator-" + name + "-" + settings.device().getFileName());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    // --- static scales ---------------------------------------------------------------------------------------

    private ScaleLoad load() {
        return new ScaleLoad(settings.vehicles(), settings.driveOn(), settings.stand(), settings.driveOn(), 20);
    }

    /** A continuous scale: a frame of the current display every 100 ms. */
    private void streamScale() throws IOException, InterruptedException {
        ScaleLoad load = load();
        List<ScaleLoad.Visit> visits = load.visits();
        Instant end = visits.get(visits.size() - 1).gone().plusSeconds(2);
        int nextTruth = 0;
        Instant tick = Instant.now();
        while (running) {
            Instant now = Instant.now();
            Instant t = scenarioTime(now);
            Duration elapsed = Duration.between(epoch, now);
            followVanish(elapsed);
            while (nextTruth < visits.size() && !visits.get(nextTruth).leave().isAfter(t)) {
                writeTruth(visits.get(nextTruth).vehicle(), visits.get(nextTruth).vehicle().grossKg(), true);
                nextTruth++;
            }
            if (!settings.faults().stalled(elapsed) && port.isPluggedIn()) {
                ScaleDisplay display = display(load.at(visits, t));
                // XK3190 format 0 carries no motion bit: the gateway sees the load settle by its stable tolerance.
                byte[] frame = settings.protocol().equals("xk3190") ? Xk3190Frames.encode(display.weight()) : ToledoFrames.encode(display);
                send(frame, settings.protocol().equals("xk3190") ? FaultInjector.Check.XK3190 : FaultInjector.Check.TOLEDO);
            }
            if (t.isAfter(end)) {
                finished = true;
            }
            tick = tick.plus(SCALE_PERIOD);
            sleepUntil(tick);
        }
    }

    /** A polled scale: answers each request with the current display. */
    private void answerPolls() throws IOException, InterruptedException {
        ScaleLoad load = load();
        List<ScaleLoad.Visit> visits = load.visits();
        boolean sma = settings.protocol().equals("sma-scp0499");
        byte[] buffer = new byte[256];
        int length = 0;
        int nextTruth = 0;
        while (running) {
            InputStream in;
            try {
                in = port.input();
            } catch (IOException unplugged) {
                Thread.sleep(50);
                continue;
            }
            int n;
            try {
                n = in.read(buffer, length, buffer.length - length);
            } catch (IOException vanished) {
                length = 0;
                Thread.sleep(50);
                continue;
            }
            if (n < 0) {
                Thread.sleep(50);
                continue;
            }
            length += n;
            Instant now = Instant.now();
            Instant t = scenarioTime(now);
            while (nextTruth < visits.size() && !visits.get(nextTruth).leave().isAfter(t)) {
                writeTruth(visits.get(nextTruth).vehicle(), visits.get(nextTruth).vehicle().grossKg(), true);
                nextTruth++;
            }
            if (nextTruth == visits.size()) {
                finished = true;
            }
            int requestLength = sma ? 3 : 8;
            while (length >= requestLength) {
                byte[] request = Arrays.copyOf(buffer, requestLength);
                boolean complete = sma ? request[0] == '\n' && request[1] == 'W' && request[2] == '\r'
                        : ModbusFrames.reply(request, new RegisterBank(settings.modbusUnit())
                                .setWeight32(settings.modbusRegister(), 0, false)).isPresent();
                int consumed = complete ? requestLength : 1; // resynchronise on garbage one byte at a time
                System.arraycopy(buffer, consumed, buffer, 0, length - consumed);
                length -= consumed;
                if (!complete || settings.faults().stalled(Duration.between(epoch, now))) {
                    continue;
                }
                ScaleDisplay display = display(load.at(visits, t));
                if (sma) {
                    send(SmaFrames.reply(display), null);
                } else {
                    long raw = display.weight().movePointRight(settings.units().equals("t") ? 3 : 0).longValue();
                    RegisterBank bank = new RegisterBank(settings.modbusUnit()).setWeight32(settings.modbusRegister(), raw, false);
                    send(ModbusFrames.reply(request, bank).orElseThrow(), FaultInjector.Check.MODBUS_RTU);
                }
            }
        }
    }

    private void watchVanish() throws IOException, InterruptedException {
        while (running) {
            followVanish(Duration.between(epoch, Instant.now()));
            Thread.sleep(50);
        }
    }

    private ScaleDisplay display(Optional<ScaleLoad.Reading> reading) {
        ScaleLoad.Reading r = reading.orElse(new ScaleLoad.Reading(0, false));
        BigDecimal weight = settings.units().equals("t") ? r.tonnes(2) : BigDecimal.valueOf(r.kg());
        ScaleDisplay.Unit unit = settings.units().equals("t") ? ScaleDisplay.Unit.T : ScaleDisplay.Unit.KG;
        ScaleDisplay d = new ScaleDisplay(weight, BigDecimal.ZERO, unit, false, false, false, false, r.kg() == 0);
        return r.motion() ? d.inMotion() : d;
    }

    // --- WIM controllers -------------------------------------------------------------------------------------

    /** A WIM controller: each vehicle's record when its last axle has crossed, measured within the class. */
    private void playRecords() throws IOException, InterruptedException {
        List<EmulatedVehicle> byLastAxle = settings.vehicles().stream()
                .sorted(Comparator.comparing(EmulatedVehicle::lastAxleTime)).toList();
        for (EmulatedVehicle v : byLastAxle) {
            Instant due = wallTime(v.lastAxleTime());
            while (running && Instant.now().isBefore(due)) {
                followVanish(Duration.between(epoch, Instant.now()));
                sleepUntil(min(due, Instant.now().plusMillis(50)));
            }
            if (!running) {
                return;
            }
            Duration elapsed = Duration.between(epoch, Instant.now());
            followVanish(elapsed);
            EmulatedVehicle measured = measured(v);
            boolean delivered = port.isPluggedIn() && !settings.faults().stalled(elapsed);
            boolean intact = delivered && send(WimLines.render(measured, settings.layout()),
                    settings.layout().xorHex() ? FaultInjector.Check.WIM_XOR_HEX : null);
            writeTruth(measured, v.grossKg(), intact);
        }
        finished = true;
        while (running) {
            followVanish(Duration.between(epoch, Instant.now()));
            Thread.sleep(50);
        }
    }

    /**
     * A raw WIM front-end: the synthesized sample frames of both rows, each sent when its last sample is due, and each
     * vehicle's truth when its last axle has crossed.
     */
    private void streamSamples() throws IOException, InterruptedException {
        RawWimFrontEnd fe = settings.rawFrontEnd();
        RawWimSynthesizer synth = new RawWimSynthesizer(fe, NoiseModel.forAccuracyClass(settings.classPercent()), settings.seed());
        List<EmulatedVehicle> vehicles = settings.vehicles().stream().map(v -> new EmulatedVehicle(v.serial(), v.kind(), "L1",
                v.time(), v.speedKmh(), v.axles(), v.frontPlate(), v.rearPlate())).toList();
        LaneSignal signal = synth.lane("L1", vehicles, scenarioStart);
        List<EmulatedVehicle> byLastAxle = vehicles.stream().sorted(Comparator.comparing(EmulatedVehicle::lastAxleTime)).toList();
        int nextTruth = 0;
        while (running && signal.hasNext()) {
            byte[] frame = signal.next();
            long sequence = ((frame[6] & 0xFFL) << 24) | ((frame[7] & 0xFFL) << 16) | ((frame[8] & 0xFFL) << 8) | (frame[9] & 0xFFL);
            int count = ((frame[10] & 0xFF) << 8) | (frame[11] & 0xFF);
            long index = (sequence - fe.firstSequence()) & 0xFFFF_FFFFL;
            Instant due = wallTime(scenarioStart.plusNanos(Math.round((index + count) / fe.sampleRateHz() * 1e9)));
            while (running && Instant.now().isBefore(due)) {
                followVanish(Duration.between(epoch, Instant.now()));
                sleepUntil(min(due, Instant.now().plusMillis(20)));
            }
            Duration elapsed = Duration.between(epoch, Instant.now());
            followVanish(elapsed);
            if (port.isPluggedIn() && !settings.faults().stalled(elapsed)) {
                send(frame, null);
            }
            Instant t = scenarioTime(Instant.now());
            while (nextTruth < byLastAxle.size() && !byLastAxle.get(nextTruth).lastAxleTime().isAfter(t)) {
                EmulatedVehicle v = byLastAxle.get(nextTruth++);
                writeTruth(v, v.grossKg(), true);
            }
        }
        finished = true;
        while (running) {
            followVanish(Duration.between(epoch, Instant.now()));
            Thread.sleep(50);
        }
    }

    /** The vehicle as the controller measures it: each axle within the accuracy class (about 95 % of grosses). */
    private EmulatedVehicle measured(EmulatedVehicle v) {
        double sigma = settings.classPercent() / 100 * 0.8;
        List<Axle> axles = v.axles().stream()
                .map(a -> new Axle((int) Math.max(0, Math.round(a.loadKg() * (1 + sigma * gaussian()))), a.spacingToPreviousMm()))
                .toList();
        return new EmulatedVehicle(v.serial(), v.kind(), v.lane(), v.time(), v.speedKmh(), axles, v.frontPlate(), v.rearPlate());
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    // --- common ----------------------------------------------------------------------------------------------

    /**
     * Writes a frame, after the faults that befall it. Returns whether it went out intact.
     *
     * @param check how the frame's check is corrupted, or {@code null} if it has none to corrupt
     */
    private boolean send(byte[] frame, FaultInjector.Check check) throws IOException {
        boolean intact = true;
        if (random.nextDouble() < settings.faults().noise()) {
            port.write(injector.noise(8 + random.nextInt(24), 0x02, 0x0A, 0xAA, 'V', 'A'));
            faults.incrementAndGet();
            // Binary frames survive noise before them (the gateway resynchronises on the frame start); a text line
            // does not: the noise becomes the start of the line.
            intact = !settings.protocol().equals("wim-record");
        }
        byte[] out = frame;
        if (check != null && random.nextDouble() < settings.faults().checksum()) {
            out = FaultInjector.corruptChecksum(out, check);
            faults.incrementAndGet();
            intact = false;
        } else if (random.nextDouble() < settings.faults().truncate()) {
            out = FaultInjector.truncate(out, 1 + random.nextInt(Math.max(1, out.length - 2)));
            faults.incrementAndGet();
            intact = false;
        }
        try {
            port.write(out);
        } catch (IOException unplugged) {
            return false;
        }
        frames.incrementAndGet();
        return intact;
    }

    private void followVanish(Duration elapsed) throws IOException {
        boolean gone = settings.faults().vanished(elapsed);
        if (gone && port.isPluggedIn()) {
            port.unplug();
        } else if (!gone && !port.isPluggedIn()) {
            port.plugIn();
        }
    }

    private synchronized void writeTruth(EmulatedVehicle v, int trueGrossKg, boolean intact) throws IOException {
        sent.incrementAndGet();
        if (truth == null) {
            return;
        }
        StringBuilder axles = new StringBuilder();
        for (Axle a : v.axles()) {
            axles.append(axles.length() == 0 ? "" : ",").append("{\"loadKg\":").append(a.loadKg())
                    .append(",\"spacingMm\":").append(a.spacingToPreviousMm()).append('}');
        }
        truth.write("{\"serial\":" + v.serial() + ",\"lane\":\"" + v.lane() + "\",\"class\":\"" + v.kind()
                + "\",\"time\":\"" + v.time() + "\",\"speedKmh\":" + v.speedKmh() + ",\"trueGrossKg\":" + trueGrossKg
                + ",\"sentGrossKg\":" + v.grossKg() + ",\"axles\":[" + axles + "],\"frontPlate\":\"" + v.frontPlate()
                + "\",\"rearPlate\":\"" + v.rearPlate() + "\",\"overweight\":" + (trueGrossKg > v.kind().limitKg())
                + ",\"intact\":" + intact + "}\n");
        truth.flush();
    }

    private Instant scenarioTime(Instant wall) {
        return scenarioStart.plus(Duration.between(epoch, wall));
    }

    private Instant wallTime(Instant scenario) {
        return epoch.plus(Duration.between(scenarioStart, scenario));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
