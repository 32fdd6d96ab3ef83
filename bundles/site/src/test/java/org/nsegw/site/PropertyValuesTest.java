package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.site.Fixtures.prop;
import static org.nsegw.site.Fixtures.yamlValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.site.Fixtures.Prop;
import org.nsegw.site.Yaml.YNode;

class PropertyValuesTest {

    /** What {@link PropertyValues#convert} made of a value. */
    record Result(Optional<Object> value, List<Problem> problems) {
    }

    static Result convert(YNode node, Prop prop) {
        List<Problem> problems = new ArrayList<>();
        Optional<Object> value = PropertyValues.convert(node, prop.build(), "x", problems::add);
        return new Result(value, problems);
    }

    /** The value of {@code v: <yaml>} for the property, which must be accepted. */
    static Object accepted(String yaml, Prop prop) {
        Result r = convert(yamlValue(yaml), prop);
        assertThat(r.problems()).as("problems of %s", yaml).isEmpty();
        assertThat(r.value()).as("value of %s", yaml).isPresent();
        return r.value().get();
    }

    /** The one problem {@code v: <yaml>} has for the property. */
    static Problem refused(String yaml, Prop prop) {
        Result r = convert(yamlValue(yaml), prop);
        assertThat(r.value()).as("value of %s", yaml).isEmpty();
        assertThat(r.problems()).as("problems of %s", yaml).hasSize(1);
        return r.problems().get(0);
    }

    static String refusal(String yaml, Prop prop) {
        return refused(yaml, prop).message();
    }

    @Nested
    class Types {

        @Test
        void textIsTakenAsWritten() {
            assertThat(accepted("hello world", prop("s", ValueType.STRING))).isEqualTo("hello world");
            assertThat(accepted("3301000012", prop("s", ValueType.STRING))).isEqualTo("3301000012");
            assertThat(accepted("0755", prop("s", ValueType.STRING))).isEqualTo("0755");
            assertThat(accepted("1.50", prop("s", ValueType.STRING))).isEqualTo("1.50");
            assertThat(accepted("no", prop("s", ValueType.STRING))).isEqualTo("no");
            assertThat(accepted("true", prop("s", ValueType.STRING))).isEqualTo("true");
            assertThat(accepted("\"\"", prop("s", ValueType.STRING))).isEqualTo("");
            assertThat(accepted("北岸引桥 K12+300", prop("s", ValueType.STRING))).isEqualTo("北岸引桥 K12+300");
        }

        @Test
        void passwordsAreText() {
            assertThat(accepted("'s3cr3t!'", prop("p", ValueType.PASSWORD))).isEqualTo("s3cr3t!");
            assertThat(accepted("12345", prop("p", ValueType.PASSWORD))).isEqualTo("12345");
        }

        @Test
        void wholeNumbersTakeTheirJavaType() {
            assertThat(accepted("42", prop("n", ValueType.LONG))).isEqualTo(42L);
            assertThat(accepted("42", prop("n", ValueType.INTEGER))).isEqualTo(42);
            assertThat(accepted("42", prop("n", ValueType.SHORT))).isEqualTo((short) 42);
            assertThat(accepted("42", prop("n", ValueType.BYTE))).isEqualTo((byte) 42);
            assertThat(accepted("+7", prop("n", ValueType.INTEGER))).isEqualTo(7);
            assertThat(accepted("-7", prop("n", ValueType.INTEGER))).isEqualTo(-7);
            assertThat(accepted("'12'", prop("n", ValueType.INTEGER))).as("quoted digits are a number too").isEqualTo(12);
            assertThat(accepted("0755", prop("n", ValueType.INTEGER))).as("YAML 1.2: no octal").isEqualTo(755);
        }

        @ParameterizedTest
        @ValueSource(strings = {"fast", "1.0", "1e3", "0x1F", "0o17", "1_000", "' 5'", "''", "true", ".inf"})
        void wholeNumbersRefuseEverythingElse(String yaml) {
            Problem p = refused(yaml, prop("n", ValueType.INTEGER));
            assertThat(p.message()).startsWith("x must be a whole number, not ");
            assertThat(p.location()).isEqualTo(new Location("test.yaml", 1, 4));
        }

        @Test
        void theRefusalQuotesTextButNotNumbers() {
            assertThat(refusal("fast", prop("n", ValueType.INTEGER))).isEqualTo("x must be a whole number, not 'fast'");
            assertThat(refusal("1.5", prop("n", ValueType.INTEGER))).isEqualTo("x must be a whole number, not 1.5");
        }

