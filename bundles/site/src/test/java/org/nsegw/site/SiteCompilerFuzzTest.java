package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever text a site file holds, compiling it returns a plan: valid with configurations, or invalid with
 * problems that point into the file. It never throws.
 */
class SiteCompilerFuzzTest {

    private static final String FILE = "fuzz.yaml";
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private static final List<String> EXAMPLES = List.of(
            Fixtures.read(Fixtures.siteExample()),
            Fixtures.read(Fixtures.bridgeExample()),
            Fixtures.read(Fixtures.fiveMistakes()));

    /** Lines to insert: real keys at various depths, wrong values, and YAML that is hard on parsers. */
    private static final List<String> LINES = List.of(
            "gateway:", "lanes:", "devices:", "limits:", "cleanliness:", "uplink:", "logging:", "weather: sunny",
            "  id: gw-x", "  - id: L9", "  - id: L1", "    lane: L1", "    lane: L7", "    profile: weigh/toledo-continuous",
            "    profile: anpr/none", "    port: /dev/ttyS9", "    serial:", "      baud: fast", "      baud: 4800",
            "      bawd: 1", "    verification: {expires: 2027-02-30}", "  stationCode: \"\"", "  stationCode: 33010",
            "  location: {latitude: 99, longitude: 120}", "  level: LOUD", "  haulers: {a: 1}", "  laneLimitsKg: {L1: [1]}",
            "  tolerancePercent: .nan", "  postedLimitKg: 99999999999999999999", "  console: yes", "  - ", "-", "? [a]",
            ": x", "  ~: 1", "key: &a [1, 2]", "other: *a", "self: &s [*s]", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "{a: {b: {c: {d: [1, {e: 2}]}}}}", "'unclosed", "\"esc\\q\"", "\t- tab", "--- ", "...", "%YAML 1.2",
            "!!binary x", "a: !!int x", "   ", "# comment", "北岸: 称重点", "\uFEFFbom: 1", "emoji: 😀");

    private static SitePlan compile(String text) {
        return Fixtures.realCompiler().compile(FILE, text);
    }

    /** The checks every plan must pass, whatever the text. */
    private static void checkPlan(String text, SitePlan plan) {
        assertThat(plan.file()).isEqualTo(FILE);
        if (plan.isValid()) {
            assertThat(plan.problems()).isEmpty();
            assertThat(plan.gatewayId()).matches(SiteCompiler.ID);
            assertThat(plan.configurations()).isNotEmpty();
            assertThat(plan.configurations()).filteredOn(c -> c.pid().equals(SiteCompiler.GATEWAY_PID)).hasSize(1);
            assertThat(plan.configurations()).allSatisfy(c -> assertThat(c.properties()).containsEntry(SiteCompiler.SITE_MARKER, FILE));
            return;
        }
        assertThat(plan.problems()).isNotEmpty().doesNotHaveDuplicates().isSortedAccordingTo(Problem.BY_LOCATION);
        assertThat(plan.configurations()).isEmpty();
        assertThat(plan.gatewayId()).isEmpty();
        String[] lines = LINE_BREAK.split(text, -1);
        for (Problem p : plan.problems()) {
            Location at = p.location();
            assertThat(at.file()).as("file of %s", p).isEqualTo(FILE);
            assertThat(p.message()).as("message of %s", p).isNotBlank();
            assertThat(at.line()).as("line of %s in %d lines", p, lines.length).isBetween(0, lines.length);
            if (at.line() == 0) {
                assertThat(at.column()).as("column of whole-file problem %s", p).isZero();
            } else {
                assertThat(at.column()).as("column of %s", p).isBetween(1, lines[at.line() - 1].length() + 1);
            }
        }
    }

    private static SitePlan check(String text) {
        SitePlan plan = compile(text);
        checkPlan(text, plan);
        SitePlan again = compile(text);
        assertThat(again.problems()).as("the same text gives the same problems").isEqualTo(plan.problems());
        return plan;
    }

    @Property(tries = 300)
    void anyText(@ForAll @Size(max = 400) String text) {
        check(text);
    }

