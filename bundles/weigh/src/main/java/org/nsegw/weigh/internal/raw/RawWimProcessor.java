package org.nsegw.weigh.internal.raw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.weigh.internal.codec.SampleBlock;
import org.nsegw.weigh.internal.codec.VehicleRecord;

/**
 * Weighs the vehicles of one lane from the raw samples of its two sensor rows. Pure and not thread-safe: one per lane,
 * fed from one thread.
 *
 * <ol>
 *   <li>Each row follows its baseline and cuts tyre pulses out of its samples ({@link SensorRow}).</li>
 *   <li>Pulses of both rows are taken in time order, but only up to the point both rows have reached, so that a row
 *       whose frames arrive a little later loses nothing. A pulse joins the vehicle being assembled unless the lane
 *       was quiet before it for longer than it takes to drive {@code raw.maxAxleSpacingM} (at most
 *       {@code raw.endOfVehicleS}); then that vehicle is complete and the pulse starts the next one.</li>
 *   <li>The assembled pulses are matched between the rows ({@link RowMatching}); each axle's speed is
 *       {@code raw.rowSpacingM} over its delay between the rows. Spacings integrate the speed over the time between
 *       axle centroids.</li>
 *   <li>With every axle's speed known, runs that cannot be one vehicle are cut: a spacing over
 *       {@code raw.maxAxleSpacingM}, a speed change beyond {@code raw.maxAccelerationMps2}, a wheelbase over
 *       {@code raw.maxWheelbaseM} ({@link #separate}).</li>
 *   <li>Each axle's load on each row is W = (V·C/L)·Σ(xᵢ − bᵢ), its load the mean of its rows; then groups, gross
 *       weight and flags.</li>
 * </ol>
 *
 * <p>Both rows share the front-end's sample clock: sample {@code s} of row 0 and of row 1 are simultaneous. Sample
 * indexes here are that clock's sequence numbers, unwrapped to 64 bits.
 */
public final class RawWimProcessor {

    /** A vehicle with more pulses than this on a row is not one vehicle; it is closed as partial. */
    static final int MAX_PULSES_PER_ROW = 32;
    /** The fastest speed a row delay may mean: beyond any road vehicle, so that only noise is excluded. */
    static final double PLAUSIBLE_MAX_KMH = 250;
    /** A row more than this far behind the other has lost its samples. */
    static final double ROW_LAG_S = 2;
    /** A sequence number this far behind what a row expects means the front-end restarted. */
    static final double RESTART_S = 60;

    private final int lane;
    private final String laneName;
    private final RawWimSettings settings;
    private final double fs;
    private final Troubles troubles = new Troubles();
    private final SensorRow[] rows;
    private final long lagLimit;
    private final long restartLimit;
    private final long longestWait;
    private boolean clockSet;
    private Assembly open;

    public RawWimProcessor(int lane, RawWimSettings settings) {
        if (lane < 1 || lane > 255) {
            throw new IllegalArgumentException("lane " + lane + " is not 1..255");
        }
        this.lane = lane;
        this.laneName = Integer.toString(lane);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fs = settings.sampleRateHz();
        this.rows = new SensorRow[] {new SensorRow(0, settings, troubles), new SensorRow(1, settings, troubles)};
        this.lagLimit = Math.max(2 * SampleBlock.MAX_SAMPLES, Math.round(ROW_LAG_S * fs));
        this.restartLimit = Math.max(lagLimit * 2, Math.round(RESTART_S * fs));
        this.longestWait = Math.round(settings.endOfVehicleS() * fs);
    }

    public int lane() {
        return lane;
    }

