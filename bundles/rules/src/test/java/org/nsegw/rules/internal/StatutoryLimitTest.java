package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.api.weigh.Suspension.AIR;
import static org.nsegw.api.weigh.Suspension.OTHER;
import static org.nsegw.api.weigh.TyreFitting.DUAL;
import static org.nsegw.api.weigh.TyreFitting.SINGLE;
import static org.nsegw.api.weigh.TyreFitting.UNKNOWN;
import static org.nsegw.api.weigh.TyreFitting.WIDE_SINGLE;

import org.junit.jupiter.api.Test;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.Suspension;

/** How the vehicle kind is derived and which adjustments apply: the limit (or range) of one vehicle. */
class StatutoryLimitTest {

    @Test
    void aTrailerPlateMakesACombination() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.TRUCK_3, 0).trailer(Traffic.TRAILER));
        assertThat(l.vehicle()).isEqualTo("3轴汽车列车");
        assertThat(l.highKg()).isEqualTo(27_000);
        assertThat(l.notes()).anyMatch(n -> n.contains("挂车号牌浙A6789挂"));
    }

    @Test
    void aCouplingGapMakesACombinationWithoutATrailerPlate() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.COMBINATION_3, 0).noRearRead());
        assertThat(l.vehicle()).isEqualTo("3轴汽车列车");
        assertThat(l.lowKg()).isEqualTo(l.highKg()).isEqualTo(27_000);
        assertThat(l.notes()).anyMatch(n -> n.contains("第2、3轴间距6,800 mm"));
    }

    @Test
    void aTruckIsConfirmedByItsOwnPlateAtTheRear() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.TRUCK_4, 0).suspension(OTHER, OTHER, OTHER, OTHER));
        assertThat(l.vehicle()).isEqualTo("4轴货车");
        assertThat(l.certain()).isTrue();
        assertThat(l.highKg()).isEqualTo(31_000);
    }

    @Test
    void withoutARearReadATruckMightBeACombinationWhoseTrailerPlateWasMissed() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.TRUCK_3, 0).noRearRead().suspension(OTHER, OTHER, OTHER));
        assertThat(l.lowKg()).isEqualTo(25_000);
        assertThat(l.highKg()).isEqualTo(27_000);
        assertThat(l.doubts()).anyMatch(d -> d.contains("若为汽车列车，限值为27,000 kg"));
    }

    @Test
    void twoAxlesAreAlwaysATruck() {
        StatutoryLimit l = limit(Traffic.vehicle(new int[] {0, 7_000}, 0).noRearRead());
        assertThat(l.vehicle()).isEqualTo("2轴货车");
        assertThat(l.lowKg()).isEqualTo(l.highKg()).isEqualTo(18_000);
    }

    @Test
    void twoAxlesWithATrailerPlateContradictEachOther() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.TRUCK_2, 0).trailer(Traffic.TRAILER));
        assertThat(l.lowKg()).isEqualTo(18_000);
        assertThat(l.highKg()).isEqualTo(49_000);
        assertThat(l.doubts()).anyMatch(d -> d.contains("矛盾"));
    }

    @Test
    void withoutAxlesTheLimitIsAnywhereInTheTable() {
        StatutoryLimit l = limit(Traffic.vehicle(new int[0], 0));
        assertThat(l.lowKg()).isEqualTo(18_000);
        assertThat(l.highKg()).isEqualTo(49_000);
        assertThat(l.vehicle()).isEqualTo("轴数未知车辆");
    }

    @Test
    void fiveOrMoreAxlesWithoutSignsOfATrailerTakeTheCombinationLimitTheOnlyRowThereIs() {
        StatutoryLimit five = limit(Traffic.vehicle(new int[] {0, 1_900, 4_000, 1_350, 1_350}, 0).noRearRead());
        assertThat(five.vehicle()).isEqualTo("5轴汽车列车");
        assertThat(five.lowKg()).isEqualTo(five.highKg()).isEqualTo(43_000);
        assertThat(five.notes()).anyMatch(n -> n.contains("只有汽车列车限值"));
        StatutoryLimit seven = limit(Traffic.vehicle(new int[] {0, 1_900, 4_000, 1_350, 1_350, 1_350, 1_350}, 0));
        assertThat(seven.lowKg()).isEqualTo(seven.highKg()).isEqualTo(49_000);
    }

    @Test
    void sixAxlesWithASingleDriveAxleTractorAre46Tonnes() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.COMBINATION_6_SINGLE_DRIVE, 0));
        assertThat(l.lowKg()).isEqualTo(l.highKg()).isEqualTo(46_000);
        assertThat(l.notes()).anyMatch(n -> n.contains("驱动轴为单轴"));
    }

    @Test
    void aTandemDriveOrAnUndeterminableTractorTakesTheHigher49Tonnes() {
        assertThat(limit(Traffic.vehicle(Traffic.COMBINATION_6, 0)).highKg()).isEqualTo(49_000);
        assertThat(limit(Traffic.vehicle(Traffic.COMBINATION_6, 0)).certain()).isTrue();
        // no coupling gap: where the tractor ends is not known
        StatutoryLimit noGap = limit(Traffic.vehicle(new int[] {0, 3_600, 5_000, 1_310, 1_310, 1_310}, 0)
                .trailer(Traffic.TRAILER));
        assertThat(noGap.lowKg()).isEqualTo(noGap.highKg()).isEqualTo(49_000);
        assertThat(noGap.notes()).anyMatch(n -> n.contains("无法判定"));
        // the weigh device's groups agree that the drive axle is single
        StatutoryLimit grouped = limit(Traffic.vehicle(Traffic.COMBINATION_6_SINGLE_DRIVE, 0)
                .groups(new AxleGroup(0, 1), new AxleGroup(1, 1), new AxleGroup(2, 4)));
        assertThat(grouped.highKg()).isEqualTo(46_000);
        // 1.9 m apart is two single axles by the spacing, but the device grouped them as a tandem: not single
        StatutoryLimit tandem = limit(Traffic.vehicle(new int[] {0, 3_600, 1_900, 6_500, 1_310, 1_310}, 0)
                .groups(new AxleGroup(0, 1), new AxleGroup(1, 2), new AxleGroup(3, 3)));
        assertThat(tandem.highKg()).isEqualTo(49_000);
    }

    @Test
    void singleTyresOnATrailerAxleLowerTheLimitBy3000() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.COMBINATION_5, 0).tyres(SINGLE, DUAL, DUAL, SINGLE, DUAL));
        assertThat(l.lowKg()).isEqualTo(l.highKg()).isEqualTo(40_000);
        assertThat(l.notes()).anyMatch(n -> n.contains("挂车轴为单胎，限值减3,000 kg"));
    }

    @Test
    void wideSinglesUnknownTyresAndASingleTyredSteerAxleDoNotLowerTheLimit() {
        assertThat(limit(Traffic.vehicle(Traffic.COMBINATION_5, 0).tyres(SINGLE, DUAL, WIDE_SINGLE, WIDE_SINGLE, DUAL))
                .highKg()).isEqualTo(43_000);
        assertThat(limit(Traffic.vehicle(Traffic.COMBINATION_5, 0).tyres(SINGLE, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN))
                .highKg()).isEqualTo(43_000);
        // the trailer's axles cannot be told apart without a coupling gap: presumed dual
        assertThat(limit(Traffic.vehicle(new int[] {0, 3_600, 5_000, 1_310, 1_310}, 0).trailer(Traffic.TRAILER)
                .tyres(SINGLE, DUAL, SINGLE, SINGLE, SINGLE)).highKg()).isEqualTo(43_000);
    }

    @Test
    void airSuspendedDualTyredDriveAxlesAdd1000ToThreeAndFourAxleTrucks() {
        Suspension[] air = {OTHER, AIR, AIR};
        assertThat(limit(Traffic.vehicle(Traffic.TRUCK_3, 0).tyres(SINGLE, DUAL, DUAL).suspension(air)).highKg())
                .isEqualTo(26_000);
        assertThat(limit(Traffic.vehicle(Traffic.TRUCK_4, 0).tyres(SINGLE, SINGLE, DUAL, DUAL)
                .suspension(OTHER, OTHER, AIR, AIR)).lowKg()).isEqualTo(32_000);
        // a single-tyred or leaf-sprung drive axle: no bonus, certainly
        StatutoryLimit leaf = limit(Traffic.vehicle(Traffic.TRUCK_3, 0).tyres(SINGLE, DUAL, DUAL)
                .suspension(OTHER, AIR, OTHER));
        assertThat(leaf.lowKg()).isEqualTo(leaf.highKg()).isEqualTo(25_000);
        assertThat(limit(Traffic.vehicle(Traffic.TRUCK_3, 0).tyres(SINGLE, SINGLE, DUAL).suspension(air)).highKg())
                .isEqualTo(25_000);
    }

    @Test
    void anUnknownSuspensionLeavesTheBonusInDoubt() {
        StatutoryLimit l = limit(Traffic.vehicle(Traffic.TRUCK_3, 0));
        assertThat(l.lowKg()).isEqualTo(25_000);
        assertThat(l.highKg()).isEqualTo(26_000);
        assertThat(l.notes()).anyMatch(n -> n.contains("未加空气悬架"));
    }

    @Test
    void aFourAxleArticulatedCombinationWithAirSuspensionAndTrailerAxlesApartIs37Tonnes() {
        int[] apart = {0, 3_500, 6_600, 1_800};
        StatutoryLimit l = limit(Traffic.vehicle(apart, 0).tyres(SINGLE, DUAL, DUAL, DUAL).suspension(OTHER, AIR, AIR, AIR));
        assertThat(l.lowKg()).isEqualTo(l.highKg()).isEqualTo(37_000);
        // trailer axles closer than 1.8 m: 36 t, certainly
        StatutoryLimit close = limit(Traffic.vehicle(Traffic.COMBINATION_4, 0).tyres(SINGLE, DUAL, DUAL, DUAL)
                .suspension(OTHER, AIR, AIR, AIR));
        assertThat(close.lowKg()).isEqualTo(close.highKg()).isEqualTo(36_000);
        // a leaf-sprung drive axle: 36 t
        assertThat(limit(Traffic.vehicle(apart, 0).tyres(SINGLE, DUAL, DUAL, DUAL).suspension(OTHER, OTHER, AIR, AIR))
                .highKg()).isEqualTo(36_000);
        // unknown suspension: 36 to 37 t
        StatutoryLimit unknown = limit(Traffic.vehicle(apart, 0));
        assertThat(unknown.lowKg()).isEqualTo(36_000);
        assertThat(unknown.highKg()).isEqualTo(37_000);
    }

    private static StatutoryLimit limit(Traffic t) {
        org.nsegw.api.fusion.Passage p = t.passage();
        return StatutoryLimit.of(p, p.weigh());
    }
}
