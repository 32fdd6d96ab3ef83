package org.nsegw.emulator.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.nsegw.api.weigh.Axle;

/**
 * Reproducible traffic: the same settings and seed give the same vehicles, so that every emulator (weigh, ANPR,
 * cameras) renders the same trucks and tests know the truth.
 *
 * @param seed              the seed
 * @param lanes             the lanes, each with its own arrivals
 * @param start             the first instant of the scenario
 * @param vehiclesPerHour   arrivals per lane and hour (exponential gaps)
 * @param overweightShare   the share of vehicles loaded beyond their Art. 3 limit, 0 to 1
 * @param minSpeedKmh       the lowest speed
 * @param maxSpeedKmh       the highest speed
 * @param classes           the vehicle classes to draw from, equally likely
 */
public record TrafficScenario(
        long seed,
        List<String> lanes,
        Instant start,
        double vehiclesPerHour,
        double overweightShare,
        double minSpeedKmh,
        double maxSpeedKmh,
        List<VehicleClass> classes) {

    /** Trucks need this much room: no vehicle starts over the sensor before the previous one has left. */
    static final Duration MIN_GAP = Duration.ofMillis(1500);
    /**
     * And this much road behind the last axle of the truck in front (its overhang, the sensor rows, a gap), which
     * at walking pace takes far longer than {@link #MIN_GAP}.
     */
    static final double MIN_GAP_M = 8;

    public TrafficScenario {
        lanes = List.copyOf(lanes);
        classes = List.copyOf(classes);
        Objects.requireNonNull(start, "start");
        if (lanes.isEmpty() || classes.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one lane and one vehicle class");
        }
        if (!(vehiclesPerHour > 0) || overweightShare < 0 || overweightShare > 1 || !(minSpeedKmh > 0) || maxSpeedKmh < minSpeedKmh) {
            throw new IllegalArgumentException("bad scenario settings");
        }
    }

    /** A bridge: 4 lanes, every class, 30 to 80 km/h. */
    public static TrafficScenario bridge(long seed, double vehiclesPerHour, double overweightShare) {
        return new TrafficScenario(seed, List.of("L1", "L2", "L3", "L4"), Instant.parse("2026-11-23T00:00:00Z"),
                vehiclesPerHour, overweightShare, 30, 80, List.of(VehicleClass.values()));
    }

    /** The first {@code count} vehicles of the scenario, in order of time. */
    public List<EmulatedVehicle> vehicles(int count) {
        SplittableRandom root = new SplittableRandom(seed);
        record Next(Instant time, int lane, SplittableRandom random) {
        }
        PriorityQueue<Next> queue = new PriorityQueue<>(Comparator.comparing(Next::time).thenComparingInt(Next::lane));
        for (int i = 0; i < lanes.size(); i++) {
            SplittableRandom r = root.split();
            queue.add(new Next(start.plus(gap(r)), i, r));
        }
        List<EmulatedVehicle> vehicles = new ArrayList<>(count);
        while (vehicles.size() < count) {
            Next n = queue.poll();
            EmulatedVehicle v = vehicle(vehicles.size() + 1, lanes.get(n.lane()), n.time(), n.random());
            vehicles.add(v);
            Duration room = Duration.ofNanos(Math.round(MIN_GAP_M / (v.speedKmh() / 3.6) * 1e9));
            Instant free = v.lastAxleTime().plus(room.compareTo(MIN_GAP) > 0 ? room : MIN_GAP);
            Instant next = n.time().plus(gap(n.random()));
            queue.add(new Next(next.isBefore(free) ? free : next, n.lane(), n.random()));
        }
        return vehicles;
    }

    private Duration gap(SplittableRandom r) {
        double hours = -Math.log(1 - r.nextDouble()) / vehiclesPerHour;
        return Duration.ofNanos((long) (hours * 3600e9));
    }

    private EmulatedVehicle vehicle(long serial, String lane, Instant time, SplittableRandom r) {
        VehicleClass kind = classes.get(r.nextInt(classes.size()));
        boolean overweight = r.nextDouble() < overweightShare;
        // Loaded trucks: 55 to 98 % of the limit; overweight ones 106 to 160 %.
        double ratio = overweight ? 1.06 + 0.54 * r.nextDouble() : 0.55 + 0.43 * r.nextDouble();
        int gross = (int) Math.round(kind.limitKg() * ratio);
        List<Axle> axles = axles(kind, gross, r);
        double speed = minSpeedKmh + (maxSpeedKmh - minSpeedKmh) * r.nextDouble();
        String front = Plates.truck(r);
        String rear = kind.isCombination() ? Plates.trailer(r) : front;
        return new EmulatedVehicle(serial, kind, lane, time, Math.round(speed * 10) / 10.0, axles, front, rear);
    }

    /** The steer axle carries 15 to 25 % of the load, the others share the rest within ±10 %. */
    private static List<Axle> axles(VehicleClass kind, int gross, SplittableRandom r) {
        int n = kind.axles();
        double[] share = new double[n];
        share[0] = (0.15 + 0.10 * r.nextDouble()) * (n == 2 ? 1.6 : 1);
        double rest = 0;
        for (int i = 1; i < n; i++) {
            share[i] = 0.9 + 0.2 * r.nextDouble();
            rest += share[i];
        }
        for (int i = 1; i < n; i++) {
            share[i] = share[i] / rest * (1 - share[0]);
        }
        List<Axle> axles = new ArrayList<>(n);
        int assigned = 0;
        List<Integer> spacings = kind.typicalSpacingsMm();
        for (int i = 0; i < n; i++) {
            int load = i == n - 1 ? gross - assigned : (int) Math.round(gross * share[i]);
            assigned += load;
            int spacing = i == 0 ? 0 : (int) Math.round(spacings.get(i) * (0.95 + 0.1 * r.nextDouble()));
            axles.add(new Axle(load, spacing));
        }
        return axles;
    }
}
