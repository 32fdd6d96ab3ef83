package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.site.Fixtures.yamlMap;
import static org.nsegw.site.Fixtures.yamlValue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.site.Yaml.Parsed;
import org.nsegw.site.Yaml.ScalarKind;
import org.nsegw.site.Yaml.YEntry;
import org.nsegw.site.Yaml.YList;
import org.nsegw.site.Yaml.YMap;
import org.nsegw.site.Yaml.YNode;
import org.nsegw.site.Yaml.YScalar;

class YamlTest {

    private static Problem problemOf(String text) {
        Parsed parsed = Yaml.parse("bad.yaml", text);
        assertThat(parsed.root()).as("no tree when there is a problem").isEmpty();
        assertThat(parsed.problem()).as("problem for %s", text).isPresent();
        return parsed.problem().orElseThrow();
    }

    private static YScalar scalar(YNode node) {
        assertThat(node).isInstanceOf(YScalar.class);
        return (YScalar) node;
    }

    @Nested
    class Locations {

        @Test
        void keysAndValuesHaveOneBasedLineAndColumn() {
            YMap root = yamlMap("""
                    gateway:
                      id: gw1
                      location: {latitude: 30.2}
                    """);
            assertThat(root.location()).isEqualTo(new Location("test.yaml", 1, 1));
            YEntry gateway = root.entry("gateway").orElseThrow();
            assertThat(gateway.key().location()).isEqualTo(new Location("test.yaml", 1, 1));
            YMap body = (YMap) gateway.value();
            assertThat(body.location()).isEqualTo(new Location("test.yaml", 2, 3));
            YEntry id = body.entry("id").orElseThrow();
            assertThat(id.key().location()).isEqualTo(new Location("test.yaml", 2, 3));
            assertThat(id.value().location()).isEqualTo(new Location("test.yaml", 2, 7));
            YMap flow = (YMap) body.get("location").orElseThrow();
            assertThat(flow.location()).isEqualTo(new Location("test.yaml", 3, 13));
            YEntry latitude = flow.entry("latitude").orElseThrow();
            assertThat(latitude.key().location()).isEqualTo(new Location("test.yaml", 3, 14));
            assertThat(latitude.value().location()).isEqualTo(new Location("test.yaml", 3, 24));
        }

        @Test
        void listItemsPointAtTheItemNotTheDash() {
            YMap root = yamlMap("""
                    # a comment line
                    lanes:
                      - id: L1
                      -   L2
                    """);
            YList lanes = (YList) root.get("lanes").orElseThrow();
            assertThat(lanes.location()).isEqualTo(new Location("test.yaml", 3, 3));
            assertThat(lanes.items()).hasSize(2);
            assertThat(lanes.items().get(0).location()).isEqualTo(new Location("test.yaml", 3, 5));
            assertThat(lanes.items().get(1).location()).isEqualTo(new Location("test.yaml", 4, 7));
        }

        @Test
        void columnsCountCharactersNotBytes() {
            YMap root = yamlMap("名称: 北向第1车道\nx: 1\n");
            YEntry name = root.entries().get(0);
            assertThat(name.key().text()).isEqualTo("名称");
            assertThat(name.value().location()).isEqualTo(new Location("test.yaml", 1, 5));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\n", "\r\n", "\r"})
        void everyKindOfLineBreakStartsANewLine(String newline) {
            YMap root = yamlMap("a: 1" + newline + "b: 2" + newline + newline + "c: 3" + newline);
            assertThat(root.entry("b").orElseThrow().key().location().line()).isEqualTo(2);
            assertThat(root.entry("c").orElseThrow().key().location().line()).isEqualTo(4);
        }

        @Test
        void aByteOrderMarkDoesNotShiftColumns() {
            YMap root = yamlMap("\uFEFFa: 1\n");
            assertThat(root.entry("a").orElseThrow().key().location()).isEqualTo(new Location("test.yaml", 1, 1));
        }

        @Test
        void theFileNameGoesIntoEveryLocation() {
            Parsed parsed = Yaml.parse("edge-config/x.yaml", "a: [1]\n");
            YMap root = (YMap) parsed.root().orElseThrow();
            YList list = (YList) root.get("a").orElseThrow();
            assertThat(list.items().get(0).location().file()).isEqualTo("edge-config/x.yaml");
        }
    }

    @Nested
    class Scalars {

