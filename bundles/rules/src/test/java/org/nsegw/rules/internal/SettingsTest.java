package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings from configuration properties in every form Configuration Admin or the site compiler gives them. */
class SettingsTest {

    @Test
    void missingKeysTakeTheMetatypeDefaults() {
        OverweightSettings o = OverweightSettings.fromProperties(Map.of());
        assertThat(o).isEqualTo(new OverweightSettings(0, Map.of(), -1, 2, ""));
        assertThat(o.toleranceFromAccuracyClass()).isTrue();
        assertThat(o.plateReadsForCase()).as("two agreeing reads unless the site says otherwise").isEqualTo(2);
        assertThat(CleanlinessSettings.fromProperties(Map.of()))
                .isEqualTo(new CleanlinessSettings(0.8, 0.8, 0.8, Set.of(), ""));
    }

    @Test
    void numbersComeAsIntegersLongsDoublesOrText() {
        Map<String, Object> config = Map.of("postedLimitKg", 40_000L, "tolerancePercent", "5",
                "laneLimitsKg", new String[] {"L4=30000", "L1=20000"}, "enforcementCode", " 0101 ",
                "service.pid", "org.nsegw.rules.overweight");
        OverweightSettings o = OverweightSettings.fromProperties(config);
        assertThat(o).isEqualTo(new OverweightSettings(40_000, Map.of("L4", 30_000, "L1", 20_000), 5, 2, "0101"));
        assertThat(OverweightSettings.fromProperties(Map.of("postedLimitKg", 40_000.0, "tolerancePercent", 2.5))
                .tolerancePercent()).isEqualTo(2.5);
        assertThat(OverweightSettings.fromProperties(Map.of("postedLimitKg", "40000", "laneLimitsKg", "L4=30000, L2=25000"))
                .laneLimitsKg()).containsOnly(Map.entry("L4", 30_000), Map.entry("L2", 25_000));
        assertThat(OverweightSettings.fromProperties(Map.of("laneLimitsKg", List.of("L4=30000"))).postedLimitKg("L4"))
                .hasValue(30_000);
        assertThat(OverweightSettings.fromProperties(Map.of("plateReadsForCase", 1)).plateReadsForCase()).isEqualTo(1);
        assertThat(OverweightSettings.fromProperties(Map.of("plateReadsForCase", "3")).plateReadsForCase()).isEqualTo(3);

        CleanlinessSettings c = CleanlinessSettings.fromProperties(Map.of("muddyConfidence", "0.85",
                "uncoveredConfidence", 1, "dirtyRoadConfidence", 0.9f, "haulers", new String[] {"浙A3K725", " 浙A5G219 ", ""},
                "enforcementCode", "CL"));
        assertThat(c.muddyConfidence()).isEqualTo(0.85);
        assertThat(c.uncoveredConfidence()).isEqualTo(1);
        assertThat(c.haulers()).containsExactly("浙A3K725", "浙A5G219");
        assertThat(CleanlinessSettings.fromProperties(Map.of("haulers", "浙A3K725,浙A5G219")).haulers()).hasSize(2);
    }

    @Test
    void haulerPlatesAreTakenInTheFormTheCamerasReadsHave() {
        CleanlinessSettings c = CleanlinessSettings.fromProperties(Map.of("haulers",
                new String[] {"浙a·3k725", "浙Ａ５Ｇ２１９", "浙A 8D-031", "浙AF2206"}));
        assertThat(c.haulers()).containsExactlyInAnyOrder("浙A3K725", "浙A5G219", "浙A8D031", "浙AF2206");
        assertThatThrownBy(() -> CleanlinessSettings.fromProperties(Map.of("haulers", new String[] {"浙A3K725", " · "})))
                .hasMessage("haulers has an empty plate");
    }

    @Test
    void theLanesOwnPostedLimitReplacesTheSiteWideOne() {
        OverweightSettings o = new OverweightSettings(40_000, Map.of("L4", 30_000), 5, 2, "");
        assertThat(o.postedLimitKg("L4")).hasValue(30_000);
        assertThat(o.postedLimitKg("L1")).hasValue(40_000);
        assertThat(new OverweightSettings(0, Map.of(), 5, 2, "").postedLimitKg("L1")).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithAMessageAnInstallerCanActOn() {
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("postedLimitKg", "forty tonnes")))
                .hasMessage("postedLimitKg is 'forty tonnes', not a whole number of kg");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("postedLimitKg", 40_000.5)))
                .hasMessageContaining("postedLimitKg is 40000.5; it must be a whole number of kg from 0 to 200000");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("postedLimitKg", -1)))
                .hasMessageContaining("from 0 to 200000");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("tolerancePercent", 25)))
                .hasMessageContaining("tolerancePercent is 25.0; it must be 0 to 20 (%), or -1");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("tolerancePercent", -0.5)))
                .hasMessageContaining("or -1 to take the weigh device's accuracy class");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("tolerancePercent", "NaN")))
                .hasMessageContaining("tolerancePercent");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("laneLimitsKg", new String[] {"L4:30000"})))
                .hasMessageContaining("'L4:30000'").hasMessageContaining("LANE=KG");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("plateReadsForCase", 0)))
                .hasMessage("plateReadsForCase is 0; it must be a whole number of plate reads (cameras that read the plate"
                        + " alike) from 1 to 3");
        assertThatThrownBy(() -> OverweightSettings.fromProperties(Map.of("plateReadsForCase", 1.5)))
                .hasMessageContaining("from 1 to 3");
        assertThatThrownBy(() -> new OverweightSettings(0, Map.of(), 5, 4, ""))
                .hasMessage("plateReadsForCase is 4; it must be 1 to 3 (cameras that read the plate alike)");
        assertThatThrownBy(() -> CleanlinessSettings.fromProperties(Map.of("muddyConfidence", 85)))
                .hasMessage("muddyConfidence is 85.0; it must be a confidence from 0 to 1, e.g. 0.85");
        assertThatThrownBy(() -> CleanlinessSettings.fromProperties(Map.of("dirtyRoadConfidence", "high")))
                .hasMessage("dirtyRoadConfidence is 'high', not a confidence from 0 to 1, e.g. 0.85");
    }
}