    @Property(tries = 500)
    void yamlishText(@ForAll("yamlish") String text) {
        check(text);
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes) {
        check(new String(bytes, StandardCharsets.UTF_8));
        check(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 500)
    void truncatedExamples(@ForAll @IntRange(min = 0, max = 2) int example, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        String text = EXAMPLES.get(example);
        check(text.substring(0, cut % (text.length() + 1)));
    }

    @Property(tries = 1000)
    void mutatedExamples(@ForAll @IntRange(min = 0, max = 2) int example, @ForAll("mutations") List<Mutation> mutations) {
        List<String> lines = new ArrayList<>(List.of(EXAMPLES.get(example).split("\n", -1)));
        for (Mutation m : mutations) {
            m.apply(lines);
        }
        SitePlan plan = check(String.join("\n", lines));
        // Some mutations leave a valid file (a comment changed, a key moved): both outcomes must be exercised.
        Statistics.label("valid").collect(plan.isValid());
        Statistics.label("valid").coverage(c -> {
            c.check(true).count((Integer n) -> n > 0);
            c.check(false).count((Integer n) -> n > 0);
        });
    }

    /** Structures that are hard on a YAML reader, put in front of a section so that they are read, not a syntax error. */
    @Property(tries = 300)
    void hostileStructures(@ForAll @IntRange(min = 0, max = 2) int example, @ForAll int where, @ForAll("hostile") String fragment) {
        List<String> lines = new ArrayList<>(List.of(EXAMPLES.get(example).split("\n", -1)));
        List<Integer> sections = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("[a-z]+:.*")) {
                sections.add(i);
            }
        }
        lines.add(sections.get(Math.floorMod(where, sections.size())), fragment);
        String text = String.join("\n", lines);
        SitePlan plan = compile(text);
        checkPlan(text, plan);
        assertThat(plan.isValid()).as("none of these is a section").isFalse();
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.of("self: &s [*s]", "self: &s {a: *s}", "self: &s [1, [2, {b: *s}]]", "? &k [*k]\n: v"),
                Arbitraries.integers().between(1, 20_000).map(n -> "deep: " + "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(1, 5_000).map(n -> "deep: " + "{a: ".repeat(n) + "1" + "}".repeat(n)),
                Arbitraries.integers().between(1, 5_000).map(n -> "deep:\n  " + "- ".repeat(n) + "x"),
                Arbitraries.integers().between(1, 26).map(SiteCompilerFuzzTest::doublingAliases));
    }

    /** Each level lists the one before twice: few aliases, 2^levels values. */
    private static String doublingAliases(int levels) {
        StringBuilder b = new StringBuilder("l0: &l0 [x, x]");
        for (int i = 1; i < levels; i++) {
            b.append("\nl").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append(']');
        }
        return b.toString();
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(LINES),
                Arbitraries.of(SiteCompiler.sectionKeys()).map(k -> k + ":"),
                Arbitraries.of("id", "profile", "lane", "port", "serial", "baud", "name", "level", "broker", "latitude")
                        .map(k -> k + ": "),
                Arbitraries.strings().withChars("abcL1:- \n[]{},'\"#&*!|>?.~0").ofMaxLength(12));
        Arbitrary<String> indent = Arbitraries.of("", "  ", "    ", "      ", "  - ", "    - ");
        Arbitrary<String> line = Combinators.combine(indent, token).as(String::concat);
        return line.list().ofMaxSize(30).map(l -> String.join("\n", l));
    }

    /** One change to a file, at positions taken modulo its size. */
    record Mutation(int kind, int at, int other, String text) {

        void apply(List<String> lines) {
            if (lines.isEmpty()) {
                lines.add(text);
                return;
            }
            int i = Math.floorMod(at, lines.size());
            int j = Math.floorMod(other, lines.size());
            String line = lines.get(i);
            switch (kind) {
                case 0 -> lines.remove(i); // delete a key
                case 1 -> lines.add(i, text); // insert a key
                case 2 -> lines.add(i, line); // duplicate a key
                case 3 -> {
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 4 -> lines.set(i, "  " + line); // indent
                case 5 -> lines.set(i, line.startsWith("  ") ? line.substring(2) : line); // outdent
                case 6 -> {
                    int colon = line.indexOf(": ");
                    lines.set(i, colon < 0 ? line + ": " + text.strip() : line.substring(0, colon + 2) + text.strip()); // new value
                }
                case 7 -> lines.set(i, line.substring(0, Math.floorMod(other, line.length() + 1))); // cut a line
                default -> lines.set(i, new StringBuilder(line).insert(Math.floorMod(other, line.length() + 1), text).toString());
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of(LINES), Arbitraries.strings().ofMaxLength(8));
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers(), Arbitraries.integers(), text)
                .as(Mutation::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }
}