        @Test
        void quotedScalarsAreTextAndRememberTheyWereQuoted() {
            YMap root = yamlMap("""
                    plain: 3301000012
                    double: "3301000012"
                    single: '0755'
                    literal: |
                      two
                      lines
                    folded: >
                      one
                      line
                    """);
            YScalar plain = scalar(root.get("plain").orElseThrow());
            assertThat(plain.kind()).isEqualTo(ScalarKind.INTEGER);
            assertThat(plain.quoted()).isFalse();
            assertThat(plain.text()).isEqualTo("3301000012");
            YScalar dq = scalar(root.get("double").orElseThrow());
            assertThat(dq.kind()).isEqualTo(ScalarKind.TEXT);
            assertThat(dq.quoted()).isTrue();
            assertThat(dq.text()).isEqualTo("3301000012");
            YScalar sq = scalar(root.get("single").orElseThrow());
            assertThat(sq.kind()).isEqualTo(ScalarKind.TEXT);
            assertThat(sq.quoted()).isTrue();
            assertThat(sq.text()).isEqualTo("0755");
            YScalar literal = scalar(root.get("literal").orElseThrow());
            assertThat(literal.text()).isEqualTo("two\nlines\n");
            assertThat(literal.quoted()).isTrue();
            assertThat(literal.kind()).isEqualTo(ScalarKind.TEXT);
            assertThat(scalar(root.get("folded").orElseThrow()).text()).isEqualTo("one line\n");
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiter = '|', textBlock = """
                no           | TEXT
                yes          | TEXT
                on           | TEXT
                off          | TEXT
                y            | TEXT
                n            | TEXT
                NO           | TEXT
                2027-06-30   | TEXT
                12:30        | TEXT
                1_000        | TEXT
                0b101        | TEXT
                ssl://h:8883 | TEXT
                true         | BOOLEAN
                false        | BOOLEAN
                True         | BOOLEAN
                FALSE        | BOOLEAN
                0755         | INTEGER
                -12          | INTEGER
                +12          | INTEGER
                0x1F         | INTEGER
                0o17         | INTEGER
                1.5          | DECIMAL
                1e3          | DECIMAL
                -.5          | DECIMAL
                .inf         | DECIMAL
                -.Inf        | DECIMAL
                .nan         | DECIMAL
                ~            | NULL
                null         | NULL
                Null         | NULL
                """)
        void plainScalarsResolveByTheYaml12CoreSchema(String written, ScalarKind kind) {
            YScalar value = scalar(yamlValue(written));
            assertThat(value.kind()).isEqualTo(kind);
            assertThat(value.text()).as("the text stays as written").isEqualTo(written);
            assertThat(value.quoted()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"true\"", "'no'", "\"12\"", "'~'", "\"\""})
        void quotingMakesAnythingText(String written) {
            YScalar value = scalar(yamlValue(written));
            assertThat(value.kind()).isEqualTo(ScalarKind.TEXT);
            assertThat(value.quoted()).isTrue();
            assertThat(value.isNull()).isFalse();
        }

        @Test
        void anEmptyValueIsNull() {
            YMap root = yamlMap("a:\nb: 1\n");
            YScalar a = scalar(root.get("a").orElseThrow());
            assertThat(a.isNull()).isTrue();
            assertThat(a.text()).isEmpty();
            assertThat(a.describe()).isEqualTo("nothing");
        }

        @Test
        void explicitTagsDecideTheKind() {
            YMap root = yamlMap("a: !!str 5\nb: !local 6\n");
            assertThat(scalar(root.get("a").orElseThrow()).kind()).isEqualTo(ScalarKind.TEXT);
            assertThat(scalar(root.get("b").orElseThrow()).kind()).isEqualTo(ScalarKind.TEXT);
        }

        @Test
        void describeNamesValuesTheWayMessagesShowThem() {
            assertThat(yamlValue("fast").describe()).isEqualTo("'fast'");
            assertThat(yamlValue("'9600'").describe()).isEqualTo("'9600'");
            assertThat(yamlValue("9600").describe()).isEqualTo("9600");
            assertThat(yamlValue("true").describe()).isEqualTo("true");
            assertThat(yamlValue("[1]").describe()).isEqualTo("a list");
            assertThat(yamlValue("{a: 1}").describe()).isEqualTo("a mapping");
        }
    }

    @Nested
    class Structure {

        @Test
        void duplicateKeysAreKeptInOrderSoThatTheyCanBeReported() {
            YMap root = yamlMap("a: 1\nb: 2\na: 3\n");
            assertThat(root.entries()).extracting(e -> e.key().text()).containsExactly("a", "b", "a");
            assertThat(scalar(root.get("a").orElseThrow()).text()).as("get finds the first").isEqualTo("1");
            assertThat(root.get("missing")).isEmpty();
            assertThat(root.entry("missing")).isEmpty();
        }

