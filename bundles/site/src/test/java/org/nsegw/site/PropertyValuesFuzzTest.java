package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.nsegw.site.Yaml.ScalarKind;
import org.nsegw.site.Yaml.YEntry;
import org.nsegw.site.Yaml.YList;
import org.nsegw.site.Yaml.YMap;
import org.nsegw.site.Yaml.YNode;
import org.nsegw.site.Yaml.YScalar;

/** {@link PropertyValues#convert} gives a value of the right type or says why not, for any value and schema. */
class PropertyValuesFuzzTest {

    private static final Location AT = new Location("p.yaml", 1, 1);

    private record Outcome(Optional<Object> value, List<Problem> problems) {
    }

    private static Outcome convert(YNode node, PropertySchema schema) {
        List<Problem> problems = new ArrayList<>();
        Optional<Object> value = PropertyValues.convert(node, schema, "x", problems::add);
        return new Outcome(value, problems);
    }

    private static YScalar scalar(String text) {
        return new YScalar(text, ScalarKind.TEXT, false, AT);
    }

    @Property(tries = 2000)
    void aValueOrProblemsNeverBoth(@ForAll("nodes") YNode node, @ForAll("schemas") PropertySchema schema) {
        Outcome o = convert(node, schema);
        assertThat(o.value().isPresent()).as("value %s, problems %s", o.value(), o.problems()).isEqualTo(o.problems().isEmpty());
        o.problems().forEach(p -> assertThat(p.message()).startsWith("x"));
        o.value().ifPresent(v -> {
            if (schema.isMultiValued()) {
                assertThat(v.getClass().getComponentType()).isEqualTo(schema.type().javaType());
                for (int i = 0; i < Array.getLength(v); i++) {
                    assertThat(Array.get(v, i)).isNotNull();
                }
            } else {
                assertThat(v).isInstanceOf(schema.type().javaType());
            }
        });
    }

    @Property
    void wholeNumbersFitTheirType(@ForAll("wholeTypes") ValueType type, @ForAll("bigWholes") BigInteger n) {
        Outcome o = convert(scalar(n.toString()), Fixtures.prop("n", type).build());
        BigInteger min = BigInteger.valueOf(switch (type) {
            case BYTE -> Byte.MIN_VALUE;
            case SHORT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        });
        BigInteger max = BigInteger.valueOf(switch (type) {
            case BYTE -> Byte.MAX_VALUE;
            case SHORT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        });
        boolean fits = n.compareTo(min) >= 0 && n.compareTo(max) <= 0;
        if (fits) {
            assertThat(o.value()).get().isInstanceOf(type.javaType()).hasToString(n.toString());
        } else {
            assertThat(o.value()).isEmpty();
            assertThat(o.problems()).singleElement().extracting(Problem::message).asString()
                    .isEqualTo("x is " + n + ", out of range; allowed from " + min + " to " + max);
        }
    }

    @Property
    void finiteDoublesSurviveTheirOwnText(@ForAll double d) {
        Outcome o = convert(scalar(String.valueOf(d)), Fixtures.prop("d", ValueType.DOUBLE).build());
        if (Double.isFinite(d)) {
            assertThat(o.value()).contains(d);
        } else {
            assertThat(o.value()).isEmpty();
            assertThat(o.problems()).hasSize(1);
        }
    }

    @Property
    void textLengthsAreBoundedInclusively(@ForAll("texts") String text, @ForAll @IntRange(max = 12) int min,
            @ForAll @IntRange(max = 12) int max) {
        Outcome o = convert(scalar(text), Fixtures.prop("s", ValueType.STRING).min(String.valueOf(min)).max(String.valueOf(max)).build());
        boolean fits = text.length() >= min && text.length() <= max;
        assertThat(o.value().isPresent()).isEqualTo(fits);
        if (fits) {
            assertThat(o.value()).contains(text);
        } else {
            assertThat(o.problems()).singleElement().extracting(Problem::message).asString()
                    .isEqualTo("x is " + text.length() + " characters long; allowed from " + min + " to " + max + " characters");
        }
    }

    @Property
    void numbersAreBoundedInclusively(@ForAll @IntRange(min = -50, max = 50) int n, @ForAll @IntRange(min = -20, max = 20) int min,
            @ForAll @IntRange(min = -20, max = 20) int max) {
        Outcome o = convert(scalar(String.valueOf(n)), Fixtures.prop("n", ValueType.SHORT).min(String.valueOf(min)).max(String.valueOf(max)).build());
        assertThat(o.value().isPresent()).isEqualTo(n >= min && n <= max);
    }

    @Provide
    Arbitrary<ValueType> wholeTypes() {
        return Arbitraries.of(ValueType.BYTE, ValueType.SHORT, ValueType.INTEGER, ValueType.LONG);
    }

    @Provide
    Arbitrary<BigInteger> bigWholes() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)),
                Arbitraries.of(-129, -128, 127, 128, -32769, -32768, 32767, 32768).map(BigInteger::valueOf),
                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE)
                        .map(v -> BigInteger.valueOf(((Number) v).longValue()))
                        .flatMap(v -> Arbitraries.of(v.subtract(BigInteger.ONE), v, v.add(BigInteger.ONE))));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().ofMaxLength(15);
    }

    private static Arbitrary<YScalar> scalars() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10),
                Arbitraries.of("0", "-1", "+7", "127", "128", "1e3", "1e400", ".5", ".nan", ".inf", "true", "False", "yes",
                        "a", "é", "😀", "", "2027-06-30", "9223372036854775808", "3.5e38", "x=y"));
        return Combinators.combine(text, Arbitraries.of(ScalarKind.class), Arbitraries.of(true, false))
                .as((t, kind, quoted) -> new YScalar(kind == ScalarKind.NULL ? "" : t, kind, quoted, AT));
    }

    @Provide
    Arbitrary<YNode> nodes() {
        Arbitrary<YNode> leaf = scalars().map(s -> s);
        Arbitrary<YNode> list = Arbitraries.oneOf(leaf, leaf.list().ofMaxSize(3).map(l -> new YList(l, AT)))
                .list().ofMaxSize(5).map(items -> new YList(items, AT));
        Arbitrary<YNode> map = Combinators.combine(scalars(), Arbitraries.oneOf(leaf, list))
                .as(YEntry::new).list().ofMaxSize(5).map(entries -> new YMap(entries, AT));
        return Arbitraries.oneOf(leaf, leaf, list, map);
    }

    @Provide
    Arbitrary<PropertySchema> schemas() {
        Arbitrary<ValueType> type = Arbitraries.of(ValueType.class);
        Arbitrary<Integer> cardinality = Arbitraries.of(0, 0, 1, 3, -2, Integer.MAX_VALUE, Integer.MIN_VALUE);
        Arbitrary<String> bound = Arbitraries.of("", "", "0", "1", "5", "-1", "127", "2.5");
        Arbitrary<List<String>> options = Arbitraries.of(List.of(), List.of(), List.of("a", "1", "true"), List.of("0", "-1", "1.0"));
        // Bounds of booleans and characters are not numbers and not lengths; PropertyValues does not support them.
        return Combinators.combine(type, cardinality, bound, bound, options, Arbitraries.of(true, false))
                .as((t, c, min, max, o, d) -> new PropertySchema("x", "x", "", t, c, true, d ? List.of("1") : List.of(), min, max, o))
                .filter(p -> !(p.type() == ValueType.BOOLEAN || p.type() == ValueType.CHARACTER) || (p.min().isEmpty() && p.max().isEmpty()));
    }
}
