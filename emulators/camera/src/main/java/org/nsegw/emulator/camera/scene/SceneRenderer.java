package org.nsegw.emulator.camera.scene;

import static org.nsegw.emulator.camera.scene.CameraGeometry.BODY_FRONT;
import static org.nsegw.emulator.camera.scene.CameraGeometry.CAB_FRONT;
import static org.nsegw.emulator.camera.scene.CameraGeometry.GATE_X;
import static org.nsegw.emulator.camera.scene.CameraGeometry.HORIZON;
import static org.nsegw.emulator.camera.scene.CameraGeometry.TRUCK_REAR;
import static org.nsegw.emulator.camera.scene.CameraGeometry.WALL_FOOT;
import static org.nsegw.emulator.camera.scene.CameraGeometry.WHEEL_R;
import static org.nsegw.emulator.camera.scene.CameraGeometry.WHEEL_Y;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws a site-exit scene from a {@link SceneSpec} with Java2D: backdrop, hoarding, pavement, wash area, gate, the
 * road's dirt, the truck with its mud and load, shadows; then light (day, dusk, night floodlights and headlights), rain,
 * sensor noise and JPEG compression. Mud and dirt are also drawn into masks, so that the label states how much of each
 * zone they cover.
 *
 * <pre>
 * RenderedScene s = SceneRenderer.render(SceneSpec.random(seed, 640, 360, ConditionMix.DEFAULT));
 * s.jpeg();   // what the camera sends
 * s.label();  // the truth
 * </pre>
 */
public final class SceneRenderer {

    /** Soils of the region: brown, ochre, dark brown, red clay, grey-brown. Spoil and mud are the same earth. */
    private static final int[][] SOILS = {{124, 86, 56}, {142, 104, 62}, {104, 76, 54}, {138, 80, 52}, {118, 98, 74}};
    private static final int[][] TRUCK_COLOURS = {{236, 236, 230}, {38, 88, 168}, {30, 118, 70}, {178, 36, 34}, {118, 124, 130},
        {224, 190, 42}, {34, 38, 44}};
    private static final int[][] TARPS = {{40, 112, 62}, {40, 80, 152}, {36, 36, 40}, {28, 82, 46}};
    private static final int[][] HOARDINGS = {{232, 236, 238}, {196, 222, 234}, {168, 204, 178}, {224, 226, 214}};

    private SceneRenderer() {
    }

    /** Renders a scene: the image before compression, the camera's JPEG, and the label (image name {@code scene.jpg}). */
    public static RenderedScene render(SceneSpec spec) {
        return new Drawing(spec).draw();
    }

    /** JPEG bytes of an image at a quality from 1 to 100. */
    public static byte[] jpeg(BufferedImage image, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 6);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** One scene being drawn. */
    private static final class Drawing {
        final SceneSpec spec;
        final int w;
        final int h;
        final SplittableRandom site;
        final SplittableRandom look;
        final SplittableRandom grain;
        final BufferedImage image;
        final Graphics2D g;
        /** Mud on the truck (255 where mud is). */
        final BufferedImage mudMask;
        final Graphics2D mud;
        /** Dirt on the road. */
        final BufferedImage dirtMask;
        final Graphics2D dirt;
        /** Shadows of trees and buildings (255: full shadow). */
        final BufferedImage shadeMask;
        final Graphics2D shade;
        final int[] soil;
        final double dx;
        int[] truckBox;

        Drawing(SceneSpec spec) {
            this.spec = spec;
            this.w = spec.width();
            this.h = spec.height();
            this.site = new SplittableRandom(spec.siteSeed() * 0x9E3779B97F4A7C15L + 17);
            this.look = new SplittableRandom(spec.seed() * 0xBF58476D1CE4E5B9L + 29);
            this.grain = new SplittableRandom((spec.seed() * 31 + spec.frame()) * 0x94D049BB133111EBL + 43);
            this.image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            this.g = graphics(image);
            this.mudMask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            this.mud = graphics(mudMask);
            this.dirtMask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            this.dirt = graphics(dirtMask);
            this.shadeMask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            this.shade = graphics(shadeMask);
            this.soil = SOILS[look.nextInt(SOILS.length)];
            this.dx = spec.truckOffset() + (look.nextDouble() * 2 - 1) * 0.02;
        }

        private static Graphics2D graphics(BufferedImage img) {
            Graphics2D gr = img.createGraphics();
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gr.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
            return gr;
        }

        double x(double nx) {
            return nx * w;
        }

        double y(double ny) {
            return ny * h;
        }

