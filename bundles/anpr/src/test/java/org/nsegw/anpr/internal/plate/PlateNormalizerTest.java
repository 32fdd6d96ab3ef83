package org.nsegw.anpr.internal.plate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;

class PlateNormalizerTest {

    @ParameterizedTest(name = "{0} is a {1} plate")
    @CsvSource(delimiter = '|', textBlock = """
            浙A12345   | NORMAL           | UNKNOWN
            浙AB1234   | NORMAL           | UNKNOWN
            皖A7XG66   | NORMAL           | UNKNOWN
            京Z99999   | NORMAL           | UNKNOWN
            黑A12345   | NORMAL           | UNKNOWN
            琼H0000A   | NORMAL           | UNKNOWN
            浙AD12345  | NEW_ENERGY_SMALL | GREEN
            浙AFA1234  | NEW_ENERGY_SMALL | GREEN
            沪BDZ9876  | NEW_ENERGY_SMALL | GREEN
            浙A12345D  | NEW_ENERGY_LARGE | YELLOW_GREEN
            粤B00001F  | NEW_ENERGY_LARGE | YELLOW_GREEN
            浙A1234挂  | TRAILER          | YELLOW
            浙AB123挂  | TRAILER          | YELLOW
            浙A1234学  | COACH            | YELLOW
            浙A0001警  | POLICE           | WHITE
            粤Z1234港  | HK_MACAU         | BLACK
            粤ZA123澳  | HK_MACAU         | BLACK
            """)
    void validPlates(String text, PlateKind kind, PlateColor color) {
        NormalizedPlate p = PlateNormalizer.normalize(text);
        assertThat(p.plate()).isEqualTo(text);
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.color()).isEqualTo(color);
        assertThat(p.rawText()).isEqualTo(text);
        assertThat(p.notes()).isEmpty();
        assertThat(p.unreadableReason()).isEmpty();
        assertThat(p.isReadable()).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' becomes {1}")
    @CsvSource(delimiter = '|', textBlock = """
            蓝皖A7XG66         | 皖A7XG66   | BLUE         | colour word '蓝' taken off
            黄浙A12345         | 浙A12345   | YELLOW       | colour word '黄' taken off
            黄色浙A12345       | 浙A12345   | YELLOW       | colour word '黄色' taken off
            蓝色浙A12345       | 浙A12345   | BLUE         | colour word '蓝色' taken off
            绿浙AD12345        | 浙AD12345  | GREEN        | colour word '绿' taken off
            渐变绿浙AD12345    | 浙AD12345  | GREEN        | colour word '渐变绿' taken off
            黄绿浙A12345D      | 浙A12345D  | YELLOW_GREEN | colour word '黄绿' taken off
            黄绿色浙A12345F    | 浙A12345F  | YELLOW_GREEN | colour word '黄绿色' taken off
            白浙A0001警        | 浙A0001警  | WHITE        | colour word '白' taken off
            黑粤Z1234港        | 粤Z1234港  | BLACK        | colour word '黑' taken off
            黑黑A12345         | 黑A12345   | BLACK        | colour word '黑' taken off
            黄黑A12345         | 黑A12345   | YELLOW       | colour word '黄' taken off
            blue浙A12345       | 浙A12345   | BLUE         | colour word 'BLUE' taken off
            Yellow浙A12345     | 浙A12345   | YELLOW       | colour word 'YELLOW' taken off
            浙a12345           | 浙A12345   | UNKNOWN      | lower-case letters made upper-case
            浙Ａ１２３４５     | 浙A12345   | UNKNOWN      | full-width characters made half-width
            浙Ａ·１２３４５    | 浙A12345   | UNKNOWN      | separators dropped: '·'
            浙A·12345          | 浙A12345   | UNKNOWN      | separators dropped: '·'
            浙A•12345          | 浙A12345   | UNKNOWN      | separators dropped: '•'
            浙A.12345          | 浙A12345   | UNKNOWN      | separators dropped: '.'
            浙A-12345          | 浙A12345   | UNKNOWN      | separators dropped: '-'
            ' 浙A 123 45 '     | 浙A12345   | UNKNOWN      | separators dropped: ' '
            浙A　12345         | 浙A12345   | UNKNOWN      | separators dropped: ' '
            """)
    void normalisedForms(String raw, String plate, PlateColor color, String note) {
        NormalizedPlate p = PlateNormalizer.normalize(raw);
        assertThat(p.plate()).isEqualTo(plate);
        assertThat(p.color()).isEqualTo(color);
        assertThat(p.rawText()).isEqualTo(raw);
        assertThat(p.notes()).anySatisfy(n -> assertThat(n).contains(note));
    }

