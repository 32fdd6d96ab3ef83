package org.nsegw.emulator.weigh.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsegw.api.weigh.Axle;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.traffic.VehicleClass;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.RawSampleCodec;
import org.nsegw.weigh.internal.codec.SampleBlock;
import org.nsegw.weigh.internal.raw.RawWimVehicle;

class RawWimSynthesizerTest {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    static EmulatedVehicle truck(long serial, String lane, double atSeconds, double speedKmh) {
        return new EmulatedVehicle(serial, VehicleClass.TRUCK_3, lane, T0.plusMillis(Math.round(atSeconds * 1000)), speedKmh,
                List.of(new Axle(6_500, 0), new Axle(9_200, 4_000), new Axle(9_000, 1_350)), "浙A12345", "浙A12345");
    }

    private static List<SampleBlock> decode(Iterator<byte[]> frames) {
        RawSampleCodec codec = new RawSampleCodec();
        List<SampleBlock> blocks = new ArrayList<>();
        while (frames.hasNext()) {
            for (Decoded<SampleBlock> d : codec.feed(frames.next())) {
                assertThat(d).isInstanceOf(Decoded.Value.class);
                blocks.add(((Decoded.Value<SampleBlock>) d).value());
            }
        }
        assertThat(codec.pending()).isZero();
        return blocks;
    }

