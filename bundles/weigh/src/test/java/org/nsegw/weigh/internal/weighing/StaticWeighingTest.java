package org.nsegw.weigh.internal.weighing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.weigh.internal.codec.ScaleFlag;
import org.nsegw.weigh.internal.codec.ScaleReading;
import org.nsegw.weigh.internal.codec.WeightUnit;

class StaticWeighingTest {

    static final StaticWeighing.Settings SETTINGS = new StaticWeighing.Settings(500, Duration.ofSeconds(2), 20);
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    /** Feeds readings 100 ms apart (a 10 Hz scale) and collects the weighings. */
    static final class Scale {
        final StaticWeighing weighing = new StaticWeighing(SETTINGS);
        final List<StaticWeighing.Weighing> out = new ArrayList<>();
        Instant now = T0;

        Scale feed(int kg, int times, ScaleFlag... flags) {
            for (int i = 0; i < times; i++) {
                EnumSet<ScaleFlag> f = EnumSet.noneOf(ScaleFlag.class);
                f.addAll(List.of(flags));
                ScaleReading r = new ScaleReading(BigDecimal.valueOf(kg), WeightUnit.KG, null, f);
                Optional<StaticWeighing.Weighing> w = weighing.accept(r, BigDecimal.valueOf(kg), new byte[] {(byte) i}, now);
                w.ifPresent(out::add);
                now = now.plusMillis(100);
            }
            return this;
        }
    }

    @Test
    void aTruckThatStandsStillIsWeighedOnce() {
        Scale s = new Scale().feed(0, 10).feed(12_000, 5, ScaleFlag.MOTION).feed(31_240, 40).feed(0, 10);
        assertThat(s.out).singleElement().satisfies(w -> {
            assertThat(w.weightKg()).isEqualTo(31_240);
            assertThat(w.flags()).isEmpty();
            assertThat(w.time()).isEqualTo(T0.plusMillis(100 * (10 + 5 + 20)));
            assertThat(w.raw()).hasSize(21);
        });
    }

    @Test
    void motionOrDriftRestartsTheStableTime() {
        Scale s = new Scale().feed(25_000, 15).feed(25_000, 1, ScaleFlag.MOTION).feed(25_000, 15);
        assertThat(s.out).isEmpty();
        s.feed(25_100, 15); // 100 kg off: beyond the 20 kg tolerance, a new stable time starts
        assertThat(s.out).isEmpty();
        s.feed(25_110, 10);
        assertThat(s.out).singleElement().extracting(StaticWeighing.Weighing::weightKg).isEqualTo(25_110);
    }

    @Test
    void aTruckThatLeavesBeforeItIsStableIsCountedNotWeighed() {
        Scale s = new Scale().feed(20_000, 10).feed(0, 5).feed(20_000, 30).feed(100, 3);
        assertThat(s.out).hasSize(1);
        assertThat(s.weighing.unstableVehicles()).isEqualTo(1);
    }

    @Test
    void twoTrucksInARowAreTwoWeighings() {
        Scale s = new Scale().feed(18_000, 30).feed(200, 2).feed(40_500, 25).feed(0, 1);
        assertThat(s.out).extracting(StaticWeighing.Weighing::weightKg).containsExactly(18_000, 40_500);
    }

    @Test
    void anOverloadedScaleGivesAFlaggedWeighing() {
        Scale s = new Scale().feed(60_000, 25, ScaleFlag.OVERLOAD);
        assertThat(s.out).singleElement().satisfies(w -> assertThat(w.flags()).containsExactly(WeighFlag.OVERLOAD));
    }

    @Test
    void loadsBelowTheThresholdAreNotVehicles() {
        assertThat(new Scale().feed(499, 100).out).isEmpty();
    }

    @Property(tries = 200)
    void aSteadyLoadLongEnoughIsWeighedExactlyOnce(@ForAll @IntRange(min = 500, max = 100_000) int kg,
            @ForAll @IntRange(min = 21, max = 300) int readings) {
        // 21 readings 100 ms apart span the 2 s stable time.
        Scale s = new Scale().feed(kg, readings).feed(0, 3);
        assertThat(s.out).hasSize(1);
        assertThat(s.out.get(0).weightKg()).isEqualTo(kg);
    }

    @Property(tries = 200)
    void aLoadShorterThanTheStableTimeIsNeverWeighed(@ForAll @IntRange(min = 500, max = 100_000) int kg,
            @ForAll @IntRange(min = 1, max = 20) int readings) {
        assertThat(new Scale().feed(kg, readings).feed(0, 3).out).isEmpty();
    }
}
