package org.nsegw.vision.internal.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;

/**
 * A region of interest: a polygon of at least three points in image coordinates normalised to 0..1 (x to the right,
 * y down), so that it holds at every resolution of the camera.
 *
 * @param xs the points' x, 0 to 1
 * @param ys the points' y, 0 to 1
 */
public record Zone(double[] xs, double[] ys) {

    public Zone {
        if (xs.length != ys.length || xs.length < 3) {
            throw new IllegalArgumentException("a zone needs at least 3 points, each x,y");
        }
        for (int i = 0; i < xs.length; i++) {
            if (!(xs[i] >= 0 && xs[i] <= 1 && ys[i] >= 0 && ys[i] <= 1)) {
                throw new IllegalArgumentException("point " + (i + 1) + " (" + xs[i] + "," + ys[i]
                        + ") is outside the image: coordinates are shares of its width and height, 0 to 1");
            }
        }
        xs = xs.clone();
        ys = ys.clone();
    }

    /**
     * Reads a zone in any of the forms a site file or a tool may give it: a list of {@code "x,y"} strings
     * ({@code ["0.2,0.6", "0.87,0.6", "0.87,0.83"]}), a list of number pairs ({@code [[0.2,0.6], [0.87,0.6], ...]}), a
     * {@code String[]} (Configuration Admin's form of a list), or one string of pairs separated by spaces or semicolons
     * ({@code "0.2,0.6 0.87,0.6 0.87,0.83"}).
     */
    public static Zone parse(Object value) {
        List<double[]> points = new ArrayList<>();
        if (value instanceof String s) {
            for (String pair : s.strip().split("[;\\s]+")) {
                if (!pair.isEmpty()) {
                    points.add(pair(pair));
                }
            }
        } else if (value instanceof String[] a) {
            for (String pair : a) {
                points.add(pair(pair));
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    points.add(pair(s));
                } else if (item instanceof List<?> xy && xy.size() == 2 && xy.get(0) instanceof Number x && xy.get(1) instanceof Number y) {
                    points.add(new double[] {x.doubleValue(), y.doubleValue()});
                } else if (item instanceof double[] xy && xy.length == 2) {
                    points.add(xy);
                } else {
                    throw new IllegalArgumentException("'" + item + "' is not a point: write \"x,y\" or [x, y]");
                }
            }
        } else if (value instanceof double[][] arr) {
            for (double[] xy : arr) {
                if (xy.length != 2) {
                    throw new IllegalArgumentException("a point has two numbers, x and y");
                }
                points.add(xy);
            }
        } else {
            throw new IllegalArgumentException("a zone is a list of points \"x,y\", not " + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new Zone(xs, ys);
    }

    private static double[] pair(String text) {
        String[] p = text.strip().split("\\s*,\\s*");
        if (p.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a point: write x,y (shares of the image, e.g. 0.25,0.6)");
        }
        try {
            return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a point: write x,y (shares of the image, e.g. 0.25,0.6)", e);
        }
    }

    /** The polygon in pixels of an image of this size. */
    public MatOfPoint pixels(int width, int height) {
        Point[] pts = new Point[xs.length];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new Point(Math.round(xs[i] * width), Math.round(ys[i] * height));
        }
        return new MatOfPoint(pts);
    }

    /** The bounding box in pixels, within the image. */
    public Box bounds(int width, int height) {
        double minX = 1;
        double minY = 1;
        double maxX = 0;
        double maxY = 0;
        for (int i = 0; i < xs.length; i++) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        int x0 = (int) Math.floor(minX * width);
        int y0 = (int) Math.floor(minY * height);
        int x1 = Math.min(width, (int) Math.ceil(maxX * width));
        int y1 = Math.min(height, (int) Math.ceil(maxY * height));
        return new Box(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /** The site-file form: {@code ["x,y", ...]}. */
    public List<String> siteForm() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            out.add(String.format(Locale.ROOT, "%s,%s", num(xs[i]), num(ys[i])));
        }
        return out;
    }

    private static String num(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Zone z && java.util.Arrays.equals(xs, z.xs) && java.util.Arrays.equals(ys, z.ys);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(xs) + java.util.Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return String.join(" ", siteForm());
    }
}
