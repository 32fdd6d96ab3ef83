package org.nsegw.fusion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.Faults;
import org.nsegw.emulator.anpr.read.CameraRead;
import org.nsegw.emulator.anpr.read.CameraTiming;
import org.nsegw.emulator.anpr.read.PlateColors;
import org.nsegw.emulator.anpr.read.Recognizer;
import org.nsegw.emulator.anpr.read.Sighting;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.traffic.VehicleClass;
import org.nsegw.emulator.weigh.ScaleLoad;
import org.nsegw.fusion.internal.LaneSettings.Camera;

/**
 * Gate fusion on emulated construction-site exits, generated like the demo's: one exit lane, trucks of every class at
 * 240 an hour, 5 to 15 km/h ({@link TrafficScenario}); each drives onto the truck scale when the one before has gone
 * ({@link ScaleLoad}: 3 s driving on, 5 s standing, 3 s driving off); the gate camera reads its front plate as it drives
 * on ({@link CameraTiming}, the vehicle's time being its arrival on the scale) with the ANPR emulator's faults
 * ({@link Recognizer}: 3 % missed, 0.5 % misread, 2 % pushed twice) plus 1.5 % unreadable, 1 % triggered twice and a
 * timing jitter of σ 80 ms; the weigh bundle stamps the weighing when the load has been steady for its stable time
 * (2 s, readings every 100 ms); 1 % of the trucks do not stop (no weighing); the site camera sees 30 % of the trucks
 * dirty, between 1.5 s before the read and 11 s after it (until the truck has gone from the scale). See docs/fusion.md.
 */
class GateAccuracyTest {

    static final long SEED = Long.getLong("fusion.gate.seed", 20261123L);
    static final int TRUCKS = Integer.getInteger("fusion.gate.trucks", 2_000);
    static final double MISREAD = Double.parseDouble(System.getProperty("fusion.gate.misread", "0.005"));
    static final Faults CAMERA_FAULTS = new Faults(0.03, MISREAD, 0.05, 0, 0.02, Duration.ZERO, List.of(), false);
    static final double UNREADABLE = 0.015;
    static final double DOUBLE_TRIGGER = 0.01;
    static final double CAMERA_JITTER_S = 0.08;
    static final double NO_STOP = 0.01;
    static final double DIRTY = 0.3;
    static final Duration DRIVE_ON = Duration.ofSeconds(3);
    static final Duration STAND = Duration.ofSeconds(5);
    static final double STABLE_S = 2;
    static final String LANE = "EXIT";

    private record Arrival(Instant at, long order, Object input) {
    }

    /** What one play of the scenario gives. */
    private record Play(List<Passage> passages, double maxDelayS, double meanDelayS) {
    }

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, EmulatedVehicle> truthOfEvent = new HashMap<>();
    private final Map<WeighRecord, EmulatedVehicle> truthOfWeighing = new IdentityHashMap<>();
    private final Map<Observation, EmulatedVehicle> truthOfObservation = new IdentityHashMap<>();
    private final Map<Long, Boolean> readCorrectly = new HashMap<>();
    private long order;