        RenderedScene draw() {
            Condition c = spec.condition();
            backdrop(c.light());
            pavement(c.rain());
            washArea();
            roadDirt();
            if (spec.truck() != null) {
                truckShadow(c.light());
                truck(spec.truck());
            }
            gate();
            if (c.shadows()) {
                castShadows();
            }
            light(c);
            if (c.rain()) {
                rain();
            }
            noise(c);
            g.dispose();
            mud.dispose();
            dirt.dispose();
            shade.dispose();
            byte[] jpeg = jpeg(image, c.jpegQuality());
            Truck t = spec.truck();
            double mudShare = t == null ? 0 : share(mudMask, CameraGeometry.WHEEL_ZONE);
            double dirtShare = share(dirtMask, CameraGeometry.ROAD_ZONE);
            Label label = new Label("scene.jpg", spec.seed(), w, h, c, t != null, t == null ? null : t.plate(), truckBox,
                    t == null ? null : t.load(), mudShare, dirtShare, t != null && t.muddy(), t != null && t.uncovered(), spec.dirtyRoad());
            return new RenderedScene(image, jpeg, label);
        }

        // --- backdrop ----------------------------------------------------------------------------------------------

        void backdrop(Light light) {
            Color top;
            Color bottom;
            switch (light) {
                case DAY -> {
                    top = new Color(118, 160, 214);
                    bottom = new Color(196, 214, 232);
                }
                case DUSK -> {
                    top = new Color(84, 72, 120);
                    bottom = new Color(236, 150, 92);
                }
                default -> {
                    top = new Color(8, 10, 22);
                    bottom = new Color(30, 32, 48);
                }
            }
            g.setPaint(new GradientPaint(0, 0, top, 0, (float) y(HORIZON), bottom));
            g.fill(new Rectangle2D.Double(0, 0, w, y(HORIZON) + 1));
            // skyline: buildings (grey, white, beige) with windows, and trees
            double bx = -site.nextDouble() * 0.05;
            while (bx < 1) {
                double bw = 0.05 + site.nextDouble() * 0.10;
                double top0 = 0.03 + site.nextDouble() * 0.14;
                int grey = 150 + site.nextInt(70);
                Color bc = site.nextBoolean() ? new Color(grey, grey, grey + 4) : new Color(grey + 10, grey + 4, grey - 8);
                g.setColor(bc);
                g.fill(new Rectangle2D.Double(x(bx), y(top0), x(bw), y(HORIZON - top0) + 1));
                g.setColor(new Color(grey - 60, grey - 55, grey - 45));
                for (double wy = top0 + 0.02; wy < HORIZON - 0.01; wy += 0.025) {
                    for (double wx = bx + 0.008; wx < bx + bw - 0.01; wx += 0.018) {
                        g.fill(new Rectangle2D.Double(x(wx), y(wy), x(0.008), y(0.012)));
                    }
                }
                bx += bw + site.nextDouble() * 0.06;
            }
            for (int i = 0; i < 4 + site.nextInt(4); i++) {
                double tx = site.nextDouble();
                double tr = 0.03 + site.nextDouble() * 0.04;
                g.setColor(new Color(40 + site.nextInt(30), 90 + site.nextInt(40), 45 + site.nextInt(25)));
                g.fill(new Ellipse2D.Double(x(tx - tr), y(HORIZON - tr * 1.6), y(tr * 2.2), y(tr * 2)));
            }
            // the hoarding: panels with seams, a stripe along the top
            int[] hc = HOARDINGS[site.nextInt(HOARDINGS.length)];
            g.setColor(rgb(hc));
            g.fill(new Rectangle2D.Double(0, y(HORIZON), x(GATE_X), y(WALL_FOOT - HORIZON) + 1));
            g.setColor(rgb(scale(hc, 0.8)));
            for (double sx = 0.04; sx < GATE_X; sx += 0.06) {
                g.fill(new Rectangle2D.Double(x(sx), y(HORIZON), Math.max(1, x(0.003)), y(WALL_FOOT - HORIZON)));
            }
            g.setColor(site.nextBoolean() ? new Color(40, 110, 70) : new Color(40, 80, 150));
            g.fill(new Rectangle2D.Double(0, y(HORIZON), x(GATE_X), y(0.025)));
            // beyond the gate: the street outside, a kerb and a tree
            g.setColor(new Color(176, 178, 176));
            g.fill(new Rectangle2D.Double(x(GATE_X), y(HORIZON + 0.06), w - x(GATE_X), y(WALL_FOOT - HORIZON - 0.06) + 1));
            g.setColor(new Color(60, 100, 55));
            g.fill(new Ellipse2D.Double(x(0.92), y(HORIZON - 0.02), y(0.14), y(0.16)));
        }

