package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Verdict;

/** What an officer reads: the codes, the measured values, the limit, the tolerance and the legal basis. */
class ExplanationTest {

    private final Rules bridge = new Rules(new OverweightSettings(0, Map.of(), 5, 2, "OW"), null);

    @Test
    void anOverweightFindingNamesTheMeasuredWeightTheLimitAndTheBasis() {
        Verdict v = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 52_300).passage());
        Finding f = v.findings().get(0);
        assertThat(f.legalBasis()).isEqualTo("《超限运输车辆行驶公路管理规定》第三条");
        assertThat(f.explanation()).startsWith("OVERWEIGHT_STATUTORY：6轴汽车列车，车货总质量52,300 kg，第三条限值49,000 kg，"
                + "容差5%（49,000 kg×1.05=51,450 kg），超限3,300 kg，超限率6.7%；");
        assertThat(f.explanation()).contains("挂车号牌浙A6789挂", "轴重8,716/8,716/8,716/8,716/8,716/8,716 kg",
                "称重设备wim-L1", "2026-11-23 10:15:00", "检定证书ZJJL-WIM-2026-0101", "号牌浙A12345");
    }

    @Test
    void numbersDoNotDependOnTheJvmsLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 52_300).passage()).findings().get(0)
                    .explanation();
            Locale.setDefault(new Locale("hi", "IN"));
            String hindi = bridge.judge(Traffic.row(6, VehicleKind.COMBINATION, 52_300).passage()).findings().get(0)
                    .explanation();
            assertThat(german).isEqualTo(hindi).contains("52,300 kg", "×1.05", "6.7%");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void adjustmentsThatWereAndWereNotAppliedAreSaid() {
        String text = bridge.judge(Traffic.row(3, VehicleKind.TRUCK, 27_000).passage()).findings().get(0).explanation();
        assertThat(text).contains("单胎减3,000 kg不适用", "未加空气悬架的1,000 kg", "后部号牌与前部号牌相同");
    }

    @Test
    void aFractionalToleranceShowsTheExactProduct() {
        Rules fractional = new Rules(new OverweightSettings(40_001, Map.of(), 2.5, 2, ""), null);
        Verdict v = fractional.judge(Traffic.row(6, VehicleKind.COMBINATION, 41_002).passage());
        assertThat(v.findings().get(0).explanation()).contains("容差2.5%（40,001 kg×1.025=41,001.025 kg）");
    }

    @Test
    void everyFindingStartsWithItsCode() {
        Rules both = new Rules(new OverweightSettings(30_000, Map.of(), -1, 2, "OW"),
                new CleanlinessSettings(0.5, 0.5, 0.5, java.util.Set.of("浙A00000"), "CL"));
        Verdict v = both.judge(Traffic.row(4, VehicleKind.TRUCK, 60_000).accuracyClass("?").verification(null)
                .flag(org.nsegw.api.fusion.PassageFlag.TAILGATING).flag(org.nsegw.api.weigh.WeighFlag.MOTION)
                .observed(org.nsegw.api.vision.ObservationKind.DIRTY_ROAD, 0.2).passage());
        assertThat(v.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.explanation()).startsWith(f.code() + "："));
        assertThat(v.findings()).extracting(Finding::code).allMatch(c -> c.matches("[A-Z][A-Z0-9_]*"));
    }
}
