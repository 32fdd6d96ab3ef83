package org.nsegw.emulator.anpr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.nsegw.emulator.anpr.http.CameraHttpClient;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.anpr.http.ResponseCounter;
import org.nsegw.emulator.anpr.image.PlateImages;
import org.nsegw.emulator.anpr.message.AnprEvent;
import org.nsegw.emulator.anpr.message.HttpBody;
import org.nsegw.emulator.anpr.message.IsapiMessages;
import org.nsegw.emulator.anpr.message.ItsapiMessages;
import org.nsegw.emulator.anpr.pull.EventStreamServer;
import org.nsegw.emulator.anpr.read.CameraRead;
import org.nsegw.emulator.anpr.read.CameraTiming;
import org.nsegw.emulator.anpr.read.Recognizer;
import org.nsegw.emulator.anpr.read.Sighting;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * Emulated ANPR cameras reading the emulated traffic in step with the weigh emulator: each camera reads every
 * vehicle of its lane when the vehicle passes it (see {@link CameraTiming}), renders the pictures, and pushes the
 * event to the gateway (Hikvision ISAPI or Dahua ITSAPI, Basic or Digest, retrying on failure, with heartbeats) or
 * writes it to the event streams it serves. Faults are injected per camera, and every read is written to the truth
 * file (JSON lines) as meant and as sent.
 *
 * <pre>
 * try (AnprEmulator emu = AnprEmulator.start(new AnprEmulator.Settings(cameras, vehicles, seed, null, truthFile))) {
 *     emu.awaitFinished(Duration.ofMinutes(10));
 *     Progress p = emu.progress();
 * }
 * </pre>
 */
public final class AnprEmulator implements AutoCloseable {

    /**
     * @param cameras  the cameras, each with its delivery and faults
     * @param vehicles the traffic (every lane; each camera reads its own lane's vehicles)
     * @param seed     the seed of every random choice
     * @param timeline how scenario time maps to the wall clock; {@code null}: real time, starting now at
     *                 {@link #LEAD_IN} before the first read (pass the weigh emulator's to run in step with it)
     * @param truth    where to write the truth (JSON lines), or {@code null}
     */
    public record Settings(List<CameraSetup> cameras, List<EmulatedVehicle> vehicles, long seed, Timeline timeline, Path truth) {
        public Settings {
            cameras = List.copyOf(cameras);
            vehicles = List.copyOf(vehicles);
            Set<String> ids = new HashSet<>();
            for (CameraSetup c : cameras) {
                if (!ids.add(c.camera().id())) {
                    throw new IllegalArgumentException("two cameras are called " + c.camera().id());
                }
            }
        }
    }

    /** How long before the first read the emulation starts, when no timeline is given. */
    public static final Duration LEAD_IN = Duration.ofSeconds(2);
    static final Duration POST_TIMEOUT = Duration.ofSeconds(10);
    private static final DateTimeFormatter CAPTION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Timeline timeline;
    private final PlateImages images = PlateImages.standard();
    private final HttpClient http = CameraHttpClient.newHttpClient();
    private final Writer truthFile;
    private final List<TruthRecord> truth = Collections.synchronizedList(new ArrayList<>());
    private final List<Camera> cameras = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch finished;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong offline = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong heartbeats = new AtomicLong();
    private volatile boolean running = true;

    private AnprEmulator(Settings settings) throws IOException {
        this.settings = settings;
        this.timeline = settings.timeline() != null ? settings.timeline() : defaultTimeline(settings);
        this.truthFile = settings.truth() == null ? null : Files.newBufferedWriter(settings.truth(), StandardCharsets.UTF_8);
        this.finished = new CountDownLatch(settings.cameras().size());
    }

    /** Starts every camera: stream servers listen at once, reads and heartbeats follow the timeline. */
    public static AnprEmulator start(Settings settings) throws IOException {
        AnprEmulator e = new AnprEmulator(settings);
        try {
            for (CameraSetup setup : settings.cameras()) {
                e.cameras.add(e.new Camera(setup));
            }
        } catch (IOException | RuntimeException failure) {
            e.close();
            throw failure;
        }
        e.cameras.forEach(Camera::start);
        return e;
    }