        void pavement(boolean wet) {
            int base = 104 + site.nextInt(26);
            int[] pc = {base, base, base + 2};
            if (wet) {
                pc = scale(pc, 0.78);
            }
            g.setColor(rgb(pc));
            g.fill(new Rectangle2D.Double(0, y(WALL_FOOT), w, h - y(WALL_FOOT)));
            // aggregate: small patches of lighter and darker grey
            int patches = (int) (w * h / 900.0);
            for (int i = 0; i < patches; i++) {
                int d = site.nextInt(21) - 10;
                g.setColor(rgb(clampAll(new int[] {pc[0] + d, pc[1] + d, pc[2] + d})));
                double px = site.nextDouble();
                double py = WALL_FOOT + site.nextDouble() * (1 - WALL_FOOT);
                double r = 0.002 + site.nextDouble() * 0.006;
                g.fill(new Ellipse2D.Double(x(px), y(py), y(r * 2), y(r)));
            }
            // a white stop line at the gate and cracks
            g.setColor(new Color(214, 214, 206));
            g.fill(new Rectangle2D.Double(x(GATE_X - 0.01), y(WALL_FOOT + 0.01), x(0.012), h - y(WALL_FOOT + 0.01)));
            g.setStroke(new BasicStroke((float) Math.max(1, h / 360.0)));
            g.setColor(rgb(scale(pc, 0.55)));
            for (int i = 0; i < 3 + site.nextInt(4); i++) {
                double cx = site.nextDouble();
                double cy = WALL_FOOT + 0.05 + site.nextDouble() * 0.38;
                Path2D crack = new Path2D.Double();
                crack.moveTo(x(cx), y(cy));
                for (int k = 0; k < 5; k++) {
                    cx += 0.01 + site.nextDouble() * 0.03;
                    cy += (site.nextDouble() - 0.5) * 0.03;
                    crack.lineTo(x(cx), y(cy));
                }
                g.draw(crack);
            }
            // an oil stain and, when wet, puddles: dark but not earth-coloured
            for (int i = 0; i < 1 + look.nextInt(2); i++) {
                g.setColor(new Color(52, 52, 56, 150));
                double ox = 0.3 + look.nextDouble() * 0.6;
                double oy = 0.84 + look.nextDouble() * 0.12;
                g.fill(new Ellipse2D.Double(x(ox), y(oy), y(0.03 + look.nextDouble() * 0.05), y(0.015 + look.nextDouble() * 0.02)));
            }
            if (wet) {
                for (int i = 0; i < 3 + look.nextInt(4); i++) {
                    g.setColor(new Color(70, 80, 96, 170));
                    double ox = 0.2 + look.nextDouble() * 0.75;
                    double oy = 0.62 + look.nextDouble() * 0.35;
                    g.fill(new Ellipse2D.Double(x(ox), y(oy), y(0.06 + look.nextDouble() * 0.10), y(0.02 + look.nextDouble() * 0.03)));
                }
            }
        }

        void washArea() {
            g.setColor(new Color(150, 152, 150));
            g.fill(new Rectangle2D.Double(0, y(0.60), x(0.21), h - y(0.60)));
            g.setColor(new Color(58, 60, 62));
            for (double gy = 0.63; gy < 0.99; gy += 0.03) {
                g.fill(new Rectangle2D.Double(x(0.01), y(gy), x(0.19), Math.max(1, y(0.007))));
            }
            for (int i = 0; i < 4; i++) {
                g.setColor(new Color(96, 116, 132, 180));
                g.fill(new Ellipse2D.Double(x(site.nextDouble() * 0.16), y(0.64 + site.nextDouble() * 0.3), y(0.08), y(0.025)));
            }
            // the washer's pump housing against the hoarding
            g.setColor(new Color(70, 110, 160));
            g.fill(new Rectangle2D.Double(x(0.02), y(0.47), x(0.05), y(0.12)));
        }

