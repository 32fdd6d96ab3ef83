package org.nsegw.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsegw.site.SiteCompiler.Setting;

/**
 * A {@code set} command's settings on top of the overlay in force: {@code "TARGET.KEY": value} sets (replacing an
 * earlier setting of that key), {@code null} removes the key from the overlay (back to the site file's value). A value
 * is written as its JSON text, which YAML 1.2 reads as the same value (a JSON string stays text even when it looks like
 * a mapping), so the site compiler checks it exactly as a site file's value.
 */
final class OverlayEdit {

    private OverlayEdit() {
    }

    static List<Setting> apply(List<Setting> current, Map<String, JsonNode> changes) {
        List<Setting> next = new ArrayList<>(current);
        for (Map.Entry<String, JsonNode> e : changes.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1 || name.contains("=")) {
                throw new IllegalArgumentException("'" + name + "': write TARGET.KEY, e.g. uplink.heartbeatSeconds or wim-L1.port");
            }
            String target = name.substring(0, dot);
            String key = name.substring(dot + 1);
            next.removeIf(s -> s.target().equals(target) && s.key().equals(key));
            JsonNode value = e.getValue();
            if (value != null && !value.isNull()) {
                if (value.isObject() && value.isEmpty()) {
                    throw new IllegalArgumentException("'" + name + "': an empty mapping is no value");
                }
                next.add(new Setting(target, key, value.toString()));
            }
        }
        return next;
    }
}
