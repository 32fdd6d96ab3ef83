package org.nsegw.site;

import java.lang.reflect.Array;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration the site file asks for.
 *
 * @param pid        the PID of a singleton component, or the factory PID of a factory component
 * @param name       the name of the factory configuration (the lane or device id); empty for a singleton
 * @param properties the typed properties: wrappers and arrays of wrappers, as Configuration Admin takes them
 */
public record PlannedConfiguration(String pid, String name, Map<String, Object> properties) {

    public PlannedConfiguration {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(name, "name");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public boolean isFactory() {
        return !name.isEmpty();
    }

    public Optional<Object> property(String id) {
        return Optional.ofNullable(properties.get(id));
    }

    /** {@code pid} or {@code factoryPid~name}, the form Configuration Admin 1.6 gives named factory configurations. */
    public String displayId() {
        return isFactory() ? pid + "~" + name : pid;
    }

    /** The properties with secrets hidden and arrays written out, for logs and listings. */
    public String describe(java.util.Set<String> secretIds) {
        StringBuilder b = new StringBuilder(displayId()).append(" {");
        String sep = "";
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            b.append(sep).append(e.getKey()).append('=');
            if (secretIds.contains(e.getKey())) {
                b.append("********");
            } else if (e.getValue().getClass().isArray()) {
                b.append('[');
                for (int i = 0; i < Array.getLength(e.getValue()); i++) {
                    b.append(i == 0 ? "" : ", ").append(Array.get(e.getValue(), i));
                }
                b.append(']');
            } else {
                b.append(e.getValue());
            }
            sep = ", ";
        }
        return b.append('}').toString();
    }
}
