package org.nsegw.anpr.internal.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.nsegw.api.anpr.PlateKind;

/** The laws of plate normalisation, over random and near-plate texts. */
class PlateNormalizerPropertiesTest {

    // The GA 36 patterns as DOMAIN.md gives them, written out here apart from the normaliser.
    private static final String PROV = "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]";
    private static final Pattern GA36 = Pattern.compile(
            PROV + "[A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]"
                    + "|" + PROV + "[A-Z][DF][A-HJ-NP-Z0-9][0-9]{4}"
                    + "|" + PROV + "[A-Z][0-9]{5}[DF]");
    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final List<String> COLOUR_WORDS = List.of("蓝", "黄", "绿", "白", "黑", "黄绿", "蓝色", "黄色", "绿色",
            "白色", "黑色", "黄绿色", "渐变绿", "渐变绿色", "BLUE", "YELLOW", "GREEN", "WHITE", "BLACK", "YELLOWGREEN");

    @Property(tries = 2000)
    void neverThrowsOnAnyText(@ForAll @StringLength(max = 80) String text, @ForAll("colourFields") String colour) {
        NormalizedPlate p = PlateNormalizer.normalize(text, colour);
        assertThat(p.rawText()).isEqualTo(text);
        assertThat(p.isReadable()).isEqualTo(!p.plate().isEmpty());
    }

