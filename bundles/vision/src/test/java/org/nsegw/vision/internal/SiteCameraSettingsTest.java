package org.nsegw.vision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nsegw.vision.internal.camera.CameraSettings;
import org.nsegw.vision.internal.pipeline.ExitWatch;

/** What the component makes of a configuration, as Declarative Services hands it over (defaults from the annotation). */
class SiteCameraSettingsTest {

    /** A configuration with the annotation's defaults and the given properties (by method name). */
    static SiteCameraConfig config(Map<String, Object> given) {
        Map<String, Object> p = new HashMap<>(Map.of("id", "cam-exit", "profile", "camera/replay-directory", "lane", "EXIT",
                "regions_wheelZone", new String[] {"0.2,0.6", "0.87,0.6", "0.87,0.83", "0.2,0.83"},
                "regions_bodyZone", new String[] {"0.2,0.22", "0.74,0.22", "0.74,0.43"},
                "regions_roadZone", new String[] {"0.3,0.85", "0.98,0.85", "0.98,0.99"}));
        p.putAll(given);
        return (SiteCameraConfig) Proxy.newProxyInstance(SiteCameraConfig.class.getClassLoader(), new Class<?>[] {SiteCameraConfig.class},
                (proxy, method, args) -> p.containsKey(method.getName()) ? p.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void aReplayCameraReadsItsFolderBesideTheSiteFile() {
        Path site = Path.of("/etc/nsegw/edge-config");
        CameraSettings s = SiteCamera.settings(config(Map.of("protocol", "directory", "path", "frames/exit", "reference_cleanRoad", "clean.jpg",
                "regions_washArea", new String[] {""})), Optional.of(site));
        assertThat(s.directory()).contains(site.resolve("frames/exit"));
        assertThat(s.cleanRoad()).contains(site.resolve("clean.jpg"));
        assertThat(s.regions().washArea()).as("a blank wash area is none").isEmpty();
        assertThat(s.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.maxFrameBytes()).isEqualTo(2048 * 1024);
        assertThat(s.presence()).isEqualTo("motion");
        ExitWatch.Settings w = SiteCamera.watchSettings(config(Map.of("protocol", "event-images", "eventCamera", "anpr-gate")));
        assertThat(w.stills()).isTrue();
        assertThat(w.framesBefore()).isEqualTo(5);
        assertThat(w.roadReport()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aConfigurationThatCannotWorkSaysWhichKey() {
        assertThatThrownBy(() -> SiteCamera.settings(config(Map.of("protocol", "snapshot", "address", "10.0.0.9", "path", "/p",
                "regions_bodyZone", new String[] {"0.2", "0.22", "0.74"})), Optional.empty()))
                .hasMessageStartingWith("regions.bodyZone: corner 1 is '0.2'");
        assertThatThrownBy(() -> SiteCamera.settings(config(Map.of("protocol", "mjpeg", "address", "10.0.0.9")), Optional.empty()))
                .hasMessageContaining("needs the stream path");
        assertThatThrownBy(() -> SiteCamera.settings(config(Map.of("protocol", "directory", "id", "../cam")), Optional.empty()))
                .hasMessageContaining("id '../cam'");
    }

    @Test
    void theConsoleSeesTheRegionsAsConfiguredAlsoInvalidOnesAndWithoutAnUnsetWashArea() {
        var regions = SiteCamera.configuredRegions(config(Map.of("regions_roadZone", new String[] {"1.2,0.85", "0.98,0.85"})));
        assertThat(regions.keySet()).containsExactly("wheelZone", "bodyZone", "roadZone");
        assertThat(regions.get("roadZone")).containsExactly("1.2,0.85", "0.98,0.85");
        assertThat(SiteCamera.configuredRegions(config(Map.of("regions_washArea", new String[] {"0,0.6", "0.21,0.6", "0.21,1"}))))
                .containsKey("washArea");
    }
}