        @Test
        void decimalsTakeTheirJavaType() {
            assertThat(accepted("30.2090", prop("d", ValueType.DOUBLE))).isEqualTo(30.209);
            assertThat(accepted("-25", prop("d", ValueType.DOUBLE))).isEqualTo(-25.0);
            assertThat(accepted(".5", prop("d", ValueType.DOUBLE))).isEqualTo(0.5);
            assertThat(accepted("5.", prop("d", ValueType.DOUBLE))).isEqualTo(5.0);
            assertThat(accepted("1e3", prop("d", ValueType.DOUBLE))).isEqualTo(1000.0);
            assertThat(accepted("+2.5E-1", prop("d", ValueType.DOUBLE))).isEqualTo(0.25);
            assertThat(accepted("0.1", prop("f", ValueType.FLOAT))).isEqualTo(0.1f);
            assertThat(accepted("3.4e38", prop("f", ValueType.FLOAT))).isEqualTo(3.4e38f);
        }

        @ParameterizedTest
        @ValueSource(strings = {".nan", ".NaN", ".inf", "-.inf", "+.Inf", "NaN", "Infinity", "1,5", "0x10", "five", "1e", "."})
        void decimalsRefuseNotANumberInfinityAndText(String yaml) {
            assertThat(refusal(yaml, prop("d", ValueType.DOUBLE))).startsWith("x must be a number, not ");
            assertThat(refusal(yaml, prop("f", ValueType.FLOAT))).startsWith("x must be a number, not ");
        }

        @Test
        void booleansAreTrueOrFalse() {
            assertThat(accepted("true", prop("b", ValueType.BOOLEAN))).isEqualTo(Boolean.TRUE);
            assertThat(accepted("false", prop("b", ValueType.BOOLEAN))).isEqualTo(Boolean.FALSE);
            assertThat(accepted("True", prop("b", ValueType.BOOLEAN))).isEqualTo(Boolean.TRUE);
            assertThat(accepted("FALSE", prop("b", ValueType.BOOLEAN))).isEqualTo(Boolean.FALSE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "no", "on", "off", "y", "n", "Yes"})
        void yesNoOnOffAreRefusedWithTheYaml12Hint(String yaml) {
            assertThat(refusal(yaml, prop("b", ValueType.BOOLEAN)))
                    .isEqualTo("x must be true or false, not '" + yaml + "' (YAML 1.2: yes/no/on/off are text)");
        }

        @Test
        void numbersForBooleansGetNoYamlHint() {
            assertThat(refusal("1", prop("b", ValueType.BOOLEAN))).isEqualTo("x must be true or false, not 1");
            assertThat(refusal("0", prop("b", ValueType.BOOLEAN))).isEqualTo("x must be true or false, not 0");
        }

        @Test
        void charactersAreExactlyOneCharacter() {
            assertThat(accepted("a", prop("c", ValueType.CHARACTER))).isEqualTo('a');
            assertThat(accepted("é", prop("c", ValueType.CHARACTER))).isEqualTo('é');
            assertThat(accepted("'7'", prop("c", ValueType.CHARACTER))).isEqualTo('7');
            assertThat(refusal("ab", prop("c", ValueType.CHARACTER))).isEqualTo("x must be a single character, not 'ab'");
            assertThat(refusal("''", prop("c", ValueType.CHARACTER))).isEqualTo("x must be a single character, not ''");
            assertThat(refusal("😀", prop("c", ValueType.CHARACTER)))
                    .as("one code point, but two chars: no Character holds it")
                    .isEqualTo("x must be a single character, not '😀'");
        }
    }

    @Nested
    class Ranges {

        @ParameterizedTest(name = "{0} in [5, 8]: {1}")
        @CsvSource({"4,false", "5,true", "6,true", "8,true", "9,false", "-5,false"})
        void wholeNumbersAtOneBelowAndOneAboveTheBounds(String yaml, boolean ok) {
            Prop p = prop("n", ValueType.INTEGER).min("5").max("8");
            if (ok) {
                assertThat(accepted(yaml, p)).isEqualTo(Integer.parseInt(yaml));
            } else {
                assertThat(refusal(yaml, p)).isEqualTo("x is " + yaml + ", out of range; allowed from 5 to 8");
            }
        }

