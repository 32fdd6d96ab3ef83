package org.nsegw.vision.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionsTest {

    static final Zone SQUARE = new Zone(new double[] {0.1, 0.5, 0.5, 0.1}, new double[] {0.2, 0.2, 0.6, 0.6});

    @Test
    void readsEveryFormASiteFileOrAToolGives() {
        assertThat(Zone.parse(List.of("0.1,0.2", "0.5,0.2", "0.5,0.6", "0.1,0.6"))).isEqualTo(SQUARE);
        assertThat(Zone.parse(List.of(List.of(0.1, 0.2), List.of(0.5, 0.2), List.of(0.5, 0.6), List.of(0.1, 0.6)))).isEqualTo(SQUARE);
        assertThat(Zone.parse(new String[] {"0.1, 0.2", "0.5,0.2", "0.5,0.6", "0.1,0.6"})).isEqualTo(SQUARE);
        assertThat(Zone.parse("0.1,0.2 0.5,0.2;0.5,0.6  0.1,0.6")).isEqualTo(SQUARE);
        assertThat(Zone.parse(new double[][] {{0.1, 0.2}, {0.5, 0.2}, {0.5, 0.6}, {0.1, 0.6}})).isEqualTo(SQUARE);
        assertThat(Zone.parse(SQUARE.siteForm())).isEqualTo(SQUARE);
        assertThat(Zone.parse(List.of(List.of(0, 0), List.of(1, 0), List.of(1, 1))).xs()).containsExactly(0, 1, 1);
    }

    @Test
    void saysWhatIsWrongWithAZone() {
        assertThatThrownBy(() -> Zone.parse(List.of("0.1,0.2", "0.5,0.2"))).hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> Zone.parse(List.of("0.1,0.2", "0.5;0.2", "0.5,0.6"))).hasMessageContaining("'0.5;0.2' is not a point");
        assertThatThrownBy(() -> Zone.parse(List.of("0.1,0.2", "640,0.2", "0.5,0.6"))).hasMessageContaining("outside the image");
        assertThatThrownBy(() -> Zone.parse(42)).hasMessageContaining("list of points");
    }

    @Test
    void regionsNameTheZoneThatIsMissingOrWrong() {
        Map<String, Object> m = new HashMap<>(Scenes.REGIONS.siteForm());
        assertThat(Regions.parse(m)).isEqualTo(Scenes.REGIONS);
        Map<String, Object> plain = new HashMap<>();
        m.forEach((k, v) -> plain.put(k.substring("regions.".length()), v));
        assertThat(Regions.parse(plain)).isEqualTo(Scenes.REGIONS);
        m.remove("regions.roadZone");
        assertThatThrownBy(() -> Regions.parse(m)).hasMessageContaining("regions.roadZone is missing");
        m.put("regions.roadZone", List.of("1,2", "0,0", "0,1"));
        assertThatThrownBy(() -> Regions.parse(m)).hasMessageStartingWith("regions.roadZone: point 1 (1.0,2.0) is outside the image");
    }

    @Test
    void boundsArePixelsWithinTheImage() {
        assertThat(SQUARE.bounds(640, 360)).isEqualTo(new Box(64, 72, 256, 144));
        assertThat(Zone.parse("0,0 1,0 1,1 0,1").bounds(640, 360)).isEqualTo(new Box(0, 0, 640, 360));
    }
}
