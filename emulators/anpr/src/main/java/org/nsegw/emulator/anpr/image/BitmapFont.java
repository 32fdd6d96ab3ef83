package org.nsegw.emulator.anpr.image;

import java.awt.Graphics2D;
import java.util.Map;

/**
 * A 5×7 dot font drawn with rectangles: the last resort when the JDK cannot render text at all (no fonts, broken
 * font configuration). Plates and captions stay legible whatever is installed.
 */
final class BitmapFont {

    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('0', "01110100011001110101110011000101110"),
            Map.entry('1', "00100011000010000100001000010001110"),
            Map.entry('2', "01110100010000100010001000100011111"),
            Map.entry('3', "11110000010000101110000010000111110"),
            Map.entry('4', "00010001100101010010111110001000010"),
            Map.entry('5', "11111100001111000001000011000101110"),
            Map.entry('6', "00110010001000011110100011000101110"),
            Map.entry('7', "11111000010001000100010000100001000"),
            Map.entry('8', "01110100011000101110100011000101110"),
            Map.entry('9', "01110100011000101111000010001001100"),
            Map.entry('A', "01110100011000111111100011000110001"),
            Map.entry('B', "11110100011000111110100011000111110"),
            Map.entry('C', "01110100011000010000100001000101110"),
            Map.entry('D', "11100100101000110001100011001011100"),
            Map.entry('E', "11111100001000011110100001000011111"),
            Map.entry('F', "11111100001000011110100001000010000"),
            Map.entry('G', "01110100011000010111100011000101111"),
            Map.entry('H', "10001100011000111111100011000110001"),
            Map.entry('I', "01110001000010000100001000010001110"),
            Map.entry('J', "00111000100001000010000101001001100"),
            Map.entry('K', "10001100101010011000101001001010001"),
            Map.entry('L', "10000100001000010000100001000011111"),
            Map.entry('M', "10001110111010110101100011000110001"),
            Map.entry('N', "10001100011100110101100111000110001"),
            Map.entry('O', "01110100011000110001100011000101110"),
            Map.entry('P', "11110100011000111110100001000010000"),
            Map.entry('Q', "01110100011000110001101011001001101"),
            Map.entry('R', "11110100011000111110101001001010001"),
            Map.entry('S', "01111100001000001110000010000111110"),
            Map.entry('T', "11111001000010000100001000010000100"),
            Map.entry('U', "10001100011000110001100011000101110"),
            Map.entry('V', "10001100011000110001100010101000100"),
            Map.entry('W', "10001100011000110101101011010101010"),
            Map.entry('X', "10001100010101000100010101000110001"),
            Map.entry('Y', "10001100010101000100001000010000100"),
            Map.entry('Z', "11111000010001000100010001000011111"),
            Map.entry('-', "00000000000000011111000000000000000"),
            Map.entry(':', "00000011000110000000011000110000000"),
            Map.entry('.', "00000000000000000000000000110001100"),
            Map.entry('+', "00000001000010011111001000010000000"),
            Map.entry('[', "01110010000100001000010000100001110"),
            Map.entry(']', "01110000100001000010000100001001110"),
            Map.entry('/', "00001000010001000100010001000010000"),
            Map.entry('_', "00000000000000000000000000000011111"),
            Map.entry('?', "01110100010000100010001000000000100"),
            Map.entry('·', "00000000000000000100000000000000000"),
            Map.entry(' ', "00000000000000000000000000000000000"));

    private BitmapFont() {
    }

    /** Draws one character into the cell at (x, y) of the given size; unknown characters as '?'. */
    static void draw(Graphics2D g, char c, int x, int y, int width, int height) {
        String glyph = GLYPHS.getOrDefault(Character.toUpperCase(c), GLYPHS.get('?'));
        double dx = width / 5.0;
        double dy = height / 7.0;
        for (int row = 0; row < 7; row++) {
            for (int col = 0; col < 5; col++) {
                if (glyph.charAt(row * 5 + col) == '1') {
                    int x0 = x + (int) Math.round(col * dx);
                    int y0 = y + (int) Math.round(row * dy);
                    g.fillRect(x0, y0, x + (int) Math.round((col + 1) * dx) - x0, y + (int) Math.round((row + 1) * dy) - y0);
                }
            }
        }
    }

    /** Draws a string left to right in cells of the given size with a gap of a fifth of a cell. */
    static void drawString(Graphics2D g, String text, int x, int y, int cellWidth, int cellHeight) {
        int step = cellWidth + Math.max(1, cellWidth / 5);
        for (int i = 0; i < text.length(); i++) {
            draw(g, text.charAt(i), x + i * step, y, cellWidth, cellHeight);
        }
    }
}