    /** The samples of one frame of this lane; returns the vehicles they completed, in order. */
    public List<RawWimVehicle> accept(SampleBlock block) {
        if (block.lane() != lane) {
            throw new IllegalArgumentException("a block of lane " + block.lane() + " given to the processor of lane " + lane);
        }
        List<RawWimVehicle> out = new ArrayList<>(1);
        SensorRow row = rows[block.row()];
        SensorRow other = rows[1 - block.row()];
        if (!clockSet) {
            rows[0].clock = block.firstSequence();
            rows[1].clock = block.firstSequence();
            clockSet = true;
        }
        long first = unwrap(block.firstSequence(), row.clock);
        long late = row.clock - first;
        if (late > restartLimit) {
            // The front-end started counting afresh: finish what we have and follow its new clock.
            flushInto(out);
            troubles.clear();
            rows[0].lose(first);
            rows[1].lose(first);
            late = 0;
        }
        int skip = 0;
        if (late > 0) {
            // A repeated or delayed frame: only samples not yet seen count.
            if (late >= block.count()) {
                return out;
            }
            skip = (int) late;
        } else if (late < 0) {
            troubles.add(Troubles.LOST, row.row, row.clock, first);
            row.lose(first);
        }
        if (block.sensorFault()) {
            troubles.add(Troubles.FAULT, row.row, first + skip, first + block.count());
        }
        row.process(block, skip, first + skip);
        if (row.clock - other.clock > lagLimit) {
            long to = row.clock - lagLimit;
            troubles.add(Troubles.LOST, other.row, other.clock, to);
            other.lose(to);
        }
        assemble(out, false);
        return out;
    }

    /** No more samples for now (the line went quiet, or the data ended): completes the vehicle being assembled. */
    public List<RawWimVehicle> flush() {
        List<RawWimVehicle> out = new ArrayList<>(1);
        flushInto(out);
        return out;
    }

    private void flushInto(List<RawWimVehicle> out) {
        for (SensorRow r : rows) {
            if (r.inPulse()) {
                troubles.add(Troubles.LOST, r.row, r.safeIndex(), r.clock);
                r.lose(r.clock);
            }
        }
        assemble(out, true);
    }

    private static long unwrap(long sequence, long reference) {
        int delta = (int) (sequence - (reference & 0xFFFF_FFFFL));
        return reference + delta;
    }

    /** Hands pulses to vehicles in time order, as far as both rows allow; with {@code end}, all of them. */
    private void assemble(List<RawWimVehicle> out, boolean end) {
        while (true) {
            TyrePulse a = rows[0].pulses().peek();
            TyrePulse b = rows[1].pulses().peek();
            TyrePulse next = a == null ? b : b == null || a.start() <= b.start() ? a : b;
            if (next == null || !end && next.start() > Math.min(rows[0].safeIndex(), rows[1].safeIndex())) {
                break;
            }
            rows[next.row()].pulses().poll();
            if (open != null && open.equivalent(next.start(), next.row()) - open.lastEquivalentEnd() > open.gap()) {
                close(out);
            }
            if (open == null) {
                open = new Assembly();
            }
            open.add(next);
            if (open.full()) {
                close(out);
            }
        }
        long safe = Math.min(rows[0].safeIndex(), rows[1].safeIndex());
        if (open != null) {
            double horizon = end ? Double.POSITIVE_INFINITY : safe - open.shift();
            if (horizon - open.lastEquivalentEnd() > open.gap()) {
                close(out);
            }
        }
        if (open == null) {
            // Nothing before this can touch a vehicle still to come (see weigh: troubles within a gap of its pulses).
            troubles.forgetBefore(safe - 3 * longestWait);
        }
    }

    private void close(List<RawWimVehicle> out) {
        Assembly v = open;
        open = null;
        weigh(v, out);
    }

    /** The pulses of the vehicle being assembled. */
    private final class Assembly {
        final List<TyrePulse> row0 = new ArrayList<>();
        final List<TyrePulse> row1 = new ArrayList<>();
        long lastEnd0 = Long.MIN_VALUE;
        long lastEnd1 = Long.MIN_VALUE;
        double speedMps = Double.NaN;

