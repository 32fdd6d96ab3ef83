package org.nsegw.site;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The metatype of one configurable component: its PID (or factory PID) and its properties.
 *
 * @param pid         the PID, or the factory PID when {@code factory} is true
 * @param factory     whether several configurations (one per device, per lane...) may exist
 * @param name        the component's human name
 * @param description what the component does
 * @param properties  the properties by id, in declaration order
 */
public record ConfigSchema(String pid, boolean factory, String name, String description,
        Map<String, PropertySchema> properties) {

    public ConfigSchema {
        Objects.requireNonNull(pid, "pid");
        name = name == null ? pid : name;
        description = description == null ? "" : description;
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public static ConfigSchema of(String pid, boolean factory, String name, String description,
            List<PropertySchema> properties) {
        Map<String, PropertySchema> byId = new LinkedHashMap<>();
        properties.forEach(p -> byId.put(p.id(), p));
        return new ConfigSchema(pid, factory, name, description, byId);
    }

    public Optional<PropertySchema> property(String id) {
        return Optional.ofNullable(properties.get(id));
    }
}
