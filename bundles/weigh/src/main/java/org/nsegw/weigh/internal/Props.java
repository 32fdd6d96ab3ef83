package org.nsegw.weigh.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device's settings by property id, typed on access. The component makes them from its configuration annotation
 * (so that the annotation's defaults apply); tools make them from a profile's settings.
 */
public final class Props {

    private final Map<String, Object> values;

    public Props(Map<String, ?> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The values of a configuration annotation by property id, with the names Declarative Services gives them
     * ({@code serial_baud()} is {@code serial.baud}).
     */
    public static Props of(Object config, Class<?> annotation) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method m : annotation.getDeclaredMethods()) {
            if (m.getParameterCount() != 0) {
                continue;
            }
            try {
                m.setAccessible(true);
                values.put(id(m.getName()), m.invoke(config));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + m.getName() + " of the configuration", e);
            }
        }
        return new Props(values);
    }

    /** The Declarative Services mapping of a method name to a property id, for the names our configurations use. */
    static String id(String method) {
        return method.replace("$_$", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    public String text(String id) {
        Object v = require(id);
        return v.getClass().isArray() ? String.join(",", texts(id)) : v.toString();
    }

    public int integer(String id) {
        Object v = require(id);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(id + " must be a whole number, not '" + v + "'");
        }
    }

    public double decimal(String id) {
        Object v = require(id);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(id + " must be a number, not '" + v + "'");
        }
    }

    public boolean bool(String id) {
        Object v = require(id);
        return v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString().strip());
    }

    /** A list of text: an array, a collection, or a single value. */
    public List<String> texts(String id) {
        Object v = values.get(id);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                out.add(String.valueOf(java.lang.reflect.Array.get(v, i))); // int[], double[] as much as String[]
            }
        } else if (v instanceof Collection<?> c) {
            c.stream().map(String::valueOf).forEach(out::add);
        } else {
            out.add(v.toString());
        }
        return out;
    }

    /** The property ids present. */
    public java.util.Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String id) {
        return values.containsKey(id);
    }

    private Object require(String id) {
        Object v = values.get(id);
        if (v == null) {
            throw new IllegalArgumentException(id + " is missing");
        }
        return v;
    }
}
