package org.nsegw.site;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.nsegw.site.Yaml.ScalarKind;
import org.nsegw.site.Yaml.YEntry;
import org.nsegw.site.Yaml.YList;
import org.nsegw.site.Yaml.YMap;
import org.nsegw.site.Yaml.YNode;
import org.nsegw.site.Yaml.YScalar;

/**
 * Turns a YAML value into the typed configuration value a metatype attribute asks for, or says exactly why it
 * cannot: wrong type, out of range, not one of the options, too many values.
 */
final class PropertyValues {

    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private PropertyValues() {
    }

    /**
     * The typed value of {@code node} for {@code schema}: a wrapper object for single values, an array of them for
     * multi-valued attributes.
     *
     * @param what     how the key is named in messages, e.g. {@code serial.baud of device 'wim-L1'}
     * @param problems where problems go
     * @return the value, or empty when a problem was reported
     */
    static Optional<Object> convert(YNode node, PropertySchema schema, String what, Consumer<Problem> problems) {
        if (!schema.isMultiValued()) {
            if (!(node instanceof YScalar scalar)) {
                problems.accept(new Problem(node.location(),
                        what + " must be a single value (" + schema.type().describe() + "), not " + node.describe()));
                return Optional.empty();
            }
            return single(scalar, schema, what, problems);
        }
        List<YNode> items;
        List<Problem> pairProblems = new ArrayList<>();
        if (node instanceof YList list) {
            items = list.items();
        } else if (node instanceof YScalar scalar) {
            items = scalar.isNull() ? List.of() : List.of(scalar);
        } else {
            items = pairs((YMap) node, schema, what, pairProblems::add);
            pairProblems.forEach(problems);
        }
        boolean unlimited = schema.cardinality() == Integer.MAX_VALUE || schema.cardinality() == Integer.MIN_VALUE;
        int limit = unlimited ? Integer.MAX_VALUE : Math.abs(schema.cardinality());
        if (items.size() > limit) {
            problems.accept(new Problem(node.location(),
                    what + " takes at most " + limit + " values, not " + items.size()));
            return Optional.empty();
        }
        Object array = Array.newInstance(schema.type().javaType(), items.size());
        boolean ok = pairProblems.isEmpty();
        for (int i = 0; i < items.size(); i++) {
            YNode item = items.get(i);
            if (!(item instanceof YScalar scalar)) {
                problems.accept(new Problem(item.location(),
                        what + " must be a list of single values, but item " + (i + 1) + " is " + item.describe()));
                ok = false;
                continue;
            }
            Optional<Object> value = single(scalar, schema, what, problems);
            if (value.isPresent()) {
                Array.set(array, i, value.get());
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(array) : Optional.empty();
    }

    /** A mapping given for a list of text becomes {@code key=value} items, e.g. per-lane limits. */
    private static List<YNode> pairs(YMap map, PropertySchema schema, String what, Consumer<Problem> problems) {
        if (schema.type() != ValueType.STRING) {
            problems.accept(new Problem(map.location(), what + " must be a list, not a mapping"));
            return List.of();
        }
        List<YNode> items = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (YEntry e : map.entries()) {
            if (!keys.add(e.key().text())) {
                problems.accept(new Problem(e.key().location(), what + ": duplicate key '" + e.key().text() + "'"));
            } else if (e.value() instanceof YScalar v && !v.isNull()) {
                items.add(new YScalar(e.key().text() + "=" + v.text(), ScalarKind.TEXT, true, e.key().location()));
            } else {
                problems.accept(new Problem(e.value().location(),
                        what + ": the value of '" + e.key().text() + "' must be a single value, not " + e.value().describe()));
            }
        }
        return items;
    }

    private static Optional<Object> single(YScalar scalar, PropertySchema schema, String what, Consumer<Problem> problems) {
        if (scalar.isNull()) {
            problems.accept(new Problem(scalar.location(), what + " has no value; give " + schema.type().describe()
                    + " or remove the key" + (schema.hasDefault() ? " to use the default " + schema.defaults() : "")));
            return Optional.empty();
        }
        String text = scalar.text();
        Optional<Object> value = switch (schema.type()) {
            case STRING, PASSWORD -> Optional.of(text);
            case CHARACTER -> text.codePointCount(0, text.length()) == 1 && text.length() == 1
                    ? Optional.of(text.charAt(0)) : Optional.empty();
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? Optional.of(Boolean.valueOf(text.toLowerCase())) : Optional.empty();
            case LONG, INTEGER, SHORT, BYTE -> whole(text, schema.type());
            case DOUBLE, FLOAT -> decimal(text, schema.type());
        };
        if (value.isEmpty()) {
            Optional<String> limits = typeLimits(text, schema.type());
            if (limits.isPresent()) {
                problems.accept(new Problem(scalar.location(), what + " is " + text + ", out of range; allowed " + limits.get()));
                return Optional.empty();
            }
            String hint = schema.type() == ValueType.BOOLEAN && scalar.kind() == ScalarKind.TEXT
                    ? " (YAML 1.2: yes/no/on/off are text)" : "";
            problems.accept(new Problem(scalar.location(),
                    what + " must be " + schema.type().describe() + ", not " + scalar.describe() + hint));
            return Optional.empty();
        }
        String canonical = String.valueOf(value.get());
        if (!schema.optionValues().isEmpty() && !schema.optionValues().contains(canonical)) {
            problems.accept(new Problem(scalar.location(), what + " is " + scalar.describe()
                    + "; allowed: " + String.join(", ", schema.optionValues())
                    + Suggestions.didYouMean(canonical, schema.optionValues())));
            return Optional.empty();
        }
        Optional<String> range = outOfRange(value.get(), text, schema);
        if (range.isPresent()) {
            problems.accept(new Problem(scalar.location(), what + " " + range.get()));
            return Optional.empty();
        }
        return value;
    }

    private static Optional<Object> whole(String text, ValueType type) {
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal v = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        BigDecimal min = BigDecimal.valueOf(wholeMin(type));
        BigDecimal max = BigDecimal.valueOf(wholeMax(type));
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            return Optional.empty();
        }
        long l = v.longValueExact();
        return Optional.of(switch (type) {
            case BYTE -> (byte) l;
            case SHORT -> (short) l;
            case INTEGER -> (int) l;
            default -> l;
        });
    }

    private static long wholeMin(ValueType type) {
        return switch (type) {
            case BYTE -> Byte.MIN_VALUE;
            case SHORT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    private static long wholeMax(ValueType type) {
        return switch (type) {
            case BYTE -> Byte.MAX_VALUE;
            case SHORT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** The range of the type, when {@code text} is a number of the right kind that the type cannot hold. */
    private static Optional<String> typeLimits(String text, ValueType type) {
        if (type.isWholeNumber() && WHOLE.matcher(text).matches()) {
            return Optional.of("from " + wholeMin(type) + " to " + wholeMax(type));
        }
        if (type.isDecimal() && DECIMAL.matcher(text).matches()) {
            double max = type == ValueType.FLOAT ? Float.MAX_VALUE : Double.MAX_VALUE;
            String written = type == ValueType.FLOAT ? String.valueOf((float) max) : String.valueOf(max);
            return Optional.of("from -" + written + " to " + written);
        }
        return Optional.empty();
    }

    private static Optional<Object> decimal(String text, ValueType type) {
        if (!DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d) || (type == ValueType.FLOAT && Float.isInfinite((float) d))) {
            return Optional.empty();
        }
        return Optional.of(type == ValueType.FLOAT ? (Object) (float) d : (Object) d);
    }

    /** Metatype min/max: numeric bounds for numbers, length bounds for text. */
    private static Optional<String> outOfRange(Object value, String written, PropertySchema schema) {
        if (schema.minimum().isEmpty() && schema.maximum().isEmpty()) {
            return Optional.empty();
        }
        boolean text = value instanceof String;
        BigDecimal v = text ? BigDecimal.valueOf(((String) value).length()) : new BigDecimal(String.valueOf(value));
        Optional<BigDecimal> min = schema.minimum().map(BigDecimal::new);
        Optional<BigDecimal> max = schema.maximum().map(BigDecimal::new);
        boolean below = min.isPresent() && v.compareTo(min.get()) < 0;
        boolean above = max.isPresent() && v.compareTo(max.get()) > 0;
        if (!below && !above) {
            return Optional.empty();
        }
        String allowed = min.isPresent() && max.isPresent() ? "from " + min.get() + " to " + max.get()
                : min.isPresent() ? "at least " + min.get() : "at most " + max.get();
        return Optional.of(text
                ? "is " + v + " characters long; allowed " + allowed + " characters"
                : "is " + written + ", out of range; allowed " + allowed);
    }
}