        void add(TyrePulse p) {
            if (p.row() == 0) {
                row0.add(p);
                lastEnd0 = Math.max(lastEnd0, p.end());
            } else {
                row1.add(p);
                lastEnd1 = Math.max(lastEnd1, p.end());
            }
            int m = Math.min(row0.size(), row1.size()) - 1;
            if (m >= 0) {
                double delay = row1.get(m).centroid() - row0.get(m).centroid();
                if (delay >= minDelay() && delay <= longestWait) {
                    speedMps = settings.rowSpacingM() * fs / delay;
                }
            }
        }

        boolean full() {
            return row0.size() >= MAX_PULSES_PER_ROW || row1.size() >= MAX_PULSES_PER_ROW;
        }

        /** How far row 1 lags row 0 for this vehicle, in samples; 0 while its speed is unknown. */
        double shift() {
            return Double.isNaN(speedMps) ? 0 : settings.rowDelaySamples(speedMps);
        }

        /** A time on {@code row}, moved to when the same axle was (or will be) over row 0. */
        double equivalent(long index, int row) {
            return row == 0 ? index : index - shift();
        }

        double lastEquivalentEnd() {
            double e0 = lastEnd0 == Long.MIN_VALUE ? Double.NEGATIVE_INFINITY : lastEnd0;
            double e1 = lastEnd1 == Long.MIN_VALUE ? Double.NEGATIVE_INFINITY : lastEnd1 - shift();
            return Math.max(e0, e1);
        }

        /** A lane quiet for this many samples after the last axle means the vehicle has passed. */
        double gap() {
            if (Double.isNaN(speedMps)) {
                return longestWait;
            }
            return Math.min(longestWait, settings.maxAxleSpacingM() / speedMps * fs);
        }
    }

    private double minDelay() {
        return settings.rowDelaySamples(PLAUSIBLE_MAX_KMH / 3.6);
    }

    /** One axle while the vehicle is weighed. */
    private static final class AxleBuild {
        TyrePulse on0;
        TyrePulse on1;
        double speedMps = Double.NaN;
        double delay = Double.NaN;
        double time;
        double load0 = Double.NaN;
        double load1 = Double.NaN;
        double load;

        boolean matched() {
            return on0 != null && on1 != null;
        }

        /** When the axle was between the rows: where its speed was measured. */
        double midpoint() {
            return (on0.centroid() + on1.centroid()) / 2;
        }

        AxleBuild(TyrePulse on0, TyrePulse on1) {
            this.on0 = on0;
            this.on1 = on1;
            if (on0 != null && on1 != null) {
                delay = on1.centroid() - on0.centroid();
            }
        }
    }

    /** Weighs the assembled pulses: one vehicle, or several when they cannot be one (see {@link #separate}). */
    private void weigh(Assembly v, List<RawWimVehicle> out) {
        double[] c0 = v.row0.stream().mapToDouble(TyrePulse::centroid).toArray();
        double[] c1 = v.row1.stream().mapToDouble(TyrePulse::centroid).toArray();
        int[] partner = RowMatching.match(c0, c1, minDelay(), longestWait);

        List<AxleBuild> axles = new ArrayList<>();
        List<AxleBuild> matched = new ArrayList<>();
        boolean[] taken = new boolean[c1.length];
        for (int i = 0; i < c0.length; i++) {
            AxleBuild a = new AxleBuild(v.row0.get(i), partner[i] >= 0 ? v.row1.get(partner[i]) : null);
            if (partner[i] >= 0) {
                taken[partner[i]] = true;
                a.speedMps = settings.rowSpacingM() * fs / a.delay;
                a.time = c0[i];
                matched.add(a);
            }
            axles.add(a);
        }
        for (int j = 0; j < c1.length; j++) {
            if (!taken[j]) {
                axles.add(new AxleBuild(null, v.row1.get(j)));
            }
        }
        // An axle seen on one row only takes the speed and delay of the nearest axle seen on both.
        for (AxleBuild a : axles) {
            if (a.matched()) {
                continue;
            }
            AxleBuild near = null;
            for (AxleBuild m : matched) {
                if (near == null || distance(a, m) < distance(a, near)) {
                    near = m;
                }
            }
            if (near != null) {
                a.speedMps = near.speedMps;
                a.delay = near.delay;
            }
            double delay = Double.isNaN(a.delay) ? v.shift() : a.delay;
            a.time = a.on0 != null ? a.on0.centroid() : a.on1.centroid() - delay;
        }
        axles.sort(Comparator.comparingDouble(a -> a.time));
        int[] spacing = new int[axles.size()];
        for (int k = 1; k < axles.size(); k++) {
            spacing[k] = spacingMm(axles.get(k - 1), axles.get(k));
        }
        List<int[]> parts = new ArrayList<>();
        separate(axles, spacing, parts);
        for (int[] part : parts) {
            out.add(vehicle(v, axles.subList(part[0], part[1]), spacing, part[0], part[2] != 0));
        }
    }