        void roadDirt() {
            int tracks = spec.dirtyRoad() ? 2 : 0;
            double strength = 0.45 + look.nextDouble() * 0.5; // how much of a track is mud
            double end = 0.75 + look.nextDouble() * 0.25;
            for (int t = 0; t < tracks; t++) {
                double ty = (t == 0 ? 0.865 : 0.945) + (look.nextDouble() - 0.5) * 0.02;
                double tw = 0.022 + look.nextDouble() * 0.02;
                for (double tx = 0.12; tx < end; tx += 0.006) {
                    if (look.nextDouble() > strength) {
                        continue;
                    }
                    double r = tw * (0.5 + look.nextDouble() * 0.7);
                    Shape blob = new Ellipse2D.Double(x(tx), y(ty - r / 2 + (look.nextDouble() - 0.5) * tw * 0.5), x(0.012 + look.nextDouble() * 0.01), y(r));
                    earth(blob, dirt, 150 + look.nextInt(100));
                }
            }
            int patches = spec.dirtyRoad() ? 3 + look.nextInt(8) : look.nextInt(3);
            for (int i = 0; i < patches; i++) {
                double px = 0.28 + look.nextDouble() * 0.68;
                double py = 0.84 + look.nextDouble() * 0.14;
                double size = spec.dirtyRoad() ? 0.02 + look.nextDouble() * 0.06 : 0.004 + look.nextDouble() * 0.006;
                int blobs = spec.dirtyRoad() ? 6 + look.nextInt(10) : 2;
                for (int k = 0; k < blobs; k++) {
                    double bx = px + (look.nextDouble() - 0.5) * size;
                    double by = py + (look.nextDouble() - 0.5) * size * 0.5;
                    double r = size * (0.3 + look.nextDouble() * 0.5);
                    earth(new Ellipse2D.Double(x(bx), y(by), y(r), y(r * 0.5)), dirt, 170 + look.nextInt(80));
                }
            }
        }

        // --- the truck ---------------------------------------------------------------------------------------------

        void truckShadow(Light light) {
            if (light == Light.NIGHT) {
                return;
            }
            g.setColor(new Color(0, 0, 0, 110));
            Path2D s = new Path2D.Double();
            s.moveTo(x(TRUCK_REAR + dx - 0.02), y(0.80));
            s.lineTo(x(CAB_FRONT + dx + 0.02), y(0.80));
            s.lineTo(x(CAB_FRONT + dx + 0.05), y(0.845));
            s.lineTo(x(TRUCK_REAR + dx + 0.01), y(0.845));
            s.closePath();
            g.fill(s);
        }

        void truck(Truck t) {
            int[] paint = TRUCK_COLOURS[look.nextInt(TRUCK_COLOURS.length)];
            double rear = TRUCK_REAR + dx;
            double bodyFront = BODY_FRONT + dx;
            double cabFront = CAB_FRONT + dx;
            // cargo body, side face
            g.setColor(rgb(paint));
            g.fill(new Rectangle2D.Double(x(rear), y(0.40), x(bodyFront - rear), y(0.30)));
            g.setColor(rgb(scale(paint, 0.75)));
            g.setStroke(new BasicStroke((float) Math.max(1, h / 300.0)));
            for (double rx = rear + 0.04; rx < bodyFront - 0.01; rx += 0.055) {
                g.draw(new Line2D.Double(x(rx), y(0.41), x(rx), y(0.69)));
            }
            g.draw(new Line2D.Double(x(rear), y(0.55), x(bodyFront), y(0.55)));
            // a yellow plate on the tailboard (the rear plate; the gate camera reads the front one)
            g.setColor(new Color(222, 186, 30));
            g.fill(new Rectangle2D.Double(x(rear + 0.005), y(0.60), x(0.03), y(0.03)));
            // cab
            g.setColor(rgb(paint));
            g.fill(new RoundRectangle2D.Double(x(bodyFront + 0.01), y(0.38), x(cabFront - bodyFront - 0.01), y(0.34), y(0.05), y(0.05)));
            g.setColor(new Color(46, 62, 78));
            g.fill(new RoundRectangle2D.Double(x(cabFront - 0.085), y(0.41), x(0.075), y(0.11), y(0.02), y(0.02)));
            g.setColor(rgb(scale(paint, 0.7)));
            g.draw(new Line2D.Double(x(cabFront - 0.095), y(0.42), x(cabFront - 0.095), y(0.70)));
            // chassis, side guard, fuel tank
            g.setColor(new Color(34, 34, 36));
            g.fill(new Rectangle2D.Double(x(rear), y(0.70), x(cabFront - rear), y(0.035)));
            g.setColor(new Color(150, 152, 156));
            g.fill(new Rectangle2D.Double(x(rear + 0.17), y(0.705), x(0.18), y(0.012)));
            g.setColor(new Color(120, 122, 126));
            g.fill(new RoundRectangle2D.Double(x(bodyFront - 0.07), y(0.70), x(0.06), y(0.05), y(0.02), y(0.02)));
            // wheels: a tandem at the back, one or two at the front
            List<Double> wheels = look.nextBoolean() ? List.of(rear + 0.075, rear + 0.165, cabFront - 0.06)
                    : List.of(rear + 0.07, rear + 0.16, bodyFront - 0.02, cabFront - 0.06);
            double r = WHEEL_R;
            for (double wx : wheels) {
                g.setColor(new Color(26, 26, 28));
                g.fill(new Ellipse2D.Double(x(wx) - y(r), y(WHEEL_Y - r), y(2 * r), y(2 * r)));
                g.setColor(new Color(146, 148, 150));
                g.fill(new Ellipse2D.Double(x(wx) - y(r * 0.45), y(WHEEL_Y - r * 0.45), y(0.9 * r), y(0.9 * r)));
                g.setColor(new Color(70, 70, 74));
                g.fill(new Ellipse2D.Double(x(wx) - y(r * 0.15), y(WHEEL_Y - r * 0.15), y(0.3 * r), y(0.3 * r)));
                g.setColor(new Color(30, 30, 32));
                g.setStroke(new BasicStroke((float) y(0.008)));
                g.draw(new java.awt.geom.Arc2D.Double(x(wx) - y(r * 1.2), y(WHEEL_Y - r * 1.2), y(2.4 * r), y(2.4 * r), 10, 160,
                        java.awt.geom.Arc2D.OPEN));
            }
            load(t.load(), paint, rear, bodyFront);
            mudOnTruck(t.muddy(), rear, cabFront, wheels);
            // headlight (lit at dusk and night; drawn as a lamp by day)
            g.setColor(new Color(236, 236, 220));
            g.fill(new Rectangle2D.Double(x(cabFront - 0.012), y(0.64), x(0.010), y(0.03)));
            double top = t.load() == Load.UNCOVERED ? 0.25 : 0.31;
            int bx = (int) Math.max(0, Math.floor(x(rear)));
            int by = (int) Math.floor(y(top));
            int bx2 = (int) Math.min(w, Math.ceil(x(cabFront + 0.003)));
            int by2 = (int) Math.min(h, Math.ceil(y(WHEEL_Y + r)));
            truckBox = bx2 > bx ? new int[] {bx, by, bx2 - bx, by2 - by} : new int[] {0, by, 0, by2 - by};
        }

