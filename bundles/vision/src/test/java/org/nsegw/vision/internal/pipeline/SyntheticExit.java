package org.nsegw.vision.internal.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.vision.internal.camera.ExitRegions;
import org.nsegw.vision.internal.camera.Polygon;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Simple synthetic exit frames for the pipeline's tests until the camera emulator's renderer is in: a grey road with a
 * gate, and a truck (a blue box with a load, wheels clean or brown with mud) standing in the zones. Also a trivial
 * analyzer that finds mud by its colour in the wheel zone.
 */
final class SyntheticExit {

    static final int W = 640;
    static final int H = 360;
    static final ExitRegions REGIONS = new ExitRegions(
            Polygon.of("regions.wheelZone", new double[] {0.15, 0.70, 0.85, 0.70, 0.85, 0.92, 0.15, 0.92}),
            Polygon.of("regions.bodyZone", new double[] {0.15, 0.25, 0.85, 0.25, 0.85, 0.70, 0.15, 0.70}),
            Polygon.of("regions.roadZone", new double[] {0.0, 0.93, 1.0, 0.93, 1.0, 1.0, 0.0, 1.0}),
            Optional.of(Polygon.of("regions.washArea", new double[] {0.0, 0.6, 0.1, 0.6, 0.1, 0.9, 0.0, 0.9})));
    static final Scalar MUD = new Scalar(40, 75, 115);
    static final Scalar TYRE = new Scalar(25, 25, 25);

    private final Random random;

    SyntheticExit(long seed) {
        OpenCvForTests.load();
        random = new Random(seed);
    }

    /** A frame; {@code truck} puts a truck at the exit, {@code muddy} browns its wheels. */
    Mat frame(boolean truck, boolean muddy) {
        Mat m = new Mat(H, W, CvType.CV_8UC3, new Scalar(110, 112, 115));
        Imgproc.rectangle(m, new Point(0, 0), new Point(W, 60), new Scalar(200, 170, 140), -1); // sky
        Imgproc.rectangle(m, new Point(20, 40), new Point(40, 330), new Scalar(60, 60, 60), -1); // gate post
        if (truck) {
            Imgproc.rectangle(m, new Point(110, 95), new Point(540, 255), new Scalar(160, 80, 30), -1); // body
            Imgproc.rectangle(m, new Point(120, 100), new Point(380, 150), new Scalar(60, 90, 120), -1); // load
            for (int x : new int[] {150, 260, 420, 500}) {
                Imgproc.circle(m, new Point(x, 290), 34, muddy ? MUD : TYRE, -1);
            }
        }
        Mat noise = new Mat(H, W, CvType.CV_8UC3);
        Core.randn(noise, 0, 3);
        Core.add(m, noise, m);
        noise.release();
        random.nextInt(); // the seed shapes nothing else yet
        return m;
    }

    static byte[] jpeg(Mat m) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", m, out);
        return out.toArray();
    }

    /** A script of an exit: {@code empty} frames, {@code truck} frames with the truck, {@code empty} frames again. */
    List<byte[]> exit(int before, int truck, int after, boolean muddy) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < before + truck + after; i++) {
            Mat m = frame(i >= before && i < before + truck, muddy);
            frames.add(jpeg(m));
            m.release();
        }
        return frames;
    }

    static Instant time(int i) {
        return Instant.parse("2026-05-01T08:00:00Z").plus(Duration.ofMillis(200L * i));
    }

    /** Finds mud by its colour in the wheel zone; the dirty road when told. */
    static final class MudByColour implements FrameAnalyzer {
        volatile boolean roadDirty;
        int vehicleCalls;
        int roadCalls;

        @Override
        public List<Finding> vehicle(Mat bgr, Instant time) {
            vehicleCalls++;
            Rect zone = new Rect(new Point(0.15 * W, 0.70 * H), new Point(0.85 * W, 0.92 * H));
            Mat roi = bgr.submat(zone);
            Mat mask = new Mat();
            Core.inRange(roi, new Scalar(25, 55, 90), new Scalar(60, 95, 140), mask);
            double share = Core.countNonZero(mask) / (double) (zone.width * zone.height);
            mask.release();
            if (share < 0.05) {
                return List.of();
            }
            return List.of(new Finding(ObservationKind.MUDDY_VEHICLE, Math.min(1, share), Math.min(1, 0.5 + share * 2), List.of(zone)));
        }

        @Override
        public Optional<Finding> road(Mat bgr, Instant time) {
            roadCalls++;
            return roadDirty ? Optional.of(new Finding(ObservationKind.DIRTY_ROAD, 0.4, 0.93,
                    List.of(new Rect(0, (int) (0.93 * H), W, H - (int) (0.93 * H))))) : Optional.empty();
        }
    }
}