    /**
     * Cuts the axles into vehicles. The gap rule closed the assembly on the last axle's speed; now every axle's speed
     * is known, and one vehicle cannot have
     * <ul>
     *   <li>an axle spacing longer than {@code raw.maxAxleSpacingM},</li>
     *   <li>a speed change between neighbouring axles beyond {@code raw.maxAccelerationMps2} over the time between
     *       them (plus 2 % for measurement), which a truck close behind a slower one shows,</li>
     *   <li>a first-to-last axle distance beyond {@code raw.maxWheelbaseM}: such a run is cut where the speed changes
     *       most (two vehicles rarely drive at exactly the same speed; one vehicle's speed changes smoothly), or else at
     *       the longest spacing, keeping at least two axles on each side.</li>
     * </ul>
     * Adds {from, to, overLength} for each vehicle.
     */
    private void separate(List<AxleBuild> axles, int[] spacing, List<int[]> parts) {
        int from = 0;
        for (int k = 1; k <= axles.size(); k++) {
            if (k == axles.size() || spacing[k] > settings.maxAxleSpacingM() * 1000 || impossibleSpeedChange(axles.get(k - 1), axles.get(k))) {
                splitByLength(axles, spacing, from, k, parts);
                from = k;
            }
        }
    }

    private boolean impossibleSpeedChange(AxleBuild a, AxleBuild b) {
        if (!a.matched() || !b.matched()) {
            return false;
        }
        // Speeds are measured between the rows: at the midpoints of the axles' crossings.
        double seconds = (b.midpoint() - a.midpoint()) / fs;
        double allowed = settings.maxAccelerationMps2() * seconds + 0.02 * Math.max(a.speedMps, b.speedMps);
        return Math.abs(b.speedMps - a.speedMps) > allowed;
    }

    private void splitByLength(List<AxleBuild> axles, int[] spacing, int from, int to, List<int[]> parts) {
        double limit = settings.maxWheelbaseM() * 1000;
        if (wheelbase(spacing, from, to) <= limit) {
            parts.add(new int[] {from, to, 0});
            return;
        }
        int best = -1;
        double bestJump = 0;
        boolean bestBackFits = false;
        for (int k = from + 2; k <= to - 2; k++) {
            if (spacing[k] < settings.groupSpacingM() * 1000 || wheelbase(spacing, from, k) > limit) {
                continue;
            }
            boolean backFits = wheelbase(spacing, k, to) <= limit;
            double jump = speedJump(axles.get(k - 1), axles.get(k));
            boolean better = best < 0 || backFits && !bestBackFits
                    || backFits == bestBackFits && (jump > bestJump || jump == bestJump && spacing[k] > spacing[best]);
            if (better) {
                best = k;
                bestJump = jump;
                bestBackFits = backFits;
            }
        }
        if (best < 0) {
            parts.add(new int[] {from, to, 1});
            return;
        }
        parts.add(new int[] {from, best, 0});
        splitByLength(axles, spacing, best, to, parts);
    }

    /** The relative speed change between two neighbouring axles, or 0 when it is within measurement noise. */
    private static double speedJump(AxleBuild a, AxleBuild b) {
        if (!a.matched() || !b.matched()) {
            return 0;
        }
        double jump = Math.abs(b.speedMps - a.speedMps) / Math.max(a.speedMps, b.speedMps);
        return jump < 0.005 ? 0 : jump;
    }

