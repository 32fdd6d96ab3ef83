package org.nsegw.weigh.internal.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.weigh.internal.codec.SampleBlock;

/** {@link RawWimProcessor} on any blocks: it never throws and every vehicle it gives is well formed. */
class RawWimProcessorFuzzTest {

    /** One vehicle of the plain signal, rendered once: frames of any size must give the same result. */
    private static final TestLane LANE = new TestLane(1, 12)
            .vehicle(1.0, 45, new int[] {6_500, 9_200, 9_000}, new int[] {0, 4_000, 1_350})
            .vehicle(5.0, 25, new int[] {7_000, 9_000, 9_000, 8_000, 8_000, 8_000}, new int[] {0, 3_200, 1_350, 7_200, 1_310, 1_310})
            .noise(4);
    private static final List<RawWimVehicle> REFERENCE = TestLane.run(new RawWimProcessor(1, TestLane.settings()), LANE.blocks(100));

    static void assertWellFormed(RawWimVehicle v) {
        List<Axle> axles = v.record().axles();
        assertThat(axles).isNotEmpty();
        assertThat(axles.get(0).spacingToPreviousMm()).isZero();
        assertThat(v.record().grossWeightKg()).isEqualTo(axles.stream().mapToInt(Axle::loadKg).sum());
        assertThat(v.crossings()).hasSameSizeAs(axles);
        assertThat(v.record().speedKmh()).isFinite().isNotNegative();
        assertThat(v.firstAxleSample()).isLessThanOrEqualTo(v.lastAxleSample());
        int next = 0;
        for (AxleGroup g : v.groups()) {
            assertThat(g.firstAxle()).isEqualTo(next);
            next = g.lastAxle() + 1;
        }
        assertThat(next).isEqualTo(axles.size());
        assertThat(v.record().extra()).containsKeys("sequence.firstAxle", "sequence.lastAxle", "axle.rowLoadsKg", "axle.speedsKmh");
    }

    @Property(tries = 300)
    void anyBlocksNeverThrowAndGiveWellFormedVehicles(@ForAll("streams") List<SampleBlock> blocks) {
        RawWimProcessor p = new RawWimProcessor(1, TestLane.settings());
        List<RawWimVehicle> out = new ArrayList<>();
        for (SampleBlock b : blocks) {
            out.addAll(p.accept(b));
        }
        out.addAll(p.flush());
        out.forEach(RawWimProcessorFuzzTest::assertWellFormed);
        Statistics.label("vehicles").collect(out.isEmpty() ? "none" : out.size() < 3 ? "1-2" : "3+");
    }

    @Property(tries = 40)
    void theResultDoesNotDependOnTheFrameSizes(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 512) Integer> sizes) {
        int[][] s = LANE.samples(1);
        List<SampleBlock> blocks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < s[0].length; i++) {
            int n = Math.min(sizes.get(i % sizes.size()), s[0].length - at);
            for (int r = 0; r < 2; r++) {
                blocks.add(new SampleBlock(1, r, 0, at, java.util.Arrays.copyOfRange(s[r], at, at + n)));
            }
            at += n;
        }
        assertThat(REFERENCE).hasSize(2);
        assertThat(TestLane.run(new RawWimProcessor(1, TestLane.settings()), blocks)).isEqualTo(REFERENCE);
    }

    /**
     * Blocks as a misbehaving front-end might send them: rows in any order, sequence numbers that jump, repeat and wrap,
     * samples from a quiet road with tyre-like bursts, steps, spikes, full scale and zero.
     */
    @Provide
    Arbitrary<List<SampleBlock>> streams() {
        Arbitrary<int[]> samples = Combinators.combine(
                        Arbitraries.integers().between(1, 400),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 60_000),
                        Arbitraries.longs())
                .as((n, kind, level, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    int[] out = new int[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = switch (kind) {
                            case 0 -> 2000 + (int) Math.round(3 * r.nextGaussian());
                            case 1 -> 2000 + (int) (level * Math.max(0, Math.sin(Math.PI * i / Math.max(1, n / 3.0))));
                            case 2 -> i < n / 2 ? 2000 : Math.min(65_535, 2000 + level);
                            case 3 -> r.nextInt(65_536);
                            default -> r.nextBoolean() ? 0 : 65_535;
                        };
                    }
                    return out;
                });
        Arbitrary<Long> step = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(-600, 600),
                Arbitraries.longs().between(-(1L << 32), 1L << 32));
        Arbitrary<long[]> moves = Combinators.combine(Arbitraries.integers().between(0, 1), step, Arbitraries.integers().between(0, 3))
                .as((row, jump, flags) -> new long[] {row, jump, flags});
        return Combinators.combine(moves.list().ofMinSize(1).ofMaxSize(80), samples.list().ofMinSize(1).ofMaxSize(80),
                        Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                .as((ms, ss, start) -> {
                    List<SampleBlock> blocks = new ArrayList<>();
                    long[] next = {start, start};
                    for (int i = 0; i < ms.size(); i++) {
                        long[] m = ms.get(i);
                        int row = (int) m[0];
                        int[] s = ss.get(i % ss.size());
                        // Mostly in order, sometimes a jump, back or forth.
                        long seq = next[row] + (i % 7 == 6 ? m[1] : 0);
                        blocks.add(new SampleBlock(1, row, (int) m[2] & 1, seq & 0xFFFF_FFFFL, s));
                        next[row] = seq + s.length;
                    }
                    return blocks;
                });
    }
}
