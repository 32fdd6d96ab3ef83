package org.nsegw.emulator.weigh.raw;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nsegw.api.weigh.Axle;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * Turns emulated vehicles into the sample frames a two-row raw WIM front-end streams. Deterministic: the same
 * front-end, noise model, seed and vehicles give the same bytes; a vehicle's dynamics depend only on the seed and its
 * serial, a row's gain and noise only on the seed and the lane.
 */
public final class RawWimSynthesizer {

    /** Silence rendered after the last vehicle, so that the processor sees the lane empty again. */
    static final Duration TAIL = Duration.ofSeconds(10);

    private final RawWimFrontEnd frontEnd;
    private final NoiseModel noise;
    private final long seed;

    public RawWimSynthesizer(RawWimFrontEnd frontEnd, NoiseModel noise, long seed) {
        this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
        this.noise = Objects.requireNonNull(noise, "noise");
        this.seed = seed;
    }

    public RawWimFrontEnd frontEnd() {
        return frontEnd;
    }

    public NoiseModel noise() {
        return noise;
    }

    /** The lane number a scenario's lane name carries: {@code L3} is 3. */
    public static int laneNumber(String lane) {
        String digits = lane.replaceAll("\\D", "");
        if (digits.isEmpty() || digits.length() > 3 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 255) {
            throw new IllegalArgumentException("lane '" + lane + "' has no number 1..255");
        }
        return Integer.parseInt(digits);
    }

    /** The stream of lane {@code lane} for the vehicles in it (others are left out), without faults, until 10 s after the last. */
    public LaneSignal lane(String lane, List<EmulatedVehicle> vehicles, Instant start) {
        List<EmulatedVehicle> mine = vehicles.stream().filter(v -> v.lane().equals(lane)).toList();
        return lane(laneNumber(lane), mine, start, end(mine, start), v -> PassageFaults.NONE);
    }

    /**
     * The stream of one lane from {@code start} to {@code end}.
     *
     * @param lane     the lane number in the frames
     * @param vehicles the vehicles to render, all in this lane, starting at or after {@code start}
     * @param faults   what goes wrong for each vehicle
     */
    public LaneSignal lane(int lane, List<EmulatedVehicle> vehicles, Instant start, Instant end,
            Function<EmulatedVehicle, PassageFaults> faults) {
        if (lane < 1 || lane > 255) {
            throw new IllegalArgumentException("lane " + lane + " is not 1..255");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the stream ends at " + end + ", not after its start " + start);
        }
        double fs = frontEnd.sampleRateHz();
        long samples = (long) Math.ceil(seconds(start, end) * fs);
        SplittableRandom laneRandom = new SplittableRandom(mix(seed, 0x4C414E45L + lane));
        double[] gain = new double[2];
        double[] offset = new double[2];
        double[] driftPhase = new double[2];
        for (int r = 0; r < 2; r++) {
            double e = Math.max(-2.5, Math.min(2.5, laneRandom.nextGaussian())) * noise.calibrationSd();
            gain[r] = 1 + e;
            offset[r] = frontEnd.baselineCounts() + laneRandom.nextDouble(-150, 150);
            driftPhase[r] = laneRandom.nextDouble(2 * Math.PI);
        }
        List<StripCrossing> crossings = new ArrayList<>();
        List<RenderedPassage> passages = new ArrayList<>();
        List<long[]> marks = new ArrayList<>();
        for (EmulatedVehicle v : vehicles) {
            double t0 = seconds(start, v.time());
            if (t0 < 0) {
                throw new IllegalArgumentException("vehicle " + v.serial() + " passes at " + v.time() + ", before the stream starts at " + start);
            }
            passages.add(render(v, lane, t0, faults.apply(v), gain, crossings, marks));
        }
        return new LaneSignal(lane, frontEnd, noise, start, samples, crossings, marks, passages, offset, driftPhase,
                new SplittableRandom(mix(seed, 0x4E4F4953L + lane)));
    }

    /** Ten seconds after the last vehicle of {@code vehicles} has left, or ten seconds after {@code start}. */
    public Instant end(List<EmulatedVehicle> vehicles, Instant start) {
        Instant last = start;
        for (EmulatedVehicle v : vehicles) {
            double after = (frontEnd.rowSpacingM() + 1) / (v.speedKmh() / 3.6);
            Instant gone = v.lastAxleTime().plusNanos((long) (after * 1e9));
            if (gone.isAfter(last)) {
                last = gone;
            }
        }
        return last.plus(TAIL);
    }

