package org.nsegw.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.emulator.camera.scene.CameraGeometry;
import org.nsegw.emulator.camera.scene.Label;
import org.nsegw.rules.internal.CleanlinessSettings;
import org.nsegw.site.PlannedConfiguration;
import org.nsegw.site.SiteCompiler;
import org.nsegw.vision.internal.detect.Annotator;
import org.nsegw.vision.internal.detect.Box;
import org.nsegw.vision.internal.detect.Detection;
import org.nsegw.vision.internal.detect.ExitDetectors;
import org.nsegw.vision.internal.detect.JpegFrames;
import org.nsegw.vision.internal.detect.OnnxClassifier;
import org.nsegw.vision.internal.detect.Regions;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsegw vision ...}: the site-exit detectors on images, as the gateway runs them. */
@Command(name = "vision", description = "Run the site-exit cleanliness detectors on images, with a site file's regions and thresholds.",
        subcommands = {VisionCommand.Eval.class, VisionCommand.Analyze.class})
final class VisionCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** CPU time of the analysing thread: frames per core whatever else the machine is doing. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    static final List<ObservationKind> KINDS = List.of(ObservationKind.values());

    /** The options both subcommands share: the site, its camera, a reference and classifiers. */
    static final class SiteOptions {

        @Option(names = "--site", required = true, paramLabel = "FILE", description = "the site file: its camera's regions and its cleanliness thresholds")
        Path site;

        @Option(names = "--camera", paramLabel = "ID", description = "the site camera whose regions apply (default: the site's only one)")
        String camera;

        @Option(names = "--profiles", paramLabel = "DIR", description = "the device profiles (default: device-profiles/ beside the site file's folder)")
        Path profiles;

        @Option(names = "--reference", paramLabel = "IMAGE", description = "an image of the same exit with the road clean")
        Path reference;

        @Option(names = "--model", paramLabel = "KIND=FILE", description = {
            "an ONNX classifier deciding one kind's confidence (repeatable), e.g. MUDDY_VEHICLE=mud.onnx;",
            "input 1x3xSxS RGB 0..1, output 1 probability or 2 classes (see docs/vision.md)"})
        List<String> models = new ArrayList<>();

        @Option(names = "--model-size", defaultValue = "224", paramLabel = "S", description = "the classifiers' input side (default: ${DEFAULT-VALUE})")
        int modelSize;
    }

    /** What a site file says about one camera's detection. */
    record SiteVision(String camera, Regions regions, Map<ObservationKind, Double> thresholds, String regionsFrom) {

        String describe() {
            return String.format(Locale.ROOT, "camera %s, regions %s; thresholds muddy %s, uncovered %s, dirty road %s", camera, regionsFrom,
                    thresholds.get(ObservationKind.MUDDY_VEHICLE), thresholds.get(ObservationKind.UNCOVERED_LOAD),
                    thresholds.get(ObservationKind.DIRTY_ROAD));
        }
    }

    /** Thrown for input the user must fix; the message says what. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Reads the site file: its camera's regions (or the emulated camera's when it has none) and its thresholds. */
    static SiteVision siteVision(SiteOptions o, PrintWriter err) throws IOException, Refused {
        SiteCheck.Result check = SiteCheck.check(Distribution.locate(), o.site, o.profiles);
        if (!check.plan().isValid()) {
            check.printProblems(err);
            throw new Refused("the site file is not valid");
        }
        List<PlannedConfiguration> cameras = check.plan().configurations().stream()
                .filter(c -> c.pid().equals(SiteCompiler.DEVICE_PIDS.get(org.nsegw.api.device.DeviceKind.SITE_CAMERA))).toList();
        PlannedConfiguration camera;
        if (o.camera != null) {
            camera = cameras.stream().filter(c -> o.camera.equals(c.property("id").orElse(null))).findFirst()
                    .orElseThrow(() -> new Refused(o.site + " has no site camera " + o.camera + "; it has: " + ids(cameras)));
        } else if (cameras.size() == 1) {
            camera = cameras.get(0);
        } else {
            throw new Refused(cameras.isEmpty() ? o.site + " has no site camera" : o.site + " has several site cameras; name one with --camera: " + ids(cameras));
        }
        Regions regions;
        String from;
        if (Regions.KEYS.stream().anyMatch(k -> camera.properties().containsKey("regions." + k))) {
            try {
                regions = Regions.parse(camera.properties());
            } catch (IllegalArgumentException e) {
                throw new Refused(o.site + ", camera " + camera.property("id").orElse("?") + ": " + e.getMessage());
            }
            from = "from the site file";
        } else {
            regions = Regions.parse(Map.of(
                    "wheelZone", CameraGeometry.siteForm(CameraGeometry.WHEEL_ZONE),
                    "bodyZone", CameraGeometry.siteForm(CameraGeometry.BODY_ZONE),
                    "roadZone", CameraGeometry.siteForm(CameraGeometry.ROAD_ZONE),
                    "washArea", CameraGeometry.siteForm(CameraGeometry.WASH_AREA)));
            from = "of the emulated camera (the site file gives none)";
        }
        CleanlinessSettings cl;
        try {
            cl = CleanlinessSettings.fromProperties(check.plan().configurations().stream()
                    .filter(c -> c.pid().equals(SiteCompiler.CLEANLINESS_PID)).findFirst().map(PlannedConfiguration::properties)
                    .orElse(Map.of("enforcementCode", "")));
        } catch (IllegalArgumentException e) {
            throw new Refused(o.site + ": cleanliness: " + e.getMessage());
        }
        Map<ObservationKind, Double> thresholds = new EnumMap<>(ObservationKind.class);
        thresholds.put(ObservationKind.MUDDY_VEHICLE, cl.muddyConfidence());
        thresholds.put(ObservationKind.UNCOVERED_LOAD, cl.uncoveredConfidence());
        thresholds.put(ObservationKind.DIRTY_ROAD, cl.dirtyRoadConfidence());
        return new SiteVision(String.valueOf(camera.property("id").orElse("?")), regions, thresholds, from);
    }

    private static String ids(List<PlannedConfiguration> cameras) {
        return String.join(", ", cameras.stream().map(c -> String.valueOf(c.property("id").orElse("?"))).toList());
    }

    /** The detectors with the classifiers the options name; natives loaded. */
    static ExitDetectors detectors(SiteOptions o) throws IOException, Refused {
        nu.pattern.OpenCV.loadLocally();
        org.opencv.core.Core.setNumThreads(1); // frames per second are reported per core, as the gateway runs a camera on one thread
        ExitDetectors d = new ExitDetectors();
        for (String m : o.models) {
            String[] kv = m.split("=", 2);
            ObservationKind kind;
            try {
                kind = ObservationKind.valueOf(kv[0].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Refused("--model " + m + ": write KIND=FILE with KIND one of MUDDY_VEHICLE, UNCOVERED_LOAD, DIRTY_ROAD");
            }
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new Refused("--model " + m + ": write KIND=FILE");
            }
            Path file = Path.of(kv[1].strip());
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new Refused("--model " + m + ": the model file " + file + " does not exist");
            } catch (IOException e) {
                throw new Refused("--model " + m + ": the model file " + file + " cannot be read: " + e.getMessage());
            }
            try {
                d = d.withClassifier(kind, OnnxClassifier.of(file.toString(), bytes, o.modelSize));
            } catch (IllegalArgumentException e) {
                throw new Refused("--model " + m + ": " + e.getMessage());
            }
        }
        return d;
    }

    static Mat reference(SiteOptions o) throws Refused {
        if (o.reference == null) {
            return null;
        }
        Mat ref = Imgcodecs.imread(o.reference.toString(), Imgcodecs.IMREAD_COLOR);
        if (ref.empty()) {
            throw new Refused("--reference " + o.reference + " is not an image OpenCV can read");
        }
        return ref;
    }

    // --- nsegw vision analyze ----------------------------------------------------------------------------------------

    @Command(name = "analyze", description = {
        "Run the detectors on one image: one JSON line per violation kind (score, confidence, the site's",
        "threshold, whether that makes a violation, where), and write the image annotated with the regions,",
        "the boxes and the scores (default: IMAGE.annotated.jpg beside it).",
        "Example: nsegw vision analyze --site edge-config/site-example.yaml exit-000001.jpg"})
    static final class Analyze implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        SiteOptions options = new SiteOptions();

        @Option(names = "--out", paramLabel = "FILE", description = "where to write the annotated image (.jpg or .png)")
        Path out;

        @Parameters(paramLabel = "IMAGE", description = "a JPEG or PNG from the camera")
        Path image;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Mat frame = null;
            Mat ref = null;
            try {
                SiteVision sv = siteVision(options, err);
                ExitDetectors detectors = detectors(options);
                ref = reference(options);
                frame = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
                if (frame.empty()) {
                    throw new Refused(image + (Files.exists(image) ? " is not an image OpenCV can read" : " does not exist"));
                }
                List<Detection> found = detectors.analyze(frame, sv.regions(), ref);
                for (Detection d : found) {
                    stdout.println(json(image, sv, d));
                }
                stdout.flush();
                Path target = out != null ? out : annotatedBeside(image);
                Mat annotated = Annotator.draw(frame, sv.regions(), found, sv.thresholds());
                boolean written = Imgcodecs.imwrite(target.toString(), annotated, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
                annotated.release();
                if (!written) {
                    throw new Refused("cannot write the annotated image " + target + " (the name must end in .jpg or .png)");
                }
                err.println("Annotated image: " + target + " (" + sv.describe() + ")");
                err.flush();
                return Nsegw.EXIT_OK;
            } catch (Refused e) {
                err.println("nsegw vision analyze: " + e.getMessage());
                err.flush();
                return Nsegw.EXIT_INVALID;
            } finally {
                if (frame != null) {
                    frame.release();
                }
                if (ref != null) {
                    ref.release();
                }
            }
        }

        static Path annotatedBeside(Path image) {
            String name = image.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return image.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".annotated.jpg");
        }

        static String json(Path image, SiteVision sv, Detection d) {
            ObjectNode o = JSON.createObjectNode();
            o.put("image", image.getFileName().toString());
            o.put("camera", sv.camera());
            o.put("kind", d.kind().name());
            o.put("score", d.score());
            o.put("confidence", d.confidence());
            double t = sv.thresholds().get(d.kind());
            o.put("threshold", t);
            o.put("violation", d.atLeast(t));
            ArrayNode where = o.putArray("where");
            for (Box b : d.where()) {
                where.addArray().add(b.x()).add(b.y()).add(b.width()).add(b.height());
            }
            return o.toString();
        }
    }

    // --- nsegw vision eval -------------------------------------------------------------------------------------------

    @Command(name = "eval", description = {
        "Run the detectors on every labelled image of a folder (NAME.jpg with NAME.json, format",
        "nsegw-vision-label/1, as 'nsegw emulate camera --render' writes them) and print precision and",
        "recall per violation type at the site's thresholds, by light, and the frames per second",
        "(JPEG decode and detection, one core) per image size.",
        "Example: nsegw vision eval --site edge-config/site-example.yaml data/eval/"})
    static final class Eval implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        SiteOptions options = new SiteOptions();

        @Option(names = "--require", paramLabel = "P,R", description = "exit 1 unless every type reaches this precision and recall, e.g. 0.95,0.90")
        String require;

        @Option(names = "--misjudged", defaultValue = "10", paramLabel = "N", description = "list up to N misjudged images per type (default: ${DEFAULT-VALUE})")
        int misjudged;

        @Parameters(paramLabel = "DIR", description = "the labelled images")
        Path dir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            double[] required = null;
            Mat ref = null;
            try {
                if (require != null) {
                    String[] pr = require.split(",", 2);
                    try {
                        required = new double[] {Double.parseDouble(pr[0]), Double.parseDouble(pr[1])};
                    } catch (RuntimeException e) {
                        throw new Refused("--require wants PRECISION,RECALL, e.g. 0.95,0.90, not '" + require + "'");
                    }
                }
                if (!Files.isDirectory(dir)) {
                    throw new Refused(dir + " is not a folder");
                }
                SiteVision sv = siteVision(options, err);
                ExitDetectors detectors = detectors(options);
                ref = reference(options);
                List<Path> images;
                try (Stream<Path> s = Files.list(dir)) {
                    images = s.filter(p -> p.getFileName().toString().endsWith(".jpg") && !p.getFileName().toString().endsWith(".annotated.jpg"))
                            .sorted().toList();
                }
                Tally all = new Tally();
                Map<String, Tally> byLight = new TreeMap<>();
                Map<String, long[]> timing = new TreeMap<>(); // size -> {frames, nanos}
                int unlabelled = 0;
                for (Path image : images) {
                    Path labelFile = image.resolveSibling(image.getFileName().toString().replaceFirst("\\.jpg$", ".json"));
                    if (!Files.exists(labelFile)) {
                        unlabelled++;
                        continue;
                    }
                    Label label;
                    try {
                        label = Label.read(labelFile);
                    } catch (IllegalArgumentException e) {
                        throw new Refused(e.getMessage());
                    }
                    byte[] bytes = Files.readAllBytes(image);
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    // as the gateway takes frames: decoded at the analysis size (a 1280x720 JPEG at half size)
                    Mat frame = JpegFrames.decodeForAnalysis(bytes, ExitDetectors.ANALYSIS_WIDTH)
                            .orElseThrow(() -> new Refused(image + " is not an image OpenCV can read"));
                    List<Detection> found = detectors.analyze(frame, sv.regions(), ref);
                    long nanos = System.nanoTime() - t0;
                    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
                    String size = label.width() + "x" + label.height();
                    frame.release();
                    timing.computeIfAbsent(size, k -> new long[3]);
                    timing.get(size)[0]++;
                    timing.get(size)[1] += nanos;
                    timing.get(size)[2] += cpu;
                    Tally light = byLight.computeIfAbsent(label.condition().light().word(), k -> new Tally());
                    for (Detection d : found) {
                        boolean said = d.atLeast(sv.thresholds().get(d.kind()));
                        boolean truth = label.truth(d.kind().name());
                        all.add(d.kind(), truth, said, image.getFileName().toString() + " (" + d.kind() + " confidence " + d.confidence() + ")");
                        light.add(d.kind(), truth, said, null);
                    }
                }
                if (all.images(ObservationKind.MUDDY_VEHICLE) == 0) {
                    throw new Refused(dir + " holds no labelled images (NAME.jpg with NAME.json)");
                }
                out.printf(Locale.ROOT, "%d labelled images in %s%s; %s%n", all.images(ObservationKind.MUDDY_VEHICLE), dir,
                        unlabelled == 0 ? "" : " (" + unlabelled + " without a label skipped)", sv.describe());
                out.println();
                out.printf(Locale.ROOT, "%-15s %9s %6s %6s %5s %5s %5s %5s %9s %7s%n", "type", "threshold", "truth", "found", "TP", "FP", "FN", "TN",
                        "precision", "recall");
                boolean ok = true;
                for (ObservationKind k : KINDS) {
                    int[] c = all.counts(k);
                    out.printf(Locale.ROOT, "%-15s %9.2f %6d %6d %5d %5d %5d %5d %9s %7s%n", k, sv.thresholds().get(k), c[0] + c[2], c[0] + c[1], c[0],
                            c[1], c[2], c[3], ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2]));
                    if (required != null) {
                        ok &= c[0] + c[1] > 0 && c[0] + c[2] > 0 && (double) c[0] / (c[0] + c[1]) >= required[0]
                                && (double) c[0] / (c[0] + c[2]) >= required[1];
                    }
                }
                out.println();
                out.println("by light (precision / recall):");
                for (Map.Entry<String, Tally> e : byLight.entrySet()) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-6s %4d images", e.getKey(), e.getValue().images(ObservationKind.MUDDY_VEHICLE)));
                    for (ObservationKind k : KINDS) {
                        int[] c = e.getValue().counts(k);
                        line.append(String.format(Locale.ROOT, "   %s %s / %s", abbreviation(k), ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2])));
                    }
                    out.println(line);
                }
                out.println();
                for (Map.Entry<String, long[]> e : timing.entrySet()) {
                    double ms = e.getValue()[1] / 1e6 / e.getValue()[0];
                    double cpuMs = e.getValue()[2] / 1e6 / e.getValue()[0];
                    out.printf(Locale.ROOT, "%s: %d frames, JPEG decode and detection %.1f ms per frame elapsed, %.1f ms CPU: %.0f frames/s per core%n",
                            e.getKey(), e.getValue()[0], ms, cpuMs, 1000 / cpuMs);
                }
                if (misjudged > 0 && !all.misjudged.isEmpty()) {
                    out.println();
                    out.println("misjudged:");
                    all.misjudged.entrySet().forEach(e -> e.getValue().stream().limit(misjudged).forEach(m -> out.println("  " + m)));
                }
                out.flush();
                if (required != null && !ok) {
                    err.printf(Locale.ROOT, "nsegw vision eval: below the required precision %.2f and recall %.2f%n", required[0], required[1]);
                    err.flush();
                    return Nsegw.EXIT_FAILURE;
                }
                return Nsegw.EXIT_OK;
            } catch (Refused e) {
                err.println("nsegw vision eval: " + e.getMessage());
                err.flush();
                return Nsegw.EXIT_INVALID;
            } finally {
                if (ref != null) {
                    ref.release();
                }
            }
        }

        private static String abbreviation(ObservationKind k) {
            return switch (k) {
                case MUDDY_VEHICLE -> "muddy";
                case UNCOVERED_LOAD -> "uncovered";
                case DIRTY_ROAD -> "road";
            };
        }

        static String ratio(int a, int b) {
            return b == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) a / b);
        }
    }

    /** Per kind: true positives, false positives, false negatives, true negatives. */
    static final class Tally {
        private final Map<ObservationKind, int[]> counts = new EnumMap<>(ObservationKind.class);
        final Map<ObservationKind, List<String>> misjudged = new EnumMap<>(ObservationKind.class);

        void add(ObservationKind kind, boolean truth, boolean said, String what) {
            int[] c = counts.computeIfAbsent(kind, k -> new int[4]);
            int i = truth ? (said ? 0 : 2) : (said ? 1 : 3);
            c[i]++;
            if (what != null && truth != said) {
                misjudged.computeIfAbsent(kind, k -> new ArrayList<>()).add((said ? "false positive: " : "missed: ") + what);
            }
        }

        int[] counts(ObservationKind kind) {
            return counts.getOrDefault(kind, new int[4]);
        }

        int images(ObservationKind kind) {
            return java.util.Arrays.stream(counts(kind)).sum();
        }
    }
}
