package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.rules.internal.StatutoryTableTest.codes;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;

/**
 * The tolerance from the device's accuracy class when the site sets none (tolerancePercent -1).
 *
 * <p>The sites here accept a single plate read for a case (plateReadsForCase 1): the weight is judged, not the plate
 * (see {@link PlateCorroborationTest}); a combination's tractor plate has only its front read.
 */
class AccuracyClassTest {

    private final Rules fromClass = new Rules(new OverweightSettings(0, Map.of(), -1, 1, "OW"), null);

    @ParameterizedTest(name = "{0} → {1} %")
    @CsvSource({"5, 5", "5.0, 5", "0.2, 0.2", "0.5, 0.5", "1, 1", "2, 2", "10, 10", "A(5), 5", "B+(7), 7", "B(10), 10",
            "C(15), 15", "A, 5", "B+, 7", "b+(7), 7", "' B + (7) ', 7", "C(15.0), 15"})
    void everyFormOfAClassGivesItsGrossWeightTolerance(String accuracyClass, String percent) {
        assertThat(AccuracyClass.grossTolerancePercent(accuracyClass)).hasValueSatisfying(
                t -> assertThat(t).isEqualByComparingTo(new BigDecimal(percent)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "class 5", "3", "B(7)", "A(7)", "D(25)", "E", "B++", "5%", "0.1"})
    void anythingElseIsNoClass(String accuracyClass) {
        assertThat(AccuracyClass.grossTolerancePercent(accuracyClass)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} kg allowed on 49 t")
    @CsvSource({"5, 51450", "A(5), 51450", "B+(7), 52430", "B(10), 53900", "C(15), 56350"})
    void theClassSetsTheBoundary(String accuracyClass, int permitted) {
        Verdict at = fromClass.judge(Traffic.row(6, VehicleKind.COMBINATION, permitted).accuracyClass(accuracyClass).passage());
        assertThat(at.outcome()).isEqualTo(Outcome.COMPLIANT);
        Verdict over = fromClass.judge(Traffic.row(6, VehicleKind.COMBINATION, permitted + 1).accuracyClass(accuracyClass)
                .passage());
        assertThat(over.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(over.findings().get(0).explanation()).contains("按设备准确度等级" + accuracyClass);
    }

    @Test
    void anUnknownClassSendsAnythingAboveALimitToReviewNeverToACase() {
        Verdict v = fromClass.judge(Traffic.row(6, VehicleKind.COMBINATION, 70_000).accuracyClass("Klasse 5").passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(v)).containsExactly("UNKNOWN_ACCURACY_CLASS");
        assertThat(v.findings().get(0).explanation()).contains("Klasse 5", "tolerancePercent", "70,000 kg");
    }

    @Test
    void anUnknownClassLeavesAWeightWithinEveryLimitCompliant() {
        Verdict v = fromClass.judge(Traffic.row(6, VehicleKind.COMBINATION, 49_000).accuracyClass("?").passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(v)).containsExactly("UNKNOWN_ACCURACY_CLASS");
    }

    @Test
    void aSiteToleranceNeedsNoClass() {
        Rules site = new Rules(new OverweightSettings(0, Map.of(), 5, 1, "OW"), null);
        assertThat(site.judge(Traffic.row(6, VehicleKind.COMBINATION, 52_000).accuracyClass("?").passage()).outcome())
                .isEqualTo(Outcome.VIOLATION);
    }
}
