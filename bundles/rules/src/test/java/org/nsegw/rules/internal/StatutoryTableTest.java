package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.weigh.Suspension;
import org.nsegw.api.weigh.TyreFitting;

/**
 * Every row of the Art. 3 table, at its boundaries: at the limit, at limit + tolerance, one kilogram more.
 *
 * <p>The sites here accept a single plate read for a case (plateReadsForCase 1): the weight is judged, not the plate
 * (see {@link PlateCorroborationTest}); a combination's tractor plate has only its front read.
 */
class StatutoryTableTest {

    static Stream<Arguments> rows() {
        return StatutoryLimits.rows().stream().map(r -> Arguments.of(r.axles(), r.kind(), r.limitKg()));
    }

    @Test
    void theTableIsTheOneOfArticle3() {
        assertThat(StatutoryLimits.rows()).extracting(r -> r.axles() + " " + r.kind() + " " + r.limitKg()).containsExactly(
                "2 TRUCK 18000", "3 TRUCK 25000", "3 COMBINATION 27000", "4 TRUCK 31000", "4 COMBINATION 36000",
                "5 COMBINATION 43000", "6 COMBINATION 49000");
        assertThat(StatutoryLimits.baseLimitKg(7, VehicleKind.COMBINATION)).hasValue(49_000);
        assertThat(StatutoryLimits.baseLimitKg(5, VehicleKind.TRUCK)).isEmpty();
        assertThat(StatutoryLimits.baseLimitKg(2, VehicleKind.COMBINATION)).isEmpty();
    }

    @ParameterizedTest(name = "{0} axles {1}: {2} kg")
    @MethodSource("rows")
    void atTheLimitAtTheToleranceAndOneKilogramMore(int axles, VehicleKind kind, int limit) {
        Rules rules = rules(5);
        int permitted = limit + limit / 20; // limit × 1.05, exact for whole thousands

        Verdict atLimit = rules.judge(vehicle(axles, kind, limit));
        assertThat(atLimit.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(atLimit)).containsExactly("WITHIN_LIMITS");

        Verdict atTolerance = rules.judge(vehicle(axles, kind, permitted));
        assertThat(atTolerance.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(atTolerance)).containsExactly("WITHIN_TOLERANCE");

        Verdict over = rules.judge(vehicle(axles, kind, permitted + 1));
        assertThat(over.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(over)).containsExactly("OVERWEIGHT_STATUTORY");
        assertThat(over.findings().get(0).explanation())
                .contains("第三条限值" + Format.kg(limit))
                .contains("超限" + Format.kg(permitted + 1 - limit));
        assertThat(over.enforcementCode()).isEqualTo("OW-62-3");
    }

    @ParameterizedTest(name = "{0} axles {1}: {2} kg")
    @MethodSource("rows")
    void withoutToleranceOneKilogramOverTheLimitIsAViolation(int axles, VehicleKind kind, int limit) {
        assertThat(rules(0).judge(vehicle(axles, kind, limit)).outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(rules(0).judge(vehicle(axles, kind, limit + 1)).outcome()).isEqualTo(Outcome.VIOLATION);
    }

    static Stream<Arguments> adjusted() {
        return Stream.of(
                Arguments.of("6 axles, single drive axle", 46_000,
                        Traffic.vehicle(Traffic.COMBINATION_6_SINGLE_DRIVE, 0).trailer(Traffic.TRAILER)),
                Arguments.of("5 axles, single trailer tyres", 40_000, Traffic.vehicle(Traffic.COMBINATION_5, 0)
                        .tyres(TyreFitting.SINGLE, TyreFitting.DUAL, TyreFitting.SINGLE, TyreFitting.SINGLE, TyreFitting.SINGLE)),
                Arguments.of("3-axle truck, air suspension", 26_000, Traffic.vehicle(Traffic.TRUCK_3, 0)
                        .tyres(TyreFitting.SINGLE, TyreFitting.DUAL, TyreFitting.DUAL)
                        .suspension(Suspension.OTHER, Suspension.AIR, Suspension.AIR)),
                Arguments.of("4-axle truck, air suspension", 32_000, Traffic.vehicle(Traffic.TRUCK_4, 0)
                        .tyres(TyreFitting.SINGLE, TyreFitting.SINGLE, TyreFitting.DUAL, TyreFitting.WIDE_SINGLE)
                        .suspension(Suspension.OTHER, Suspension.OTHER, Suspension.AIR, Suspension.AIR)),
                Arguments.of("4-axle articulated, air suspension, trailer axles 1.8 m apart", 37_000,
                        Traffic.vehicle(new int[] {0, 3_500, 6_600, 1_800}, 0)
                                .tyres(TyreFitting.SINGLE, TyreFitting.DUAL, TyreFitting.DUAL, TyreFitting.DUAL)
                                .suspension(Suspension.OTHER, Suspension.AIR, Suspension.OTHER, Suspension.OTHER)));
    }

    @ParameterizedTest(name = "{0}: {1} kg")
    @MethodSource("adjusted")
    void adjustedLimitsAtTheirBoundaries(String vehicle, int limit, Traffic traffic) {
        Rules rules = rules(5);
        int permitted = limit + limit / 20;
        assertThat(rules.judge(traffic.gross(limit).passage()).outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(rules.judge(traffic.gross(permitted).passage()).outcome()).isEqualTo(Outcome.COMPLIANT);
        Verdict over = rules.judge(traffic.gross(permitted + 1).passage());
        assertThat(over.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(over.findings().get(0).explanation()).contains("第三条限值" + Format.kg(limit) + "，");
    }

    @ParameterizedTest(name = "{0} % of {1} kg: {2} kg allowed")
    @CsvSource({"2.5, 25000, 25625", "7, 18000, 19260", "10, 49000, 53900", "15, 31000, 35650", "0.5, 43000, 43215",
            "5, 40001, 42001", "3.3, 27000, 27891", "0, 36000, 36000"})
    void limitPlusToleranceIsRoundedDownToTheKilogram(double tolerance, int limit, int permitted) {
        assertThat(OverweightJudgement.permittedKg(limit, java.math.BigDecimal.valueOf(tolerance))).isEqualTo(permitted);
    }

    @Test
    void overWeightAndRateAreMeasuredAgainstTheLimitItself() {
        assertThat(OverweightJudgement.excess(52_300, 49_000)).isEqualTo("超限3,300 kg，超限率6.7%");
        assertThat(OverweightJudgement.excess(18_901, 18_000)).isEqualTo("超限901 kg，超限率5.0%");
        assertThat(OverweightJudgement.excess(25_013, 25_000)).isEqualTo("超限13 kg，超限率0.1%"); // 0.052 % half up
        assertThat(OverweightJudgement.excess(36_018, 36_000)).isEqualTo("超限18 kg，超限率0.1%"); // 0.05 % exactly
    }

    static Rules rules(double tolerancePercent) {
        return new Rules(new OverweightSettings(0, Map.of(), tolerancePercent, 1, "OW-62-3"), null);
    }

    /** The row's vehicle with leaf-sprung drive axles, so that no air-suspension doubt arises. */
    static org.nsegw.api.fusion.Passage vehicle(int axles, VehicleKind kind, int grossKg) {
        Traffic t = Traffic.row(axles, kind, grossKg);
        Suspension[] leaf = new Suspension[axles];
        Arrays.fill(leaf, Suspension.OTHER);
        return t.suspension(leaf).passage();
    }

    static List<String> codes(Verdict v) {
        return v.findings().stream().map(Finding::code).toList();
    }
}