    private RenderedPassage render(EmulatedVehicle v, int lane, double t0, PassageFaults faults, double[] gain, List<StripCrossing> crossings,
            List<long[]> marks) {
        double fs = frontEnd.sampleRateHz();
        double v0 = v.speedKmh() / 3.6;
        double a = faults.accelerationMps2();
        double d = frontEnd.rowSpacingM();
        SplittableRandom r = new SplittableRandom(mix(seed, v.serial()));
        double bounce = noise.bounceAmplitude() * r.nextDouble(0.5, 1.5);
        double hz = noise.bounceMinHz() + (noise.bounceMaxHz() - noise.bounceMinHz()) * r.nextDouble();
        double phase = r.nextDouble(2 * Math.PI);
        int n = v.axles().size();
        List<Double> loads0 = new ArrayList<>(n);
        List<Double> loads1 = new ArrayList<>(n);
        List<Double> speeds = new ArrayList<>(n);
        long firstTouch = Long.MAX_VALUE;
        long lastTouch = Long.MIN_VALUE;
        double position = 0;
        for (int i = 0; i < n; i++) {
            Axle axle = v.axles().get(i);
            position += axle.spacingToPreviousMm() / 1000.0;
            // A dual-tyre footprint grows with the load: about 0.15 m at 3 t and 0.22 m at 10 t per axle.
            double footprint = 0.12 + 0.01 * axle.loadKg() / 1000.0;
            double tau0 = Kinematics.time(position, v0, a);
            double tau1 = Kinematics.time(position + d, v0, a);
            speeds.add(d / (tau1 - tau0) * 3.6);
            for (int row = 0; row < 2; row++) {
                double tau = row == 0 ? tau0 : tau1;
                double dynamic = 1 + bounce * Math.sin(2 * Math.PI * hz * tau + phase) + noise.axleSd() * r.nextGaussian();
                double load = axle.loadKg() * Math.max(0.05, dynamic) * (row == 1 ? faults.row1LoadShare() : 1);
                (row == 0 ? loads0 : loads1).add(load);
                StripCrossing c = new StripCrossing(row, fs, t0, v0, a, position + row * d, footprint, frontEnd.sensorLengthM(),
                        load * gain[row] * frontEnd.gainCountsPerKg());
                crossings.add(c);
                firstTouch = Math.min(firstTouch, c.from);
                lastTouch = Math.max(lastTouch, c.to);
                if (faults.lostFrameRow() == row && faults.lostFrameAxle() == i) {
                    long centre = Math.round((t0 + tau) * fs);
                    marks.add(new long[] {row, centre / frontEnd.samplesPerFrame(), LaneSignal.DROP});
                }
            }
        }
        if (faults.lostFrameRow() >= 0 && faults.lostFrameAxle() >= n) {
            throw new IllegalArgumentException("vehicle " + v.serial() + " has no axle " + faults.lostFrameAxle());
        }
        if (faults.sensorFaultRow() >= 0) {
            int size = frontEnd.samplesPerFrame();
            for (long b = firstTouch / size; b <= lastTouch / size; b++) {
                marks.add(new long[] {faults.sensorFaultRow(), b, SampleFrames.SENSOR_FAULT});
            }
        }
        return new RenderedPassage(v, lane, faults, t0 * fs, loads0, loads1, speeds, gain[0], gain[1]);
    }

    /**
     * The frames of several lanes as one front-end sends them on one line: in time order, lane by lane in the order
     * given for the same stretch of samples.
     */
    public static Iterator<byte[]> interleave(List<LaneSignal> lanes) {
        List<LaneSignal> ls = List.copyOf(lanes);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ls.stream().anyMatch(LaneSignal::hasNext);
            }

            @Override
            public byte[] next() {
                LaneSignal first = null;
                for (LaneSignal l : ls) {
                    if (l.hasNext() && (first == null || l.nextSample() < first.nextSample())) {
                        first = l;
                    }
                }
                if (first == null) {
                    throw new NoSuchElementException();
                }
                return first.next();
            }
        };
    }

    static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /** SplitMix64's finaliser over the seed and a key: independent streams for independent things. */
    static long mix(long seed, long key) {
        long z = seed + key * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
