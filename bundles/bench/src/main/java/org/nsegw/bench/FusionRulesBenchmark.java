package org.nsegw.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.Verification;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.fusion.internal.LaneSettings;
import org.nsegw.fusion.internal.SiteFusion;
import org.nsegw.rules.internal.OverweightSettings;
import org.nsegw.rules.internal.Rules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fusion and rules on one thread: 4-lane bridge traffic (a weigh record and a front and a rear plate read per vehicle,
 * at the times the camera emulator uses) replayed into the gateway's fusion core, which advances its clock every
 * 200 ms of traffic time as the gateway's timer does, and every passage it completes judged by the rules of the
 * bridge example (posted limit 40 t, tolerance 5 %). One operation is one vehicle's worth of input (three events) with
 * the fusing and judging it causes, so the score is passages per second (target: 50,000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FusionRulesBenchmark {

    static final int VEHICLES = 20_000;
    static final List<String> LANES = List.of("L1", "L2", "L3", "L4");
    static final Verification VERIFIED = new Verification("ZJJL-WIM-2026-0101", LocalDate.parse("2027-06-30"));
    static final Duration TICK = Duration.ofMillis(200);

    /** A weigh record or a plate read, at its time. */
    record Event(Instant time, WeighRecord weigh, PlateRead read) {
    }

    Event[] events;
    List<LaneSettings> lanes;
    Rules rules;
    SiteFusion fusion;
    int next;
    Instant tick;

    @Setup(Level.Trial)
    public void prepare() {
        List<EmulatedVehicle> traffic = TrafficScenario.bridge(20261123, 2400, 0.25).vehicles(VEHICLES);
        List<Event> list = new ArrayList<>(VEHICLES * 3);
        for (EmulatedVehicle v : traffic) {
            list.add(new Event(v.lastAxleTime(), weighRecord(v), null));
            list.add(new Event(null, null, read(v, CameraPosition.FRONT, -25, v.time(), v.frontPlate())));
            list.add(new Event(null, null, read(v, CameraPosition.REAR, 18, v.lastAxleTime(), v.rearPlate())));
        }
        events = list.stream().map(e -> e.read() == null ? e : new Event(e.read().time(), null, e.read()))
                .sorted(Comparator.comparing(Event::time)).toArray(Event[]::new);
        lanes = new ArrayList<>();
        for (int i = 0; i < LANES.size(); i++) {
            String lane = LANES.get(i);
            String neighbour = LANES.get(i % 2 == 0 ? i + 1 : i - 1); // L1|L2 northbound, L3|L4 southbound
            lanes.add(LaneSettings.of(lane, List.of(
                    new LaneSettings.Camera("anpr-" + lane + "-front", CameraPosition.FRONT, -25),
                    new LaneSettings.Camera("anpr-" + lane + "-rear", CameraPosition.REAR, 18)),
                    List.of("wim-" + lane), List.of(neighbour)));
        }
        rules = new Rules(OverweightSettings.fromProperties(Map.of("postedLimitKg", 40_000, "tolerancePercent", 5.0)), null);
        // one pass to check the input makes a passage of every vehicle
        restart();
        long passages = 0;
        for (int i = 0; i < VEHICLES; i++) {
            passages += vehicle(null);
        }
        passages += fusion.flush().size();
        if (passages != VEHICLES) {
            throw new IllegalStateException(VEHICLES + " vehicles made " + passages + " passages");
        }
        restart();
    }

    private void restart() {
        fusion = new SiteFusion(lanes);
        next = 0;
        tick = events[0].time().plus(TICK);
    }

    /** One vehicle's worth of input: three events, with the passages they complete judged. Returns the passages. */
    @Benchmark
    public int vehicle(Blackhole bh) {
        int passages = 0;
        for (int k = 0; k < 3; k++) {
            if (next == events.length) {
                if (bh != null) {
                    fusion.flush().forEach(p -> bh.consume(rules.judge(p)));
                }
                restart();
            }
            Event e = events[next++];
            while (!e.time().isBefore(tick)) {
                passages += judge(fusion.advance(tick), bh);
                tick = tick.plus(TICK);
            }
            passages += judge(e.weigh() != null ? fusion.weighed(e.weigh()) : fusion.read(e.read()), bh);
        }
        return passages;
    }

    private int judge(List<Passage> passages, Blackhole bh) {
        for (Passage p : passages) {
            Verdict v = rules.judge(p);
            if (bh != null) {
                bh.consume(v);
            }
        }
        return passages.size();
    }

    static WeighRecord weighRecord(EmulatedVehicle v) {
        List<Axle> axles = v.axles();
        List<AxleGroup> groups = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= axles.size(); i++) {
            if (i == axles.size() || axles.get(i).spacingToPreviousMm() > 2_000) {
                groups.add(new AxleGroup(first, i - first));
                first = i;
            }
        }
        return new WeighRecord("wim-" + v.lane(), v.lane(), v.lastAxleTime(), v.speedKmh(), axles, groups, v.grossKg(), "5",
                VERIFIED, Set.of(), new byte[] {(byte) v.serial()});
    }

    static PlateRead read(EmulatedVehicle v, CameraPosition position, double distanceM, Instant from, String plate) {
        Instant time = from.plusNanos(Math.round(distanceM / (v.speedKmh() / 3.6) * 1e9));
        String camera = "anpr-" + v.lane() + "-" + (position == CameraPosition.FRONT ? "front" : "rear");
        PlateKind kind = plate.endsWith("挂") ? PlateKind.TRAILER : PlateKind.NORMAL;
        return new PlateRead(camera, v.lane(), position, time, plate, plate, kind, PlateColor.YELLOW, 95,
                camera + "-" + v.serial(), List.of(), time, time, Set.of(), List.of());
    }
}
