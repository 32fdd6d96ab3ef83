package org.nsegw.vision.internal.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nsegw.api.vision.ObservationKind;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The cleanliness detectors of a site-exit camera, classic OpenCV: one frame in, a detection per violation kind out.
 *
 * <ol>
 * <li>The frame is scaled to at most {@value #ANALYSIS_WIDTH} pixels wide (the zones are normalised, so every camera
 *     resolution is analysed alike and 1280×720 costs little more than 640×360).</li>
 * <li>Light is normalised on the pavement: the per-channel medians of the road zone and the wash area, which are grey
 *     concrete or asphalt, are taken as neutral grey of a fixed brightness. This removes the orange cast of dusk and of
 *     warm floodlights and most of the difference between day and night.</li>
 * <li>Earth (mud, spoil) is what is brown in HSV after that: hue, saturation and brightness within
 *     {@link Tuning}'s ranges, speckles removed by an opening.</li>
 * <li>Scores: the share of the wheel zone that is earth (mud on wheels and lower body), of the body zone (exposed
 *     spoil: a tarp, a dust net or a closed lid is not earth-coloured), of the road zone (less the share in the clean
 *     reference, when there is one).</li>
 * <li>Truck kinds are only said when a vehicle is at the exit: tyres, chassis and the shadow under the truck make a
 *     share of the wheel zone much darker than the pavement. Without a vehicle they come back with confidence 0.</li>
 * <li>Confidence is a logistic function of the score around the point where the clean and the dirty cases separate,
 *     times the vehicle's presence for the truck kinds; the site's threshold on it decides.</li>
 * </ol>
 *
 * When an ONNX classifier is given for a kind ({@link #withClassifier}), its probability for the zone's crop replaces
 * the classic confidence of that kind, times the presence for the truck kinds (the score stays the classic measure).
 *
 * <p>Pure: no threads, files or sockets. Not thread-safe (it keeps the zone masks of the last frame size): one
 * instance per camera. The OpenCV natives must be loaded first ({@code nu.pattern.OpenCV.loadLocally()}).
 */
public final class ExitDetectors {

    /** Frames wider than this are scaled down before analysis. */
    public static final int ANALYSIS_WIDTH = 640;

    /**
     * The detectors' constants.
     *
     * @param hueMin       earth hue, OpenCV units (0..180, i.e. degrees / 2)
     * @param hueMax       earth hue upper end
     * @param satMin       earth saturation, 0..255, after light normalisation
     * @param satMax       above this it is paint, not earth
     * @param valMin       darker than this is too dark to tell colours
     * @param valMax       brighter than this is glare
     * @param darkRatio    a pixel darker than this share of the pavement is not pavement (tyres, chassis), even in shadow
     * @param presenceMid  the share of the wheel zone that is not pavement at which a vehicle's presence is 0.5
     * @param mudMid       the wheel zone's earth share at which a muddy vehicle's confidence is 0.5
     * @param spoilMid     the body zone's earth share at which an uncovered load's confidence is 0.5
     * @param dirtMid      the road zone's earth share at which a dirty road's confidence is 0.5
     * @param blur         the side of the box filter applied before colours are classified, pixels at 640 wide
     * @param slope        the width of the logistic (from 27 % to 73 % confidence), as a share of each midpoint
     */
    public record Tuning(int hueMin, int hueMax, int satMin, int satMax, int valMin, int valMax, double darkRatio, double presenceMid,
            double mudMid, double spoilMid, double dirtMid, double slope, int blur) {

        public static final Tuning DEFAULT = new Tuning(4, 22, 70, 215, 40, 255, 0.33, 0.05, 0.045, 0.10, 0.02, 0.3, 5);
    }

    /** Pavement brightness after normalisation. */
    static final double NEUTRAL = 120;

    private final Tuning tuning;
    private final Map<ObservationKind, OnnxClassifier> classifiers;
    private Masks masks;

    public ExitDetectors() {
        this(Tuning.DEFAULT, Map.of());
    }

    public ExitDetectors(Tuning tuning) {
        this(tuning, Map.of());
    }

    private ExitDetectors(Tuning tuning, Map<ObservationKind, OnnxClassifier> classifiers) {
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.classifiers = classifiers;
    }

    /** The same detectors with an ONNX classifier deciding the confidence of one kind. */
    public ExitDetectors withClassifier(ObservationKind kind, OnnxClassifier classifier) {
        Map<ObservationKind, OnnxClassifier> m = new EnumMap<>(ObservationKind.class);
        m.putAll(classifiers);
        m.put(kind, Objects.requireNonNull(classifier, "classifier"));
        return new ExitDetectors(tuning, m);
    }

    public Tuning tuning() {
        return tuning;
    }

    /**
     * Analyses one frame.
     *
     * @param bgr                the frame, 8-bit BGR (as {@code Imgcodecs.imdecode} gives it), any size
     * @param regions            the camera's regions
     * @param cleanRoadReference a frame of the same camera with the road clean, or {@code null}
     * @return one detection per kind, in the order MUDDY_VEHICLE, UNCOVERED_LOAD, DIRTY_ROAD; boxes in pixels of
     *         {@code bgr}
     */
    public List<Detection> analyze(Mat bgr, Regions regions, Mat cleanRoadReference) {
        Measures m = measure(bgr, regions, cleanRoadReference);
        double presence = logistic(m.darkShare(), tuning.presenceMid(), tuning.presenceMid() * 0.25);
        List<Detection> out = new ArrayList<>(3);
        out.add(new Detection(ObservationKind.MUDDY_VEHICLE, m.mudShare(),
                confidence(ObservationKind.MUDDY_VEHICLE, bgr, regions.wheelZone(), m.mudShare(), tuning.mudMid()) * presence,
                presence >= 0.5 ? m.mudBoxes() : List.of()));
        out.add(new Detection(ObservationKind.UNCOVERED_LOAD, m.spoilShare(),
                confidence(ObservationKind.UNCOVERED_LOAD, bgr, regions.bodyZone(), m.spoilShare(), tuning.spoilMid()) * presence,
                presence >= 0.5 ? m.spoilBoxes() : List.of()));
        out.add(new Detection(ObservationKind.DIRTY_ROAD, m.dirtShare(),
                confidence(ObservationKind.DIRTY_ROAD, bgr, regions.roadZone(), m.dirtShare(), tuning.dirtMid()), m.dirtBoxes()));
        return out;
    }

    private double confidence(ObservationKind kind, Mat bgr, Zone zone, double score, double mid) {
        OnnxClassifier c = classifiers.get(kind);
        if (c != null) {
            Box b = zone.bounds(bgr.cols(), bgr.rows());
            Mat crop = bgr.submat(new Rect(b.x(), b.y(), b.width(), b.height()));
            try {
                return c.probability(crop);
            } finally {
                crop.release();
            }
        }
        return logistic(score, mid, mid * tuning.slope());
    }

    /** The logistic around {@code mid} with a spread of {@code width}, rounded to 3 places. */
    static double logistic(double x, double mid, double width) {
        double v = 1 / (1 + Math.exp(-(x - mid) / Math.max(1e-6, width * 0.5)));
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * The raw measures of a frame, before they become confidences.
     *
     * @param mudShare   share of the wheel zone that is earth
     * @param spoilShare share of the body zone that is earth
     * @param dirtShare  share of the road zone that is earth, less the reference's
     * @param darkShare  share of the wheel zone that is not pavement (a vehicle's tyres, chassis, paint, mud)
     * @param gains      the light normalisation's gains, B, G, R
     */
    public record Measures(double mudShare, double spoilShare, double dirtShare, double darkShare, double[] gains, List<Box> mudBoxes,
            List<Box> spoilBoxes, List<Box> dirtBoxes) {
    }

    public Measures measure(Mat bgr, Regions regions, Mat cleanRoadReference) {
        if (bgr.empty() || bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("a frame must be 8-bit BGR, 3 channels, not empty");
        }
        double scale = bgr.cols() > ANALYSIS_WIDTH ? (double) ANALYSIS_WIDTH / bgr.cols() : 1;
        List<Mat> temp = new ArrayList<>();
        try {
            Mat work = scaled(bgr, scale, temp);
            Masks mk = masks(regions, work.cols(), work.rows());
            Earth earth = earth(work, mk, temp);
            double mud = share(earth.mask, mk.wheel, mk.wheelArea, temp);
            double spoil = share(earth.mask, mk.body, mk.bodyArea, temp);
            double dirt = share(earth.mask, mk.road, mk.roadArea, temp);
            if (cleanRoadReference != null && !cleanRoadReference.empty()) {
                Mat ref = scaled(cleanRoadReference, (double) work.cols() / cleanRoadReference.cols(), temp);
                if (ref.cols() == work.cols() && ref.rows() == work.rows()) {
                    Earth refEarth = earth(ref, mk, temp);
                    dirt = Math.max(0, dirt - share(refEarth.mask, mk.road, mk.roadArea, temp));
                }
            }
            double dark = share(earth.dark, mk.wheel, mk.wheelArea, temp);
            double back = 1 / scale;
            return new Measures(round(mud), round(spoil), round(dirt), round(dark), earth.gains,
                    boxes(earth.mask, mk.wheel, back, temp), boxes(earth.mask, mk.body, back, temp), boxes(earth.mask, mk.road, back, temp));
        } finally {
            temp.forEach(Mat::release);
        }
    }

    private static Mat scaled(Mat bgr, double scale, List<Mat> temp) {
        if (scale == 1) {
            return bgr;
        }
        Mat out = new Mat();
        temp.add(out);
        Imgproc.resize(bgr, out, new Size(Math.round(bgr.cols() * scale), Math.round(bgr.rows() * scale)), 0, 0, Imgproc.INTER_AREA);
        return out;
    }

    private record Earth(Mat mask, Mat dark, double[] gains) {
    }

    /** Light normalisation on the pavement, then the earth mask and the pavement mask. */
    private Earth earth(Mat work, Masks mk, List<Mat> temp) {
        double[] gains = neutralGains(work, mk.neutral);
        Mat m = new Mat(3, 3, CvType.CV_32F, Scalar.all(0));
        temp.add(m);
        m.put(0, 0, gains[0]);
        m.put(1, 1, gains[1]);
        m.put(2, 2, gains[2]);
        Mat balanced = new Mat();
        temp.add(balanced);
        Core.transform(work, balanced, m);
        // colours are regional: smoothing first keeps the sensor noise (amplified at night) from deciding pixel by pixel
        Imgproc.blur(balanced, balanced, new Size(tuning.blur(), tuning.blur()));
        Mat hsv = new Mat();
        temp.add(hsv);
        Imgproc.cvtColor(balanced, hsv, Imgproc.COLOR_BGR2HSV);
        Mat mask = new Mat();
        temp.add(mask);
        Core.inRange(hsv, new Scalar(tuning.hueMin(), tuning.satMin(), tuning.valMin()),
                new Scalar(tuning.hueMax(), tuning.satMax(), tuning.valMax()), mask);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3));
        temp.add(kernel);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, kernel);
        // pavement-like: grey, from shadowed to brightly lit; tyres, chassis, paint and mud are not
        Mat pavement = new Mat();
        temp.add(pavement);
        Core.inRange(hsv, new Scalar(0, 0, NEUTRAL * tuning.darkRatio()), new Scalar(180, tuning.satMin() * 0.8, NEUTRAL * 1.6), pavement);
        Mat other = new Mat();
        temp.add(other);
        Core.bitwise_not(pavement, other);
        return new Earth(mask, other, gains);
    }

    /**
     * Per-channel gains that make the pavement neutral grey of brightness {@link #NEUTRAL}. The pavement's colour is the
     * commonest chromaticity among the road zone's and wash area's pixels (mud on the road, puddles and grating are
     * less common than the concrete itself, and a median would drift towards them); its medians within that peak set
     * the gains.
     */
    static double[] neutralGains(Mat work, byte[] neutral) {
        int n = work.rows() * work.cols();
        byte[] px = new byte[n * 3];
        work.get(0, 0, px);
        final int bins = 32;
        int[] hist = new int[bins * bins];
        for (int i = 0; i < n; i += 2) {
            if (neutral[i] != 0) {
                int b = px[i * 3] & 0xFF;
                int g = px[i * 3 + 1] & 0xFF;
                int r = px[i * 3 + 2] & 0xFF;
                int sum = r + g + b;
                if (sum >= 24) {
                    hist[Math.min(bins - 1, r * bins / sum) * bins + Math.min(bins - 1, g * bins / sum)]++;
                }
            }
        }
        int peak = 0;
        for (int k = 1; k < hist.length; k++) {
            if (hist[k] > hist[peak]) {
                peak = k;
            }
        }
        int pr = peak / bins;
        int pg = peak % bins;
        int[][] channel = new int[3][256];
        int counted = 0;
        for (int i = 0; i < n; i += 2) {
            if (neutral[i] != 0) {
                int b = px[i * 3] & 0xFF;
                int g = px[i * 3 + 1] & 0xFF;
                int r = px[i * 3 + 2] & 0xFF;
                int sum = r + g + b;
                if (sum >= 24 && Math.abs(Math.min(bins - 1, r * bins / sum) - pr) <= 1 && Math.abs(Math.min(bins - 1, g * bins / sum) - pg) <= 1) {
                    channel[0][b]++;
                    channel[1][g]++;
                    channel[2][r]++;
                    counted++;
                }
            }
        }
        double[] gains = new double[3];
        for (int c = 0; c < 3; c++) {
            double median = counted == 0 ? NEUTRAL : Math.max(4, median(channel[c], counted));
            gains[c] = Math.min(8, NEUTRAL / median);
        }
        return gains;
    }

    private static double median(int[] hist, int count) {
        int half = count / 2;
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[v];
            if (seen > half) {
                return v;
            }
        }
        return 255;
    }

    private static double share(Mat mask, Mat zone, int area, List<Mat> temp) {
        Mat both = new Mat();
        temp.add(both);
        Core.bitwise_and(mask, zone, both);
        return area == 0 ? 0 : (double) Core.countNonZero(both) / area;
    }

    /** The biggest blobs of a mask within a zone, in pixels of the original frame. */
    private static List<Box> boxes(Mat mask, Mat zone, double back, List<Mat> temp) {
        Mat both = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        temp.add(both);
        temp.add(labels);
        temp.add(stats);
        temp.add(centroids);
        Core.bitwise_and(mask, zone, both);
        int count = Imgproc.connectedComponentsWithStats(both, labels, stats, centroids, 8, CvType.CV_32S);
        List<Box> out = new ArrayList<>();
        int minArea = Math.max(6, mask.rows() * mask.cols() / 20000);
        for (int i = 1; i < count; i++) {
            int area = (int) stats.get(i, Imgproc.CC_STAT_AREA)[0];
            if (area < minArea) {
                continue;
            }
            out.add(new Box((int) Math.round(stats.get(i, Imgproc.CC_STAT_LEFT)[0] * back),
                    (int) Math.round(stats.get(i, Imgproc.CC_STAT_TOP)[0] * back),
                    (int) Math.round(stats.get(i, Imgproc.CC_STAT_WIDTH)[0] * back),
                    (int) Math.round(stats.get(i, Imgproc.CC_STAT_HEIGHT)[0] * back)));
        }
        out.sort(Comparator.comparingInt(Box::area).reversed());
        return out.size() > 8 ? List.copyOf(out.subList(0, 8)) : out;
    }

    private static double round(double v) {
        return Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000.0;
    }

    /** The zone masks at one frame size, kept while the size and regions stay the same. */
    private static final class Masks {
        final Regions regions;
        final int width;
        final int height;
        final Mat wheel;
        final Mat body;
        final Mat road;
        final int wheelArea;
        final int bodyArea;
        final int roadArea;
        /** Road and wash area: where the pavement's colour is read. */
        final byte[] neutral;

        Masks(Regions regions, int width, int height) {
            this.regions = regions;
            this.width = width;
            this.height = height;
            wheel = fill(regions.wheelZone(), width, height);
            body = fill(regions.bodyZone(), width, height);
            road = fill(regions.roadZone(), width, height);
            Mat wash = fill(regions.washArea(), width, height);
            Mat pavement = new Mat();
            Core.bitwise_or(road, wash, pavement);
            neutral = new byte[width * height];
            pavement.get(0, 0, neutral);
            wash.release();
            pavement.release();
            wheelArea = Core.countNonZero(wheel);
            bodyArea = Core.countNonZero(body);
            roadArea = Core.countNonZero(road);
        }

        private static Mat fill(Zone zone, int width, int height) {
            Mat m = Mat.zeros(height, width, CvType.CV_8UC1);
            Imgproc.fillPoly(m, List.of(zone.pixels(width, height)), new Scalar(255));
            return m;
        }

        void release() {
            wheel.release();
            body.release();
            road.release();
        }
    }

    private Masks masks(Regions regions, int width, int height) {
        if (masks == null || !masks.regions.equals(regions) || masks.width != width || masks.height != height) {
            if (masks != null) {
                masks.release();
            }
            masks = new Masks(regions, width, height);
        }
        return masks;
    }
}