    @Test
    void theFramesAreWhatTheGatewayDecodes() {
        RawWimFrontEnd fe = RawWimFrontEnd.typical().withFirstSequence(0xFFFF_FFFFL - 150);
        LaneSignal lane = new RawWimSynthesizer(fe, NoiseModel.forAccuracyClass(5), 1).lane(3, List.of(), T0, T0.plusSeconds(1), v -> PassageFaults.NONE);
        List<SampleBlock> blocks = decode(lane);
        assertThat(blocks).hasSize(40);
        for (int i = 0; i < blocks.size(); i++) {
            SampleBlock b = blocks.get(i);
            assertThat(b.lane()).isEqualTo(3);
            assertThat(b.row()).isEqualTo(i % 2);
            assertThat(b.count()).isEqualTo(100);
            assertThat(b.firstSequence()).isEqualTo((0xFFFF_FFFFL - 150 + 100L * (i / 2)) & 0xFFFF_FFFFL);
            assertThat(b.sensorFault()).isFalse();
        }
        // An empty road: the baseline near 2,000 counts with a few counts of noise.
        java.util.IntSummaryStatistics first = java.util.Arrays.stream(blocks.get(0).samples()).summaryStatistics();
        assertThat(first.getMin()).isGreaterThan(1800);
        assertThat(first.getMax()).isLessThan(2200);
        assertThat(first.getMax() - first.getMin()).isBetween(5, 40);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        List<EmulatedVehicle> vs = List.of(truck(1, "L1", 1, 50));
        RawWimSynthesizer a = new RawWimSynthesizer(RawWimFrontEnd.typical(), NoiseModel.forAccuracyClass(5), 42);
        RawWimSynthesizer b = new RawWimSynthesizer(RawWimFrontEnd.typical(), NoiseModel.forAccuracyClass(5), 43);
        List<byte[]> first = a.lane("L1", vs, T0).frames();
        List<byte[]> again = a.lane("L1", vs, T0).frames();
        List<byte[]> other = b.lane("L1", vs, T0).frames();
        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i)).isEqualTo(first.get(i));
        }
        assertThat(other.get(0)).isNotEqualTo(first.get(0));
        assertThat(a.lane("L1", vs, T0).passages()).isEqualTo(a.lane("L1", vs, T0).passages());
    }

    @Test
    void withoutNoiseTheAreaMethodGivesTheStaticLoadsBack() {
        RawWimFrontEnd fe = RawWimFrontEnd.typical();
        RawWimSynthesizer synth = new RawWimSynthesizer(fe, NoiseModel.none(), 1);
        for (double speed : new double[] {5.5, 20, 55, 90}) {
            EmulatedVehicle v = truck(1, "L1", 2, speed);
            RawWimPipeline p = new RawWimPipeline(RawWimPipeline.settings(fe), 1).feed(synth.lane("L1", List.of(v), T0)).end();
            assertThat(p.all()).hasSize(1);
            RawWimVehicle found = p.all().get(0);
            for (int i = 0; i < 3; i++) {
                assertThat((double) found.record().axles().get(i).loadKg()).as("%s km/h axle %d", speed, i)
                        .isCloseTo(v.axles().get(i).loadKg(), within(v.axles().get(i).loadKg() * 0.003));
            }
            assertThat(found.record().speedKmh()).isCloseTo(speed, within(0.1));
            assertThat(found.record().axles().get(1).spacingToPreviousMm()).isCloseTo(4_000, within(10));
            assertThat(found.record().axles().get(2).spacingToPreviousMm()).isCloseTo(1_350, within(10));
            assertThat(found.record().flags()).isEmpty();
            assertThat(found.firstAxleSample()).isCloseTo(2 * fe.sampleRateHz(), within(0.5));
        }
    }

    @Test
    void thePulsesAreShapedByTheFootprintAndTheStrip() {
        RawWimFrontEnd fe = RawWimFrontEnd.typical();
        EmulatedVehicle v = truck(1, "L1", 1, 36);
        List<SampleBlock> blocks = decode(new RawWimSynthesizer(fe, NoiseModel.none(), 1).lane("L1", List.of(v), T0));
        int[] row0 = blocks.stream().filter(b -> b.row() == 0).flatMapToInt(b -> java.util.Arrays.stream(b.samples())).toArray();
        int base = row0[0];
        // The first axle (6.5 t, footprint 0.185 m) crosses row 0 at 10 m/s from sample 2000: the strip is loaded for
        // (0.185 + 0.05) / 10 s = 47 samples, peaking where the footprint's middle is on the strip.
        int loaded = 0;
        int peakAt = 0;
        for (int k = 1900; k < 2100; k++) {
            if (row0[k] > base) {
                loaded++;
            }
            if (row0[k] > row0[peakAt]) {
                peakAt = k;
            }
        }
        assertThat(loaded).isBetween(45, 49);
        assertThat(peakAt).isBetween(1999, 2001);
        // The parabolic profile puts 1.5 times the mean pressure at the middle: about 0.40 of the load on a 50 mm strip.
        assertThat((row0[peakAt] - base) / (6_500 * fe.gainCountsPerKg())).isCloseTo(0.40, within(0.01));
    }

    @Test
    void theTruthRecordsDynamicLoadsAndGains() {
        RawWimSynthesizer synth = new RawWimSynthesizer(RawWimFrontEnd.typical(), NoiseModel.forAccuracyClass(5), 9);
        TrafficScenario bridge = TrafficScenario.bridge(4, 600, 0.2);
        List<EmulatedVehicle> vs = bridge.vehicles(400).stream().filter(v -> v.lane().equals("L2")).toList();
        LaneSignal lane = synth.lane(2, vs, bridge.start(), synth.end(vs, bridge.start()), v -> PassageFaults.NONE);
        assertThat(lane.passages()).hasSize(vs.size()).allSatisfy(p -> {
            assertThat(p.row0LoadsKg()).hasSize(p.vehicle().axles().size());
            assertThat(p.row0Gain()).isBetween(1 - 2.5 * 0.005, 1 + 2.5 * 0.005);
            assertThat(p.axleSpeedsKmh()).allSatisfy(s -> assertThat(s).isCloseTo(p.vehicle().speedKmh(), within(1e-6)));
            for (int i = 0; i < p.row0LoadsKg().size(); i++) {
                assertThat(p.row0LoadsKg().get(i) / p.vehicle().axles().get(i).loadKg()).isBetween(0.7, 1.3);
            }
        });
        assertThat(lane.passages().get(0).row0Gain()).isNotEqualTo(lane.passages().get(0).row1Gain());
    }

    /** The share of vehicles whose two-row, all-axle dynamic gross weight (with the true gains) is within ±limit of the static. */
    private static double share(NoiseModel model, double limit) {
        List<EmulatedVehicle> vs = new TrafficScenario(8, List.of("L1"), T0, 60, 0.25, 5, 90, List.of(VehicleClass.values())).vehicles(5_000);
        int within = 0;
        for (int seed = 0; seed < 5; seed++) {
            LaneSignal lane = new RawWimSynthesizer(RawWimFrontEnd.typical(), model, seed)
                    .lane(1, vs.subList(seed * 1000, seed * 1000 + 1000), T0, vs.get(4999).time().plusSeconds(60), v -> PassageFaults.NONE);
            within += lane.passages().stream().filter(p -> Math.abs(p.instrumentGrossKg() / p.vehicle().grossKg() - 1) <= limit).count();
        }
        return within / 5000.0;
    }

    @Test
    void theNoiseModelIsMatchedToItsAccuracyClass() {
        for (double percent : new double[] {5, 10}) {
            NoiseModel model = NoiseModel.forAccuracyClass(percent);
            double full = share(model, percent / 100);
            double half = share(model, percent / 200);
            System.out.printf(java.util.Locale.ROOT, "Noise model class %.0f, 5,000 vehicles: gross weight the sensors felt within ±%.0f %% of "
                    + "the static for %.1f %%, within ±%.1f %% for %.1f %%%n", percent, percent, 100 * full, percent / 2, 100 * half);
            assertThat(full).as("class %s", percent).isBetween(0.97, 0.995);
            assertThat(half).as("half of class %s", percent).isBetween(0.7, 0.9);
        }
        assertThat(share(NoiseModel.none(), 1e-9)).isEqualTo(1.0);
    }

    @Test
    void severalLanesShareOneLineInTimeOrder() {
        RawWimSynthesizer synth = new RawWimSynthesizer(RawWimFrontEnd.typical(), NoiseModel.forAccuracyClass(5), 3);
        List<LaneSignal> lanes = List.of(synth.lane(1, List.of(), T0, T0.plusSeconds(1), v -> PassageFaults.NONE),
                synth.lane(2, List.of(), T0, T0.plusSeconds(1), v -> PassageFaults.NONE));
        List<SampleBlock> blocks = decode(RawWimSynthesizer.interleave(lanes));
        assertThat(blocks).hasSize(80);
        assertThat(blocks.subList(0, 4)).extracting(b -> b.lane() + "/" + b.row()).containsExactly("1/0", "1/1", "2/0", "2/1");
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i).firstSequence()).isGreaterThanOrEqualTo(blocks.get(i - 1).firstSequence());
        }
    }

    @Test
    void faultsMarkOrDropTheFramesOfTheirVehicle() {
        RawWimSynthesizer synth = new RawWimSynthesizer(RawWimFrontEnd.typical(), NoiseModel.forAccuracyClass(5), 3);
        EmulatedVehicle v = truck(1, "L1", 1, 36);
        int all = synth.lane(1, List.of(v), T0, T0.plusSeconds(4), x -> PassageFaults.NONE).frames().size();
        assertThat(synth.lane(1, List.of(v), T0, T0.plusSeconds(4), x -> PassageFaults.lostFrame(1, 2)).frames()).hasSize(all - 1);
        List<SampleBlock> flagged = decode(synth.lane(1, List.of(v), T0, T0.plusSeconds(4), x -> PassageFaults.sensorFault(0)));
        // The truck is over the sensors from 0.988 s (first tyre touches row 0) to 1.847 s (last leaves row 1): frames 19
        // to 36 of row 0 carry the fault.
        assertThat(flagged.stream().filter(SampleBlock::sensorFault).map(b -> b.row() + ":" + b.firstSequence() / 100))
                .containsExactly(java.util.stream.IntStream.rangeClosed(19, 36).mapToObj(i -> "0:" + i).toArray(String[]::new));
    }

    @Test
    void badInputIsRefused() {
        RawWimSynthesizer synth = new RawWimSynthesizer(RawWimFrontEnd.typical(), NoiseModel.forAccuracyClass(5), 3);
        assertThat(RawWimSynthesizer.laneNumber("L4")).isEqualTo(4);
        assertThatThrownBy(() -> RawWimSynthesizer.laneNumber("north")).hasMessageContaining("no number");
        assertThatThrownBy(() -> synth.lane(1, List.of(truck(1, "L1", -1, 50)), T0, T0.plusSeconds(5), v -> PassageFaults.NONE))
                .hasMessageContaining("before the stream starts");
        assertThatThrownBy(() -> synth.lane(1, List.of(truck(1, "L1", 1, 10)), T0, T0.plusSeconds(20), v -> PassageFaults.accelerating(-3)))
                .hasMessageContaining("stops before");
        assertThatThrownBy(() -> synth.lane(1, List.of(truck(1, "L1", 1, 10)), T0, T0.plusSeconds(20), v -> PassageFaults.lostFrame(0, 3)))
                .hasMessageContaining("no axle 3");
        assertThatThrownBy(() -> NoiseModel.forAccuracyClass(0)).hasMessageContaining("accuracy class");
        assertThatThrownBy(() -> new RawWimFrontEnd(2000, 600, 3, 0.05, 8, 2000, 0)).hasMessageContaining("600 samples/frame");
        assertThatThrownBy(() -> new PassageFaults(0, 1, 2, 0, -1)).hasMessage("bad faults");
    }
}