        @ParameterizedTest(name = "{0} in [-1, 20]: {1}")
        @CsvSource({"-1.0001,false", "-1,true", "-1.0,true", "19.9999,true", "20,true", "20.0,true", "20.0001,false", "2e1,true", "2.1e1,false"})
        void decimalsAtTheBounds(String yaml, boolean ok) {
            Prop p = prop("d", ValueType.DOUBLE).min("-1").max("20");
            if (ok) {
                assertThat(accepted(yaml, p)).isEqualTo(Double.parseDouble(yaml));
            } else {
                assertThat(refusal(yaml, p)).isEqualTo("x is " + yaml + ", out of range; allowed from -1 to 20");
            }
        }

        @Test
        void floatsAreComparedAsWritten() {
            Prop p = prop("f", ValueType.FLOAT).min("0").max("1");
            assertThat(accepted("1", p)).isEqualTo(1.0f);
            assertThat(accepted("0.1", p)).isEqualTo(0.1f);
            assertThat(refusal("1.01", p)).isEqualTo("x is 1.01, out of range; allowed from 0 to 1");
        }

        @Test
        void onlyAMinimumOrOnlyAMaximum() {
            assertThat(accepted("64", prop("n", ValueType.LONG).min("64"))).isEqualTo(64L);
            assertThat(refusal("63", prop("n", ValueType.LONG).min("64"))).isEqualTo("x is 63, out of range; allowed at least 64");
            assertThat(accepted("100", prop("n", ValueType.SHORT).max("100"))).isEqualTo((short) 100);
            assertThat(refusal("101", prop("n", ValueType.SHORT).max("100"))).isEqualTo("x is 101, out of range; allowed at most 100");
        }

        @ParameterizedTest(name = "length {0} in [1, 32]: {1}")
        @CsvSource({"0,false", "1,true", "2,true", "31,true", "32,true", "33,false"})
        void textLengthsAtTheBounds(int length, boolean ok) {
            Prop p = prop("s", ValueType.STRING).min("1").max("32");
            String yaml = "'" + "7".repeat(length) + "'";
            if (ok) {
                assertThat(accepted(yaml, p)).isEqualTo("7".repeat(length));
            } else {
                assertThat(refusal(yaml, p)).isEqualTo("x is " + length + " characters long; allowed from 1 to 32 characters");
            }
        }

        @Test
        void textLengthsWithOnlyOneBound() {
            assertThat(refusal("abc", prop("s", ValueType.STRING).max("2"))).isEqualTo("x is 3 characters long; allowed at most 2 characters");
            assertThat(refusal("a", prop("s", ValueType.PASSWORD).min("8"))).isEqualTo("x is 1 characters long; allowed at least 8 characters");
            assertThat(accepted("abcdefgh", prop("s", ValueType.PASSWORD).min("8"))).isEqualTo("abcdefgh");
        }

        @Test
        void chineseCharactersCountOnceEach() {
            assertThat(accepted("北岸称重点", prop("s", ValueType.STRING).max("5"))).isEqualTo("北岸称重点");
            assertThat(refusal("北岸称重点站", prop("s", ValueType.STRING).max("5"))).isEqualTo("x is 6 characters long; allowed at most 5 characters");
        }

        @Test
        void theRangeIsCheckedOnEveryItemOfAList() {
            Result r = convert(yamlValue("[5, 9, 4, 6]"), prop("n", ValueType.INTEGER).cardinality(10).min("5").max("8"));
            assertThat(r.value()).isEmpty();
            assertThat(r.problems()).extracting(Problem::message).containsExactly(
                    "x is 9, out of range; allowed from 5 to 8", "x is 4, out of range; allowed from 5 to 8");
            assertThat(r.problems()).extracting(p -> p.location().column()).containsExactly(8, 11);
        }
    }

    @Nested
    class Overflow {

