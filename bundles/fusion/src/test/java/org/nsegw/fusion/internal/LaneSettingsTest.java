package org.nsegw.fusion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.fusion.internal.LaneSettings.Camera;
import org.nsegw.fusion.internal.LaneSettings.Timing;
import org.nsegw.fusion.internal.LaneSettings.Unweighed;

class LaneSettingsTest {

    @Test
    void fromTheSiteCompilersProperties() {
        LaneSettings l = LaneSettings.fromProperties(Map.of("id", "L1", "name", "北向第1车道",
                "cameras", new String[] {"anpr-L1-front:front:-25.0", "anpr-L1-rear:rear:18.0"},
                "weighSensors", new String[] {"wim-L1"}, "neighbours", new String[] {"L2"},
                "fusion.readToleranceSeconds", 0.5, "fusion.gateWindowSeconds", 30, "fusion.minSpeedKmh", 5L,
                "fusion.unweighed", "all", "nsegw.site", "bridge.yaml"));
        assertThat(l.id()).isEqualTo("L1");
        assertThat(l.cameras()).containsExactly(new Camera("anpr-L1-front", CameraPosition.FRONT, -25),
                new Camera("anpr-L1-rear", CameraPosition.REAR, 18));
        assertThat(l.weighSensors()).containsExactly("wim-L1");
        assertThat(l.neighbours()).containsExactly("L2");
        assertThat(l.timing().readToleranceSeconds()).isEqualTo(0.5);
        assertThat(l.timing().gateWindowSeconds()).isEqualTo(30);
        assertThat(l.timing().minSpeedKmh()).isEqualTo(5);
        assertThat(l.timing().unweighed()).isEqualTo(Unweighed.ALL);
        assertThat(l.isGate()).isFalse();
        assertThat(l.cameras().get(0).property()).isEqualTo("anpr-L1-front:front:-25.0");
    }

    @Test
    void theGateKeys() {
        LaneSettings l = LaneSettings.fromProperties(Map.of("id", "EXIT", "cameras", "anpr-gate:gate:0",
                "fusion.gateWindowSeconds", 25, "fusion.gateWeighMinSeconds", 4.0, "fusion.gateObservationLeadSeconds", "1.5"));
        assertThat(l.timing().gateWindowSeconds()).isEqualTo(25);
        assertThat(l.timing().gateWeighMinSeconds()).isEqualTo(4);
        assertThat(l.timing().gateObservationLeadSeconds()).isEqualTo(1.5);
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "EXIT", "fusion.gateWindowSeconds", 10,
                "fusion.gateWeighMinSeconds", 10))).hasMessage("lane EXIT: fusion.gateWeighMinSeconds (10.0) must be less than "
                        + "fusion.gateWindowSeconds (10.0)");
    }

    @Test
    void missingKeysTakeTheDefaults() {
        LaneSettings l = LaneSettings.fromProperties(Map.of("id", "EXIT", "cameras", "anpr-gate:gate:0"));
        assertThat(l.timing()).isEqualTo(Timing.DEFAULT);
        assertThat(l.isGate()).isTrue();
        assertThat(l.weighSensors()).isEmpty();
        assertThat(l.neighbours()).isEmpty();
    }

    @Test
    void textValuesAsKuraMayGiveThem() {
        LaneSettings l = LaneSettings.fromProperties(Map.of("id", "L1", "fusion.speedTolerancePercent", "4.5",
                "neighbours", List.of("L2", "L3")));
        assertThat(l.timing().speedTolerancePercent()).isEqualTo(4.5);
        assertThat(l.neighbours()).containsExactly("L2", "L3");
    }

    @Test
    void mistakesSayWhatToWrite() {
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("name", "x")))
                .hasMessage("a lane needs an id, e.g. id: L1");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "cameras", new String[] {"anpr-L2-front:front"})))
                .hasMessage("lane L2: camera 'anpr-L2-front:front' must be CAMERA:POSITION:DISTANCE_M, e.g. anpr-L2-front:front:-25");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "cameras", new String[] {"c:side:1"})))
                .hasMessage("lane L2: camera c has position 'side'; use front, rear or gate");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "cameras", new String[] {"c:front:far"})))
                .hasMessage("lane L2: camera c has distance 'far'; give metres from the weigh sensor, e.g. -25 before it or 18 after it");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "cameras", new String[] {"c:front:25"})))
                .hasMessageStartingWith("lane L2: camera c is a front camera at 25 m; front cameras stand before the weigh sensor");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "fusion.latencySeconds", "soon")))
                .hasMessage("lane L2: fusion.latencySeconds 'soon' is not a number; e.g. fusion.latencySeconds: 3.0");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "fusion.minSpeedKmh", 0)))
                .hasMessage("lane L2: fusion.minSpeedKmh is 0; it must be 1.0 to 200.0 (default 10.0)");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "fusion.unweighed", "some")))
                .hasMessage("lane L2: fusion.unweighed 'some'; use none, large or all");
        assertThatThrownBy(() -> LaneSettings.fromProperties(Map.of("id", "L2", "neighbours", new String[] {"L2"})))
                .hasMessage("lane L2: neighbours lists the lane itself; list the lanes next to it");
    }

    @Test
    void aSiteWithOneCameraInTwoLanesIsRefused() {
        LaneSettings a = LaneSettings.fromProperties(Map.of("id", "L1", "cameras", "c:front:-25"));
        LaneSettings b = LaneSettings.fromProperties(Map.of("id", "L2", "cameras", "c:front:-25"));
        assertThatThrownBy(() -> new SiteFusion(List.of(a, b))).hasMessage("camera c is in lane L1 and in lane L2");
        assertThatThrownBy(() -> new SiteFusion(List.of(a, a))).hasMessage("lane L1 is configured twice");
    }
}
