package org.nsegw.emulator.anpr.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.read.Provinces;

/**
 * The pictures an ANPR camera sends with a read: a scene of about 150 KB (a truck seen from the front or the back,
 * its plate, the camera's caption) and a small close-up of the plate. Drawn headless with java.awt; the same
 * arguments give the same bytes.
 *
 * <p>No CJK font need be installed: the province character (and a suffix such as 挂) is drawn with a font that can
 * show it if there is one, otherwise as a boxed Latin stand-in ({@code ZJ} for 浙). If the JDK cannot draw text at
 * all, a built-in dot font is used. Drawing never fails for want of fonts.
 */
public final class PlateImages {

    /** Where the plate is in the scene, in pixels. */
    public record Box(int x, int y, int width, int height) {
    }

    /**
     * The pictures of one read.
     *
     * @param scene       the scene JPEG
     * @param sceneWidth  its width in pixels
     * @param sceneHeight its height in pixels
     * @param plate       where the plate is in the scene
     * @param closeUp     the plate close-up JPEG
     */
    public record Rendered(byte[] scene, int sceneWidth, int sceneHeight, Box plate, byte[] closeUp) {
        public Rendered {
            scene = scene.clone();
            closeUp = closeUp.clone();
            Objects.requireNonNull(plate, "plate");
        }

        @Override
        public byte[] scene() {
            return scene.clone();
        }

        @Override
        public byte[] closeUp() {
            return closeUp.clone();
        }
    }

    static final int SCENE_WIDTH = 1600;
    static final int SCENE_HEIGHT = 1200;
    static final int CLOSE_UP_WIDTH = 480;
    static final int CLOSE_UP_HEIGHT = 160;
    /** Sensor noise in grey levels: what makes the scene's JPEG weigh about 150 KB, as a real one does. */
    static final int SCENE_NOISE = 6;
    static final float QUALITY = 0.8f;

    private static final PlateImages STANDARD = new PlateImages(true);
    private static final PlateImages DOT_FONT = new PlateImages(false);

    private final boolean useFonts;

    private PlateImages(boolean useFonts) {
        this.useFonts = useFonts && FontCheck.LATIN;
    }

    /** Draws with the installed fonts where they work. */
    public static PlateImages standard() {
        return STANDARD;
    }

    /** Draws every character with the built-in dot font, as on a machine without working fonts. */
    public static PlateImages withoutFonts() {
        return DOT_FONT;
    }

    /** Whether an installed font can show Chinese plate characters (if not, boxed Latin stand-ins are drawn). */
    public boolean drawsChinese() {
        return useFonts && FontCheck.CJK.isPresent();
    }

