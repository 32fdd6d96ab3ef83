package org.nsegw.vision.internal.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.vision.internal.camera.ExitRegions;
import org.nsegw.vision.internal.camera.Polygon;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/**
 * Turns a captured exit into durable evidence and the observations that rest on it: for each kind found, the frame
 * before the truck, the frame of the finding, the frame after, the finding's frame annotated (regions, boxes, score
 * and confidence drawn), and one MJPEG AVI clip of the whole exit, checked to play back. Everything is on disk
 * ({@link VisionMediaStore}) before the observations are returned.
 */
public final class ExitEvidence {

    static final String CLIP = "clip.avi";
    /** JPEG quality of the clip's frames: about half the size of the camera's own at 90-95. */
    static final int CLIP_QUALITY = 75;
    /** The most frames in a clip, and its widest frame: the frames of the finding are kept in full beside it. */
    static final int CLIP_FRAMES = 60;
    static final int CLIP_WIDTH = 960;
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String cameraId;
    private final String lane;
    private final ExitRegions regions;
    private final VisionMediaStore store;
    private long sequence;

    public ExitEvidence(String cameraId, String lane, ExitRegions regions, VisionMediaStore store) {
        this.cameraId = cameraId;
        this.lane = lane;
        this.regions = regions;
        this.store = store;
    }

