package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.rules.internal.StatutoryTableTest.codes;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.vision.ObservationKind;

/**
 * An overweight case needs its plate read alike by {@code plateReadsForCase} cameras (2 unless the site says
 * otherwise): a plate that rests on one read may be a camera's misread into another valid plate, which nothing else
 * would show. Such a passage goes to review, its overweight findings kept.
 */
class PlateCorroborationTest {

    /** The bridge example: posted 40 t, tolerance 5 %, the default of two reads. */
    private final Rules bridge = bridge(OverweightSettings.DEFAULT_PLATE_READS_FOR_CASE);

    private static Rules bridge(int plateReadsForCase) {
        return new Rules(new OverweightSettings(40_000, Map.of(), 5, plateReadsForCase, "OW"), null);
    }

    private static Finding finding(Verdict v, String code) {
        return v.findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aPlateOneCameraReadMakesNoCaseButAReviewThatNamesTheExcess() {
        Verdict v = bridge.judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000).noRearRead().passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(v.enforcementCode()).isEmpty();
        assertThat(codes(v)).containsExactly("OVERWEIGHT_STATUTORY", "PLATE_UNCORROBORATED");
        Finding f = finding(v, "PLATE_UNCORROBORATED");
        assertThat(f.legalBasis()).isEmpty();
        assertThat(f.explanation()).isEqualTo("PLATE_UNCORROBORATED：号牌浙A12345仅由anpr-L1-FRONT识别一次，无其他识别印证"
                + "（本站立案需2台摄像机识别一致）；本次2轴货车，车货总质量25,000 kg，超过第三条限值18,000 kg"
                + "（超限7,000 kg，超限率38.9%），属疑似超限，需人工核对号牌后立案");
        // the weight finding is the same as in a case
        assertThat(finding(v, "OVERWEIGHT_STATUTORY").explanation()).contains("超限7,000 kg");
    }

    @Test
    void twoCamerasReadingThePlateAlikeMakeACase() {
        Verdict v = bridge.judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(v.enforcementCode()).isEqualTo("OW");
        assertThat(codes(v)).containsExactly("OVERWEIGHT_STATUTORY");
    }

    @Test
    void aSiteThatAcceptsOneReadMakesTheCase() {
        Verdict v = bridge(1).judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000).noRearRead().passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(v)).containsExactly("OVERWEIGHT_STATUTORY");
    }

    @Test
    void aTrailerPlateDoesNotCorroborateTheTractorPlate() {
        Verdict v = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 52_300).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(v)).containsExactly("OVERWEIGHT_STATUTORY", "OVERWEIGHT_POSTED", "PLATE_UNCORROBORATED");
        assertThat(finding(v, "PLATE_UNCORROBORATED").explanation()).contains("挂车号牌浙A6789挂不能印证牵引车号牌",
                "超过第三条限值49,000 kg（超限3,300 kg，超限率6.7%）、车道L1限载40,000 kg（超限12,300 kg，超限率30.8%）");
        assertThat(bridge(1).judge(Traffic.row(6, VehicleKind.COMBINATION, 52_300).passage()).outcome())
                .isEqualTo(Outcome.VIOLATION);
    }

    @Test
    void unreadableDisagreeingAndRepeatedReadsDoNotCount() {
        Traffic unreadable = Traffic.vehicle(Traffic.TRUCK_2, 25_000).noRearRead()
                .alsoRead("anpr-L1-REAR", CameraPosition.REAR, "");
        assertThat(bridge.judge(unreadable.passage()).outcome()).isEqualTo(Outcome.REVIEW);

        Traffic disagreeing = Traffic.vehicle(Traffic.TRUCK_2, 25_000).noRearRead()
                .alsoRead("anpr-L1-REAR", CameraPosition.REAR, "浙A12346");
        assertThat(bridge.judge(disagreeing.passage()).outcome()).isEqualTo(Outcome.REVIEW);

        // a camera triggered twice repeats its own misread: one camera
        Verdict twice = bridge.judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000).noRearRead()
                .alsoRead("anpr-L1-FRONT", CameraPosition.FRONT, Traffic.PLATE).passage());
        assertThat(twice.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(finding(twice, "PLATE_UNCORROBORATED").explanation())
                .contains("仅由anpr-L1-FRONT识别（同一摄像机重复识别不作印证）");
    }

    @Test
    void threeReadsNeedThreeCameras() {
        Rules three = bridge(3);
        Verdict two = three.judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000).passage());
        assertThat(two.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(finding(two, "PLATE_UNCORROBORATED").explanation())
                .contains("仅由anpr-L1-FRONT、anpr-L1-REAR识别，", "本站立案需3台摄像机识别一致");
        // a straddling truck read by the neighbouring lane's camera too
        Verdict v = three.judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000)
                .alsoRead("anpr-L2-FRONT", CameraPosition.FRONT, Traffic.PLATE).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
    }

    @Test
    void aCompliantPassageIsUnaffected() {
        Verdict v = bridge.judge(Traffic.vehicle(Traffic.TRUCK_2, 15_000).noRearRead().passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(v)).containsExactly("WITHIN_LIMITS");
        assertThat(codes(bridge.judge(Traffic.vehicle(Traffic.TRUCK_2, 18_900).noRearRead().passage())))
                .containsExactly("WITHIN_TOLERANCE");
    }

    @Test
    void aReviewOnTheWeightAlsoAsksForThePlateToBeChecked() {
        // a 4-axle truck without a rear read in the band between the truck and the combination limit
        Verdict v = bridge.judge(Traffic.vehicle(Traffic.TRUCK_4, 35_000).noRearRead().passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(v)).containsExactly("STATUTORY_LIMIT_UNCERTAIN", "PLATE_UNCORROBORATED");
        assertThat(finding(v, "PLATE_UNCORROBORATED").explanation()).endsWith("需人工核对号牌并审核上列结果");
    }

    @Test
    void anUnverifiedDeviceOrAnUnsettledPlateSaysSoInstead() {
        Verdict unverified = bridge.judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000).noRearRead().verification(null)
                .passage());
        assertThat(unverified.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(unverified)).containsExactly("OVERWEIGHT_STATUTORY", "VERIFICATION_MISSING");
        Verdict unsettled = bridge.judge(Traffic.vehicle(Traffic.TRUCK_2, 25_000).plate("").passage());
        assertThat(unsettled.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(unsettled)).containsExactly("OVERWEIGHT_STATUTORY", "PLATE_UNSETTLED");
    }

    @Test
    void aCleanlinessCaseAtAGateIsNotHeldBack() {
        CleanlinessSettings site = new CleanlinessSettings(0.8, 0.8, 0.8, Set.of(), "CL");
        // a gate camera alone reads a slow truck at close range: its read is enough for a cleanliness case
        Verdict exit = new Rules(null, site).judge(Traffic.unweighed().plate(Traffic.PLATE)
                .observed(ObservationKind.MUDDY_VEHICLE, 0.9).passage());
        assertThat(exit.outcome()).isEqualTo(Outcome.VIOLATION);
        // with a truck scale, the overweight goes with the cleanliness case as information
        Verdict scale = new Rules(new OverweightSettings(0, Map.of(), 5, 2, "OW"), site).judge(
                Traffic.vehicle(Traffic.TRUCK_2, 25_000).noRearRead().observed(ObservationKind.MUDDY_VEHICLE, 0.9)
                        .passage());
        assertThat(scale.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(scale.enforcementCode()).isEqualTo("CL");
        assertThat(codes(scale)).containsExactly("MUDDY_VEHICLE", "OVERWEIGHT_STATUTORY", "PLATE_UNCORROBORATED");
    }
}
