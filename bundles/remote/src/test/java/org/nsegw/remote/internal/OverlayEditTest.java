package org.nsegw.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.site.SiteCompiler.Setting;

class OverlayEditTest {

    static Map<String, JsonNode> changes(String json) throws Exception {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        Command.JSON.readTree(json).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    @Test
    void setsReplacesAndRemoves() throws Exception {
        List<Setting> current = List.of(Setting.parse("limits.tolerancePercent=5"), Setting.parse("wim-L1.port=\"/dev/ttyUSB0\""));
        List<Setting> next = OverlayEdit.apply(current, changes(
                "{\"limits.tolerancePercent\": 7, \"wim-L1.port\": null, \"uplink.broker\": \"tcp://a: b\", \"lanes.x\": [1, 2]}"));
        assertThat(next).extracting(Setting::toString).containsExactly("limits.tolerancePercent=7",
                "uplink.broker=\"tcp://a: b\"", "lanes.x=[1,2]");
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> OverlayEdit.apply(List.of(), changes("{\"tolerance\": 1}"))).hasMessageContaining("TARGET.KEY");
        assertThatThrownBy(() -> OverlayEdit.apply(List.of(), changes("{\"a.b=c\": 1}"))).hasMessageContaining("TARGET.KEY");
        assertThatThrownBy(() -> OverlayEdit.apply(List.of(), changes("{\".b\": 1}"))).hasMessageContaining("TARGET.KEY");
    }
}
