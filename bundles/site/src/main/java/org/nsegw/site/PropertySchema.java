package org.nsegw.site;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute definition (AD) of a component's metatype.
 *
 * @param id           the property id, e.g. {@code serial.baud}
 * @param name         a short human name
 * @param description  what the property means
 * @param type         the value type
 * @param cardinality  0 for a single value; otherwise the maximum number of values (negative: a list)
 * @param required     whether a value must be given when there is no default
 * @param defaults     the default values, empty when none
 * @param min          the minimum (a number, or a length for text), empty when none
 * @param max          the maximum, empty when none
 * @param optionValues the allowed values, empty when any value of the type is allowed
 */
public record PropertySchema(
        String id,
        String name,
        String description,
        ValueType type,
        int cardinality,
        boolean required,
        List<String> defaults,
        String min,
        String max,
        List<String> optionValues) {

    public PropertySchema {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        name = name == null ? id : name;
        description = description == null ? "" : description;
        defaults = List.copyOf(defaults);
        min = min == null ? "" : min;
        max = max == null ? "" : max;
        optionValues = List.copyOf(optionValues);
    }

    public boolean isMultiValued() {
        return cardinality != 0;
    }

    public boolean hasDefault() {
        return !defaults.isEmpty();
    }

    public Optional<String> minimum() {
        return min.isEmpty() ? Optional.empty() : Optional.of(min);
    }

    public Optional<String> maximum() {
        return max.isEmpty() ? Optional.empty() : Optional.of(max);
    }
}