    private static int wheelbase(int[] spacing, int from, int to) {
        int sum = 0;
        for (int k = from + 1; k < to; k++) {
            sum += spacing[k];
        }
        return sum;
    }

    /** The record of axles {@code part} (which start at index {@code offset} of the assembly's axles). */
    private RawWimVehicle vehicle(Assembly v, List<AxleBuild> axles, int[] spacing, int offset, boolean overLength) {
        Set<WeighFlag> flags = EnumSet.noneOf(WeighFlag.class);
        List<AxleBuild> matched = axles.stream().filter(AxleBuild::matched).toList();
        if (matched.size() < axles.size() || v.full() || overLength) {
            flags.add(WeighFlag.PARTIAL_VEHICLE);
        }
        for (AxleBuild a : axles) {
            weighAxle(a, flags);
        }
        double speedSum = 0;
        for (AxleBuild m : matched) {
            speedSum += m.speedMps;
        }
        double speedMps = matched.isEmpty() ? 0 : speedSum / matched.size();
        double speedKmh = speedMps * 3.6;
        if (matched.isEmpty() || speedKmh < settings.minSpeedKmh() || speedKmh > settings.maxSpeedKmh()) {
            flags.add(WeighFlag.SPEED_OUT_OF_RANGE);
        }
        if (matched.size() >= 2) {
            double change = Math.abs(matched.get(matched.size() - 1).speedMps - matched.get(0).speedMps);
            if (change > settings.maxSpeedChange() * speedMps) {
                flags.add(WeighFlag.ACCELERATION);
            }
        }
        double gap = v.gap();
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (AxleBuild a : axles) {
            for (TyrePulse p : new TyrePulse[] {a.on0, a.on1}) {
                if (p != null) {
                    firstStart = Math.min(firstStart, p.start());
                    lastEnd = Math.max(lastEnd, p.end());
                }
            }
        }
        int kinds = troubles.kindsWithin((long) Math.floor(firstStart - gap), (long) Math.ceil(lastEnd + gap));
        if ((kinds & (Troubles.LOST | Troubles.FAULT | Troubles.STALL)) != 0) {
            flags.add(WeighFlag.PARTIAL_VEHICLE);
        }
        if ((kinds & Troubles.STALL) != 0) {
            flags.add(WeighFlag.SPEED_OUT_OF_RANGE);
        }

        List<Axle> recordAxles = new ArrayList<>(axles.size());
        List<AxleCrossing> crossings = new ArrayList<>(axles.size());
        List<AxleGroup> groups = new ArrayList<>();
        int gross = 0;
        int groupStart = 0;
        for (int k = 0; k < axles.size(); k++) {
            AxleBuild a = axles.get(k);
            int spacingMm = k == 0 ? 0 : spacing[offset + k];
            if (k > 0 && spacingMm >= settings.groupSpacingM() * 1000) {
                groups.add(new AxleGroup(groupStart, k - groupStart));
                groupStart = k;
            }
            int load = (int) Math.round(a.load);
            gross += load;
            recordAxles.add(new Axle(load, spacingMm));
            crossings.add(new AxleCrossing(a.on0 == null ? Double.NaN : a.on0.centroid(), a.on1 == null ? Double.NaN : a.on1.centroid(),
                    a.speedMps * 3.6, a.load0, a.load1));
        }
        groups.add(new AxleGroup(groupStart, axles.size() - groupStart));

        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("sequence.firstAxle", Long.toString(Math.round(axles.get(0).time) & 0xFFFF_FFFFL));
        extra.put("sequence.lastAxle", Long.toString(Math.round(axles.get(axles.size() - 1).time) & 0xFFFF_FFFFL));
        StringJoiner rowLoads = new StringJoiner(" ");
        StringJoiner speeds = new StringJoiner(" ");
        for (AxleBuild a : axles) {
            rowLoads.add(kg(a.load0) + "/" + kg(a.load1));
            speeds.add(Double.isNaN(a.speedMps) ? "-" : String.format(Locale.ROOT, "%.1f", a.speedMps * 3.6));
        }
        extra.put("axle.rowLoadsKg", rowLoads.toString());
        extra.put("axle.speedsKmh", speeds.toString());

        VehicleRecord record = new VehicleRecord(null, laneName, Math.round(speedKmh * 10) / 10.0, recordAxles, gross, flags, extra);
        return new RawWimVehicle(record, groups, crossings, axles.get(0).time, axles.get(axles.size() - 1).time);
    }