    @Test
    void gateReadsWeighingsAndObservationsOfOneExitComeTogether() {
        List<EmulatedVehicle> trucks = new TrafficScenario(SEED, List.of(LANE), Instant.parse("2026-11-23T00:00:00Z"), 240, 0.2, 5, 15,
                List.of(VehicleClass.values())).vehicles(TRUCKS);
        EmulatedCamera gate = EmulatedCamera.of("anpr-gate", LANE, CameraPosition.GATE, 0, CameraProtocol.DAHUA_ITSAPI);
        Recognizer recognizer = new Recognizer(gate, CAMERA_FAULTS, SEED ^ 0x6A7E);
        for (ScaleLoad.Visit visit : new ScaleLoad(trucks, DRIVE_ON, STAND, DRIVE_ON, 20).visits()) {
            EmulatedVehicle onScale = visit.vehicle().movedBy(Duration.between(visit.vehicle().time(), visit.arrive()));
            Sighting truth = CameraTiming.sighting(gate, onScale);
            deliver(recognizer.read(new Sighting(gate, onScale, truth.plate(),
                    TimeModel.plus(truth.time(), CAMERA_JITTER_S * Math.max(-3, Math.min(3, random.nextGaussian()))))), onScale);
            if (random.nextDouble() >= NO_STOP) {
                Instant at = TimeModel.plus(visit.stable(), STABLE_S + 0.1 * random.nextDouble() + 0.005);
                WeighRecord w = new WeighRecord("scale-exit", LANE, at, 0, List.of(), List.of(), onScale.grossKg(), "III", null,
                        EnumSet.noneOf(WeighFlag.class), new byte[] {1});
                truthOfWeighing.put(w, onScale);
                arrive(at, w);
            }
            if (random.nextDouble() < DIRTY) {
                Instant at = TimeModel.plus(visit.arrive(), -1.5 + 12.5 * random.nextDouble());
                Observation o = new Observation("cam-exit", LANE, at, ObservationKind.MUDDY_VEHICLE, 0.5, 0.95, List.of());
                truthOfObservation.put(o, onScale);
                arrive(TimeModel.plus(at, 0.3 + 0.7 * random.nextDouble()), o);
            }
        }
        arrivals.sort(Comparator.comparing(Arrival::at).thenComparingLong(Arrival::order));

        Play play = play();
        List<Passage> passages = play.passages();

        // every weighing and every observation in exactly one passage
        Map<WeighRecord, Integer> weighings = new IdentityHashMap<>();
        Map<Observation, Integer> observations = new IdentityHashMap<>();
        for (Passage p : passages) {
            if (p.weigh() != null) {
                weighings.merge(p.weigh(), 1, Integer::sum);
            }
            p.observations().forEach(o -> observations.merge(o, 1, Integer::sum));
        }
        assertThat(weighings).hasSameSizeAs(truthOfWeighing).allSatisfy((w, n) -> assertThat(n).isEqualTo(1));
        assertThat(observations).hasSameSizeAs(truthOfObservation).allSatisfy((o, n) -> assertThat(n).isEqualTo(1));

        // the score: per truck whose plate the gate camera read correctly, its passage holds its plate, its weighing
        // (when it was weighed) and its observations
        Map<Long, Passage> passageOfTruck = new HashMap<>();
        int wrongByAssociation = 0;
        int misreadPlates = 0;
        int exits = 0;
        int clean = 0;
        int ambiguous = 0;
        for (Passage p : passages) {
            EmulatedVehicle anchor = p.plates().size() == 1 && p.hasPlate() ? truthOfEvent.get(p.plates().get(0).eventId()) : null;
            if (p.hasPlate()) {
                exits++;
                clean += p.flags().isEmpty() ? 1 : 0;
                passageOfTruck.put(anchor.serial(), p);
                boolean otherWeighing = p.weigh() != null && truthOfWeighing.get(p.weigh()) != anchor;
                boolean otherObservation = p.observations().stream().anyMatch(o -> truthOfObservation.get(o) != anchor);
                if (otherWeighing || otherObservation) {
                    wrongByAssociation++;
                    if (Boolean.getBoolean("fusion.gate.verbose")) {
                        System.out.println("WRONG " + anchor.serial() + " " + p + " weighing of " + (p.weigh() == null ? "-"
                                : truthOfWeighing.get(p.weigh()).serial()) + " observations of " + p.observations().stream()
                                .map(o -> truthOfObservation.get(o).serial()).toList());
                        for (Arrival a : arrivals) {
                            EmulatedVehicle v = a.input() instanceof WeighRecord w ? truthOfWeighing.get(w)
                                    : a.input() instanceof Observation o ? truthOfObservation.get(o)
                                    : truthOfEvent.get(((PlateRead) a.input()).eventId());
                            if (Math.abs(v.serial() - anchor.serial()) <= 2) {
                                System.out.println("   " + v.serial() + " at " + a.at() + ": " + (a.input() instanceof PlateRead r
                                        ? "read '" + r.plate() + "' " + r.time() : a.input() instanceof WeighRecord w ? "weighing " + w.time()
                                        : "observation " + ((Observation) a.input()).time()));
                            }
                        }
                    }
                } else if (!p.plate().equals(anchor.frontPlate())) {
                    misreadPlates++;
                }
            }
            ambiguous += p.flags().contains(PassageFlag.AMBIGUOUS_READ) ? 1 : 0;
        }
        int read = 0;
        int associated = 0;
        int unflagged = 0;
        List<String> notAssociated = new ArrayList<>();
        Map<EmulatedVehicle, WeighRecord> weighingOf = new IdentityHashMap<>();
        truthOfWeighing.forEach((w, v) -> weighingOf.put(v, w));
        for (EmulatedVehicle v : truthOfEvent.values().stream().distinct().sorted(Comparator.comparingLong(EmulatedVehicle::serial))
                .toList()) {
            if (!readCorrectly.getOrDefault(v.serial(), false)) {
                continue;
            }
            read++;
            Passage p = passageOfTruck.get(v.serial());
            boolean right = p != null && p.plate().equals(v.frontPlate()) && p.weigh() == weighingOf.get(v);
            if (right) {
                associated++;
                unflagged += p.flags().isEmpty() || p.flags().equals(Set.of(PassageFlag.NO_WEIGHT)) && !weighingOf.containsKey(v) ? 1 : 0;
            } else if (notAssociated.size() < 40) {
                notAssociated.add(v.serial() + " " + v.frontPlate() + ": " + (p == null ? "no passage" : p.flags() + " weighing "
                        + (p.weigh() == weighingOf.get(v) ? "ok" : "missing") + ", observations " + p.observations().size() + " of "
                        + truthOfObservation.values().stream().filter(x -> x == v).count()));
            }
        }
        int observedRight = 0;
        int observedApart = 0;
        for (Passage p : passages) {
            for (Observation o : p.observations()) {
                if (p.hasPlate() && passageOfTruck.get(truthOfObservation.get(o).serial()) == p) {
                    observedRight++;
                } else if (!p.hasPlate()) {
                    observedApart++;
                }
            }
        }
        double share = 100.0 * associated / read;
        System.out.printf("gate: %d trucks, %d weighed, %d observations; %d exit passages with a plate (%d without any flag), "
                + "%d passages AMBIGUOUS_READ%n", trucks.size(), truthOfWeighing.size(), truthOfObservation.size(), exits, clean,
                ambiguous);
        System.out.printf("gate association: %d of %d trucks whose plate the gate camera read correctly = %.3f %% "
                + "(their plate with their weighing; %d of them without a flag)%n", associated, read, share, unflagged);
        System.out.printf("gate observations: %d with their truck's exit, %d in passages without plate (unread trucks, or "
                + "either of two trucks: AMBIGUOUS_READ), 0 with another truck's%n", observedRight, observedApart);
        System.out.printf("gate wrong plates: %d by association, %d camera misreads no other read contradicted; "
                + "exits emitted %.1f s after their read at most (mean %.1f s)%n", wrongByAssociation, misreadPlates,
                play.maxDelayS(), play.meanDelayS());
        if (Boolean.getBoolean("fusion.gate.verbose")) {
            notAssociated.forEach(System.out::println);
        }
        assertThat(read).isGreaterThan(TRUCKS * 9 / 10);
        assertThat(share).isGreaterThanOrEqualTo(99.5);
        assertThat(wrongByAssociation).isZero();
        assertThat(play().passages()).as("the same inputs, the same passages").isEqualTo(passages);
    }

