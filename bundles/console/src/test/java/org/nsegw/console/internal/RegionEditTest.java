package org.nsegw.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.site.SiteCompiler.Setting;

class RegionEditTest {

    static final Map<String, List<String>> CONFIGURED = Map.of("roadZone", List.of("0.3,0.85", "0.98,0.85", "0.98,0.99", "0.3,0.99"));

    private static Form form(String body) throws Form.Malformed {
        return Form.parse(body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void cornersAreSplitOnWhiteSpaceWithSpacesAroundCommasAllowed() {
        assertThat(RegionEdit.corners("  0.3 , 0.85   0.98,0.85\t0.5,1 ")).containsExactly("0.3,0.85", "0.98,0.85", "0.5,1");
        assertThat(RegionEdit.corners(" ")).isEmpty();
    }

    @Test
    void onlyChangedRegionsBecomeSettingsWithTheirCornersAsAJsonArray() throws Exception {
        assertThat(RegionEdit.changes("cam-exit", form("regions.roadZone=0.3,0.85+0.98,0.85+0.98,0.99+0.3,0.99"), CONFIGURED)).isEmpty();
        List<Setting> changes = RegionEdit.changes("cam-exit",
                form("regions.roadZone=0.2,0.8+0.98,0.85+0.98,0.99&regions.washArea=0,0.6+0.21,0.6+0.21,1"), CONFIGURED);
        assertThat(changes).extracting(Object::toString).containsExactly(
                "cam-exit.regions.roadZone=[\"0.2,0.8\",\"0.98,0.85\",\"0.98,0.99\"]",
                "cam-exit.regions.washArea=[\"0,0.6\",\"0.21,0.6\",\"0.21,1\"]");
        // text that is not a corner goes on as it is: the site compiler says what is wrong with it
        assertThat(RegionEdit.changes("cam-exit", form("regions.roadZone=1.2,0.85+x%22y"), CONFIGURED)).extracting(Setting::value)
                .containsExactly("[\"1.2,0.85\",\"x\\\"y\"]");
    }

    @Test
    void aFormWithoutRegionsOrWithTooManyCornersIsRefused() {
        assertThatThrownBy(() -> RegionEdit.changes("cam-exit", form("camera=cam-exit"), CONFIGURED)).hasMessageContaining("no region");
        assertThatThrownBy(() -> RegionEdit.changes("cam-exit", form("regions.roadZone=" + "0.1,0.1+".repeat(65)), CONFIGURED))
                .hasMessageContaining("65 corners");
    }

    @Test
    void changesReplaceEarlierSettingsOfTheSameKeyAndKeepTheRest() {
        List<Setting> overlay = List.of(new Setting("uplink", "heartbeatSeconds", "30"), new Setting("cam-exit", "regions.roadZone", "[\"old\"]"));
        List<Setting> next = RegionEdit.merged(overlay, List.of(new Setting("cam-exit", "regions.roadZone", "[\"new\"]")));
        assertThat(next).extracting(Object::toString).containsExactly("uplink.heartbeatSeconds=30", "cam-exit.regions.roadZone=[\"new\"]");
    }
}
