package org.nsegw.emulator.camera;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nsegw.emulator.anpr.Timeline;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.anpr.http.DigestAuthenticator;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.Label;
import org.nsegw.emulator.camera.scene.RenderedScene;
import org.nsegw.emulator.camera.scene.SceneRenderer;
import org.nsegw.emulator.camera.scene.SceneSpec;

/**
 * An emulated site-exit camera on the network: it renders the exit as it is at the moment (the trucks of its
 * {@link ExitSchedule} driving in, stopping at the gate, leaving; the road dirty in the given windows) and serves
 *
 * <ul>
 * <li>{@code GET /ISAPI/Streaming/channels/101/picture}: the current frame as a JPEG snapshot (Hikvision ISAPI);</li>
 * <li>{@code GET /ISAPI/Streaming/channels/101/httpPreview}: an MJPEG stream, {@code multipart/x-mixed-replace;
 *     boundary=frame}, one {@code image/jpeg} part per frame at {@code fps}, until the client goes.</li>
 * </ul>
 *
 * Both want HTTP Digest (the gateway's own, as the ANPR emulator's stream servers). Pass the gate ANPR emulator's
 * {@link Timeline} and build the schedule from the same vehicles to run in step with it. The truth file gets one JSON
 * line per truck and per dirty-road window, written at the start and again at {@link #play}.
 *
 * <p>A camera can be started before its trucks are known (the demo starts it before the gateway, whose camera should
 * find it at once, and learns the trucks' times only when the traffic starts): start it with no passes, so that it shows
 * the empty exit, then {@link #play} the schedule on the gate ANPR emulator's timeline.
 */
public final class SiteCameraEmulator implements AutoCloseable {

    public static final String SNAPSHOT_PATH = "/ISAPI/Streaming/channels/101/picture";
    public static final String STREAM_PATH = "/ISAPI/Streaming/channels/101/httpPreview";
    public static final String BOUNDARY = "frame";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param cameraId    the camera's device id (in the truth file)
     * @param passes      the trucks
     * @param dirtyRoad   when the road is dirty
     * @param seed        the backdrop's seed
     * @param width       frame width
     * @param height      frame height
     * @param condition   light, weather, noise, JPEG quality
     * @param timeline    scenario time to wall clock (the gate ANPR emulator's, to run in step)
     * @param credentials the account clients digest-authenticate with ({@link Credentials#NONE}: open)
     * @param bind        where to listen (loopback, port 0: any free port)
     * @param fps         frames per second of the stream, and how often the scene changes
     * @param truth       where to write the truth (JSON lines), or {@code null}
     */
    public record Settings(String cameraId, List<ExitPass> passes, DirtyRoad dirtyRoad, long seed, int width, int height, Condition condition,
            Timeline timeline, Credentials credentials, InetSocketAddress bind, double fps, Path truth) {

        public Settings {
            Objects.requireNonNull(cameraId, "cameraId");
            passes = List.copyOf(passes);
            Objects.requireNonNull(dirtyRoad, "dirtyRoad");
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(timeline, "timeline");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(bind, "bind");
            if (!(fps > 0 && fps <= 30)) {
                throw new IllegalArgumentException("fps must be above 0 and at most 30, not " + fps);
            }
        }
    }

    /** A frame and its truth. */
    public record Frame(long index, Instant scenarioTime, byte[] jpeg, Label label) {
    }

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong streamed = new AtomicLong();
    private volatile boolean closed;
    private List<ExitPass> passes;
    private Timeline timeline;
    private Frame cached;

    private SiteCameraEmulator(Settings settings) throws IOException {
        this.settings = settings;
        this.passes = settings.passes();
        this.timeline = settings.timeline();
        if (settings.truth() != null) {
            writeTruth(settings, passes, timeline);
        }
        this.server = HttpServer.create(settings.bind(), 16);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "site-camera-" + settings.cameraId());
            t.setDaemon(true);
            return t;
        });
        HttpContext snap = server.createContext(SNAPSHOT_PATH, this::snapshot);
        HttpContext stream = server.createContext(STREAM_PATH, this::stream);
        if (settings.credentials().scheme() != Credentials.Scheme.NONE) {
            snap.setAuthenticator(new DigestAuthenticator("IP Camera", settings.credentials()));
            stream.setAuthenticator(new DigestAuthenticator("IP Camera", settings.credentials()));
        }
        server.setExecutor(executor);
        server.start();
    }

