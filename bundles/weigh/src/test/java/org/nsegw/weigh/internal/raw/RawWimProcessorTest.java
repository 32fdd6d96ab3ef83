package org.nsegw.weigh.internal.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nsegw.weigh.internal.raw.TestLane.run;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.weigh.internal.codec.SampleBlock;
import org.nsegw.weigh.internal.codec.VehicleRecord;

class RawWimProcessorTest {

    static final int[] LOADS = {6_500, 9_200, 9_000};
    static final int[] SPACINGS = {0, 4_000, 1_350};

    private static RawWimProcessor processor() {
        return new RawWimProcessor(1, TestLane.settings());
    }

    private static RawWimVehicle only(List<RawWimVehicle> vs) {
        assertThat(vs).hasSize(1);
        return vs.get(0);
    }

    private static void assertLoads(VehicleRecord r, int[] loads, double share) {
        assertThat(r.axles()).hasSize(loads.length);
        for (int i = 0; i < loads.length; i++) {
            assertThat((double) r.axles().get(i).loadKg()).as("axle %d", i).isCloseTo(loads[i], within(loads[i] * share));
        }
    }

    @Test
    void weighsATruckByTheAreaMethod() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS);
        RawWimVehicle v = only(run(processor(), lane.blocks(200)));
        VehicleRecord r = v.record();
        assertLoads(r, LOADS, 0.003);
        assertThat(r.grossWeightKg()).isCloseTo(24_700, within(50));
        assertThat(r.grossWeightKg()).isEqualTo(r.axles().stream().mapToInt(Axle::loadKg).sum());
        assertThat(r.speedKmh()).isCloseTo(60, within(0.1));
        assertThat(r.axles().get(1).spacingToPreviousMm()).isCloseTo(4_000, within(10));
        assertThat(r.axles().get(2).spacingToPreviousMm()).isCloseTo(1_350, within(10));
        assertThat(r.flags()).isEmpty();
        assertThat(r.lane()).isEqualTo("1");
        assertThat(r.time()).isNull();
        assertThat(v.groups()).containsExactly(new AxleGroup(0, 1), new AxleGroup(1, 2));
        assertThat(v.firstAxleSample()).isCloseTo(2000, within(0.5));
        assertThat(v.crossings()).allSatisfy(c -> {
            assertThat(c.matched()).isTrue();
            assertThat(c.speedKmh()).isCloseTo(60, within(0.1));
            assertThat(c.row1Sample() - c.row0Sample()).isCloseTo(3.0 / (60 / 3.6) * 2000, within(0.5));
        });
        assertThat(r.extra()).containsEntry("sequence.firstAxle", "2000").containsKeys("sequence.lastAxle", "axle.rowLoadsKg", "axle.speedsKmh");
    }

    @Test
    void weighsFromCrawlingToFast() {
        for (double speed : new double[] {6, 12, 30, 80, 99}) {
            double seconds = 2 + (5.35 + 3) / (speed / 3.6) + 12;
            TestLane lane = new TestLane(1, seconds).vehicle(1.0, speed, LOADS, SPACINGS);
            VehicleRecord r = only(run(processor(), lane.blocks(100))).record();
            assertLoads(r, LOADS, 0.005);
            assertThat(r.speedKmh()).as("speed").isCloseTo(speed, within(speed * 0.002 + 0.05));
            assertThat(r.flags()).as("at %s km/h", speed).isEmpty();
        }
    }

    @Test
    void eachRowHasItsOwnCalibration() {
        // Row 1 is 20 % more sensitive; its own constant makes up for it.
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 50, 0, LOADS, SPACINGS, 1, 1.2);
        RawWimSettings s = TestLane.settings("raw.calibration", List.of(TestLane.C, TestLane.C / 1.2));
        VehicleRecord r = only(run(new RawWimProcessor(1, s), lane.blocks(128))).record();
        assertLoads(r, LOADS, 0.004);
        assertThat(r.flags()).isEmpty();
    }

    @Test
    void theFrameSizeDoesNotChangeTheResult() {
        TestLane lane = new TestLane(1, 8).vehicle(1.0, 45, LOADS, SPACINGS).vehicle(4.5, 70, new int[] {4000, 5000}, new int[] {0, 3000})
                .noise(3);
        List<RawWimVehicle> reference = run(processor(), lane.blocks(512));
        assertThat(reference).hasSize(2);
        for (int size : new int[] {1, 7, 100, 333}) {
            assertThat(run(processor(), lane.blocks(size))).isEqualTo(reference);
        }
    }

    @Test
    void aRowWhoseFramesArriveLaterLosesNothing() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS).noise(2);
        List<SampleBlock> interleaved = lane.blocks(100);
        // Row 0 runs ten frames (0.5 s) ahead of row 1.
        List<SampleBlock> row0 = interleaved.stream().filter(b -> b.row() == 0).toList();
        List<SampleBlock> row1 = interleaved.stream().filter(b -> b.row() == 1).toList();
        List<SampleBlock> skewed = new ArrayList<>();
        for (int i = 0; i < row0.size() + 10; i++) {
            if (i < row0.size()) {
                skewed.add(row0.get(i));
            }
            if (i >= 10) {
                skewed.add(row1.get(i - 10));
            }
        }
        assertThat(run(processor(), skewed)).isEqualTo(run(processor(), interleaved));
    }

    @Test
    void repeatedFramesAreIgnored() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS).noise(2);
        List<SampleBlock> blocks = lane.blocks(100);
        List<SampleBlock> doubled = new ArrayList<>();
        for (SampleBlock b : blocks) {
            doubled.add(b);
            doubled.add(b);
        }
        assertThat(run(processor(), doubled)).isEqualTo(run(processor(), blocks));
    }

    @Test
    void theSequenceNumberMayWrapDuringAVehicle() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS);
        lane.firstSequence = 0xFFFF_FFFFL - 2500;
        RawWimVehicle v = only(run(processor(), lane.blocks(100)));
        assertLoads(v.record(), LOADS, 0.003);
        assertThat(v.record().flags()).isEmpty();
        assertThat(v.record().extra().get("sequence.firstAxle")).isEqualTo(Long.toString(0xFFFF_FFFFL - 500));
    }

    @Test
    void noiseAndDriftAloneMakeNoVehicle() {
        TestLane lane = new TestLane(1, 120).noise(8).drift(0, 3).drift(1, -2);
        assertThat(run(processor(), lane.blocks(256))).isEmpty();
    }

    @Test
    void theBaselineFollowsDrift() {
        // 20 counts per second is a fast drift: 2,400 counts over the two minutes.
        TestLane lane = new TestLane(1, 120).drift(0, 20).drift(1, -20).noise(3);
        for (int i = 0; i < 10; i++) {
            lane.vehicle(5 + 11 * i, 10 + 8 * i, LOADS, SPACINGS);
        }
        List<RawWimVehicle> vs = run(processor(), lane.blocks(200));
        assertThat(vs).hasSize(10);
        for (RawWimVehicle v : vs) {
            assertLoads(v.record(), LOADS, 0.01);
            assertThat(v.record().flags()).isEmpty();
        }
    }

    @Test
    void aJumpOfTheBaselineIsRelearned() {
        TestLane lane = new TestLane(1, 30).noise(3).vehicle(20, 50, LOADS, SPACINGS);
        for (int k = (int) (5 * TestLane.FS); k < lane.signal[0].length; k++) {
            lane.signal[0][k] += 600;
            lane.signal[1][k] -= 600;
        }
        List<RawWimVehicle> vs = run(processor(), lane.blocks(200));
        RawWimVehicle truck = vs.get(vs.size() - 1);
        assertLoads(truck.record(), LOADS, 0.01);
        // The upward jump looks like a wheel that never leaves: it stalls, the baseline is relearned, and what that
        // leaves behind is flagged, never a clean vehicle.
        assertThat(vs.subList(0, vs.size() - 1)).allSatisfy(v -> assertThat(v.record().flags()).isNotEmpty());
    }

    @Test
    void aSpeedOutsideTheVerifiedRangeIsFlagged() {
        RawWimSettings s = TestLane.settings("raw.maxSpeedKmh", 80);
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 95, LOADS, SPACINGS);
        VehicleRecord r = only(run(new RawWimProcessor(1, s), lane.blocks(100))).record();
        assertThat(r.flags()).containsExactly(WeighFlag.SPEED_OUT_OF_RANGE);
        assertLoads(r, LOADS, 0.005);
        RawWimSettings slow = TestLane.settings("raw.minSpeedKmh", 10);
        lane = new TestLane(1, 15).vehicle(1.0, 8, LOADS, SPACINGS);
        assertThat(only(run(new RawWimProcessor(1, slow), lane.blocks(100))).record().flags()).containsExactly(WeighFlag.SPEED_OUT_OF_RANGE);
    }

    @Test
    void anAcceleratingTruckIsFlaggedButStillWeighed() {
        // 1.5 m/s² from 30 km/h: about 9 % faster at the last axle.
        TestLane lane = new TestLane(1, 8).vehicle(1.0, 30, 1.5, LOADS, SPACINGS, 1, 1);
        VehicleRecord r = only(run(processor(), lane.blocks(100))).record();
        assertThat(r.flags()).containsExactly(WeighFlag.ACCELERATION);
        assertLoads(r, LOADS, 0.01);
        TestLane gentle = new TestLane(1, 8).vehicle(1.0, 60, 0.2, LOADS, SPACINGS, 1, 1);
        assertThat(only(run(processor(), gentle.blocks(100))).record().flags()).isEmpty();
    }

    @Test
    void aVehicleLeavingTheSensorBetweenTheRowsIsALaneChange() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, 0, LOADS, SPACINGS, 1, 0.5);
        RawWimVehicle v = only(run(processor(), lane.blocks(100)));
        assertThat(v.record().flags()).containsExactly(WeighFlag.LANE_CHANGE);
        assertThat(v.crossings().get(0).row1LoadKg() / v.crossings().get(0).row0LoadKg()).isCloseTo(0.5, within(0.01));
        TestLane slight = new TestLane(1, 6).vehicle(1.0, 60, 0, LOADS, SPACINGS, 1, 0.8);
        assertThat(only(run(processor(), slight.blocks(100))).record().flags()).isEmpty();
    }

    @Test
    void lostSamplesDuringAVehicleMakeItPartial() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS).noise(2);
        List<SampleBlock> blocks = new ArrayList<>(lane.blocks(100));
        // The frame of row 1 with the second axle (row 1 crossing at 1 + 7/16.67 s = sample 2840).
        blocks.removeIf(b -> b.row() == 1 && b.firstSequence() == 2800);
        RawWimVehicle v = only(run(processor(), blocks));
        assertThat(v.record().flags()).containsExactly(WeighFlag.PARTIAL_VEHICLE);
        // The axle seen by row 0 only is still there, weighed by row 0 at the speed of its neighbours.
        assertLoads(v.record(), LOADS, 0.01);
        assertThat(v.crossings().get(1).matched()).isFalse();
    }

    @Test
    void lostSamplesBetweenAxlesStillMakeItPartial() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS).noise(2);
        List<SampleBlock> blocks = new ArrayList<>(lane.blocks(100));
        blocks.removeIf(b -> b.row() == 0 && b.firstSequence() == 2300);
        RawWimVehicle v = only(run(processor(), blocks));
        assertThat(v.record().flags()).containsExactly(WeighFlag.PARTIAL_VEHICLE);
        assertLoads(v.record(), LOADS, 0.005);
    }

    @Test
    void lostSamplesWhileTheLaneIsEmptyDoNoHarm() {
        TestLane lane = new TestLane(1, 20).vehicle(12, 60, LOADS, SPACINGS).noise(2);
        List<SampleBlock> blocks = new ArrayList<>(lane.blocks(100));
        blocks.removeIf(b -> b.firstSequence() == 2000 || b.row() == 1 && b.firstSequence() == 4000);
        VehicleRecord r = only(run(processor(), blocks)).record();
        assertThat(r.flags()).isEmpty();
    }

    @Test
    void aSensorFaultReportedByTheFrontEndMakesTheVehiclePartial() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS).noise(2);
        List<SampleBlock> blocks = new ArrayList<>();
        for (SampleBlock b : lane.blocks(100)) {
            boolean fault = b.row() == 0 && b.firstSequence() >= 2000 && b.firstSequence() < 2600;
            blocks.add(fault ? new SampleBlock(b.lane(), b.row(), SampleBlock.SENSOR_FAULT, b.firstSequence(), b.samples()) : b);
        }
        RawWimVehicle v = only(run(processor(), blocks));
        assertThat(v.record().flags()).containsExactly(WeighFlag.PARTIAL_VEHICLE);
    }

    @Test
    void aDeadRowStillGivesVehiclesMarkedPartial() {
        TestLane lane = new TestLane(1, 20).vehicle(1.0, 60, LOADS, SPACINGS).vehicle(10, 60, LOADS, SPACINGS).noise(2);
        List<SampleBlock> row0Only = lane.blocks(100).stream().filter(b -> b.row() == 0).toList();
        List<RawWimVehicle> vs = run(processor(), row0Only);
        assertThat(vs).hasSize(2).allSatisfy(v -> {
            assertThat(v.record().flags()).contains(WeighFlag.PARTIAL_VEHICLE, WeighFlag.SPEED_OUT_OF_RANGE);
            assertThat(v.record().axles()).hasSize(3);
        });
    }

    @Test
    void aSaturatedRowIsLeftOutAndTheRecordSaysOverload() {
        int[] heavy = {6_500, 34_000, 9_000};
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, 0, heavy, SPACINGS, 1, 0.7);
        RawWimSettings s = TestLane.settings("raw.calibration", List.of(TestLane.C, TestLane.C / 0.7));
        RawWimVehicle v = only(run(new RawWimProcessor(1, s), lane.blocks(100)));
        assertThat(v.record().flags()).containsExactly(WeighFlag.OVERLOAD);
        // Row 0 clipped at 65535 and reads low; row 1 (less sensitive) did not clip.
        assertThat(v.crossings().get(1).row0LoadKg()).isLessThan(33_000);
        assertThat(v.record().axles().get(1).loadKg()).isCloseTo(34_000, within(150));
    }

    @Test
    void aWheelStandingOnTheStripIsDroppedAndLaterTrucksAreWeighed() {
        TestLane lane = new TestLane(1, 40).noise(3).vehicle(25, 50, LOADS, SPACINGS);
        // A wheel of 3 t stands on row 0 for 12 s.
        for (int k = (int) (2 * TestLane.FS); k < 14 * TestLane.FS; k++) {
            lane.signal[0][k] += TestLane.GAIN * 3000 * TestLane.SENSOR_LENGTH / TestLane.FOOTPRINT;
        }
        List<RawWimVehicle> vs = run(processor(), lane.blocks(200));
        RawWimVehicle truck = vs.get(vs.size() - 1);
        assertLoads(truck.record(), LOADS, 0.01);
        assertThat(truck.record().flags()).isEmpty();
        assertThat(vs.subList(0, vs.size() - 1)).allSatisfy(v -> assertThat(v.record().flags()).isNotEmpty());
    }

    @Test
    void backToBackTrucksAreTwoVehiclesOnceTheGapIsLongerThanTheLongestAxleSpacing() {
        // At 40 km/h (11.1 m/s) the last axle of the first truck and the first of the second are 10.5 m apart.
        double t2 = 1.0 + 5.35 / (40 / 3.6) + 10.5 / (40 / 3.6);
        TestLane lane = new TestLane(1, 10).vehicle(1.0, 40, LOADS, SPACINGS).vehicle(t2, 40, LOADS, SPACINGS).noise(2);
        List<RawWimVehicle> vs = run(processor(), lane.blocks(100));
        assertThat(vs).hasSize(2).allSatisfy(v -> {
            assertLoads(v.record(), LOADS, 0.005);
            assertThat(v.record().flags()).isEmpty();
        });
        // 8 m apart is within raw.maxAxleSpacingM (9 m), but six axles over 18.7 m are longer than raw.maxWheelbaseM.
        double close = 1.0 + 5.35 / (40 / 3.6) + 8 / (40 / 3.6);
        lane = new TestLane(1, 10).vehicle(1.0, 40, LOADS, SPACINGS).vehicle(close, 40, LOADS, SPACINGS).noise(2);
        assertThat(run(processor(), lane.blocks(100))).hasSize(2)
                .allSatisfy(v -> assertThat(v.record().axles()).hasSize(3));
    }

    @Test
    void twoShortTrucksCloserThanTheLongestAxleSpacingAtOneSpeedAreOneVehicle() {
        // The documented limit of strips alone: 2 + 4 m + 2 axles at one speed is also what a 4-axle truck looks like.
        int[] two = {5_000, 10_000};
        int[] twoSpacings = {0, 4_500};
        double close = 1.0 + 4.5 / (40 / 3.6) + 4 / (40 / 3.6);
        TestLane lane = new TestLane(1, 10).vehicle(1.0, 40, two, twoSpacings).vehicle(close, 40, two, twoSpacings);
        VehicleRecord r = only(run(processor(), lane.blocks(100))).record();
        assertThat(r.axles()).extracting(Axle::spacingToPreviousMm).containsExactly(0, 4_500, 4_000, 4_500);
    }

    @Test
    void aFastTruckCloseBehindACrawlingOneIsAVehicleOfItsOwn() {
        // At 8 km/h the gap rule would wait 4 s for another axle; the truck behind crosses row 0 2.5 s after the last
        // axle of the first crossed row 1, at 60 km/h: no vehicle changes speed like that.
        double t2 = 1.0 + (5.35 + 3.0) / (8 / 3.6) + 2.5;
        TestLane lane = new TestLane(1, 20).vehicle(1.0, 8, LOADS, SPACINGS).vehicle(t2, 60, LOADS, SPACINGS).noise(3);
        List<RawWimVehicle> vs = run(processor(), lane.blocks(100));
        assertThat(vs).hasSize(2).allSatisfy(v -> {
            assertLoads(v.record(), LOADS, 0.01);
            assertThat(v.record().flags()).isEmpty();
        });
        assertThat(vs.get(1).record().speedKmh()).isCloseTo(60, within(0.1));
    }

    @Test
    void trucksCloseTogetherAtTheSameSpeedAreCutByTheLongestPossibleWheelbase() {
        int[] six = {7_000, 9_000, 9_000, 8_000, 8_000, 8_000};
        int[] sixSpacings = {0, 3_200, 1_350, 7_200, 1_310, 1_310};
        // A six-axle combination at 10 km/h, then a three-axle truck at 10.5 km/h whose first axle is 6 m behind: the
        // gap rule sees one run of 9 axles over 26 m, which no vehicle is; the speed step shows where to cut.
        double t2 = 1.0 + (14.37 + 6) / (10 / 3.6);
        TestLane lane = new TestLane(1, 30).vehicle(1.0, 10, six, sixSpacings).vehicle(t2, 10.5, LOADS, SPACINGS).noise(3);
        List<RawWimVehicle> vs = run(processor(), lane.blocks(100));
        assertThat(vs).hasSize(2);
        assertLoads(vs.get(0).record(), six, 0.01);
        assertLoads(vs.get(1).record(), LOADS, 0.01);
        assertThat(vs).allSatisfy(v -> assertThat(v.record().flags()).isEmpty());
    }

    @Test
    void blocksOfAnotherLaneAreRefused() {
        assertThatThrownBy(() -> processor().accept(new SampleBlock(2, 0, 0, 0, new int[] {1})))
                .hasMessage("a block of lane 2 given to the processor of lane 1");
        assertThatThrownBy(() -> new RawWimProcessor(0, TestLane.settings())).hasMessageContaining("lane 0");
    }

    @Test
    void aRestartedFrontEndIsFollowed() {
        TestLane lane = new TestLane(1, 6).vehicle(1.0, 60, LOADS, SPACINGS).noise(2);
        lane.firstSequence = 5_000_000;
        RawWimProcessor p = processor();
        List<RawWimVehicle> vs = new ArrayList<>(run(p, lane.blocks(100)));
        lane.firstSequence = 0;
        vs.addAll(run(p, lane.blocks(100)));
        assertThat(vs).hasSize(2).allSatisfy(v -> {
            assertLoads(v.record(), LOADS, 0.005);
            assertThat(v.record().flags()).isEmpty();
        });
    }
}
