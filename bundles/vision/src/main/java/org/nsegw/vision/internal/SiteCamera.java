package org.nsegw.vision.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadListener;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.vision.CameraView;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationListener;
import org.nsegw.vision.internal.camera.CameraSettings;
import org.nsegw.vision.internal.camera.ExitRegions;
import org.nsegw.vision.internal.camera.Polygon;
import org.nsegw.vision.internal.camera.VisionHealth;
import org.nsegw.vision.internal.pipeline.AnprPresence;
import org.nsegw.vision.internal.pipeline.CameraPipeline;
import org.nsegw.vision.internal.pipeline.ExitEvidence;
import org.nsegw.vision.internal.pipeline.ExitWatch;
import org.nsegw.vision.internal.pipeline.FrameAnalyzer;
import org.nsegw.vision.internal.pipeline.MotionPresence;
import org.nsegw.vision.internal.pipeline.DetectorAnalyzer;
import org.nsegw.vision.internal.pipeline.OpenCv;
import org.nsegw.vision.internal.pipeline.Presence;
import org.nsegw.vision.internal.pipeline.VisionMediaStore;
import org.nsegw.vision.internal.source.DirectorySource;
import org.nsegw.vision.internal.source.EventImages;
import org.nsegw.vision.internal.source.FrameSource;
import org.nsegw.vision.internal.source.HttpCamera;
import org.nsegw.vision.internal.source.MjpegSource;
import org.nsegw.vision.internal.source.SnapshotSource;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One site-exit camera of the site file: takes frames from its source (snapshots, an MJPEG stream, the gate ANPR
 * camera's event pictures, or a folder for replay), watches the exit for trucks and has their frames analysed, and
 * passes each observation, its evidence already durable, to every {@link ObservationListener}. Listens to plate reads
 * for event pictures and for the gate trigger. Loads OpenCV on the camera's own thread, so activation stays quick. A
 * configuration that cannot work puts the device in ERROR with the reason instead of failing the component.
 */
@Component(configurationPid = "org.nsegw.vision.camera", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {PlateReadListener.class, CameraView.class})
@Designate(ocd = SiteCameraConfig.class, factory = true)
public final class SiteCamera implements PlateReadListener, CameraView {

    /** Frames that may wait while one is analysed or an exit's evidence is written. */
    static final int QUEUE = 8;

    private final Logger log;
    private final DeviceStatusBoard board;
    private final String deviceId;
    private final CameraSettings settings;
    private final CameraPipeline pipeline;
    private final ScheduledExecutorService ticker;
    private final EventImages eventImages;
    private final AnprPresence anprPresence;
    private volatile FrameSource source;
    private volatile boolean stopped;
    /** What the console shows: the lane, frame size and regions as configured (also when they cannot work). */
    private final String lane;
    private final int frameWidth;
    private final int frameHeight;
    private final Map<String, List<String>> configuredRegions;

    @Reference(service = ObservationListener.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ObservationListener> listeners = List.of();

    @Activate
    public SiteCamera(SiteCameraConfig config, BundleContext context, @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.board = board;
        this.deviceId = config.id();
        this.lane = config.lane();
        this.frameWidth = config.frame_width();
        this.frameHeight = config.frame_height();
        this.configuredRegions = configuredRegions(config);
        Instant now = Instant.now();
        CameraSettings s;
        ExitWatch.Settings watch;
        RoadSettings road;
        Path dataDir;
        try {
            s = settings(config, siteDir(context));
            watch = watchSettings(config);
            road = new RoadSettings(Duration.ofMinutes(config.road_sustainMinutes()), Duration.ofMinutes(config.road_gapMinutes()),
                    Duration.ofMinutes(config.road_reportMinutes()), config.evidence_minConfidence());
            dataDir = dataDir(context);
        } catch (IllegalArgumentException | IOException e) {
            board.report(DeviceStatus.waiting(deviceId, DeviceKind.SITE_CAMERA, config.lane(), now)
                    .withState(DeviceState.ERROR, "configuration: " + e.getMessage(), now));
            log.error("ALARM site camera {} cannot work: configuration: {}", deviceId, e.getMessage());
            settings = null;
            pipeline = null;
            ticker = null;
            eventImages = null;
            anprPresence = null;
            return;
        }
        settings = s;
        VisionHealth health = new VisionHealth(s.id(), s.lane(), s.offlineAfter(), now);
        pipeline = new CameraPipeline(s.id(), s.width(), s.height(), health, new CameraPipeline.Outlet() {
            public void observed(Observation o) {
                publish(o);
            }

            public void status(DeviceStatus status) {
                board.report(status);
            }

            public void alarm(String text) {
                log.warn("ALARM {}", text);
            }

            public void error(String text, Throwable e) {
                log.error(text, e);
            }
        }, Clock.systemUTC(), QUEUE);
        pipeline.status();
        anprPresence = s.presence().equals("anpr") ? new AnprPresence(s.presenceHold()) : null;
        eventImages = s.source().equals("event-images") ? new EventImages(s.eventCamera(), dataDir, s.maxFrameBytes(), pipeline) : null;
        pipeline.run(() -> start(s, watch, road, dataDir));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-vision-tick-" + deviceId);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        log.info("Site camera {} ({}, {}) {}, lane {}, presence by {}", deviceId, config.model(), s.source(), where(s), s.lane(), s.presence());
    }

    /** On the pipeline's thread: OpenCV, the reference, the watch, then the source. */
    private void start(CameraSettings s, ExitWatch.Settings watchSettings, RoadSettings road, Path dataDir) {
        Optional<String> failure = OpenCv.load();
        if (failure.isPresent()) {
            pipeline.broken(failure.get());
            return;
        }
        try {
            Optional<Mat> cleanRoad = reference(s);
            if (cleanRoad.isEmpty()) {
                log.info("Site camera {}: no clean road reference (reference.cleanRoad): the road at the exit is not judged", deviceId);
            }
            FrameAnalyzer analyzer = analyzer(s, cleanRoad, road);
            Presence presence = anprPresence != null ? anprPresence
                    : new MotionPresence(List.of(s.regions().wheelZone(), s.regions().bodyZone()), s.motionShare());
            VisionMediaStore store = new VisionMediaStore(dataDir);
            int leftovers = store.cleanUp(s.id());
            if (leftovers > 0) {
                log.info("Site camera {}: removed {} incomplete exit folder(s) a crash left behind", deviceId, leftovers);
            }
            pipeline.ready(new ExitWatch(watchSettings, presence, analyzer), new ExitEvidence(s.id(), s.lane(), s.regions(), store));
        } catch (RuntimeException | IOException e) {
            // a setting that cannot work (IllegalArgumentException), or OpenCV refusing the reference (CvException)
            pipeline.broken("configuration: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        FrameSource src = source(s);
        if (src != null && !stopped) {
            source = src;
            src.start();
        }
        log.info("Site camera {}: OpenCV {} loaded, reading frames", deviceId, OpenCv.version());
    }

    /**
     * The detectors for this camera: {@code ExitDetectors} on its regions and reference for the truck kinds, a
     * {@code RoadWatch} over {@code road} for the road (see docs/vision.md).
     */
    private static FrameAnalyzer analyzer(CameraSettings s, Optional<Mat> cleanRoad, RoadSettings road) {
        return new DetectorAnalyzer(s.regions(), cleanRoad.orElse(null), road.threshold(), road.sustain(), road.gap(), road.report());
    }

    private static Optional<Mat> reference(CameraSettings s) {
        if (s.cleanRoad().isEmpty()) {
            return Optional.empty();
        }
        Path file = s.cleanRoad().get();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("reference.cleanRoad: no file " + file);
        }
        Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
        if (m.empty()) {
            throw new IllegalArgumentException("reference.cleanRoad: " + file + " is not an image OpenCV can read (JPEG or PNG)");
        }
        if (s.width() > 0 && (m.cols() != s.width() || m.rows() != s.height())) {
            throw new IllegalArgumentException("reference.cleanRoad: " + file + " is " + m.cols() + "×" + m.rows() + ", the camera's frames are "
                    + s.width() + "×" + s.height() + "; take the reference with this camera at its resolution");
        }
        return Optional.of(m);
    }

    private FrameSource source(CameraSettings s) {
        Duration interval = s.interval();
        return switch (s.source()) {
            case "snapshot" -> new SnapshotSource(HttpCamera.of(s.address(), s.port(), s.path(), s.username(), s.password()), interval,
                    s.maxFrameBytes(), pipeline, Clock.systemUTC(), s.id());
            case "mjpeg" -> new MjpegSource(HttpCamera.of(s.address(), s.port(), s.path(), s.username(), s.password()), s.offlineAfter(),
                    s.maxFrameBytes(), pipeline, Clock.systemUTC(), s.id());
            case "directory" -> new DirectorySource(s.directory().orElseThrow(), interval, s.maxFrameBytes(), pipeline, Clock.systemUTC(), s.id());
            default -> null; // event images arrive with the plate reads
        };
    }

    /** The regions of a configuration as written, by name without the prefix; unset ones are left out. */
    static Map<String, List<String>> configuredRegions(SiteCameraConfig c) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        String[][] all = {c.regions_wheelZone(), c.regions_bodyZone(), c.regions_roadZone(), c.regions_washArea()};
        for (int i = 0; i < all.length; i++) {
            String[] corners = all[i];
            if (corners != null && corners.length > 0 && !Arrays.stream(corners).allMatch(String::isBlank)) {
                m.put(REGIONS.get(i), List.of(corners));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public String lane() {
        return lane;
    }

    @Override
    public int frameWidth() {
        return frameWidth;
    }

    @Override
    public int frameHeight() {
        return frameHeight;
    }

    @Override
    public Map<String, List<String>> regions() {
        return configuredRegions;
    }

    @Override
    public Optional<Snapshot> latestFrame() {
        return pipeline == null ? Optional.empty() : pipeline.latest();
    }

    @Override
    public void plateRead(PlateRead read) {
        if (settings == null || !read.lane().equals(settings.lane()) && !read.cameraId().equals(settings.eventCamera())) {
            return;
        }
        if (anprPresence != null && read.position() == CameraPosition.GATE
                && (settings.eventCamera().isEmpty() || settings.eventCamera().equals(read.cameraId()))) {
            anprPresence.read(read.time());
        }
        if (eventImages != null) {
            eventImages.read(read);
        }
    }

    private void publish(Observation o) {
        log.info("Site camera {}: {} score {} confidence {} at {}", deviceId, o.kind(), o.score(), o.confidence(), o.time());
        for (ObservationListener l : listeners) {
            try {
                l.observed(o);
            } catch (RuntimeException e) {
                log.error("An observation listener failed on an observation of {}", deviceId, e);
            }
        }
    }

    private void tick() {
        try {
            pipeline.tick();
        } catch (RuntimeException e) {
            log.error("Site camera {}: health check failed", deviceId, e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (pipeline == null) {
            return;
        }
        stopped = true;
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        // the pipeline first: it waits for a start still under way, which may have just started the source
        pipeline.close();
        FrameSource src = source;
        if (src != null) {
            src.close();
        }
        DeviceStatus last = pipeline.status();
        board.report(last.withState(DeviceState.OFFLINE, "gateway stopped", Instant.now()));
        log.info("Site camera {} stopped: {}", deviceId, last.counters());
    }

    /** The typed settings of a configuration; an exception names the key and what to write. */
    static CameraSettings settings(SiteCameraConfig c, Optional<Path> siteDir) {
        ExitRegions regions = new ExitRegions(Polygon.of("regions.wheelZone", c.regions_wheelZone()),
                Polygon.of("regions.bodyZone", c.regions_bodyZone()), Polygon.of("regions.roadZone", c.regions_roadZone()),
                c.regions_washArea() == null || java.util.Arrays.stream(c.regions_washArea()).allMatch(String::isBlank) ? Optional.empty()
                        : Optional.of(Polygon.of("regions.washArea", c.regions_washArea())));
        return new CameraSettings(c.id(), c.lane(), c.protocol(), c.address(), c.port(), c.path(),
                c.protocol().equals("directory") ? CameraSettings.resolve(c.path(), siteDir) : Optional.empty(), c.username(), c.password(),
                Duration.ofMillis(c.intervalMs()), Duration.ofSeconds(c.offlineAfterSeconds()), c.eventCamera(), c.frame_width(),
                c.frame_height(), c.frame_maxKb() * 1024, regions, CameraSettings.resolve(c.reference_cleanRoad(), siteDir), c.presence_mode(),
                c.presence_motionShare(), Duration.ofSeconds(c.presence_holdSeconds()));
    }

    /**
     * How a dirty road is watched over time.
     *
     * @param sustain   how long it must stay dirty before it is reported
     * @param gap       the longest clean stretch that does not end a dirty spell
     * @param report    how soon a road that stays dirty is reported again
     * @param threshold the confidence at which one frame counts as dirty
     */
    record RoadSettings(Duration sustain, Duration gap, Duration report, double threshold) {
    }

    static ExitWatch.Settings watchSettings(SiteCameraConfig c) {
        return new ExitWatch.Settings(c.evidence_framesBefore(), c.evidence_framesAfter(), c.evidence_maxFrames(),
                Duration.ofSeconds(c.road_everySeconds()), Duration.ofMinutes(c.road_reportMinutes()), c.evidence_minConfidence(),
                c.protocol().equals("event-images"));
    }

    private static String where(CameraSettings s) {
        return switch (s.source()) {
            case "snapshot", "mjpeg" -> "at " + s.address() + ":" + s.port() + s.path();
            case "directory" -> "replaying " + s.directory().orElseThrow();
            default -> "on the pictures of " + s.eventCamera();
        };
    }

    private static Optional<Path> siteDir(BundleContext context) {
        String site = context.getProperty(GatewayProperties.SITE_FILE);
        return site == null || site.isBlank() ? Optional.empty() : Optional.ofNullable(Path.of(site).toAbsolutePath().getParent());
    }

    private static Path dataDir(BundleContext context) throws IOException {
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        Path dir = data != null ? Path.of(data) : context.getDataFile("").toPath();
        Files.createDirectories(dir);
        return dir;
    }
}
