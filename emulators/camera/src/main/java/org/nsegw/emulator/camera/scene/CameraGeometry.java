package org.nsegw.emulator.camera.scene;

import java.util.List;

/**
 * The emulated exit camera's fixed view, in image coordinates normalised to 0..1 (x to the right, y down), the same
 * at every resolution. The camera stands on the site side of the exit lane, a few metres up, looking across it: trucks
 * drive from the wash area on the left to the gate on the right and stop with their cab just before the gate post; the
 * top of the cargo body is seen from above.
 *
 * <pre>
 *   y 0.00 .. 0.24  sky and skyline            y 0.24 .. 0.56  the site's hoarding
 *   y 0.56 .. 1.00  the exit lane's pavement   x 0.00 .. 0.21  the wash area (grating, puddles)
 *   x 0.865 .. 0.885 the gate post, barrier raised; beyond it the public road
 * </pre>
 *
 * The regions of interest, each a polygon of (x, y) pairs, are what a site file gives for this camera
 * (see docs/vision.md).
 */
public final class CameraGeometry {

    /** Wheels and lower body of a truck stopped at the gate (with room for where it stops). */
    public static final List<double[]> WHEEL_ZONE = List.of(
            new double[] {0.20, 0.60}, new double[] {0.87, 0.60}, new double[] {0.87, 0.83}, new double[] {0.20, 0.83});
    /** The top of the cargo body and the headroom above it where a heap of spoil would show. */
    public static final List<double[]> BODY_ZONE = List.of(
            new double[] {0.20, 0.22}, new double[] {0.74, 0.22}, new double[] {0.74, 0.43}, new double[] {0.20, 0.43});
    /** The road at the exit, in front of the stopped truck, up to the gate and beyond. */
    public static final List<double[]> ROAD_ZONE = List.of(
            new double[] {0.30, 0.85}, new double[] {0.98, 0.85}, new double[] {0.98, 0.99}, new double[] {0.30, 0.99});
    /** The wheel-wash pad. */
    public static final List<double[]> WASH_AREA = List.of(
            new double[] {0.00, 0.60}, new double[] {0.21, 0.60}, new double[] {0.21, 1.00}, new double[] {0.00, 1.00});

    /** Where the wheels' centres are, and their radius as a share of the image height. */
    static final double WHEEL_Y = 0.77;
    static final double WHEEL_R = 0.05;
    /** The truck stopped at the gate: rear end, end of the cargo body, front of the cab. */
    static final double TRUCK_REAR = 0.22;
    static final double BODY_FRONT = 0.685;
    static final double CAB_FRONT = 0.845;
    static final double GATE_X = 0.865;
    static final double HORIZON = 0.24;
    static final double WALL_FOOT = 0.56;

    private CameraGeometry() {
    }

    /** A polygon in the site-file form: {@code ["0.2,0.6", "0.87,0.6", ...]}. */
    public static List<String> siteForm(List<double[]> polygon) {
        return polygon.stream().map(p -> trim(p[0]) + "," + trim(p[1])).toList();
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