    /**
     * Renders the pictures of a read.
     *
     * @param plate    the plate text to show (without any colour word)
     * @param color    the plate's colour
     * @param position whether the camera sees the vehicle's front (front, gate) or back (rear)
     * @param caption  the line the camera prints over the scene (time, camera); Chinese characters become stand-ins
     * @param seed     the seed of the noise and the body colour
     */
    public Rendered render(String plate, PlateColor color, CameraPosition position, String caption, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage scene = new BufferedImage(SCENE_WIDTH, SCENE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scene.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            drawRoad(g);
            Box box = drawTruck(g, position, random);
            drawPlate(g, plate, color, box.x(), box.y(), box.width(), box.height());
            drawCaption(g, caption);
            addNoise(scene, random.nextLong(), SCENE_NOISE);
            byte[] sceneJpeg = jpeg(scene);

            BufferedImage close = new BufferedImage(CLOSE_UP_WIDTH, CLOSE_UP_HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D c = close.createGraphics();
            try {
                c.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                c.setColor(new Color(70, 70, 74));
                c.fillRect(0, 0, CLOSE_UP_WIDTH, CLOSE_UP_HEIGHT);
                drawPlate(c, plate, color, 20, 10, CLOSE_UP_WIDTH - 40, CLOSE_UP_HEIGHT - 20);
            } finally {
                c.dispose();
            }
            addNoise(close, random.nextLong(), 4);
            return new Rendered(sceneJpeg, SCENE_WIDTH, SCENE_HEIGHT, box, jpeg(close));
        } finally {
            g.dispose();
        }
    }

    // --- the scene -----------------------------------------------------------------------------------------------

    private static void drawRoad(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(150, 170, 190), 0, 360, new Color(200, 205, 210)));
        g.fillRect(0, 0, SCENE_WIDTH, 360);
        g.setPaint(new GradientPaint(0, 360, new Color(95, 95, 98), 0, SCENE_HEIGHT, new Color(60, 60, 64)));
        g.fillRect(0, 360, SCENE_WIDTH, SCENE_HEIGHT - 360);
        g.setColor(new Color(225, 225, 225));
        g.setStroke(new BasicStroke(14));
        g.drawLine(330, SCENE_HEIGHT, 690, 360);
        g.drawLine(1270, SCENE_HEIGHT, 910, 360);
    }

    /** A truck facing the camera, or its back; returns where its plate goes. */
    private static Box drawTruck(Graphics2D g, CameraPosition position, SplittableRandom random) {
        Color body = BODY_COLORS[random.nextInt(BODY_COLORS.length)];
        int left = 420;
        int right = 1180;
        int top = 170;
        int bottom = 1040;
        // wheels
        g.setColor(new Color(25, 25, 25));
        g.fillRoundRect(left + 20, bottom - 90, 120, 150, 30, 30);
        g.fillRoundRect(right - 140, bottom - 90, 120, 150, 30, 30);
        g.setColor(body);
        g.fillRoundRect(left, top, right - left, bottom - top, 40, 40);
        g.setColor(body.darker());
        g.setStroke(new BasicStroke(6));
        g.drawRoundRect(left, top, right - left, bottom - top, 40, 40);
        if (position == CameraPosition.REAR) {
            // the back doors of a box or a trailer, with their bars and lights
            g.drawLine((left + right) / 2, top + 20, (left + right) / 2, bottom - 220);
            for (int x : new int[] {left + 150, right - 150}) {
                g.drawLine(x, top + 20, x, bottom - 220);
            }
            g.setColor(new Color(200, 30, 30));
            g.fillRect(left + 30, bottom - 200, 110, 50);
            g.fillRect(right - 140, bottom - 200, 110, 50);
        } else {
            // a cab: windscreen, grille, headlights
            g.setColor(new Color(40, 55, 70));
            g.fillRoundRect(left + 50, top + 60, right - left - 100, 300, 30, 30);
            g.setColor(new Color(50, 50, 55));
            g.fillRect(left + 160, top + 430, right - left - 320, 220);
            g.setColor(new Color(245, 245, 225));
            g.fillOval(left + 40, top + 470, 110, 80);
            g.fillOval(right - 150, top + 470, 110, 80);
        }
        g.setColor(new Color(35, 35, 38));
        g.fillRect(left + 10, bottom - 140, right - left - 20, 60);
        int plateWidth = 330;
        int plateHeight = 105;
        return new Box((left + right - plateWidth) / 2, bottom - 140 - plateHeight - 10, plateWidth, plateHeight);
    }

    private static final Color[] BODY_COLORS = {
        new Color(210, 210, 205), new Color(200, 160, 40), new Color(40, 90, 160), new Color(170, 40, 40),
        new Color(40, 120, 70), new Color(120, 120, 125)};

    private void drawCaption(Graphics2D g, String caption) {
        String ascii = latinOnly(caption);
        g.setColor(new Color(0, 0, 0));
        g.fillRect(0, 0, SCENE_WIDTH, 56);
        g.setColor(Color.WHITE);
        if (useFonts && drawLatin(g, ascii, 16, 8, Integer.MAX_VALUE, 40, false)) {
            return;
        }
        BitmapFont.drawString(g, ascii, 16, 12, 20, 32);
    }

    /** The caption in letters any font has: Chinese plate characters become their stand-ins, in brackets. */
    static String latinOnly(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 128) {
                b.append(c);
            } else {
                b.append('[').append(Provinces.latin(c)).append(']');
            }
        }
        return b.toString();
    }

    // --- the plate -----------------------------------------------------------------------------------------------

    /** A plate of GA 36-2018 as seen: background by colour, border, the characters with the dot after the city. */
    void drawPlate(Graphics2D g, String plate, PlateColor color, int x, int y, int width, int height) {
        Color background = switch (color) {
            case BLUE -> new Color(20, 70, 190);
            case YELLOW -> new Color(250, 195, 10);
            case GREEN -> new Color(120, 210, 120);
            case YELLOW_GREEN -> new Color(190, 220, 60);
            case WHITE -> new Color(245, 245, 245);
            case BLACK -> new Color(15, 15, 15);
            case UNKNOWN -> new Color(180, 180, 180);
        };
        Color ink = color == PlateColor.BLUE || color == PlateColor.BLACK ? Color.WHITE : Color.BLACK;
        g.setColor(background);
        g.fillRoundRect(x, y, width, height, height / 6, height / 6);
        g.setColor(ink);
        g.setStroke(new BasicStroke(Math.max(2, height / 35f)));
        int inset = Math.max(3, height / 20);
        g.drawRoundRect(x + inset, y + inset, width - 2 * inset, height - 2 * inset, height / 8, height / 8);

        int n = plate.length();
        // cells: each character, plus half a cell for the dot after the city letter
        double cell = (width - 4.0 * inset) / (n + 0.5);
        int charHeight = (int) Math.round(height * 0.7);
        int charTop = y + (height - charHeight) / 2;
        double cx = x + 2.0 * inset;
        for (int i = 0; i < n; i++) {
            char ch = plate.charAt(i);
            int cellX = (int) Math.round(cx);
            int cellWidth = (int) Math.round(cell * 0.86);
            drawCharacter(g, ch, cellX, charTop, cellWidth, charHeight, ink);
            cx += cell;
            if (i == 1) {
                int d = Math.max(3, (int) (cell / 6));
                g.fillOval((int) Math.round(cx + cell / 4 - d / 2.0), y + height / 2 - d / 2, d, d);
                cx += cell / 2;
            }
        }
    }

    private void drawCharacter(Graphics2D g, char ch, int x, int y, int width, int height, Color ink) {
        g.setColor(ink);
        if (Provinces.isChinese(ch)) {
            if (useFonts && FontCheck.CJK.isPresent() && drawWithFont(g, FontCheck.CJK.get(), String.valueOf(ch), x, y, width, height)) {
                return;
            }
            drawStandIn(g, ch, x, y, width, height);
            return;
        }
        if (useFonts && drawLatin(g, String.valueOf(ch), x, y, width, height, true)) {
            return;
        }
        BitmapFont.draw(g, ch, x, y, width, height);
    }

    /** The marked substitute of a character no font can show: its Latin stand-in, letters stacked, in a double box. */
    private void drawStandIn(Graphics2D g, char ch, int x, int y, int width, int height) {
        String latin = Provinces.latin(ch);
        g.setStroke(new BasicStroke(Math.max(1, height / 40f)));
        g.drawRect(x, y, width, height);
        int m = Math.max(2, height / 16);
        g.drawRect(x + m, y + m, width - 2 * m, height - 2 * m);
        int innerX = x + 2 * m;
        int innerWidth = width - 4 * m;
        int slot = (height - 4 * m) / latin.length();
        for (int i = 0; i < latin.length(); i++) {
            int letterHeight = (int) (slot * 0.8);
            int letterWidth = Math.min(innerWidth, letterHeight * 5 / 7);
            int ly = y + 2 * m + i * slot + (slot - letterHeight) / 2;
            String letter = latin.substring(i, i + 1);
            if (!(useFonts && drawLatin(g, letter, innerX, ly, innerWidth, letterHeight, true))) {
                BitmapFont.draw(g, letter.charAt(0), innerX + (innerWidth - letterWidth) / 2, ly, letterWidth, letterHeight);
            }
        }
    }

    private static boolean drawLatin(Graphics2D g, String text, int x, int y, int width, int height, boolean fit) {
        return drawWithFont(g, fit ? "SansSerif" : "Monospaced", text, x, y, fit ? width : Integer.MAX_VALUE, height);
    }

    /** Draws text scaled into the box; false if the font system fails (then the caller draws dots). */
    private static boolean drawWithFont(Graphics2D g, String family, String text, int x, int y, int width, int height) {
        try {
            Font font = new Font(family, Font.BOLD, 100);
            FontRenderContext frc = g.getFontRenderContext();
            GlyphVector glyphs = font.createGlyphVector(frc, text);
            Rectangle2D bounds = glyphs.getVisualBounds();
            if (bounds.getWidth() <= 0 || bounds.getHeight() <= 0) {
                return text.isBlank();
            }
            double sy = height / bounds.getHeight();
            double sx = width == Integer.MAX_VALUE ? sy : Math.min(sy, width / bounds.getWidth());
            AffineTransform at = new AffineTransform();
            double drawnWidth = bounds.getWidth() * sx;
            at.translate(width == Integer.MAX_VALUE ? x : x + (width - drawnWidth) / 2, y);
            at.scale(sx, sy);
            at.translate(-bounds.getX(), -bounds.getY());
            g.fill(at.createTransformedShape(glyphs.getOutline()));
            return true;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    // --- pixels and bytes ----------------------------------------------------------------------------------------

    /** Sensor noise, deterministic for the seed (xorshift: fast, and the same on every JDK). */
    static void addNoise(BufferedImage image, long seed, int amplitude) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        long s = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        int span = 2 * amplitude + 1;
        for (int i = 0; i < pixels.length; i++) {
            s ^= s << 13;
            s ^= s >>> 7;
            s ^= s << 17;
            int p = pixels[i];
            int r = clamp(((p >> 16) & 0xFF) + (int) ((s & 0xFFFF) % span) - amplitude);
            int gr = clamp(((p >> 8) & 0xFF) + (int) (((s >>> 16) & 0xFFFF) % span) - amplitude);
            int b = clamp((p & 0xFF) + (int) (((s >>> 32) & 0xFFFF) % span) - amplitude);
            pixels[i] = (r << 16) | (gr << 8) | b;
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    static byte[] jpeg(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(200_000);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** What the JDK's fonts can do here, found out once. */
    private static final class FontCheck {
        static final boolean LATIN = latinWorks();
        static final Optional<String> CJK = cjkFamily();

        private static boolean latinWorks() {
            try {
                BufferedImage probe = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = probe.createGraphics();
                try {
                    return new Font("SansSerif", Font.BOLD, 20).createGlyphVector(g.getFontRenderContext(), "A8")
                            .getVisualBounds().getWidth() > 0;
                } finally {
                    g.dispose();
                }
            } catch (RuntimeException | Error e) {
                return false;
            }
        }

        private static Optional<String> cjkFamily() {
            try {
                for (String family : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
                    Font f = new Font(family, Font.BOLD, 20);
                    if (f.canDisplayUpTo("浙京粤挂") == -1) {
                        return Optional.of(family);
                    }
                }
                return Optional.empty();
            } catch (RuntimeException | Error e) {
                return Optional.empty();
            }
        }
    }
}
