package org.nsegw.vision.internal.detect;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nsegw.api.vision.ObservationKind;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Draws what the detectors looked at and what they found on a copy of the frame, for the officer: the four zones,
 * the boxes of each finding (red when at or above the site's threshold, amber below), and per kind a line with its score,
 * confidence and threshold. Text is ASCII (OpenCV's Hershey fonts have no Chinese).
 */
public final class Annotator {

    private static final Scalar WHEEL = new Scalar(255, 200, 0);
    private static final Scalar BODY = new Scalar(255, 0, 255);
    private static final Scalar ROAD = new Scalar(0, 255, 255);
    private static final Scalar WASH = new Scalar(255, 160, 160);
    private static final Scalar BREACH = new Scalar(0, 0, 255);
    private static final Scalar BELOW = new Scalar(0, 170, 255);
    private static final Scalar WHITE = new Scalar(255, 255, 255);
    private static final Scalar BLACK = new Scalar(0, 0, 0);

    private Annotator() {
    }

    /**
     * @param bgr        the analysed frame (not changed)
     * @param thresholds the site's confidence threshold per kind (a kind without one is drawn as below)
     * @return a new image; the caller releases it
     */
    public static Mat draw(Mat bgr, Regions regions, List<Detection> detections, Map<ObservationKind, Double> thresholds) {
        Mat out = bgr.clone();
        int w = out.cols();
        int h = out.rows();
        int thick = Math.max(1, h / 360);
        double font = Math.max(0.4, h / 900.0);
        zone(out, regions.wheelZone(), "wheelZone", WHEEL, thick, font);
        zone(out, regions.bodyZone(), "bodyZone", BODY, thick, font);
        zone(out, regions.roadZone(), "roadZone", ROAD, thick, font);
        zone(out, regions.washArea(), "washArea", WASH, thick, font);
        int line = (int) Math.round(22 * font / 0.4 * 0.6);
        int y = line + 4;
        for (Detection d : detections) {
            Double t = thresholds.get(d.kind());
            boolean breach = t != null && d.atLeast(t);
            Scalar colour = breach ? BREACH : BELOW;
            for (Box b : d.where()) {
                Imgproc.rectangle(out, new Point(b.x(), b.y()), new Point(b.x() + b.width() - 1, b.y() + b.height() - 1), colour, thick);
            }
            String text = String.format(Locale.ROOT, "%s score %.3f conf %.3f%s%s", d.kind(), d.score(), d.confidence(),
                    t == null ? "" : String.format(Locale.ROOT, " / %.2f", t), breach ? " VIOLATION" : "");
            Imgproc.putText(out, text, new Point(6, y), Imgproc.FONT_HERSHEY_SIMPLEX, font, BLACK, thick + 2, Imgproc.LINE_AA);
            Imgproc.putText(out, text, new Point(6, y), Imgproc.FONT_HERSHEY_SIMPLEX, font, breach ? BREACH : WHITE, thick, Imgproc.LINE_AA);
            y += line;
        }
        return out;
    }

    private static void zone(Mat out, Zone zone, String name, Scalar colour, int thick, double font) {
        MatOfPoint poly = zone.pixels(out.cols(), out.rows());
        Imgproc.polylines(out, List.of(poly), true, colour, thick, Imgproc.LINE_AA);
        Point first = poly.toArray()[0];
        Imgproc.putText(out, name, new Point(first.x + 3, first.y + 14 * font / 0.4), Imgproc.FONT_HERSHEY_SIMPLEX, font * 0.8, colour, thick,
                Imgproc.LINE_AA);
        poly.release();
    }
}