    /** Plays the arrivals through a fresh SiteFusion, advanced every 200 ms as the gateway does and with each input. */
    private Play play() {
        LaneSettings lane = LaneSettings.of(LANE, List.of(new Camera("anpr-gate", CameraPosition.GATE, 0)), List.of("scale-exit"),
                List.of());
        SiteFusion fusion = new SiteFusion(List.of(lane));
        List<Passage> out = new ArrayList<>();
        double[] delays = new double[3]; // max, sum, count
        Instant tick = arrivals.get(0).at();
        for (Arrival a : arrivals) {
            while (tick.isBefore(a.at())) {
                emitted(fusion.advance(tick), tick, out, delays);
                tick = tick.plusMillis(200);
            }
            emitted(fusion.advance(a.at()), a.at(), out, delays);
            if (a.input() instanceof WeighRecord w) {
                emitted(fusion.weighed(w), a.at(), out, delays);
            } else if (a.input() instanceof PlateRead r) {
                emitted(fusion.read(r), a.at(), out, delays);
            } else {
                emitted(fusion.observed((Observation) a.input()), a.at(), out, delays);
            }
        }
        out.addAll(fusion.flush());
        return new Play(out, delays[0], delays[2] == 0 ? 0 : delays[1] / delays[2]);
    }

    /** Collects passages emitted at {@code at}, and how long after its gate read each exit came out. */
    private static void emitted(List<Passage> passages, Instant at, List<Passage> out, double[] delays) {
        for (Passage p : passages) {
            if (p.id().endsWith("-anpr-gate")) {
                double delay = Duration.between(p.time(), at).toNanos() / 1e9;
                delays[0] = Math.max(delays[0], delay);
                delays[1] += delay;
                delays[2]++;
            }
            out.add(p);
        }
    }