    @ParameterizedTest(name = "''{0}'' is unreadable: {1}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            ''              | no plate text
            '   '           | no plate text
            '-'             | placeholder
            '--'            | placeholder
            无车牌          | placeholder
            车牌            | placeholder
            未识别          | placeholder
            UNKNOWN         | placeholder
            浙A1234         | 6 characters
            浙A1234567      | 9 characters
            浙AO1234        | letter O at position 3
            浙A1234I        | letter I at position 7
            浙AI2345        | letter I at position 3
            浙AD1234O       | letter O at position 8
            浙O12345        | 'O' is not an issuing-authority letter
            浙I12345        | 'I' is not an issuing-authority letter
            台A12345        | '台' is not a province abbreviation
            港A12345        | '港' is not a province abbreviation
            A12345          | starts with a province abbreviation
            1浙A2345        | starts with a province abbreviation
            浙112345        | second character '1' is not a letter
            浙A12#45        | '#' at position 5
            浙A12挂45       | '挂' at position 5
            浙A1234警5      | '警' at position 7
            浙AD1234A       | neither a small new-energy plate
            浙A1234D5       | neither a small new-energy plate
            浙AX12345       | neither a small new-energy plate
            浙A1234港       | 粤Z only
            粤B1234澳       | 粤Z only
            蓝A12345        | '蓝' is not a province abbreviation
            黑色A12345      | second character '色' is not a letter
            浙A12345蓝      | '蓝' at position 8
            """)
    void unreadable(String raw, String reason) {
        NormalizedPlate p = PlateNormalizer.normalize(raw);
        assertThat(p.kind()).isEqualTo(PlateKind.UNREADABLE);
        assertThat(p.plate()).isEmpty();
        assertThat(p.isReadable()).isFalse();
        assertThat(p.unreadableReason()).contains(reason);
        assertThat(p.rawText()).isEqualTo(raw);
    }

    @Test
    void nullIsEmpty() {
        NormalizedPlate p = PlateNormalizer.normalize(null, null);
        assertThat(p.kind()).isEqualTo(PlateKind.UNREADABLE);
        assertThat(p.rawText()).isEmpty();
        assertThat(p.unreadableReason()).isEqualTo("no plate text");
    }

    @Test
    void misreadsAreNeverCorrected() {
        // O for 0 and I for 1 are the classic misreads: kept unreadable, never turned into somebody's plate.
        assertThat(PlateNormalizer.normalize("浙A1234O").isReadable()).isFalse();
        assertThat(PlateNormalizer.normalize("浙AI2345").isReadable()).isFalse();
        assertThat(PlateNormalizer.normalize("浙AＯ2345").isReadable()).isFalse();
    }

    @Test
    void tooLongTextIsRefusedWithoutEchoingIt() {
        NormalizedPlate p = PlateNormalizer.normalize("浙A12345".repeat(100));
        assertThat(p.isReadable()).isFalse();
        assertThat(p.unreadableReason()).isEqualTo("700 characters, far too long for a plate");
    }

    @Test
    void reasonsEscapeControlCharacters() {
        NormalizedPlate p = PlateNormalizer.normalize("\u0001浙A12345");
        assertThat(p.unreadableReason()).isEqualTo("a plate starts with a province abbreviation, not '\\u0001'");
    }

    @Test
    void cameraFieldGivesTheColourOfANormalPlate() {
        assertThat(PlateNormalizer.normalize("浙A12345", "blue").color()).isEqualTo(PlateColor.BLUE);
        assertThat(PlateNormalizer.normalize("浙A12345", "Yellow").color()).isEqualTo(PlateColor.YELLOW);
        assertThat(PlateNormalizer.normalize("浙A12345", "黄色").color()).isEqualTo(PlateColor.YELLOW);
        assertThat(PlateNormalizer.normalize("浙A12345", "yellowGreen").color()).isEqualTo(PlateColor.YELLOW_GREEN);
        assertThat(PlateNormalizer.normalize("浙A12345", "yellow-green").color()).isEqualTo(PlateColor.YELLOW_GREEN);
        assertThat(PlateNormalizer.normalize("浙A12345", "YELLOW_GREEN").color()).isEqualTo(PlateColor.YELLOW_GREEN);
        assertThat(PlateNormalizer.normalize("浙A12345", "unknown").color()).isEqualTo(PlateColor.UNKNOWN);
        assertThat(PlateNormalizer.normalize("浙A12345", "").color()).isEqualTo(PlateColor.UNKNOWN);
    }

    @Test
    void fieldAndPrefixDisagreeingIsNotedAndTheFieldWins() {
        NormalizedPlate p = PlateNormalizer.normalize("蓝浙A12345", "yellow");
        assertThat(p.plate()).isEqualTo("浙A12345");
        assertThat(p.color()).isEqualTo(PlateColor.YELLOW);
        assertThat(p.notes()).contains("the plate text says blue, the camera's colour field yellow; the field is used");
    }

    @Test
    void fieldAndPrefixAgreeingIsNotNoted() {
        NormalizedPlate p = PlateNormalizer.normalize("黄浙A12345", "yellow");
        assertThat(p.color()).isEqualTo(PlateColor.YELLOW);
        assertThat(p.notes()).containsExactly("colour word '黄' taken off the front of the plate text");
    }

    @Test
    void theFormatFixesTheColourOfSpecialPlates() {
        NormalizedPlate ne = PlateNormalizer.normalize("浙AD12345", "blue");
        assertThat(ne.color()).isEqualTo(PlateColor.GREEN);
        assertThat(ne.notes()).contains("a new energy small plate is green by GA 36; the camera said blue, kept green");

        NormalizedPlate trailer = PlateNormalizer.normalize("蓝浙A1234挂");
        assertThat(trailer.color()).isEqualTo(PlateColor.YELLOW);
        assertThat(trailer.notes()).contains("a trailer plate is yellow by GA 36; the camera said blue, kept yellow");

        assertThat(PlateNormalizer.normalize("浙A0001警", "white").notes()).isEmpty();
    }

    @Test
    void unusualColourForANormalPlateIsNoted() {
        NormalizedPlate p = PlateNormalizer.normalize("浙A12345", "green");
        assertThat(p.color()).isEqualTo(PlateColor.GREEN);
        assertThat(p.notes()).contains("green is unusual for a 7-character plate (blue or yellow by GA 36)");
    }

    @Test
    void unrecognisedCameraColourIsNotedAndNotUsed() {
        NormalizedPlate p = PlateNormalizer.normalize("黄浙A12345", "civilAviationBlack");
        assertThat(p.color()).isEqualTo(PlateColor.YELLOW);
        assertThat(p.notes()).first().isEqualTo("camera colour 'civilAviationBlack' is not a GA 36 colour word; not used");
    }

    @Test
    void unreadablePlatesKeepTheStatedColour() {
        NormalizedPlate p = PlateNormalizer.normalize("无车牌", "yellow");
        assertThat(p.kind()).isEqualTo(PlateKind.UNREADABLE);
        assertThat(p.color()).isEqualTo(PlateColor.YELLOW);
    }

    @Test
    void heilongjiangIsNotTheColourBlack() {
        NormalizedPlate p = PlateNormalizer.normalize("黑A12345");
        assertThat(p.plate()).isEqualTo("黑A12345");
        assertThat(p.color()).isEqualTo(PlateColor.UNKNOWN);
        assertThat(p.notes()).isEmpty();
    }
}
