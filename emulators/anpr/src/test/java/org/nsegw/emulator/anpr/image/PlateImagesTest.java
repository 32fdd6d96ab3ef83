package org.nsegw.emulator.anpr.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;

class PlateImagesTest {

    @Test
    void theSceneWeighsAbout150KbAndTheCloseUpLittle() throws Exception {
        PlateImages.Rendered r = PlateImages.standard().render("浙A3K725", PlateColor.YELLOW, CameraPosition.FRONT,
                "2026-11-23 08:00:01.333  anpr-L1-front  浙A3K725", 1);
        assertThat(r.scene().length).isBetween(120_000, 190_000);
        assertThat(r.closeUp().length).isBetween(5_000, 40_000);
        BufferedImage scene = decode(r.scene());
        assertThat(scene.getWidth()).isEqualTo(r.sceneWidth()).isEqualTo(1600);
        assertThat(scene.getHeight()).isEqualTo(r.sceneHeight()).isEqualTo(1200);
        BufferedImage close = decode(r.closeUp());
        assertThat(close.getWidth()).isEqualTo(PlateImages.CLOSE_UP_WIDTH);
    }

    @ParameterizedTest
    @EnumSource(value = PlateColor.class, names = {"YELLOW", "BLUE", "GREEN"})
    void thePlateHasItsColourInTheSceneAndTheCloseUp(PlateColor color) throws Exception {
        PlateImages.Rendered r = PlateImages.standard().render("浙A3K725", color, CameraPosition.REAR, "x", 3);
        PlateImages.Box box = r.plate();
        BufferedImage scene = decode(r.scene());
        // between the plate's border and its characters: the background
        Color inScene = new Color(scene.getRGB(box.x() + box.width() / 2, box.y() + 10));
        Color inCloseUp = new Color(decode(r.closeUp()).getRGB(PlateImages.CLOSE_UP_WIDTH / 2, 24));
        for (Color c : new Color[] {inScene, inCloseUp}) {
            switch (color) {
                case YELLOW -> assertThat(c.getRed() > 200 && c.getGreen() > 150 && c.getBlue() < 90).as("yellow: " + c).isTrue();
                case BLUE -> assertThat(c.getBlue() > 140 && c.getRed() < 80).as("blue: " + c).isTrue();
                case GREEN -> assertThat(c.getGreen() > 170 && c.getRed() < 170 && c.getBlue() < 170).as("green: " + c).isTrue();
                default -> throw new AssertionError();
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        PlateImages p = PlateImages.standard();
        PlateImages.Rendered a = p.render("浙B8D501", PlateColor.YELLOW, CameraPosition.FRONT, "cap", 9);
        PlateImages.Rendered b = p.render("浙B8D501", PlateColor.YELLOW, CameraPosition.FRONT, "cap", 9);
        PlateImages.Rendered c = p.render("浙B8D501", PlateColor.YELLOW, CameraPosition.FRONT, "cap", 10);
        assertThat(a.scene()).isEqualTo(b.scene());
        assertThat(a.closeUp()).isEqualTo(b.closeUp());
        assertThat(a.scene()).isNotEqualTo(c.scene());
    }

    @Test
    void withoutFontsEveryCharacterIsStillDrawn() throws Exception {
        PlateImages dots = PlateImages.withoutFonts();
        assertThat(dots.drawsChinese()).isFalse();
        PlateImages.Rendered r = dots.render("浙A1234挂", PlateColor.YELLOW, CameraPosition.REAR, "caption 浙A1234挂", 5);
        BufferedImage close = decode(r.closeUp());
        // ink in the province cell (its boxed stand-in) and in the last cell (挂's)
        assertThat(darkPixels(close, 36, 40, 40, 80)).isGreaterThan(100);
        assertThat(darkPixels(close, 395, 40, 40, 80)).isGreaterThan(100);
        assertThat(r.scene().length).isGreaterThan(100_000);
    }

    @Test
    void theStandardImagesUseAChineseFontOnlyIfOneIsInstalled() {
        // whatever this machine has, rendering works; the answer only says which way the province is drawn
        PlateImages p = PlateImages.standard();
        PlateImages.Rendered r = p.render("粤B12345", PlateColor.BLUE, CameraPosition.GATE, "x", 1);
        assertThat(r.closeUp().length).isPositive();
    }

    @Test
    void captionsKeepOnlyLettersAnyFontHas() {
        assertThat(PlateImages.latinOnly("08:00 cam 黄浙A1234挂")).isEqualTo("08:00 cam [?][ZJ]A1234[GUA]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDotGlyphIsFiveBySeven() throws Exception {
        Field f = BitmapFont.class.getDeclaredField("GLYPHS");
        f.setAccessible(true);
        Map<Character, String> glyphs = (Map<Character, String>) f.get(null);
        assertThat(glyphs.keySet()).contains('0', '9', 'A', 'Z', '?');
        glyphs.forEach((c, g) -> assertThat(g).as("glyph " + c).hasSize(35).matches("[01]+"));
    }

    private static BufferedImage decode(byte[] jpeg) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).isNotNull();
        return image;
    }

    private static int darkPixels(BufferedImage image, int x, int y, int w, int h) {
        int n = 0;
        for (int i = x; i < x + w; i++) {
            for (int j = y; j < y + h; j++) {
                Color c = new Color(image.getRGB(i, j));
                if (c.getRed() + c.getGreen() + c.getBlue() < 200) {
                    n++;
                }
            }
        }
        return n;
    }
}
