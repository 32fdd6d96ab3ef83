package org.nsegw.emulator.weigh.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.VehicleClass;
import org.nsegw.weigh.internal.raw.RawWimVehicle;

/** Each flag, and the situations around it, from synthesized frames through the gateway's codec and processor. */
class RawWimFaultsTest {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    static final RawWimFrontEnd FRONT_END = RawWimFrontEnd.typical();
    static final NoiseModel CLASS_5 = NoiseModel.forAccuracyClass(5);

    static EmulatedVehicle combination(long serial, double atSeconds, double speedKmh) {
        return new EmulatedVehicle(serial, VehicleClass.COMBINATION_6, "L1", T0.plusMillis(Math.round(atSeconds * 1000)), speedKmh,
                List.of(new Axle(6_800, 0), new Axle(8_900, 3_200), new Axle(8_700, 1_350), new Axle(8_100, 7_200),
                        new Axle(8_300, 1_310), new Axle(8_000, 1_310)), "浙B12345", "浙B1234挂");
    }

    static EmulatedVehicle truck(long serial, double atSeconds, double speedKmh) {
        return RawWimSynthesizerTest.truck(serial, "L1", atSeconds, speedKmh);
    }

    /** What the gateway makes of the vehicles, rendered with {@code faults}, and the truth. */
    record Run(List<RawWimVehicle> found, List<RenderedPassage> truth) {
        RawWimVehicle only() {
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    static Run run(NoiseModel noise, List<EmulatedVehicle> vs, Function<EmulatedVehicle, PassageFaults> faults) {
        return run(noise, vs, faults, Map.of());
    }

    static Run run(NoiseModel noise, List<EmulatedVehicle> vs, Function<EmulatedVehicle, PassageFaults> faults, Map<String, Object> settings) {
        RawWimSynthesizer synth = new RawWimSynthesizer(FRONT_END, noise, 11);
        LaneSignal lane = synth.lane(1, vs, T0, synth.end(vs, T0), faults);
        RawWimPipeline p = new RawWimPipeline(RawWimPipeline.settings(FRONT_END, settings), 1).feed(lane).end();
        assertThat(p.rejected).isZero();
        return new Run(p.all(), lane.passages());
    }

    static void assertWithin(RawWimVehicle found, EmulatedVehicle truth, double share) {
        assertThat(found.record().axles()).hasSameSizeAs(truth.axles());
        assertThat((double) found.record().grossWeightKg()).isCloseTo(truth.grossKg(), within(truth.grossKg() * share));
    }

    @Test
    void speedsOutsideTheVerifiedRangeAreFlagged() {
        Run fast = run(CLASS_5, List.of(truck(1, 1, 112)), v -> PassageFaults.NONE);
        assertThat(fast.only().record().flags()).containsExactly(WeighFlag.SPEED_OUT_OF_RANGE);
        assertThat(fast.only().record().speedKmh()).isCloseTo(112, within(0.5));
        assertWithin(fast.only(), fast.truth().get(0).vehicle(), 0.05);

        Run slow = run(CLASS_5, List.of(truck(1, 1, 12)), v -> PassageFaults.NONE, Map.of("raw.minSpeedKmh", 15));
        assertThat(slow.only().record().flags()).containsExactly(WeighFlag.SPEED_OUT_OF_RANGE);
        Run inRange = run(CLASS_5, List.of(truck(1, 1, 16)), v -> PassageFaults.NONE, Map.of("raw.minSpeedKmh", 15));
        assertThat(inRange.only().record().flags()).isEmpty();
    }

    @Test
    void anAcceleratingOrBrakingTruckIsFlaggedAndStillOneVehicle() {
        for (double a : new double[] {1.2, -1.5}) {
            Run r = run(CLASS_5, List.of(combination(1, 1, 30)), v -> PassageFaults.accelerating(a));
            RawWimVehicle found = r.only();
            assertThat(found.record().flags()).as("%s m/s²", a).containsExactly(WeighFlag.ACCELERATION);
            assertWithin(found, r.truth().get(0).vehicle(), 0.05);
            // Spacings follow the changing speed.
            assertThat(found.record().axles().get(3).spacingToPreviousMm()).isCloseTo(7_200, within(100));
            double first = found.crossings().get(0).speedKmh();
            double last = found.crossings().get(5).speedKmh();
            assertThat(Math.signum(last - first)).isEqualTo(Math.signum(a));
        }
        Run gentle = run(CLASS_5, List.of(combination(1, 1, 50)), v -> PassageFaults.accelerating(0.3));
        assertThat(gentle.only().record().flags()).isEmpty();
    }

    @Test
    void aLostFrameMakesThePassagePartialButKeepsItsAxles() {
        Run r = run(CLASS_5, List.of(combination(1, 1, 60)), v -> PassageFaults.lostFrame(1, 3));
        RawWimVehicle found = r.only();
        assertThat(found.record().flags()).containsExactly(WeighFlag.PARTIAL_VEHICLE);
        assertThat(found.crossings().get(3).matched()).isFalse();
        assertWithin(found, r.truth().get(0).vehicle(), 0.1);
    }

    @Test
    void aSensorFaultFromTheFrontEndMakesThePassagePartial() {
        Run r = run(CLASS_5, List.of(combination(1, 1, 60)), v -> PassageFaults.sensorFault(0));
        assertThat(r.only().record().flags()).containsExactly(WeighFlag.PARTIAL_VEHICLE);
    }

    @Test
    void aVehicleLeavingTheStripsBetweenTheRowsIsALaneChange() {
        Run r = run(CLASS_5, List.of(combination(1, 1, 60)), v -> PassageFaults.laneChange(0.5));
        assertThat(r.only().record().flags()).containsExactly(WeighFlag.LANE_CHANGE);
        // Only part of the load reached row 1: the mean of the rows is low, which the flag warns of.
        assertThat((double) r.only().record().grossWeightKg()).isCloseTo(0.75 * r.truth().get(0).vehicle().grossKg(),
                within(0.05 * r.truth().get(0).vehicle().grossKg()));
    }

    @Test
    void faultsOfOneVehicleDoNotFlagTheNext() {
        List<EmulatedVehicle> vs = List.of(truck(1, 1, 60), truck(2, 10, 60), truck(3, 20, 60));
        Run r = run(CLASS_5, vs, v -> v.serial() == 2 ? PassageFaults.lostFrame(0, 0) : PassageFaults.NONE);
        assertThat(r.found()).hasSize(3);
        assertThat(r.found()).extracting(v -> v.record().flags().isEmpty()).containsExactly(true, false, true);
    }

    @Test
    void backToBackTrucksAreNotMerged() {
        // 0.8 s between the last axle of one and the first of the next: 13 m at 60 km/h, 6.7 m at 30 km/h, where the
        // next truck is 20 km/h faster.
        EmulatedVehicle a = combination(1, 1, 60);
        EmulatedVehicle b = truck(2, secondsAfter(a, 0.8), 60);
        EmulatedVehicle c = combination(3, 10, 30);
        EmulatedVehicle d = truck(4, secondsAfter(c, 0.8), 50);
        Run r = run(CLASS_5, List.of(a, b, c, d), v -> PassageFaults.NONE);
        assertThat(r.found()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(r.found().get(i).record().flags()).isEmpty();
            assertWithin(r.found().get(i), r.truth().get(i).vehicle(), 0.05);
        }
        assertThat(r.found().get(0).groups()).containsExactly(new AxleGroup(0, 1), new AxleGroup(1, 2), new AxleGroup(3, 3));
    }

    private static double secondsAfter(EmulatedVehicle v, double gap) {
        return java.time.Duration.between(T0, v.lastAxleTime()).toNanos() / 1e9 + gap;
    }

    @Test
    void noiseAndDriftAloneMakeNoVehicle() {
        NoiseModel rough = CLASS_5.withSensorNoise(12).withDrift(0.5, 300, 120);
        RawWimSynthesizer synth = new RawWimSynthesizer(FRONT_END, rough, 5);
        RawWimPipeline p = new RawWimPipeline(RawWimPipeline.settings(FRONT_END), 1)
                .feed(synth.lane(1, List.of(), T0, T0.plusSeconds(600), v -> PassageFaults.NONE)).end();
        assertThat(p.samples).isEqualTo(2 * 600 * 2000);
        assertThat(p.all()).isEmpty();
    }

    @Test
    void theBaselineFollowsDriftWhileTrucksPass() {
        // Drift of 5 counts a second plus a swing of ±500 counts over two minutes (temperature, charge amplifiers).
        NoiseModel drifting = CLASS_5.withDrift(5, 500, 120);
        List<EmulatedVehicle> vs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            vs.add(i % 2 == 0 ? truck(i + 1, 5 + 25 * i, 15 + 3 * i) : combination(i + 1, 5 + 25 * i, 15 + 3 * i));
        }
        Run r = run(drifting, vs, v -> PassageFaults.NONE);
        assertThat(r.found()).hasSize(20);
        for (int i = 0; i < 20; i++) {
            RawWimVehicle found = r.found().get(i);
            assertThat(found.record().flags()).isEmpty();
            assertThat(found.record().axles()).hasSameSizeAs(vs.get(i).axles());
            // Against what the sensors felt, the drift costs almost nothing.
            assertThat(found.record().grossWeightKg() / r.truth().get(i).instrumentGrossKg()).isCloseTo(1, within(0.01));
        }
    }

