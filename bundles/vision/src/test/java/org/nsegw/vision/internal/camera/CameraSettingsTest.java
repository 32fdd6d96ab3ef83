package org.nsegw.vision.internal.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraSettingsTest {

    static final double[] SQUARE = {0.1, 0.1, 0.5, 0.1, 0.5, 0.5, 0.1, 0.5};

    static ExitRegions regions() {
        Polygon p = Polygon.of("regions.wheelZone", SQUARE);
        return new ExitRegions(p, p, p, Optional.empty());
    }

    static CameraSettings settings(String source, String address, String path, Optional<Path> dir, String eventCamera, String presence,
            int width, int height) {
        return new CameraSettings("cam-exit", "EXIT", source, address, 80, path, dir, "", "", Duration.ofMillis(500), Duration.ofSeconds(30),
                eventCamera, width, height, 1 << 20, regions(), Optional.empty(), presence, 0.12, Duration.ofSeconds(8));
    }

    @Test
    void polygonsSayWhatIsWrongWithThem() {
        assertThat(Polygon.of("regions.wheelZone", SQUARE).area()).isCloseTo(0.16, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Polygon.of("k", SQUARE).pixels(101, 11)).containsExactly(new int[] {10, 1}, new int[] {50, 1}, new int[] {50, 5},
                new int[] {10, 5});
        assertThatThrownBy(() -> Polygon.of("regions.wheelZone", new double[0])).hasMessageContaining("regions.wheelZone is not set");
        assertThatThrownBy(() -> Polygon.of("regions.bodyZone", new double[] {0.1, 0.1, 0.5, 0.1, 0.5}))
                .hasMessage("regions.bodyZone has 5 numbers; corners are x,y pairs, so the count must be even");
        assertThatThrownBy(() -> Polygon.of("regions.roadZone", new double[] {0.1, 0.1, 0.5, 0.1}))
                .hasMessage("regions.roadZone has 2 corners; a region needs at least 3");
        assertThatThrownBy(() -> Polygon.of("regions.roadZone", new double[] {0.1, 0.1, 0.5, 1.5, 0.2, 0.2}))
                .hasMessage("regions.roadZone: y of corner 2 is 1.5; corners are fractions of the frame, 0 to 1");
        assertThatThrownBy(() -> Polygon.of("regions.washArea", new double[] {0.1, 0.1, 0.2, 0.2, 0.3, 0.3}))
                .hasMessageContaining("encloses no area");
    }

    @Test
    void siteFilePolygonsAreCornersAsXyTexts() {
        assertThat(Polygon.of("regions.wheelZone", new String[] {"0.2,0.6", "0.87, 0.6", " 0.87,0.83", "0.2,0.83"}))
                .isEqualTo(Polygon.of("k", new double[] {0.2, 0.6, 0.87, 0.6, 0.87, 0.83, 0.2, 0.83}));
        // what YAML makes of [0.2,0.6, 0.87,0.6, ...] without quotes: one number per item
        assertThatThrownBy(() -> Polygon.of("regions.wheelZone", new String[] {"0.2", "0.6", "0.87", "0.6", "0.87", "0.83"}))
                .hasMessage("regions.wheelZone: corner 1 is '0.2'; write each corner as \"x,y\" in quotes, e.g. "
                        + "[\"0.2,0.6\", \"0.87,0.6\", \"0.87,0.83\", \"0.2,0.83\"]");
        assertThatThrownBy(() -> Polygon.of("regions.roadZone", new String[] {"0.1,0.1", "0.5,x", "0.2,0.3"}))
                .hasMessageContaining("corner 2 is '0.5,x'");
        assertThatThrownBy(() -> Polygon.of("regions.roadZone", new String[] {"0.1,0.1", "0.5,1.2", "0.2,0.3"}))
                .hasMessage("regions.roadZone: y of corner 2 is 1.2; corners are fractions of the frame, 0 to 1");
        assertThatThrownBy(() -> Polygon.of("regions.bodyZone", new String[0])).hasMessageContaining("regions.bodyZone is not set");
    }

    @Test
    void eachSourceNeedsWhatItReadsFrom() {
        assertThat(settings("snapshot", "192.168.20.12", "/ISAPI/Streaming/channels/101/picture", Optional.empty(), "", "motion", 0, 0).source())
                .isEqualTo("snapshot");
        assertThatThrownBy(() -> settings("snapshot", "", "/x", Optional.empty(), "", "motion", 0, 0)).hasMessageContaining("needs the camera's address");
        assertThatThrownBy(() -> settings("mjpeg", "10.0.0.1", "", Optional.empty(), "", "motion", 0, 0)).hasMessageContaining("stream path");
        assertThatThrownBy(() -> settings("directory", "", "", Optional.empty(), "", "motion", 0, 0)).hasMessageContaining("folder of images");
        assertThatThrownBy(() -> settings("event-images", "", "", Optional.empty(), "", "motion", 0, 0)).hasMessageContaining("eventCamera");
        assertThatThrownBy(() -> settings("rtsp", "10.0.0.1", "/", Optional.empty(), "", "motion", 0, 0)).hasMessageContaining("not one of");
        assertThatThrownBy(() -> settings("snapshot", "10.0.0.1", "/", Optional.empty(), "", "radar", 0, 0)).hasMessageContaining("presence.mode");
        assertThatThrownBy(() -> settings("snapshot", "10.0.0.1", "/", Optional.empty(), "", "motion", 1280, 0)).hasMessageContaining("go together");
    }

    @Test
    void relativePathsAreTheSiteFilesFolders() {
        Path site = Path.of("/etc/nsegw/edge-config");
        assertThat(CameraSettings.resolve("refs/clean.jpg", Optional.of(site))).contains(site.resolve("refs/clean.jpg"));
        assertThat(CameraSettings.resolve("/var/refs/clean.jpg", Optional.of(site))).contains(Path.of("/var/refs/clean.jpg"));
        assertThat(CameraSettings.resolve(" ", Optional.of(site))).isEmpty();
    }
}