    @Property(tries = 3000)
    void aValidResultMatchesGa36AndComesFromTheTextUnchanged(@ForAll("nearPlates") String text) {
        NormalizedPlate p = PlateNormalizer.normalize(text);
        if (p.isReadable()) {
            assertThat(p.plate()).matches(GA36);
            // Nothing but width, case, separators and one leading colour word may differ.
            String canonical = canonical(text);
            assertThat(canonical.equals(p.plate())
                    || COLOUR_WORDS.stream().anyMatch(w -> canonical.equals(w + p.plate()))).as(canonical).isTrue();
        } else {
            assertThat(p.unreadableReason()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void randomTextsAreValidOnlyWhenTheyAreAPlate(@ForAll @StringLength(max = 12) String text) {
        NormalizedPlate p = PlateNormalizer.normalize(text);
        if (p.isReadable()) {
            String canonical = canonical(text);
            assertThat(canonical).endsWith(p.plate());
        }
    }

    @Property(tries = 1000)
    void normalisingANormalisedPlateChangesNothing(@ForAll("nearPlates") String text) {
        NormalizedPlate once = PlateNormalizer.normalize(text);
        if (once.isReadable()) {
            NormalizedPlate twice = PlateNormalizer.normalize(once.plate());
            assertThat(twice.plate()).isEqualTo(once.plate());
            assertThat(twice.kind()).isEqualTo(once.kind());
            assertThat(twice.notes()).isEmpty();
        }
    }

    @Property(tries = 1000)
    void everyGa36PlateIsReadAsItself(@ForAll("plates") String plate) {
        NormalizedPlate p = PlateNormalizer.normalize(plate);
        assertThat(p.plate()).isEqualTo(plate);
        assertThat(p.kind()).isNotEqualTo(PlateKind.UNREADABLE);
        assertThat(p.notes()).isEmpty();
    }

    @Property(tries = 1000)
    void decoratedPlatesAreReadBack(@ForAll("plates") String plate, @ForAll("decorations") Decoration decoration) {
        NormalizedPlate p = PlateNormalizer.normalize(decoration.apply(plate));
        assertThat(p.plate()).isEqualTo(plate);
    }

    @Property(tries = 1000)
    void anIOrAnOInTheSerialIsNeverRead(@ForAll("plates") String plate, @ForAll("serialPositions") int at,
            @ForAll("iOrO") char letter) {
        String misread = plate.substring(0, at) + letter + plate.substring(at + 1);
        assertThat(PlateNormalizer.normalize(misread).isReadable()).isFalse();
    }

    @Provide
    Arbitrary<String> colourFields() {
        return Arbitraries.oneOf(Arbitraries.of("", "blue", "Yellow", "黄色", "yellowGreen", "unknown", "other"),
                Arbitraries.strings().ofMaxLength(12), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> plates() {
        Arbitrary<Character> prov = Arbitraries.of(chars(PROVINCES));
        Arbitrary<Character> letter = Arbitraries.of(chars(LETTERS));
        Arbitrary<Character> any = Arbitraries.of(chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        Arbitrary<Character> serial = Arbitraries.of(chars(LETTERS + DIGITS));
        Arbitrary<Character> digit = Arbitraries.of(chars(DIGITS));
        Arbitrary<Character> df = Arbitraries.of('D', 'F');
        Arbitrary<String> normal = Combinators.combine(prov, letter, serial.list().ofSize(4),
                Arbitraries.of(chars(LETTERS + DIGITS + "挂学警")))
                .as((p, l, s, last) -> "" + p + l + join(s) + last);
        Arbitrary<String> hk = Combinators.combine(serial.list().ofSize(4), Arbitraries.of('港', '澳'))
                .as((s, last) -> "粤Z" + join(s) + last);
        Arbitrary<String> small = Combinators.combine(prov, any, df, serial, digit.list().ofSize(4))
                .as((p, l, d, s, n) -> "" + p + l + d + s + join(n));
        Arbitrary<String> large = Combinators.combine(prov, any, digit.list().ofSize(5), df)
                .as((p, l, n, d) -> "" + p + l + join(n) + d);
        return Arbitraries.oneOf(normal, hk, small, large);
    }

    /** Texts made of the pieces plates are made of, so that valid plates turn up often among the invalid. */
    @Provide
    Arbitrary<String> nearPlates() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(chars(PROVINCES)).map(String::valueOf),
                Arbitraries.of(chars(LETTERS + "IOabcio")).map(String::valueOf),
                Arbitraries.of(chars(DIGITS)).map(String::valueOf),
                Arbitraries.of(chars("挂学警港澳·•.- 　ＡＢ１２")).map(String::valueOf),
                Arbitraries.of(COLOUR_WORDS),
                Arbitraries.of("无车牌", "未识别", "台", "色"));
        return Arbitraries.oneOf(
                piece.list().ofMinSize(0).ofMaxSize(12).map(PlateNormalizerPropertiesTest::join),
                Combinators.combine(Arbitraries.of(COLOUR_WORDS), plates()).as((w, p) -> w + p));
    }

    record Decoration(String colour, boolean lower, boolean wide, String separator, int at) {
        String apply(String plate) {
            String s = plate.substring(0, at) + separator + plate.substring(at);
            if (lower) {
                s = s.toLowerCase(Locale.ROOT);
            }
            if (wide) {
                StringBuilder b = new StringBuilder();
                s.chars().forEach(c -> b.append((char) (c >= '!' && c <= '~' ? c + 0xFEE0 : c)));
                s = b.toString();
            }
            return colour + s;
        }
    }

    @Provide
    Arbitrary<Decoration> decorations() {
        return Combinators.combine(Arbitraries.of("", "蓝", "黄色", "黄绿", "Blue", "白"), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.of("", "·", "•", ".", "-", " ", "  "),
                        Arbitraries.integers().between(1, 7))
                .as(Decoration::new);
    }

    @Provide
    Arbitrary<Integer> serialPositions() {
        return Arbitraries.integers().between(2, 6);
    }

    @Provide
    Arbitrary<Character> iOrO() {
        return Arbitraries.of('I', 'O');
    }

    /** Width, case and separators made canonical, as the normaliser documents it. */
    private static String canonical(String raw) {
        StringBuilder b = new StringBuilder();
        raw.strip().codePoints().forEach(cp -> {
            int c = cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp == 0x3000 ? ' ' : cp;
            if (c >= 'a' && c <= 'z') {
                c = c - 'a' + 'A';
            }
            if ("·•.-_ \t\u00A0\u2027\u30FB\u2219\u2010\u2011\u2012\u2013\u2014".indexOf(c) < 0 || c >= 0x10000) {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static Character[] chars(String s) {
        return s.chars().mapToObj(c -> (char) c).toArray(Character[]::new);
    }

    private static String join(List<?> parts) {
        StringBuilder b = new StringBuilder();
        parts.forEach(b::append);
        return b.toString();
    }
}
