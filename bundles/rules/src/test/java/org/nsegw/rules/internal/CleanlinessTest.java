package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.rules.internal.StatutoryTableTest.codes;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.vision.ObservationKind;

/** Site exits: mud, uncovered loads, a dirty road, and the registered haulers. */
class CleanlinessTest {

    private static final CleanlinessSettings SITE = new CleanlinessSettings(0.85, 0.8, 0.9,
            Set.of("浙A3K725", Traffic.PLATE), "CL-07");
    private final Rules gate = new Rules(null, SITE);

    @ParameterizedTest
    @EnumSource(ObservationKind.class)
    void anObservationAtItsThresholdIsAViolation(ObservationKind kind) {
        double threshold = threshold(kind);
        Verdict v = gate.judge(Traffic.unweighed().observed(kind, threshold).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(v)).containsExactly(kind.name());
        assertThat(v.enforcementCode()).isEqualTo("CL-07");
        assertThat(v.findings().get(0).explanation()).contains("置信度" + Format.plain(threshold));
    }

    @ParameterizedTest
    @EnumSource(ObservationKind.class)
    void justBelowItsThresholdItIsMentionedOnly(ObservationKind kind) {
        Verdict v = gate.judge(Traffic.unweighed().observed(kind, Math.nextDown(threshold(kind))).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(v)).containsExactly("OBSERVATION_BELOW_THRESHOLD");
        assertThat(v.findings().get(0).explanation()).contains(kind.name());
    }

    @Test
    void theMostConfidentObservationOfAKindSpeaksForIt() {
        Verdict v = gate.judge(Traffic.unweighed().observed(ObservationKind.UNCOVERED_LOAD, 0.3)
                .observed(ObservationKind.UNCOVERED_LOAD, 0.95).observed(ObservationKind.UNCOVERED_LOAD, 0.5).passage());
        assertThat(codes(v)).containsExactly("UNCOVERED_LOAD");
        assertThat(v.findings().get(0).explanation()).contains("0.95");
    }

    @Test
    void everyKindIsItsOwnFinding() {
        Verdict v = gate.judge(Traffic.unweighed().observed(ObservationKind.DIRTY_ROAD, 0.95)
                .observed(ObservationKind.MUDDY_VEHICLE, 0.9).observed(ObservationKind.UNCOVERED_LOAD, 0.1).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(v)).containsExactly("MUDDY_VEHICLE", "DIRTY_ROAD", "OBSERVATION_BELOW_THRESHOLD");
    }

    @Test
    void aDirtyRoadIsAgainstTheSite() {
        Verdict v = gate.judge(Traffic.unweighed().observed(ObservationKind.DIRTY_ROAD, 0.95).passage());
        assertThat(v.findings().get(0).explanation()).contains("责任在工地", "不在本车");
    }

    @Test
    void aTruckNotOnTheHaulerListIsAViolation() {
        Verdict v = gate.judge(Traffic.unweighed().plate("浙B99999").passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(v)).containsExactly("UNREGISTERED_HAULER");
        assertThat(v.findings().get(0).explanation()).contains("浙B99999", "2辆");
        assertThat(gate.judge(Traffic.unweighed().plate("浙A3K725").passage()).outcome()).isEqualTo(Outcome.COMPLIANT);
    }

    @Test
    void anEmptyHaulerListChecksNoOne() {
        Rules open = new Rules(null, new CleanlinessSettings(0.8, 0.8, 0.8, Set.of(), ""));
        assertThat(open.judge(Traffic.unweighed().plate("浙B99999").passage()).outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(open.judge(Traffic.unweighed().plate("").passage()).outcome()).isEqualTo(Outcome.COMPLIANT);
    }

    @Test
    void aHaulerCheckWithoutASettledPlateGoesToReview() {
        Verdict v = gate.judge(Traffic.unweighed().plate("").passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(v)).containsExactly("PLATE_UNSETTLED");
        assertThat(v.findings().get(0).explanation()).contains("登记运输车辆");
    }

    @Test
    void aSmallVehicleIsNoHauler() {
        Verdict v = gate.judge(Traffic.unweighed().plate("浙B12345").color(PlateColor.BLUE).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(v)).containsExactly("HAULER_CHECK_NOT_APPLICABLE");
    }

    @Test
    void aSiteGateWithAScaleGivesOneVerdictWithBothJudgements() {
        Rules both = new Rules(new OverweightSettings(0, Map.of(), 5, 2, "OW-01"), SITE);
        Verdict overAndMuddy = both.judge(Traffic.row(2, VehicleKind.TRUCK, 20_000).plate("浙B99999")
                .observed(ObservationKind.MUDDY_VEHICLE, 0.9).passage());
        assertThat(overAndMuddy.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(overAndMuddy)).containsExactly("OVERWEIGHT_STATUTORY", "MUDDY_VEHICLE", "UNREGISTERED_HAULER");
        assertThat(overAndMuddy.enforcementCode()).isEqualTo("OW-01");

        Verdict muddyOnly = both.judge(Traffic.row(2, VehicleKind.TRUCK, 15_000)
                .observed(ObservationKind.MUDDY_VEHICLE, 0.9).passage());
        assertThat(muddyOnly.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(muddyOnly)).containsExactly("MUDDY_VEHICLE", "WITHIN_LIMITS");
        assertThat(muddyOnly.enforcementCode()).isEqualTo("CL-07");
    }

    private static double threshold(ObservationKind kind) {
        return switch (kind) {
            case MUDDY_VEHICLE -> SITE.muddyConfidence();
            case UNCOVERED_LOAD -> SITE.uncoveredConfidence();
            case DIRTY_ROAD -> SITE.dirtyRoadConfidence();
        };
    }
}
