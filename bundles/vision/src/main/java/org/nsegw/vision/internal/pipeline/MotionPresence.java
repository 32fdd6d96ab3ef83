package org.nsegw.vision.internal.pipeline;

import java.time.Instant;
import java.util.List;
import org.nsegw.vision.internal.camera.Polygon;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.BackgroundSubtractorMOG2;
import org.opencv.video.Video;

/**
 * A truck is there when enough of the wheel and body zones differ from the learnt background (OpenCV MOG2 on a
 * 320-pixel-wide copy of the frame, about 2 ms). Hysteresis keeps one truck one exit: it arrives after
 * {@value #ENTER_FRAMES} frames above the share, and leaves after {@value #LEAVE_FRAMES} frames below half of it. The
 * first {@value #WARM_UP} frames only teach the background.
 */
public final class MotionPresence implements Presence {

    static final int ENTER_FRAMES = 2;
    static final int LEAVE_FRAMES = 3;
    static final int WARM_UP = 5;
    private static final int WIDTH = 320;

    private final List<Polygon> zones;
    private final double share;
    private final BackgroundSubtractorMOG2 mog = Video.createBackgroundSubtractorMOG2(300, 25, false);
    private final Mat small = new Mat();
    private final Mat foreground = new Mat();
    private Mat mask;
    private double maskPixels;
    private int seen;
    private int above;
    private int below;
    private boolean present;
    private boolean relearn;
    private double lastShare;

    /**
     * @param zones where a truck shows (the wheel and body zones)
     * @param share the share of those zones that must change, 0 to 1
     */
    public MotionPresence(List<Polygon> zones, double share) {
        this.zones = List.copyOf(zones);
        this.share = share;
    }

    @Override
    public boolean present(Mat bgr, Instant time) {
        int height = Math.max(1, (int) Math.round(bgr.rows() * (double) WIDTH / bgr.cols()));
        Imgproc.resize(bgr, small, new Size(WIDTH, height), 0, 0, Imgproc.INTER_AREA);
        if (mask == null || mask.rows() != height) {
            mask = mask(zones, WIDTH, height);
            maskPixels = Math.max(1, Core.countNonZero(mask));
        }
        // learn the empty exit quickly at first, then slowly; hardly at all while a truck stands there, so that a truck
        // waiting at the gate does not become background (a false start still fades, in a few hundred frames)
        mog.apply(small, foreground, relearn ? 1 : seen < WARM_UP ? -1 : present ? 0.002 : 0.02);
        if (relearn) {
            relearn = false;
            present = false;
            above = 0;
            below = 0;
            return false;
        }
        if (++seen <= WARM_UP) {
            return false;
        }
        Core.bitwise_and(foreground, mask, foreground);
        lastShare = Core.countNonZero(foreground) / maskPixels;
        if (lastShare >= share) {
            above++;
            below = 0;
        } else if (lastShare < share / 2) {
            below++;
            above = 0;
        }
        if (!present && above >= ENTER_FRAMES) {
            present = true;
        } else if (present && below >= LEAVE_FRAMES) {
            present = false;
        }
        return present;
    }

    @Override
    public void relearn() {
        relearn = true;
    }

    /** The share of the zones that differed from the background on the last frame. */
    public double lastShare() {
        return lastShare;
    }

    /** A mask with the polygons filled, for a frame of the given size. */
    static Mat mask(List<Polygon> polygons, int width, int height) {
        Mat m = Mat.zeros(height, width, CvType.CV_8UC1);
        List<MatOfPoint> shapes = polygons.stream().map(p -> new MatOfPoint(p.pixels(width, height).stream()
                .map(xy -> new Point(xy[0], xy[1])).toArray(Point[]::new))).toList();
        Imgproc.fillPoly(m, shapes, new Scalar(255));
        return m;
    }
}