    private static double distance(AxleBuild a, AxleBuild m) {
        return a.on0 != null ? Math.abs(a.on0.centroid() - m.on0.centroid()) : Math.abs(a.on1.centroid() - m.on1.centroid());
    }

    /** W = (V·C/L)·Σ(xᵢ − bᵢ) on each row that saw the axle; the axle's load is their mean. */
    private void weighAxle(AxleBuild a, Set<WeighFlag> flags) {
        if (Double.isNaN(a.speedMps)) {
            a.load = 0;
            return;
        }
        double perCount = a.speedMps / settings.sensorLengthM();
        if (a.on0 != null) {
            a.load0 = perCount * settings.calibration(0) * a.on0.area();
        }
        if (a.on1 != null) {
            a.load1 = perCount * settings.calibration(1) * a.on1.area();
        }
        boolean sat0 = a.on0 != null && a.on0.saturated();
        boolean sat1 = a.on1 != null && a.on1.saturated();
        if (a.on0 != null && a.on1 != null) {
            if (sat0 != sat1) {
                // A row that hit full scale reads low; the other row is the better reading.
                a.load = sat0 ? a.load1 : a.load0;
            } else {
                a.load = (a.load0 + a.load1) / 2;
                if (!sat0 && Math.max(a.load0, a.load1) > settings.laneChangeRatio() * Math.min(a.load0, a.load1)) {
                    flags.add(WeighFlag.LANE_CHANGE);
                }
            }
        } else {
            a.load = a.on0 != null ? a.load0 : a.load1;
        }
        if (sat0 || sat1) {
            // Even when the other row was in range, the load rests on one sensor.
            flags.add(WeighFlag.OVERLOAD);
        }
    }

    /**
     * The distance between two axles: the integral of the speed over the time between their centroids on a row. Each
     * axle's speed is measured between the rows, i.e. at the midpoint of its two crossings; between two such points
     * the speed is taken to change linearly, which is exact for constant acceleration. Rows that saw both axles are
     * averaged.
     */
    private int spacingMm(AxleBuild front, AxleBuild back) {
        double sum = 0;
        int n = 0;
        if (front.on0 != null && back.on0 != null) {
            sum += distanceM(front, back, front.on0.centroid(), back.on0.centroid());
            n++;
        }
        if (front.on1 != null && back.on1 != null) {
            sum += distanceM(front, back, front.on1.centroid(), back.on1.centroid());
            n++;
        }
        double metres = n == 0 ? distanceM(front, back, front.time, back.time) : sum / n;
        return Double.isNaN(metres) ? 0 : (int) Math.max(0, Math.round(metres * 1000));
    }

    /** Distance travelled between samples {@code from} and {@code to}, by the speeds of the two axles. */
    private double distanceM(AxleBuild front, AxleBuild back, double from, double to) {
        double mid = (from + to) / 2;
        double speed;
        if (front.matched() && back.matched() && back.midpoint() > front.midpoint()) {
            double slope = (back.speedMps - front.speedMps) / (back.midpoint() - front.midpoint());
            speed = front.speedMps + slope * (mid - front.midpoint());
        } else {
            speed = Double.isNaN(front.speedMps) ? back.speedMps
                    : Double.isNaN(back.speedMps) ? front.speedMps : (front.speedMps + back.speedMps) / 2;
        }
        return (to - from) / fs * speed;
    }

    private static String kg(double load) {
        return Double.isNaN(load) ? "-" : Long.toString(Math.round(load));
    }
}