    @Test
    void garbageOnTheLineBetweenFramesChangesNothing() {
        List<EmulatedVehicle> vs = List.of(truck(1, 1, 60), combination(2, 6, 45));
        RawWimSynthesizer synth = new RawWimSynthesizer(FRONT_END, CLASS_5, 11);
        List<RawWimVehicle> clean = run(CLASS_5, vs, v -> PassageFaults.NONE).found();
        RawWimPipeline noisy = new RawWimPipeline(RawWimPipeline.settings(FRONT_END), 1);
        Random random = new Random(1);
        LaneSignal lane = synth.lane(1, vs, T0, synth.end(vs, T0), v -> PassageFaults.NONE);
        while (lane.hasNext()) {
            byte[] frame = lane.next();
            byte[] garbage = new byte[random.nextInt(6)];
            random.nextBytes(garbage);
            noisy.feed(garbage);
            // Split each frame in two, as a serial port's reads do.
            int cut = random.nextInt(frame.length);
            noisy.feed(java.util.Arrays.copyOfRange(frame, 0, cut));
            noisy.feed(java.util.Arrays.copyOfRange(frame, cut, frame.length));
        }
        noisy.end();
        assertThat(noisy.all()).isEqualTo(clean);
        assertThat(noisy.rejected).isPositive();
    }
}