    /**
     * Writes the evidence of an exit with findings and returns its observations, strongest kind first.
     *
     * @throws IOException when the disk refuses or the clip cannot be written or read back: nothing is published
     */
    public List<Observation> write(Capture capture) throws IOException {
        if (capture.best().isEmpty()) {
            return List.of();
        }
        String exitId = ID.format(capture.frames().get(capture.firstAt()).time()) + "-" + (++sequence);
        Map<String, String> roles = new LinkedHashMap<>();
        try (VisionMediaStore.Pending folder = store.begin(cameraId, capture.start().atZone(ZoneOffset.UTC).toLocalDate(), exitId)) {
            folder.write("before.jpg", capture.before().jpeg(), "image/jpeg");
            roles.put("before.jpg", "before");
            folder.write("after.jpg", capture.after().jpeg(), "image/jpeg");
            roles.put("after.jpg", "after");
            Map<ObservationKind, String[]> names = new LinkedHashMap<>();
            for (Map.Entry<ObservationKind, Capture.Best> e : capture.best().entrySet()) {
                String k = e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-');
                Shot at = capture.frames().get(e.getValue().frame());
                folder.write("at-" + k + ".jpg", at.jpeg(), "image/jpeg");
                roles.put("at-" + k + ".jpg", "at");
                folder.write("annotated-" + k + ".jpg", annotate(at, e.getValue().finding()), "image/jpeg");
                roles.put("annotated-" + k + ".jpg", "annotated");
                names.put(e.getKey(), new String[] {"at-" + k + ".jpg", "annotated-" + k + ".jpg"});
            }
            int written = clip(capture, folder.dir().resolve(CLIP));
            folder.adopt(CLIP, "video/x-msvideo");
            roles.put(CLIP, "clip");
            folder.write(VisionMediaStore.EXIT_FILE, describe(exitId, capture, written).getBytes(StandardCharsets.UTF_8), "application/json");
            roles.put(VisionMediaStore.EXIT_FILE, "exit");
            Map<String, MediaRef> refs = folder.commit(roles);
            List<Observation> out = new ArrayList<>();
            capture.best().entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue().finding().confidence(), a.getValue().finding().confidence()))
                    .forEach(e -> {
                        Finding f = e.getValue().finding();
                        String[] own = names.get(e.getKey());
                        out.add(new Observation(cameraId, lane, capture.frames().get(e.getValue().frame()).time(), e.getKey(), f.score(),
                                f.confidence(), List.of(refs.get("before.jpg"), refs.get(own[0]), refs.get("after.jpg"), refs.get(own[1]),
                                        refs.get(CLIP))));
                    });
            return out;
        }
    }

    /** The frame with the regions, the finding's boxes and its numbers drawn, as a JPEG. */
    byte[] annotate(Shot shot, Finding finding) throws IOException {
        Mat img = decode(shot.jpeg());
        try {
            draw(img, regions.wheelZone(), new Scalar(0, 215, 255), "wheel");
            draw(img, regions.bodyZone(), new Scalar(255, 255, 0), "body");
            draw(img, regions.roadZone(), new Scalar(0, 200, 0), "road");
            regions.washArea().ifPresent(p -> draw(img, p, new Scalar(255, 120, 0), "wash"));
            Scalar red = new Scalar(0, 0, 255);
            int thick = Math.max(2, img.cols() / 400);
            for (Rect r : finding.boxes()) {
                Imgproc.rectangle(img, r.tl(), r.br(), red, thick);
            }
            double scale = Math.max(0.5, img.cols() / 1280.0);
            String text = String.format(Locale.ROOT, "%s  score %.2f  confidence %.2f", finding.kind(), finding.score(), finding.confidence());
            String where = cameraId + "  lane " + lane + "  " + shot.time();
            int line = (int) (30 * scale);
            Imgproc.rectangle(img, new Point(0, 0), new Point(img.cols(), 2.4 * line), new Scalar(0, 0, 0), -1);
            Imgproc.putText(img, text, new Point(10, line), Imgproc.FONT_HERSHEY_SIMPLEX, 0.8 * scale, red, Math.max(1, thick - 1));
            Imgproc.putText(img, where, new Point(10, 2 * line), Imgproc.FONT_HERSHEY_SIMPLEX, 0.6 * scale, new Scalar(255, 255, 255), 1);
            MatOfByte out = new MatOfByte();
            Imgcodecs.imencode(".jpg", img, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
            return out.toArray();
        } finally {
            img.release();
        }
    }

    private static void draw(Mat img, Polygon p, Scalar colour, String label) {
        List<Point> points = p.pixels(img.cols(), img.rows()).stream().map(xy -> new Point(xy[0], xy[1])).toList();
        Imgproc.polylines(img, List.of(new MatOfPoint(points.toArray(Point[]::new))), true, colour, Math.max(1, img.cols() / 640));
        Imgproc.putText(img, label, new Point(points.get(0).x + 4, points.get(0).y + 18), Imgproc.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1);
    }

    /**
     * The frames of a clip: all of them up to {@link #CLIP_FRAMES}, else that many spread evenly from the first to the
     * last, so that a long exit's clip stays a few megabytes in the evidence packet.
     */
    static List<Shot> clipFrames(List<Shot> frames) {
        if (frames.size() <= CLIP_FRAMES) {
            return frames;
        }
        List<Shot> chosen = new ArrayList<>();
        for (int i = 0; i < CLIP_FRAMES; i++) {
            chosen.add(frames.get((int) Math.round(i * (frames.size() - 1) / (double) (CLIP_FRAMES - 1))));
        }
        return chosen;
    }

    /**
     * Writes the exit's frames ({@link #clipFrames}) into an MJPEG AVI at their own rate (OpenCV's built-in writer: no
     * FFmpeg needed), at most {@value #CLIP_WIDTH} pixels wide, and reads it back.
     *
     * @return the frames written
     */
    static int clip(Capture capture, Path file) throws IOException {
        List<Shot> frames = clipFrames(capture.frames());
        Mat first = decode(frames.get(0).jpeg());
        Size size = first.cols() <= CLIP_WIDTH ? first.size()
                : new Size(CLIP_WIDTH, 2 * Math.round(first.rows() * (double) CLIP_WIDTH / first.cols() / 2));
        first.release();
        double seconds = Duration.between(frames.get(0).time(), frames.get(frames.size() - 1).time()).toMillis() / 1000.0;
        double fps = frames.size() > 1 && seconds > 0 ? Math.max(1, Math.min(30, (frames.size() - 1) / seconds)) : 2;
        VideoWriter writer = new VideoWriter(file.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'), fps, size, true);
        int written = 0;
        try {
            if (!writer.isOpened()) {
                throw new IOException("OpenCV cannot open an MJPEG AVI writer for " + file);
            }
            // the frames as the camera sent them are kept in full; the clip shows the movement and may be lighter
            writer.set(Videoio.VIDEOWRITER_PROP_QUALITY, CLIP_QUALITY);
            Mat resized = new Mat();
            for (Shot s : frames) {
                Mat m = decode(s.jpeg());
                if (!m.size().equals(size)) {
                    Imgproc.resize(m, resized, size);
                    writer.write(resized);
                } else {
                    writer.write(m);
                }
                m.release();
                written++;
            }
            resized.release();
        } finally {
            writer.release();
        }
        int readable = frames(file);
        if (readable != written) {
            throw new IOException("the clip " + file.getFileName() + " plays back " + readable + " of its " + written + " frames");
        }
        return written;
    }

    /** How many frames an MJPEG AVI plays back. */
    static int frames(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no clip at " + file);
        }
        VideoCapture c = new VideoCapture(file.toString(), Videoio.CAP_OPENCV_MJPEG);
        try {
            if (!c.isOpened()) {
                return 0;
            }
            Mat m = new Mat();
            int n = 0;
            while (c.read(m)) {
                n++;
            }
            m.release();
            return n;
        } finally {
            c.release();
        }
    }

    static Mat decode(byte[] jpeg) throws IOException {
        Mat m = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        if (m.empty()) {
            throw new IOException("a kept frame no longer decodes");
        }
        return m;
    }

    private String describe(String exitId, Capture c, int clipFrames) {
        StringBuilder b = new StringBuilder("{\"camera\":").append(quote(cameraId)).append(",\"lane\":").append(quote(lane))
                .append(",\"exit\":").append(quote(exitId)).append(",\"from\":").append(quote(c.start().toString()))
                .append(",\"to\":").append(quote(c.frames().get(c.frames().size() - 1).time().toString()))
                .append(",\"frames\":").append(c.frames().size()).append(",\"firstAt\":").append(c.firstAt())
                .append(",\"firstAfter\":").append(c.firstAfter()).append(",\"clipFrames\":").append(clipFrames).append(",\"findings\":[");
        boolean first = true;
        for (Map.Entry<ObservationKind, Capture.Best> e : c.best().entrySet()) {
            Finding f = e.getValue().finding();
            b.append(first ? "" : ",").append("{\"kind\":").append(quote(e.getKey().name()))
                    .append(String.format(Locale.ROOT, ",\"score\":%.4f,\"confidence\":%.4f,\"frame\":%d,\"time\":", f.score(), f.confidence(),
                            e.getValue().frame()))
                    .append(quote(c.frames().get(e.getValue().frame()).time().toString())).append('}');
            first = false;
        }
        return b.append("]}\n").toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
