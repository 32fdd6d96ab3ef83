package org.nsegw.vision.internal.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * A region of the frame as a polygon whose corners are fractions of the frame's width and height (0 to 1, from the top
 * left), so that it holds at any resolution.
 *
 * @param xy the corners as x,y pairs: x0, y0, x1, y1, ...
 */
public record Polygon(double[] xy) {

    public Polygon {
        xy = xy.clone();
    }

    /** An example for messages, in the site file's form. */
    static final String EXAMPLE = "[\"0.2,0.6\", \"0.87,0.6\", \"0.87,0.83\", \"0.2,0.83\"]";

    /**
     * The polygon of a site-file setting: its corners as {@code "x,y"} texts, or an exception whose message says what to
     * write instead.
     *
     * @param key the setting's key, for the message, e.g. {@code regions.wheelZone}
     */
    public static Polygon of(String key, String[] corners) {
        if (corners == null || corners.length == 0) {
            throw new IllegalArgumentException(key + " is not set; give its corners as \"x,y\" fractions of the frame, e.g. " + EXAMPLE);
        }
        double[] xy = new double[corners.length * 2];
        for (int i = 0; i < corners.length; i++) {
            String[] parts = corners[i].strip().split("\\s*,\\s*");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                xy[2 * i] = Double.parseDouble(parts[0]);
                xy[2 * i + 1] = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": corner " + (i + 1) + " is '" + corners[i] + "'; write each corner as \"x,y\" "
                        + "in quotes, e.g. " + EXAMPLE);
            }
        }
        return of(key, xy);
    }

    /** The polygon of x,y pairs, checked like {@link #of(String, String[])}. */
    public static Polygon of(String key, double[] xy) {
        if (xy == null || xy.length == 0) {
            throw new IllegalArgumentException(key + " is not set; give its corners as \"x,y\" fractions of the frame, e.g. " + EXAMPLE);
        }
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException(key + " has " + xy.length + " numbers; corners are x,y pairs, so the count must be even");
        }
        if (xy.length < 6) {
            throw new IllegalArgumentException(key + " has " + xy.length / 2 + " corners; a region needs at least 3");
        }
        for (int i = 0; i < xy.length; i++) {
            if (!(xy[i] >= 0 && xy[i] <= 1)) {
                throw new IllegalArgumentException(key + ": " + (i % 2 == 0 ? "x" : "y") + " of corner " + (i / 2 + 1) + " is " + xy[i]
                        + "; corners are fractions of the frame, 0 to 1");
            }
        }
        Polygon p = new Polygon(xy);
        if (p.area() < 1e-4) {
            throw new IllegalArgumentException(key + " encloses no area (its corners are on a line or the same point)");
        }
        return p;
    }

    public int corners() {
        return xy.length / 2;
    }

    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    /** Its area as a fraction of the frame (shoelace formula). */
    public double area() {
        double s = 0;
        int n = corners();
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += x(i) * y(j) - x(j) * y(i);
        }
        return Math.abs(s) / 2;
    }

    /** The corners in pixels of a frame of the given size. */
    public List<int[]> pixels(int width, int height) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < corners(); i++) {
            out.add(new int[] {(int) Math.round(x(i) * (width - 1)), (int) Math.round(y(i) * (height - 1))});
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polygon p && java.util.Arrays.equals(xy, p.xy);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Polygon[");
        for (int i = 0; i < corners(); i++) {
            b.append(i == 0 ? "" : " ").append(x(i)).append(',').append(y(i));
        }
        return b.append(']').toString();
    }
}