        void load(Load load, int[] paint, double rear, double bodyFront) {
            Path2D topFace = parallelogram(rear, bodyFront, 0.40, 0.31, 0.025);
            switch (load) {
                case CLOSED -> {
                    g.setColor(rgb(clampAll(scale(paint, 1.12))));
                    g.fill(topFace);
                    g.setColor(rgb(scale(paint, 0.8)));
                    g.setStroke(new BasicStroke((float) Math.max(1, h / 240.0)));
                    for (double rx = rear + 0.03; rx < bodyFront; rx += 0.04) {
                        g.draw(new Line2D.Double(x(rx), y(0.40), x(rx + 0.025), y(0.31)));
                    }
                    g.fill(new Rectangle2D.Double(x(rear), y(0.395), x(bodyFront - rear), y(0.01)));
                }
                case COVERED -> {
                    int[] tarp = TARPS[look.nextInt(TARPS.length)];
                    // a small gap at one end may show the spoil: not enough to be uncovered
                    double gap = look.nextDouble() < 0.4 ? look.nextDouble() * 0.06 : 0;
                    if (gap > 0) {
                        spoil(parallelogram(rear, rear + (bodyFront - rear) * gap + 0.01, 0.40, 0.31, 0.025), rear, 0.31);
                    }
                    tarp(parallelogram(rear + (bodyFront - rear) * gap, bodyFront, 0.40, 0.30, 0.025), tarp);
                    g.setColor(rgb(tarp));
                    g.fill(new Rectangle2D.Double(x(rear + (bodyFront - rear) * gap), y(0.40), x((bodyFront - rear) * (1 - gap)), y(0.03)));
                }
                case UNCOVERED -> {
                    Path2D heap = new Path2D.Double();
                    heap.moveTo(x(rear), y(0.40));
                    heap.lineTo(x(rear + 0.025), y(0.31));
                    int peaks = 2 + look.nextInt(3);
                    double span = bodyFront - rear;
                    for (int i = 0; i <= peaks * 2; i++) {
                        double px = rear + 0.025 + span * i / (peaks * 2.0);
                        double py = i % 2 == 1 ? 0.25 + look.nextDouble() * 0.04 : 0.29 + look.nextDouble() * 0.02;
                        heap.lineTo(x(px), y(py));
                    }
                    heap.lineTo(x(bodyFront + 0.025), y(0.31));
                    heap.lineTo(x(bodyFront), y(0.40));
                    heap.closePath();
                    spoil(heap, rear, 0.25);
                    // sometimes a tarp pulled over part of it: still uncovered
                    if (look.nextDouble() < 0.4) {
                        double part = 0.15 + look.nextDouble() * 0.3;
                        boolean fromFront = look.nextBoolean();
                        double a = fromFront ? bodyFront - span * part : rear;
                        double b = fromFront ? bodyFront : rear + span * part;
                        tarp(parallelogram(a, b, 0.40, 0.29, 0.025), TARPS[look.nextInt(TARPS.length)]);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        Path2D parallelogram(double x0, double x1, double bottom, double top, double lean) {
            Path2D p = new Path2D.Double();
            p.moveTo(x(x0), y(bottom));
            p.lineTo(x(x1), y(bottom));
            p.lineTo(x(x1 + lean), y(top));
            p.lineTo(x(x0 + lean), y(top));
            p.closePath();
            return p;
        }

        void tarp(Shape shape, int[] colour) {
            g.setColor(rgb(colour));
            g.fill(shape);
            Shape old = g.getClip();
            g.clip(shape);
            Rectangle2D b = shape.getBounds2D();
            g.setStroke(new BasicStroke((float) Math.max(1, h / 200.0)));
            for (double fx = b.getMinX(); fx < b.getMaxX(); fx += x(0.03)) {
                g.setColor(rgb(clampAll(scale(colour, 0.7 + look.nextDouble() * 0.5))));
                g.draw(new Line2D.Double(fx, b.getMaxY(), fx + x(0.02), b.getMinY()));
            }
            g.setColor(new Color(210, 210, 200));
            g.setStroke(new BasicStroke((float) Math.max(1, h / 360.0)));
            for (double fx = b.getMinX(); fx < b.getMaxX(); fx += x(0.08)) {
                g.draw(new Line2D.Double(fx, b.getMinY(), fx + x(0.06), b.getMaxY()));
            }
            g.setClip(old);
        }

        /** A heap of spoil: the earth with lumps, stones and darker hollows. */
        void spoil(Shape shape, double left, double top) {
            g.setColor(rgb(soil));
            g.fill(shape);
            Shape old = g.getClip();
            g.clip(shape);
            Rectangle2D b = shape.getBounds2D();
            int lumps = (int) (b.getWidth() * b.getHeight() / Math.max(4, h * h / 3000.0));
            for (int i = 0; i < lumps; i++) {
                double lx = b.getMinX() + look.nextDouble() * b.getWidth();
                double ly = b.getMinY() + look.nextDouble() * b.getHeight();
                double lr = y(0.004 + look.nextDouble() * 0.01);
                boolean stone = look.nextDouble() < 0.12;
                int v = look.nextInt(40) - 20;
                g.setColor(stone ? new Color(130 + v, 128 + v, 122 + v) : rgb(clampAll(new int[] {soil[0] + v, soil[1] + v, soil[2] + v})));
                g.fill(new Ellipse2D.Double(lx - lr, ly - lr * 0.7, lr * 2, lr * 1.4));
            }
            g.setClip(old);
        }

        void mudOnTruck(boolean muddy, double rear, double cabFront, List<Double> wheels) {
            // clean trucks carry a few specks of dust at most; muddy ones caked wheels and splashes up the lower body
            double level = muddy ? 0.45 + look.nextDouble() * 0.5 : look.nextDouble() * 0.04;
            double r = WHEEL_R;
            for (double wx : wheels) {
                int blobs = (int) (level * 60);
                for (int i = 0; i < blobs; i++) {
                    double a = look.nextDouble() * Math.PI * 2;
                    double d = Math.sqrt(look.nextDouble()) * r;
                    double bx = x(wx) + Math.cos(a) * y(d);
                    double by = y(WHEEL_Y) + Math.sin(a) * y(d);
                    double br = y(r * (0.12 + look.nextDouble() * 0.25));
                    earth(new Ellipse2D.Double(bx - br, by - br, br * 2, br * 2), mud, 255);
                }
            }
            double band = muddy ? 0.06 + look.nextDouble() * 0.07 : 0.02;
            int splashes = (int) (level * (cabFront - rear) * 900);
            for (int i = 0; i < splashes; i++) {
                double sx = rear + look.nextDouble() * (cabFront - rear - 0.01);
                double sy = 0.735 - Math.pow(look.nextDouble(), 1.5) * band;
                double sr = 0.004 + look.nextDouble() * 0.012;
                earth(new Ellipse2D.Double(x(sx), y(sy), y(sr * 1.4), y(sr)), mud, 255);
                if (muddy && look.nextDouble() < 0.3) { // a drip running down
                    earth(new Rectangle2D.Double(x(sx), y(sy), Math.max(1, y(0.003)), y(0.01 + look.nextDouble() * 0.03)), mud, 255);
                }
            }
        }

        /** Fills a shape with earth (the scene's soil, varied) and marks it in a mask. */
        void earth(Shape s, Graphics2D mask, int alpha) {
            int v = look.nextInt(30) - 15;
            int[] c = clampAll(new int[] {soil[0] + v, soil[1] + v * 4 / 5, soil[2] + v * 3 / 5});
            g.setColor(new Color(c[0], c[1], c[2], alpha));
            g.fill(s);
            if (alpha >= 128) {
                mask.setColor(Color.WHITE);
                mask.fill(s);
            }
        }

        void gate() {
            g.setColor(new Color(200, 200, 196));
            g.fill(new Rectangle2D.Double(x(GATE_X), y(0.20), x(0.02), y(0.64)));
            g.setColor(new Color(120, 120, 118));
            g.fill(new Rectangle2D.Double(x(GATE_X - 0.006), y(0.62), x(0.032), y(0.16)));
            // the barrier, raised: red and white
            double bw = Math.max(2, x(0.008));
            for (int i = 0; i < 8; i++) {
                g.setColor(i % 2 == 0 ? new Color(200, 40, 40) : new Color(236, 236, 236));
                g.fill(new Rectangle2D.Double(x(GATE_X + 0.006), y(0.62 - (i + 1) * 0.05), bw, y(0.05)));
            }
        }

        void castShadows() {
            // a building's shadow across part of the pavement, and trees' dappled shadows
            shade.setColor(new Color(200, 200, 200));
            double sx = look.nextDouble() * 0.6;
            Path2D building = new Path2D.Double();
            building.moveTo(x(sx), h);
            building.lineTo(x(sx + 0.15 + look.nextDouble() * 0.25), h);
            building.lineTo(x(sx + 0.25 + look.nextDouble() * 0.25), y(0.56));
            building.lineTo(x(sx + 0.1), y(0.56));
            building.closePath();
            shade.fill(building);
            for (int tree = 0; tree < 1 + look.nextInt(3); tree++) {
                double cx = look.nextDouble();
                double cy = 0.55 + look.nextDouble() * 0.4;
                for (int i = 0; i < 25; i++) {
                    double r = 0.02 + look.nextDouble() * 0.04;
                    shade.fill(new Ellipse2D.Double(x(cx + (look.nextDouble() - 0.5) * 0.2), y(cy + (look.nextDouble() - 0.5) * 0.15), y(r * 2),
                            y(r)));
                }
            }
        }

        // --- light, weather, sensor ------------------------------------------------------------------------------

        void light(Condition c) {
            int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            byte[] sh = ((DataBufferByte) shadeMask.getRaster().getDataBuffer()).getData();
            double exposure = 0.88 + look.nextDouble() * 0.24;
            double[] tint = switch (c.light()) {
                case DAY -> new double[] {1 + (look.nextDouble() - 0.5) * 0.08, 1, 1 + (look.nextDouble() - 0.5) * 0.08};
                case DUSK -> new double[] {1.0, 0.84, 0.68};
                case NIGHT -> look.nextBoolean() ? new double[] {0.96, 1.0, 1.06} : new double[] {1.0, 0.86, 0.66};
            };
            double base = switch (c.light()) {
                case DAY -> 1.0;
                case DUSK -> 0.50 + look.nextDouble() * 0.15;
                case NIGHT -> 0.10 + look.nextDouble() * 0.05;
            };
            boolean night = c.light() == Light.NIGHT;
            // night: two floodlights on poles above the hoarding light the exit; the truck's headlights light the road ahead
            double f1x = 0.35 + look.nextDouble() * 0.2;
            double f2x = 0.75 + look.nextDouble() * 0.15;
            double floodPeak = 0.55 + look.nextDouble() * 0.25;
            boolean headlights = spec.truck() != null && c.light() != Light.DAY;
            double hx = CAB_FRONT + dx;
            double hy = 0.655;
            for (int j = 0; j < h; j++) {
                double ny = (j + 0.5) / h;
                for (int i = 0; i < w; i++) {
                    double nx = (i + 0.5) / w;
                    double gain = base;
                    if (night) {
                        // lamps on poles above the hoarding: they light the truck's side and top as much as the pavement
                        double across = Math.exp(-sq(nx - f1x) / 0.08) + 0.8 * Math.exp(-sq(nx - f2x) / 0.05);
                        gain += floodPeak * across * (0.75 + 0.25 * Math.exp(-sq(ny - 0.6) / 0.1));
                    }
                    double add = 0;
                    if (headlights) {
                        double d = sq(nx - hx) + sq((ny - hy) * 1.7);
                        add = (night ? 220 : 120) * Math.exp(-d / 0.0008);
                        if (nx > hx && ny > hy) { // the beam on the pavement ahead
                            double beam = Math.exp(-sq((ny - hy) - (nx - hx) * 0.35) / 0.004) * Math.exp(-(nx - hx) / 0.25);
                            gain += (night ? 0.6 : 0.25) * beam;
                        }
                    }
                    double s = 1 - 0.55 * ((sh[j * w + i] & 0xFF) / 255.0);
                    int p = px[j * w + i];
                    double k = gain * exposure * s;
                    int r = clamp((int) (((p >> 16) & 0xFF) * k * tint[0] + add));
                    int gg = clamp((int) (((p >> 8) & 0xFF) * k * tint[1] + add));
                    int b = clamp((int) ((p & 0xFF) * k * tint[2] * (s < 1 ? 1.04 : 1) + add * 0.9));
                    px[j * w + i] = r << 16 | gg << 8 | b;
                }
            }
        }

        void rain() {
            int streaks = (int) (w * h / 500.0);
            g.setStroke(new BasicStroke((float) Math.max(1, h / 540.0)));
            double slant = 0.15 + grain.nextDouble() * 0.25;
            for (int i = 0; i < streaks; i++) {
                double sx = grain.nextDouble() * w;
                double sy = grain.nextDouble() * h;
                double len = y(0.02 + grain.nextDouble() * 0.04);
                g.setColor(new Color(200, 204, 210, 50 + grain.nextInt(60)));
                g.draw(new Line2D.Double(sx, sy, sx + len * slant, sy + len));
            }
        }

        void noise(Condition c) {
            double gainFactor = switch (c.light()) {
                case DAY -> 1.0;
                case DUSK -> 1.3;
                case NIGHT -> 1.8;
            };
            double sigma = c.noise() * 255 * gainFactor;
            if (sigma <= 0) {
                return;
            }
            int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < px.length; i++) {
                int p = px[i];
                // a shared luminance part and a smaller part per channel, as a Bayer sensor's noise looks after demosaicing
                double l = grain.nextGaussian() * sigma;
                int r = clamp((int) Math.round(((p >> 16) & 0xFF) + l + grain.nextGaussian() * sigma * 0.5));
                int gg = clamp((int) Math.round(((p >> 8) & 0xFF) + l + grain.nextGaussian() * sigma * 0.5));
                int b = clamp((int) Math.round((p & 0xFF) + l + grain.nextGaussian() * sigma * 0.5));
                px[i] = r << 16 | gg << 8 | b;
            }
        }

        /** The share of a zone's pixels set in a mask. */
        double share(BufferedImage mask, List<double[]> zone) {
            Path2D poly = new Path2D.Double();
            poly.moveTo(x(zone.get(0)[0]), y(zone.get(0)[1]));
            for (double[] p : zone.subList(1, zone.size())) {
                poly.lineTo(x(p[0]), y(p[1]));
            }
            poly.closePath();
            byte[] m = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
            Rectangle2D b = poly.getBounds2D();
            long in = 0;
            long set = 0;
            for (int j = (int) b.getMinY(); j < Math.min(h, (int) Math.ceil(b.getMaxY())); j++) {
                for (int i = (int) b.getMinX(); i < Math.min(w, (int) Math.ceil(b.getMaxX())); i++) {
                    if (poly.contains(i + 0.5, j + 0.5)) {
                        in++;
                        if ((m[j * w + i] & 0xFF) >= 128) {
                            set++;
                        }
                    }
                }
            }
            return in == 0 ? 0 : (double) set / in;
        }

        private static double sq(double v) {
            return v * v;
        }
    }

    static Color rgb(int[] c) {
        return new Color(c[0], c[1], c[2]);
    }

    static int[] scale(int[] c, double k) {
        return clampAll(new int[] {(int) (c[0] * k), (int) (c[1] * k), (int) (c[2] * k)});
    }

    static int[] clampAll(int[] c) {
        return new int[] {clamp(c[0]), clamp(c[1]), clamp(c[2])};
    }

    static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }
}
