package org.nsegw.emulator.camera.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneRendererTest {

    @Test
    void theSameSpecGivesTheSameBytes() {
        SceneSpec spec = SceneSpec.random(7, 640, 360, ConditionMix.DEFAULT);
        assertThat(SceneRenderer.render(spec).jpeg()).isEqualTo(SceneRenderer.render(spec).jpeg());
        assertThat(SceneRenderer.render(spec.withFrame(1)).jpeg()).isNotEqualTo(SceneRenderer.render(spec).jpeg());
    }

    @Test
    void rendersBothSizesAsDecodableJpegs() throws Exception {
        for (int[] size : new int[][] {{640, 360}, {1280, 720}}) {
            RenderedScene s = SceneRenderer.render(SceneSpec.random(3, size[0], size[1], ConditionMix.DEFAULT));
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(s.jpeg()));
            assertThat(decoded.getWidth()).isEqualTo(size[0]);
            assertThat(decoded.getHeight()).isEqualTo(size[1]);
            assertThat(s.label().width()).isEqualTo(size[0]);
        }
    }

    @Test
    void mudAndDirtSharesFollowTheTruth() {
        Condition day = Condition.CLEAR_DAY;
        for (long seed = 1; seed <= 6; seed++) {
            Label muddy = SceneRenderer.render(SceneSpec.still(seed, 640, 360, day, new Truck("浙A3K725", true, Load.CLOSED), true)).label();
            Label clean = SceneRenderer.render(SceneSpec.still(seed, 640, 360, day, new Truck("浙A3K725", false, Load.CLOSED), false)).label();
            assertThat(muddy.mudShare()).as("seed %d", seed).isGreaterThan(0.12);
            assertThat(clean.mudShare()).as("seed %d", seed).isLessThan(0.05);
            assertThat(muddy.dirtShare()).as("seed %d", seed).isGreaterThan(0.08);
            assertThat(clean.dirtShare()).as("seed %d", seed).isLessThan(0.02);
            assertThat(muddy.muddyVehicle()).isTrue();
            assertThat(clean.dirtyRoad()).isFalse();
        }
    }

    @Test
    void theTruckBoxLiesWhereTheTruckStops() {
        Label l = SceneRenderer.render(SceneSpec.still(5, 1280, 720, Condition.CLEAR_DAY, new Truck("浙A5G219", false, Load.UNCOVERED), false)).label();
        int[] box = l.box();
        assertThat(box[0]).isBetween((int) (0.19 * 1280), (int) (0.25 * 1280));
        assertThat(box[0] + box[2]).isBetween((int) (0.82 * 1280), (int) (0.87 * 1280));
        assertThat(box[1] + box[3]).isBetween((int) (0.80 * 720), (int) (0.83 * 720));
        assertThat(l.uncoveredLoad()).isTrue();
    }

    @Test
    void labelsRoundTrip(@TempDir Path dir) throws Exception {
        RenderedScene s = SceneRenderer.render(SceneSpec.random(11, 640, 360, ConditionMix.parse("light=night,rain=1,shadows=1")));
        Path jpg = s.write(dir, "exit-000011");
        Label read = Label.read(dir.resolve("exit-000011.json"));
        assertThat(read).isEqualTo(s.label().withImage("exit-000011.jpg"));
        assertThat(read.condition().light()).isEqualTo(Light.NIGHT);
        assertThat(read.condition().rain()).isTrue();
        assertThat(Files.readAllBytes(jpg)).isEqualTo(s.jpeg());
        assertThat(Files.readString(dir.resolve("exit-000011.json"))).startsWith("{\"format\":\"nsegw-vision-label/1\",\"image\":\"exit-000011.jpg\"");
    }

    @Test
    void refusesLabelsOfAnotherFormatOrWithFieldsMissing() {
        assertThatThrownBy(() -> Label.parse("{\"format\":\"other\"}")).hasMessageContaining("nsegw-vision-label/1");
        String json = SceneRenderer.render(SceneSpec.random(2, 640, 360, ConditionMix.DEFAULT)).label().toJson();
        assertThatThrownBy(() -> Label.parse(json.replace("\"truth\"", "\"truths\""))).hasMessageContaining("'truth' is missing");
    }

    @Test
    void conditionMixParsesTheCommandLineForm() {
        ConditionMix m = ConditionMix.parse("light=dusk|night,rain=0.5,noise=0.03-0.06,quality=50-70");
        assertThat(m.lights()).containsExactly(Light.DUSK, Light.NIGHT);
        assertThat(m.noiseMax()).isEqualTo(0.06);
        assertThat(ConditionMix.parse(m.toString())).isEqualTo(m);
        assertThatThrownBy(() -> ConditionMix.parse("light=noon")).hasMessageContaining("day, dusk or night");
        assertThatThrownBy(() -> ConditionMix.parse("fog=1")).hasMessageContaining("unknown condition 'fog'");
    }
}