        @Test
        void aKeyThatIsNotAScalarIsNamedByWhatItIs() {
            YMap root = yamlMap("? [a, b]\n: c\n? {x: 1}\n: d\n");
            assertThat(root.entries()).extracting(e -> e.key().text()).containsExactly("<a list>", "<a mapping>");
            assertThat(root.entries().get(0).key().location()).isEqualTo(new Location("test.yaml", 1, 3));
        }

        @Test
        void treesAreImmutable() {
            YMap root = yamlMap("a: [1, 2]\n");
            YList list = (YList) root.get("a").orElseThrow();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> list.items().add(list))
                    .isInstanceOf(UnsupportedOperationException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> root.entries().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class EmptyDocuments {

        @ParameterizedTest
        @ValueSource(strings = {"", "\n\n", "# only a comment\n", "   "})
        void haveNoRootAndNoProblem(String text) {
            Parsed parsed = Yaml.parse("empty.yaml", text);
            assertThat(parsed.root()).isEmpty();
            assertThat(parsed.problem()).isEmpty();
        }

        @Test
        void anExplicitEmptyDocumentIsANullScalar() {
            Parsed parsed = Yaml.parse("empty.yaml", "---\n");
            assertThat(parsed.problem()).isEmpty();
            assertThat(scalar(parsed.root().orElseThrow()).isNull()).isTrue();
        }
    }

    @Nested
    class SyntaxErrors {

        @Test
        void anUnclosedFlowListIsReportedWhereTheInputEnds() {
            Problem p = problemOf("a: [1, 2\n");
            assertThat(p.location()).isEqualTo(new Location("bad.yaml", 2, 1));
            assertThat(p.message()).startsWith("not valid YAML: ").contains("expected ',' or ']'");
        }

        @Test
        void aColonInsideAPlainValueIsReportedAtTheColon() {
            Problem p = problemOf("gateway:\n  id: a: b\n");
            assertThat(p.location()).isEqualTo(new Location("bad.yaml", 2, 8));
            assertThat(p.message()).isEqualTo("not valid YAML: mapping values are not allowed here");
        }

        @Test
        void tabsForIndentationAreReportedWithTheirPlace() {
            Problem p = problemOf("gateway:\n\tid: gw\n");
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.location().column()).isEqualTo(1);
            assertThat(p.message()).contains("TAB");
        }

        @Test
        void badIndentationIsReportedOnItsLine() {
            Problem p = problemOf("a:\n  b: 1\n c: 2\n");
            assertThat(p.location().line()).isEqualTo(3);
            assertThat(p.location().column()).isPositive();
        }

        @Test
        void anUndefinedAliasIsReportedAtTheAlias() {
            Problem p = problemOf("a: 1\nb: *nowhere\n");
            assertThat(p.location()).isEqualTo(new Location("bad.yaml", 2, 4));
            assertThat(p.message()).contains("nowhere");
        }

        @Test
        void aSecondDocumentIsRefused() {
            Problem p = problemOf("a: 1\n---\nb: 2\n");
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.message()).contains("single document");
        }

        @Test
        void controlCharactersAreAProblemOfTheWholeFile() {
            Problem p = problemOf("a: \u0000\n");
            assertThat(p.location()).isEqualTo(Location.of("bad.yaml"));
            assertThat(p.message()).startsWith("not valid YAML: ");
        }
    }

    @Nested
    class Limits {

        @Test
        void aCharacterOutsideTheBasicPlaneAtTheReadersBufferEdgeIsRead() {
            // snakeyaml-engine 2.9 threw IndexOutOfBoundsException when a surrogate pair straddled its 1024-char
            // window (found by SiteCompilerFuzzTest); names and descriptions may hold such characters (rare CJK, emoji)
            for (int pad = 1000; pad < 1040; pad++) {
                String text = "name: " + "x".repeat(pad) + "\uD842\uDFB7" + "y\nother: 1\n";
                Yaml.Parsed parsed = Yaml.parse("s.yaml", text);
                assertThat(parsed.problem()).as("pad " + pad).isEmpty();
            }
        }

        @Test
        @Timeout(20)
        void aHugeInputIsRefusedWithTheCodePointLimit() {
            String text = "x: " + "a".repeat(Yaml.MAX_CODE_POINTS) + "\n";
            Problem p = problemOf(text);
            assertThat(p.location()).isEqualTo(Location.of("bad.yaml"));
            assertThat(p.message()).contains("exceeds the limit").contains(String.valueOf(Yaml.MAX_CODE_POINTS)).contains("code points");
        }

