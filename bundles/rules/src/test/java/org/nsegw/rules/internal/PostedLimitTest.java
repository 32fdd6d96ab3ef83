package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.rules.internal.StatutoryTableTest.codes;
import static org.nsegw.rules.internal.StatutoryTableTest.vehicle;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;

/**
 * Art. 27: a bridge's posted limit, site-wide or per lane, below the Art. 3 limits.
 *
 * <p>The sites here accept a single plate read for a case (plateReadsForCase 1): the weight is judged, not the plate
 * (see {@link PlateCorroborationTest}); a combination's tractor plate has only its front read.
 */
class PostedLimitTest {

    private final Rules bridge = new Rules(new OverweightSettings(30_000, Map.of("L4", 20_000), 5, 1, "OW"), null);

    @Test
    void aPostedLimitLowerThanTheStatutoryOneIsBreachedOnItsOwn() {
        Verdict v = bridge.judge(vehicle(6, VehicleKind.COMBINATION, 31_501));
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(v)).containsExactly("OVERWEIGHT_POSTED");
        assertThat(v.findings().get(0).legalBasis()).isEqualTo("《超限运输车辆行驶公路管理规定》第二十七条");
        assertThat(v.findings().get(0).explanation()).contains("车道L1限载30,000 kg", "30,000 kg×1.05=31,500 kg",
                "超限1,501 kg，超限率5.0%");
        assertThat(bridge.judge(vehicle(6, VehicleKind.COMBINATION, 31_500)).outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(bridge.judge(vehicle(6, VehicleKind.COMBINATION, 31_500)))).containsExactly("WITHIN_TOLERANCE");
    }

    @Test
    void bothBreachedLimitsAreListedEachWithItsBasis() {
        Verdict v = bridge.judge(vehicle(3, VehicleKind.TRUCK, 32_000));
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(codes(v)).containsExactly("OVERWEIGHT_STATUTORY", "OVERWEIGHT_POSTED");
        assertThat(v.findings()).extracting(f -> f.legalBasis()).containsExactly(
                "《超限运输车辆行驶公路管理规定》第三条", "《超限运输车辆行驶公路管理规定》第二十七条");
    }

    @Test
    void aLaneLimitReplacesTheSiteWideOneForItsLane() {
        Verdict l4 = bridge.judge(Traffic.row(2, VehicleKind.TRUCK, 21_001).lane("L4").passage());
        assertThat(codes(l4)).contains("OVERWEIGHT_POSTED");
        assertThat(l4.findings()).filteredOn(f -> f.code().equals("OVERWEIGHT_POSTED")).singleElement()
                .satisfies(f -> assertThat(f.explanation()).contains("车道L4限载20,000 kg"));
        Verdict l1 = bridge.judge(Traffic.row(2, VehicleKind.TRUCK, 21_001).lane("L1").passage());
        assertThat(codes(l1)).doesNotContain("OVERWEIGHT_POSTED");
        // a lane limit may also be higher than the site-wide one
        Rules higher = new Rules(new OverweightSettings(20_000, Map.of("L2", 45_000), 5, 1, ""), null);
        assertThat(higher.judge(Traffic.row(6, VehicleKind.COMBINATION, 40_000).lane("L2").passage()).outcome())
                .isEqualTo(Outcome.COMPLIANT);
    }

    @Test
    void aLaneLimitAppliesWhereTheSiteHasNone() {
        Rules lanes = new Rules(new OverweightSettings(0, Map.of("L3", 15_000), 5, 1, ""), null);
        assertThat(codes(lanes.judge(Traffic.row(2, VehicleKind.TRUCK, 16_000).lane("L3").passage())))
                .containsExactly("OVERWEIGHT_POSTED");
        assertThat(codes(lanes.judge(Traffic.row(2, VehicleKind.TRUCK, 16_000).lane("L1").passage())))
                .containsExactly("WITHIN_LIMITS");
    }

    @Test
    void aPostedLimitNeedsNoAxles() {
        Verdict v = bridge.judge(Traffic.vehicle(new int[0], 32_000).passage());
        assertThat(codes(v)).contains("OVERWEIGHT_POSTED", "STATUTORY_LIMIT_UNCERTAIN");
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(v.enforcementCode()).isEqualTo("OW");
    }
}