        @ParameterizedTest(name = "{0}: {1} fits, {2} does not")
        @CsvSource({
                "BYTE,127,128", "BYTE,-128,-129",
                "SHORT,32767,32768", "SHORT,-32768,-32769",
                "INTEGER,2147483647,2147483648", "INTEGER,-2147483648,-2147483649",
                "LONG,9223372036854775807,9223372036854775808", "LONG,-9223372036854775808,-9223372036854775809"})
        void wholeNumbersAreLimitedByTheirType(ValueType type, String fits, String overflows) {
            Object value = accepted(fits, prop("n", type));
            assertThat(value).isInstanceOf(type.javaType());
            assertThat(String.valueOf(value)).isEqualTo(fits);
            String min = switch (type) {
                case BYTE -> "-128";
                case SHORT -> "-32768";
                case INTEGER -> "-2147483648";
                default -> "-9223372036854775808";
            };
            String max = switch (type) {
                case BYTE -> "127";
                case SHORT -> "32767";
                case INTEGER -> "2147483647";
                default -> "9223372036854775807";
            };
            assertThat(refusal(overflows, prop("n", type)))
                    .isEqualTo("x is " + overflows + ", out of range; allowed from " + min + " to " + max);
        }

        @Test
        void aVeryLongNumberIsOutOfRangeNotAnError() {
            String huge = "9".repeat(400);
            assertThat(refusal(huge, prop("n", ValueType.LONG))).startsWith("x is " + huge + ", out of range; allowed from ");
        }

        @Test
        void decimalsBeyondTheirTypeAreOutOfRange() {
            assertThat(accepted("1e308", prop("d", ValueType.DOUBLE))).isEqualTo(1e308);
            assertThat(refusal("1e309", prop("d", ValueType.DOUBLE)))
                    .isEqualTo("x is 1e309, out of range; allowed from " + -Double.MAX_VALUE + " to " + Double.MAX_VALUE);
            assertThat(accepted("3.4e38", prop("f", ValueType.FLOAT))).isEqualTo(3.4e38f);
            assertThat(refusal("3.5e38", prop("f", ValueType.FLOAT)))
                    .isEqualTo("x is 3.5e38, out of range; allowed from " + -Float.MAX_VALUE + " to " + Float.MAX_VALUE);
            assertThat(refusal("-1e39", prop("f", ValueType.FLOAT))).startsWith("x is -1e39, out of range");
        }
    }

    @Nested
    class Options {

        @Test
        void aValueMustBeOneOfTheOptions() {
            Prop parity = prop("serial.parity", ValueType.STRING).options("none", "even", "odd", "mark", "space");
            assertThat(accepted("even", parity)).isEqualTo("even");
            Problem p = refused("evn", parity);
            assertThat(p.message()).isEqualTo("x is 'evn'; allowed: none, even, odd, mark, space (did you mean 'even'?)");
            assertThat(p.location()).isEqualTo(new Location("test.yaml", 1, 4));
            assertThat(refusal("EVEN", parity)).as("options are exact").startsWith("x is 'EVEN'; allowed:")
                    .endsWith("(did you mean 'even'?)");
            assertThat(refusal("parallel", parity)).isEqualTo("x is 'parallel'; allowed: none, even, odd, mark, space");
        }

        @Test
        void numbersAreComparedWithTheOptionsInCanonicalForm() {
            Prop baud = prop("baud", ValueType.INTEGER).options("1200", "9600");
            assertThat(accepted("+9600", baud)).isEqualTo(9600);
            assertThat(accepted("09600", baud)).isEqualTo(9600);
            assertThat(refusal("4800", baud)).startsWith("x is 4800; allowed: 1200, 9600");
            Prop ratio = prop("ratio", ValueType.DOUBLE).options("0.5", "1.0");
            assertThat(accepted(".5", ratio)).isEqualTo(0.5);
            assertThat(accepted("1", ratio)).isEqualTo(1.0);
        }

        @Test
        void textOptionsThatLookLikeNumbersMatchAsWritten() {
            Prop stopBits = prop("serial.stopBits", ValueType.STRING).options("1", "1.5", "2");
            assertThat(accepted("1.5", stopBits)).isEqualTo("1.5");
            assertThat(accepted("'1'", stopBits)).isEqualTo("1");
            assertThat(refusal("1.50", stopBits)).isEqualTo("x is 1.50; allowed: 1, 1.5, 2 (did you mean '1.5'?)");
            Prop mqtt = prop("mqttVersion", ValueType.STRING).options("5", "3.1.1");
            assertThat(accepted("5", mqtt)).isEqualTo("5");
            assertThat(accepted("3.1.1", mqtt)).isEqualTo("3.1.1");
        }

        @Test
        void optionsApplyToEveryItem() {
            Result r = convert(yamlValue("[DEBUG, LOUD]"), prop("l", ValueType.STRING).cardinality(5).options("INFO", "DEBUG"));
            assertThat(r.value()).isEmpty();
            assertThat(r.problems()).extracting(Problem::message).containsExactly("x is 'LOUD'; allowed: INFO, DEBUG");
        }
    }