    public static SiteCameraEmulator start(Settings settings) throws IOException {
        return new SiteCameraEmulator(settings);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public URI snapshotUri() {
        return URI.create("http://" + address().getHostString() + ":" + address().getPort() + SNAPSHOT_PATH);
    }

    public URI streamUri() {
        return URI.create("http://" + address().getHostString() + ":" + address().getPort() + STREAM_PATH);
    }

    /** Open MJPEG streams. */
    public int streamClients() {
        return clients.get();
    }

    public long snapshotsServed() {
        return snapshots.get();
    }

    public long framesStreamed() {
        return streamed.get();
    }

    /**
     * From now on shows {@code newPasses} on {@code newTimeline} instead of the trucks it was started with (the dirty-road
     * windows count from the new timeline's start); the truth file, if any, is written again for them.
     */
    public void play(List<ExitPass> newPasses, Timeline newTimeline) throws IOException {
        List<ExitPass> p = List.copyOf(newPasses);
        Objects.requireNonNull(newTimeline, "timeline");
        synchronized (this) {
            passes = p;
            timeline = newTimeline;
            cached = null;
        }
        if (settings.truth() != null) {
            writeTruth(settings, p, newTimeline);
        }
    }

    /** The trucks it shows now. */
    public synchronized List<ExitPass> passes() {
        return passes;
    }

    /** The frame on show at a wall-clock instant (rendered once per frame period). */
    public synchronized Frame frameAt(Instant wall) {
        Instant scenario = timeline.scenario(wall);
        long periodNanos = Math.round(1e9 / settings.fps());
        long index = Math.floorDiv(Duration.between(timeline.scenarioStart(), scenario).toNanos(), periodNanos);
        if (cached != null && cached.index() == index) {
            return cached;
        }
        Instant at = timeline.scenarioStart().plusNanos(index * periodNanos);
        SceneSpec spec = specAt(at).withFrame(index);
        RenderedScene r = SceneRenderer.render(spec);
        cached = new Frame(index, at, r.jpeg(), r.label());
        return cached;
    }

    /** What the camera sees at a scenario instant. */
    synchronized SceneSpec specAt(Instant scenario) {
        boolean dirty = settings.dirtyRoad().at(Duration.between(timeline.scenarioStart(), scenario));
        SceneSpec empty = emptyExit(settings.seed(), settings.width(), settings.height(), settings.condition(), dirty);
        for (ExitPass p : passes) {
            double offset = p.offsetAt(scenario);
            if (!Double.isNaN(offset)) {
                return new SceneSpec(p.seed(), settings.seed(), 0, settings.width(), settings.height(), settings.condition(), p.truck(), dirty,
                        offset);
            }
        }
        return empty;
    }

    /**
     * The exit with no truck, as a camera started with {@code seed} shows it (frame 0): e.g. the clean-road reference a
     * site file gives the gateway for this camera ({@code reference.cleanRoad}).
     */
    public static SceneSpec emptyExit(long seed, int width, int height, Condition condition, boolean dirtyRoad) {
        return new SceneSpec(seed, seed, 0, width, height, condition, null, dirtyRoad, 0);
    }

    private void snapshot(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(SNAPSHOT_PATH)) {
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("GET") ? 404 : 405, -1);
                return;
            }
            Frame f = frameAt(Instant.now());
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, f.jpeg().length);
            exchange.getResponseBody().write(f.jpeg());
            snapshots.incrementAndGet();
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(STREAM_PATH)) {
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("GET") ? 404 : 405, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=" + BOUNDARY);
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        clients.incrementAndGet();
        long period = Math.round(1000 / settings.fps());
        try (OutputStream out = exchange.getResponseBody()) {
            long next = System.currentTimeMillis();
            while (!closed) {
                Frame f = frameAt(Instant.now());
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + f.jpeg().length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(f.jpeg());
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                streamed.incrementAndGet();
                next += period;
                long wait = next - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // pacing the stream, as a camera's encoder does
                } else {
                    next = System.currentTimeMillis();
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.decrementAndGet();
            exchange.close();
        }
    }

    private static void writeTruth(Settings s, List<ExitPass> passes, Timeline timeline) throws IOException {
        try (Writer w = Files.newBufferedWriter(s.truth(), StandardCharsets.UTF_8)) {
            for (ExitPass p : passes) {
                ObjectNode o = JSON.createObjectNode();
                o.put("camera", s.cameraId());
                o.put("plate", p.truck().plate());
                o.put("time", p.time().toString());
                o.put("wallTime", timeline.wall(p.time()).toString());
                o.put("visibleFrom", p.visibleFrom().toString());
                o.put("visibleUntil", p.visibleUntil().toString());
                o.put("load", p.truck().load().name());
                o.put("MUDDY_VEHICLE", p.truck().muddy());
                o.put("UNCOVERED_LOAD", p.truck().uncovered());
                w.write(o.toString());
                w.write('\n');
            }
            for (Duration[] d : s.dirtyRoad().windows()) {
                ObjectNode o = JSON.createObjectNode();
                o.put("camera", s.cameraId());
                o.put("DIRTY_ROAD", true);
                o.put("from", timeline.scenarioStart().plus(d[0]).toString());
                o.put("until", timeline.scenarioStart().plus(d[1]).toString());
                w.write(o.toString());
                w.write('\n');
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
