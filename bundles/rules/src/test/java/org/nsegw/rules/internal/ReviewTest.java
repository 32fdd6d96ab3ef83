package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.rules.internal.StatutoryTableTest.codes;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.WeighFlag;

/** Uncertainty goes to review, never to a case; a passage that breaks no rule even so stays compliant. */
class ReviewTest {

    private final Rules bridge = new Rules(new OverweightSettings(0, Map.of(), 5, 2, "OW"), null);
    /** A site that accepts a plate one camera read: for the trucks without a rear read below. */
    private final Rules oneRead = new Rules(new OverweightSettings(0, Map.of(), 5, 1, "OW"), null);

    @ParameterizedTest
    @EnumSource(WeighFlag.class)
    void aWeighFlagSendsEveryWeighedPassageToReview(WeighFlag flag) {
        Verdict over = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 60_000).flag(flag).passage());
        assertThat(over.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(over)).contains("OVERWEIGHT_STATUTORY", "WEIGH_FLAG_" + flag);
        // the weight itself is in doubt: a light reading says nothing certain either
        Verdict light = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 20_000).flag(flag).passage());
        assertThat(light.outcome()).isEqualTo(Outcome.REVIEW);
    }

    @ParameterizedTest
    @EnumSource(value = PassageFlag.class, names = "TEST", mode = EnumSource.Mode.EXCLUDE)
    void aPassageFlagSendsAWouldBeCaseToReview(PassageFlag flag) {
        Verdict v = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 60_000).flag(flag).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(v.enforcementCode()).isEmpty();
        assertThat(codes(v)).contains("PASSAGE_FLAG_" + flag);
    }

    @ParameterizedTest
    @EnumSource(value = PassageFlag.class, names = {"NO_PLATE", "AMBIGUOUS_READ", "PLATES_DISAGREE", "TAILGATING"})
    void aPlateFlagOnACompliantPassageIsRecordedOnly(PassageFlag flag) {
        Verdict v = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 30_000).flag(flag).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(v)).contains("PASSAGE_FLAG_" + flag);
    }

    @ParameterizedTest
    @EnumSource(value = PassageFlag.class, names = {"STRADDLING", "NO_WEIGHT", "DEVICE_FAULT"})
    void aFlagThatPutsTheWeightInDoubtAlwaysGoesToReview(PassageFlag flag) {
        assertThat(bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 30_000).flag(flag).passage()).outcome())
                .isEqualTo(Outcome.REVIEW);
    }

    @Test
    void aTestPassageIsJudgedAsAnyOtherAndSaysItIsATest() {
        for (int gross : new int[] {30_000, 60_000}) {
            Verdict plain = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, gross).passage());
            Verdict test = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, gross).flag(PassageFlag.TEST).passage());
            assertThat(test.outcome()).isEqualTo(plain.outcome());
            assertThat(test.enforcementCode()).isEqualTo(plain.enforcementCode());
            assertThat(codes(test)).contains("TEST_PASSAGE").doesNotContain("PASSAGE_FLAG_TEST");
            assertThat(codes(plain)).doesNotContain("TEST_PASSAGE");
        }
    }

    @Test
    void anUnsettledPlateNeverMakesACase() {
        Verdict over = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 60_000).plate("").passage());
        assertThat(over.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(over)).contains("PLATE_UNSETTLED");
        Verdict light = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 30_000).plate("").passage());
        assertThat(light.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(light)).contains("PLATE_UNSETTLED");
    }

    @Test
    void aWeightInTheBandOfAnUncertainLimitGoesToReview() {
        // a 4-axle truck without a rear read: 31 t as a truck, up to 37 t as an articulated combination
        Verdict band = oneRead.judge(Traffic.vehicle(Traffic.TRUCK_4, 35_000).noRearRead().passage());
        assertThat(band.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(band)).containsExactly("STATUTORY_LIMIT_UNCERTAIN");
        // beyond the highest possible limit it is a case, against that limit
        Verdict over = oneRead.judge(Traffic.vehicle(Traffic.TRUCK_4, 38_851).noRearRead().passage());
        assertThat(over.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(over.findings().get(0).explanation()).contains("第三条限值37,000 kg", "按有利于当事人的较高限值认定");
    }

    @Test
    void withoutAxlesOnlyAWeightAboveEveryStatutoryLimitIsACase() {
        assertThat(bridge.judge(Traffic.vehicle(new int[0], 30_000).passage()).outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(bridge.judge(Traffic.vehicle(new int[0], 18_900).passage()).outcome()).isEqualTo(Outcome.COMPLIANT);
        Verdict heavy = bridge.judge(Traffic.vehicle(new int[0], 51_451).passage());
        assertThat(heavy.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(heavy.findings().get(0).explanation()).contains("轴数未知车辆", "第三条限值49,000 kg");
    }

    @Test
    void aCertainBreachIsACaseThatCarriesTheLimitInDoubt() {
        Rules posted = new Rules(new OverweightSettings(20_000, Map.of(), 5, 1, "OW"), null);
        // 4-axle truck without a rear read at 35 t: over the posted 20 t beyond doubt, Art. 3 in doubt
        Verdict v = posted.judge(Traffic.vehicle(Traffic.TRUCK_4, 35_000).noRearRead().passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(v)).containsExactly("OVERWEIGHT_POSTED", "STATUTORY_LIMIT_UNCERTAIN");
    }

    @Test
    void aPassageWithoutWeighRecordIsNotJudgedForWeight() {
        Verdict v = bridge.judge(Traffic.unweighed().passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(v.findings()).isEmpty();
        assertThat(new Rules(null, null).judge(Traffic.row(6, VehicleKind.COMBINATION, 90_000).passage()).outcome())
                .isEqualTo(Outcome.COMPLIANT);
    }

    @Test
    void aDirtyRoadIsTheSitesAndNeedsNoPlateButAFlagStillSendsItToReview() {
        Rules gate = new Rules(null, new CleanlinessSettings(0.8, 0.8, 0.8, Set.of(), "CL"));
        Verdict unsettled = gate.judge(Traffic.unweighed().plate("").observed(ObservationKind.DIRTY_ROAD, 0.9).passage());
        assertThat(unsettled.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(unsettled)).containsExactly("DIRTY_ROAD", "PLATE_UNSETTLED");
        Verdict flagged = gate.judge(Traffic.unweighed().plate("").flag(PassageFlag.NO_PLATE)
                .observed(ObservationKind.DIRTY_ROAD, 0.9).passage());
        assertThat(flagged.outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void aMuddyTruckWithoutASettledPlateGoesToReview() {
        Rules gate = new Rules(null, new CleanlinessSettings(0.8, 0.8, 0.8, Set.of(), "CL"));
        Verdict v = gate.judge(Traffic.unweighed().plate("").observed(ObservationKind.MUDDY_VEHICLE, 0.95).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(v)).containsExactly("MUDDY_VEHICLE", "PLATE_UNSETTLED");
    }
}