    @Nested
    class Lists {

        @Test
        void aListBecomesAnArrayOfTheWrapperType() {
            assertThat(accepted("[1, 2, 3]", prop("n", ValueType.INTEGER).cardinality(5))).isEqualTo(new Integer[] {1, 2, 3});
            assertThat(accepted("[1, 2]", prop("n", ValueType.LONG).cardinality(-5))).isEqualTo(new Long[] {1L, 2L});
            assertThat(accepted("[true, false]", prop("b", ValueType.BOOLEAN).cardinality(2))).isEqualTo(new Boolean[] {true, false});
            assertThat(accepted("[0.5]", prop("d", ValueType.DOUBLE).cardinality(2))).isEqualTo(new Double[] {0.5});
            assertThat(accepted("[a, b]", prop("s", ValueType.STRING).cardinality(2))).isEqualTo(new String[] {"a", "b"});
            assertThat(accepted("[x]", prop("c", ValueType.CHARACTER).cardinality(2))).isEqualTo(new Character[] {'x'});
        }

        @Test
        void aSingleValueGivenForAListIsAListOfOne() {
            assertThat(accepted("浙A3K725", prop("haulers", ValueType.STRING).cardinality(Integer.MAX_VALUE)))
                    .isEqualTo(new String[] {"浙A3K725"});
        }

        @Test
        void nothingGivenForAListIsAnEmptyList() {
            assertThat(accepted("", prop("haulers", ValueType.STRING).cardinality(Integer.MAX_VALUE))).isEqualTo(new String[0]);
            assertThat(accepted("[]", prop("haulers", ValueType.STRING).cardinality(3))).isEqualTo(new String[0]);
        }

        @Test
        void aListGivenForASingleValueIsRefused() {
            Problem p = refused("[9600, 19200]", prop("serial.baud", ValueType.INTEGER));
            assertThat(p.message()).isEqualTo("x must be a single value (a whole number), not a list");
            assertThat(p.location()).isEqualTo(new Location("test.yaml", 1, 4));
            assertThat(refusal("{a: 1}", prop("s", ValueType.STRING))).isEqualTo("x must be a single value (text), not a mapping");
        }

        @Test
        void itemsMustBeSingleValues() {
            Result r = convert(yamlValue("[a, [b, c], {d: e}]"), prop("s", ValueType.STRING).cardinality(10));
            assertThat(r.value()).isEmpty();
            assertThat(r.problems()).extracting(Problem::message).containsExactly(
                    "x must be a list of single values, but item 2 is a list",
                    "x must be a list of single values, but item 3 is a mapping");
        }

        @Test
        void everyBadItemIsReported() {
            Result r = convert(yamlValue("[1, a, 2, b]"), prop("n", ValueType.INTEGER).cardinality(10));
            assertThat(r.value()).isEmpty();
            assertThat(r.problems()).extracting(Problem::message)
                    .containsExactly("x must be a whole number, not 'a'", "x must be a whole number, not 'b'");
        }

        @Test
        void nullItemsAreRefused() {
            Result r = convert(yamlValue("[a, ~]"), prop("s", ValueType.STRING).cardinality(10));
            assertThat(r.value()).isEmpty();
            assertThat(r.problems()).extracting(Problem::message).containsExactly("x has no value; give text or remove the key");
        }

        @ParameterizedTest(name = "cardinality {0}: {1} values fit, {2} do not")
        @CsvSource({"1,1,2", "3,3,4", "-1,1,2", "-3,3,4"})
        void theCardinalityLimitsTheNumberOfValues(int cardinality, int fits, int tooMany) {
            Prop p = prop("s", ValueType.STRING).cardinality(cardinality);
            assertThat((Object[]) accepted(list(fits), p)).hasSize(fits);
            Problem problem = refused(list(tooMany), p);
            assertThat(problem.message()).isEqualTo("x takes at most " + Math.abs(cardinality) + " values, not " + tooMany);
            assertThat(problem.location()).isEqualTo(new Location("test.yaml", 1, 4));
        }

        @ParameterizedTest
        @ValueSource(ints = {Integer.MAX_VALUE, Integer.MIN_VALUE})
        void theLargestCardinalitiesAreUnlimited(int cardinality) {
            assertThat((Object[]) accepted(list(5000), prop("s", ValueType.STRING).cardinality(cardinality))).hasSize(5000);
        }