        @Test
        void anInputJustBelowTheLimitIsRead() {
            String prefix = "x: ";
            String text = prefix + "a".repeat(Yaml.MAX_CODE_POINTS - prefix.length() - 10) + "\n";
            Parsed parsed = Yaml.parse("big.yaml", text);
            assertThat(parsed.problem()).isEmpty();
        }

        private String aliases(int count) {
            StringBuilder b = new StringBuilder("anchor: &a [1, 2]\nuses:\n");
            for (int i = 0; i < count; i++) {
                b.append("  - *a\n");
            }
            return b.toString();
        }

        @Test
        void fiftyAliasesOfACollectionAreAllowedAndExpanded() {
            Parsed parsed = Yaml.parse("aliases.yaml", aliases(50));
            assertThat(parsed.problem()).isEmpty();
            YList uses = (YList) ((YMap) parsed.root().orElseThrow()).get("uses").orElseThrow();
            assertThat(uses.items()).hasSize(50).allSatisfy(item -> {
                assertThat(item).isInstanceOf(YList.class);
                assertThat(((YList) item).items()).extracting(n -> ((YScalar) n).text()).containsExactly("1", "2");
            });
        }

        @Test
        void moreThanFiftyAliasesOfCollectionsAreRefused() {
            Problem p = problemOf(aliases(51));
            assertThat(p.message()).startsWith("not valid YAML: ").contains("aliases");
        }

        @Test
        void aliasesOfScalarsAreNotLimited() {
            StringBuilder b = new StringBuilder("anchor: &s text\nuses:\n");
            for (int i = 0; i < 200; i++) {
                b.append("  - *s\n");
            }
            Parsed parsed = Yaml.parse("aliases.yaml", b.toString());
            assertThat(parsed.problem()).isEmpty();
        }

        @Test
        @Timeout(20)
        void aliasesThatRefertoThemselvesAreAProblemNotACrash() {
            for (String text : List.of("a: &x [*x]\n", "a: &x {b: *x}\n", "&x [1, [2, *x]]\n", "a: &x\n  b:\n    - c: *x\n")) {
                Problem p = problemOf(text);
                assertThat(p.message()).as(text).contains("alias").contains("itself");
                assertThat(p.location().line()).as(text).isPositive();
            }
        }

        @Test
        @Timeout(20)
        void aliasesThatMultiplyAreRefusedBeforeTheyFillTheMemory() {
            // Each level lists the previous one twice: 48 aliases, within the limit, but 2^25 leaves when expanded.
            StringBuilder b = new StringBuilder("l0: &l0 [lol, lol]\n");
            for (int i = 1; i <= 24; i++) {
                b.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
            }
            Problem p = problemOf(b.toString());
            assertThat(p.message()).startsWith("not valid YAML: ").contains("aliases");
        }

        @Test
        @Timeout(20)
        void deepNestingIsAProblemNotACrash() {
            for (String text : List.of(
                    "[".repeat(5_000) + "]".repeat(5_000),
                    "{a: ".repeat(3_000) + "1" + "}".repeat(3_000),
                    "a:\n" + "  - ".repeat(3_000) + "x\n",
                    "[".repeat(200_000))) {
                Problem p = problemOf(text);
                assertThat(p.message()).as(text.substring(0, 20)).contains("nested");
                assertThat(p.location().line()).isPositive();
            }
        }

        @Test
        void nestingReachedThroughAliasesCountsToo() {
            StringBuilder b = new StringBuilder("a0: &a0 [x]\n");
            for (int i = 1; i <= 8; i++) {
                b.append("a").append(i).append(": &a").append(i).append(' ')
                        .append("[".repeat(10)).append("*a").append(i - 1).append("]".repeat(10)).append('\n');
            }
            Problem p = problemOf(b.toString());
            assertThat(p.message()).isEqualTo("not valid YAML: with its aliases, nested more than " + Yaml.MAX_DEPTH + " levels deep");
            assertThat(p.location().line()).isBetween(2, 9);
        }

        @Test
        void realisticNestingIsFine() {
            Parsed parsed = Yaml.parse("nested.yaml", "[".repeat(Yaml.MAX_DEPTH) + "]".repeat(Yaml.MAX_DEPTH));
            assertThat(parsed.problem()).isEmpty();
            Problem p = problemOf("[".repeat(Yaml.MAX_DEPTH + 1) + "]".repeat(Yaml.MAX_DEPTH + 1));
            assertThat(p.location()).isEqualTo(new Location("bad.yaml", 1, Yaml.MAX_DEPTH + 1));
        }
    }
}