    private void deliver(CameraRead cr, EmulatedVehicle v) {
        if (cr.missed()) {
            return;
        }
        Sighting s = cr.sighting();
        boolean unreadable = random.nextDouble() < UNREADABLE;
        Instant received = TimeModel.plus(s.time(), 0.05 + 0.95 * random.nextDouble());
        PlateRead read = plateRead(s, unreadable ? "" : cr.sentPlate(), cr.confidence(), cr.eventId(), cr.cameraTime().toInstant(),
                received);
        if (!unreadable) {
            readCorrectly.put(v.serial(), !cr.misread());
        }
        truthOfEvent.put(cr.eventId(), v);
        arrive(received, read);
        if (cr.duplicate()) {
            arrive(TimeModel.plus(received, 1 + 20 * random.nextDouble()), read);
        }
        if (random.nextDouble() < DOUBLE_TRIGGER) {
            Instant again = TimeModel.plus(s.time(), 0.2 + 1.8 * random.nextDouble());
            PlateRead second = plateRead(s, read.plate(), cr.confidence(), cr.eventId() + "-2", again, TimeModel.plus(again, 0.3));
            truthOfEvent.put(second.eventId(), v);
            arrive(second.received(), second);
        }
    }

    private static PlateRead plateRead(Sighting s, String plate, int confidence, String eventId, Instant cameraTime,
            Instant received) {
        Set<PlateReadFlag> flags = EnumSet.noneOf(PlateReadFlag.class);
        if (confidence < 60) {
            flags.add(PlateReadFlag.LOW_CONFIDENCE);
        }
        PlateKind kind = plate.isEmpty() ? PlateKind.UNREADABLE : plate.endsWith("挂") ? PlateKind.TRAILER : PlateKind.NORMAL;
        PlateColor color = plate.isEmpty() ? PlateColor.UNKNOWN : PlateColors.ofTruckPlate(plate);
        return new PlateRead(s.camera().id(), s.camera().lane(), s.camera().position(), cameraTime, plate, plate.isEmpty() ? "?" : plate,
                kind, color, confidence, eventId, List.of(), cameraTime, received, flags, List.of());
    }

    private void arrive(Instant at, Object input) {
        arrivals.add(new Arrival(at, ++order, input));
    }
}