        private String list(int size) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                b.append(i == 0 ? "" : ", ").append("v").append(i);
            }
            return b.append(']').toString();
        }
    }

    @Nested
    class Mappings {

        @Test
        void aMappingForAListOfTextBecomesKeyValueItems() {
            Result r = convert(yamlValue("{L4: 30000, L1: '25000', L2: 1.5}"), prop("laneLimitsKg", ValueType.STRING).cardinality(Integer.MAX_VALUE));
            assertThat(r.problems()).isEmpty();
            assertThat(r.value()).contains(new String[] {"L4=30000", "L1=25000", "L2=1.5"});
        }

        @Test
        void blockMappingsToo() {
            YNode node = Fixtures.yamlMap("levels:\n  org.nsegw.weigh: DEBUG\n  org.nsegw.uplink: TRACE\n").get("levels").orElseThrow();
            Result r = convert(node, prop("levels", ValueType.STRING).cardinality(Integer.MAX_VALUE));
            assertThat(r.value()).contains(new String[] {"org.nsegw.weigh=DEBUG", "org.nsegw.uplink=TRACE"});
        }

        @Test
        void theItemsAreCheckedLikeWrittenItems() {
            Result r = convert(yamlValue("{a: 1, b: 2, c: 3}"), prop("s", ValueType.STRING).cardinality(2));
            assertThat(r.value()).isEmpty();
            assertThat(r.problems()).extracting(Problem::message).containsExactly("x takes at most 2 values, not 3");
            Result tooLong = convert(yamlValue("{abc: 12345}"), prop("s", ValueType.STRING).cardinality(2).max("5"));
            assertThat(tooLong.problems()).extracting(Problem::message)
                    .containsExactly("x is 9 characters long; allowed at most 5 characters");
            assertThat(tooLong.problems().get(0).location()).as("at the key").isEqualTo(new Location("test.yaml", 1, 5));
        }

        @Test
        void aValueThatIsNotSingleIsRefused() {
            Result r = convert(yamlValue("{L4: [1, 2], L5: 7, L6: }"), prop("s", ValueType.STRING).cardinality(10));
            assertThat(r.value()).as("nothing when a problem was reported").isEmpty();
            assertThat(r.problems()).extracting(Problem::message).containsExactly(
                    "x: the value of 'L4' must be a single value, not a list",
                    "x: the value of 'L6' must be a single value, not nothing");
        }

        @Test
        void aDuplicateKeyIsRefused() {
            Problem p = refused("{L4: 30000, L1: 1, L4: 25000}", prop("s", ValueType.STRING).cardinality(10));
            assertThat(p.message()).isEqualTo("x: duplicate key 'L4'");
            assertThat(p.location()).isEqualTo(new Location("test.yaml", 1, 23));
        }

        @Test
        void aMappingForAListOfNumbersIsRefused() {
            Problem p = refused("{a: 1}", prop("n", ValueType.INTEGER).cardinality(10));
            assertThat(p.message()).isEqualTo("x must be a list, not a mapping");
            assertThat(p.location()).isEqualTo(new Location("test.yaml", 1, 4));
        }

        @Test
        void anEmptyMappingIsAnEmptyList() {
            assertThat(accepted("{}", prop("s", ValueType.STRING).cardinality(10))).isEqualTo(new String[0]);
        }
    }

    @Nested
    class Nothing {

        @Test
        void aKeyWithoutValueSaysHowToUseTheDefault() {
            Problem p = refused("", prop("serial.baud", ValueType.INTEGER).defaults("9600"));
            assertThat(p.message()).isEqualTo("x has no value; give a whole number or remove the key to use the default [9600]");
            assertThat(p.location().line()).isEqualTo(1);
        }

        @Test
        void aKeyWithoutValueOrDefault() {
            assertThat(refusal("~", prop("port", ValueType.STRING))).isEqualTo("x has no value; give text or remove the key");
            assertThat(refusal("null", prop("on", ValueType.BOOLEAN))).isEqualTo("x has no value; give true or false or remove the key");
        }

        @Test
        void quotedNullIsText() {
            assertThat(accepted("'null'", prop("s", ValueType.STRING))).isEqualTo("null");
            assertThat(accepted("'~'", prop("s", ValueType.STRING))).isEqualTo("~");
        }
    }
}