    private static Timeline defaultTimeline(Settings s) {
        Instant first = s.cameras().stream()
                .flatMap(c -> CameraTiming.sightings(c.camera(), s.vehicles()).stream().limit(1))
                .map(Sighting::time)
                .min(Instant::compareTo)
                .orElse(s.vehicles().stream().map(EmulatedVehicle::time).min(Instant::compareTo).orElse(Instant.now()));
        return Timeline.realTime(first.minus(LEAD_IN));
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Where a pull-mode camera's stream server listens. */
    public Optional<InetSocketAddress> streamAddress(String cameraId) {
        return cameras.stream().filter(c -> c.setup.camera().id().equals(cameraId) && c.server != null)
                .map(c -> c.server.address()).findFirst();
    }

    /** Open stream clients of a pull-mode camera (0 for push cameras). */
    public int streamClients(String cameraId) {
        return cameras.stream().filter(c -> c.setup.camera().id().equals(cameraId) && c.server != null)
                .mapToInt(c -> c.server.clients()).sum();
    }

    public Progress progress() {
        Map<Integer, Long> responses = new TreeMap<>();
        long noAnswer = 0;
        long streamBeats = 0;
        for (Camera c : cameras) {
            c.counter.byStatus().forEach((k, v) -> responses.merge(k, v, Long::sum));
            noAnswer += c.counter.failures();
            streamBeats += c.server == null ? 0 : c.server.heartbeatsSent();
        }
        return new Progress(reads.get(), delivered.get(), missed.get(), offline.get(), failed.get(), rejected.get(), duplicates.get(),
                heartbeats.get() + streamBeats, responses, noAnswer, finished.getCount() == 0);
    }

    /** Every truth record so far, in the order written. */
    public List<TruthRecord> truth() {
        synchronized (truth) {
            return List.copyOf(truth);
        }
    }

    /** Waits until every camera has handled all its reads; false if the time ran out first. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Camera c : cameras) {
            if (c.server != null) {
                c.server.close();
            }
        }
        if (truthFile != null) {
            synchronized (truth) {
                truthFile.close();
            }
        }
    }

    // --- one camera ------------------------------------------------------------------------------------------------

    private final class Camera {
        final CameraSetup setup;
        final EmulatedCamera camera;
        final Faults faults;
        final Delivery delivery;
        final Credentials credentials;
        final ResponseCounter counter = new ResponseCounter();
        final List<CameraRead> reads;
        final long imageSeed;
        final EventStreamServer server;
        final CameraHttpClient events;
        final CameraHttpClient beats;

        Camera(CameraSetup setup) throws IOException {
            this.setup = setup;
            this.camera = setup.camera();
            this.faults = setup.faults();
            this.delivery = setup.delivery();
            this.credentials = faults.wrongCredentials() ? delivery.credentials().wrong() : delivery.credentials();
            long cameraSeed = settings.seed() ^ crc(camera.id());
            this.imageSeed = cameraSeed * 0x9E3779B97F4A7C15L;
            this.reads = new Recognizer(camera, faults, cameraSeed).readAll(CameraTiming.sightings(camera, settings.vehicles()));
            if (delivery.mode() == Delivery.Mode.PULL) {
                server = EventStreamServer.start(camera, delivery.listen(), credentials, timeline::wallDuration, this::clock,
                        delivery.heartbeat());
                events = null;
                beats = null;
            } else {
                server = null;
                Duration retry = timeline.wallDuration(delivery.retryDelay());
                events = new CameraHttpClient(http, credentials, delivery.maxAttempts(), retry, POST_TIMEOUT, AnprEmulator::pause, counter);
                beats = new CameraHttpClient(http, credentials, 1, retry, POST_TIMEOUT, AnprEmulator::pause, counter);
            }
        }

        void start() {
            thread("reads", this::playReads);
            if (server != null) {
                thread("offline", this::followOffline);
            } else if (!delivery.pushHeartbeat(camera.protocol()).isZero()) {
                thread("heartbeats", this::sendHeartbeats);
            }
        }

        private void thread(String name, Body body) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "anpr-emulator-" + name + "-" + camera.id());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        OffsetDateTime clock() {
            return timeline.scenario(Instant.now()).plus(faults.clockOffset()).atOffset(camera.zone());
        }

        private boolean offlineAt(Instant scenario) {
            return faults.offlineAt(Duration.between(timeline.scenarioStart(), scenario));
        }

        void playReads() throws InterruptedException {
            try {
                for (CameraRead read : reads) {
                    if (!running) {
                        return;
                    }
                    Instant due = read.sighting().time();
                    if (read.missed() || offlineAt(due)) {
                        sleepUntil(timeline.wall(due));
                        AnprEmulator.this.reads.incrementAndGet();
                        (read.missed() ? missed : offline).incrementAndGet();
                        record(read, false, read.missed() ? Outcome.MISSED : Outcome.OFFLINE, 0, 0, 0);
                        continue;
                    }
                    AnprEvent event = AnprEvent.of(read, render(read));
                    sleepUntil(timeline.wall(due));
                    AnprEmulator.this.reads.incrementAndGet();
                    deliver(read, event, false);
                    if (read.duplicate()) {
                        duplicates.incrementAndGet();
                        deliver(read, event, true);
                    }
                }
            } finally {
                finished.countDown();
            }
        }

        private PlateImages.Rendered render(CameraRead read) {
            String caption = CAPTION_TIME.format(read.cameraTime()) + "  " + camera.id() + "  " + read.plateText();
            return images.render(read.sentPlate(), read.color(), camera.position(), caption, imageSeed + read.sequence());
        }

        private void deliver(CameraRead read, AnprEvent event, boolean repeat) throws InterruptedException {
            if (server != null) {
                int clients = server.publish(event);
                if (clients > 0) {
                    delivered.incrementAndGet();
                }
                record(read, repeat, clients > 0 ? Outcome.STREAMED : Outcome.UNHEARD, 0, clients > 0 ? 1 : 0, clients);
                return;
            }
            boolean hikvision = camera.protocol().isHikvision();
            HttpBody body = hikvision ? IsapiMessages.push(event) : ItsapiMessages.tollgateInfo(event);
            URI uri = delivery.gateway().resolve(hikvision ? delivery.path() : ItsapiMessages.TOLLGATE_PATH);
            CameraHttpClient.Result result = events.post(uri, body);
            Outcome outcome;
            if (result.ok()) {
                outcome = Outcome.PUSHED;
                delivered.incrementAndGet();
            } else if (result.status() >= 400 && result.status() < 500) {
                outcome = Outcome.REJECTED;
                rejected.incrementAndGet();
            } else {
                outcome = Outcome.FAILED;
                failed.incrementAndGet();
            }
            record(read, repeat, outcome, result.status(), result.attempts(), 0);
        }

        void sendHeartbeats() throws InterruptedException {
            Duration interval = timeline.wallDuration(delivery.pushHeartbeat(camera.protocol()));
            Instant next = Instant.now().plus(interval);
            while (running) {
                sleepUntil(next);
                next = next.plus(interval);
                if (!running || offlineAt(timeline.scenario(Instant.now()))) {
                    continue;
                }
                boolean hikvision = camera.protocol().isHikvision();
                HttpBody body = hikvision ? IsapiMessages.heartbeat(camera, clock()) : ItsapiMessages.keepAlive(camera);
                URI uri = delivery.gateway().resolve(hikvision ? delivery.path() : ItsapiMessages.KEEP_ALIVE_PATH);
                beats.post(uri, body);
                heartbeats.incrementAndGet();
            }
        }

        void followOffline() throws InterruptedException {
            boolean gone = false;
            while (running) {
                boolean now = offlineAt(timeline.scenario(Instant.now()));
                if (now != gone) {
                    server.offline(now);
                    gone = now;
                }
                Thread.sleep(10);
            }
        }

        private void record(CameraRead read, boolean repeat, Outcome outcome, int status, int attempts, int clients) {
            boolean sent = outcome != Outcome.MISSED && outcome != Outcome.OFFLINE;
            Sighting s = read.sighting();
            TruthRecord r = new TruthRecord(camera.id(), camera.lane(), camera.position().name(), camera.protocol().name(),
                    s.vehicle().serial(), s.vehicle().kind().name(), s.plate(), s.time().toString(), sent ? read.plateText() : "",
                    sent ? read.sentPlate() : "", read.misread(), read.colorPrefixed(), read.color().name(), read.confidence(),
                    read.lowConfidence(), read.cameraTime().toString(), faults.clockOffset().toMillis(), read.eventId(), repeat, outcome,
                    status, attempts, clients);
            writeTruth(r);
        }
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private void writeTruth(TruthRecord r) {
        synchronized (truth) {
            truth.add(r);
            if (truthFile == null) {
                return;
            }
            try {
                truthFile.write(JSON.writeValueAsString(r));
                truthFile.write('\n');
                truthFile.flush();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a truth record that Jackson cannot write: " + r, e);
            } catch (IOException e) {
                if (running) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void sleepUntil(Instant wall) throws InterruptedException {
        long ms = Duration.between(Instant.now(), wall).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    private static void pause(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(Math.max(1, d.toMillis()));
        }
    }

    private static long crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
