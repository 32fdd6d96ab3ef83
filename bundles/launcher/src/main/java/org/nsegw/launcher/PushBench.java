package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nsegw.anpr.internal.camera.CameraSettings;
import org.nsegw.anpr.internal.camera.ReadSink;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.anpr.internal.plate.PlateNormalizer;
import org.nsegw.anpr.internal.receiver.CameraReceiver;
import org.nsegw.anpr.internal.receiver.ReceiverSettings;
import org.nsegw.anpr.internal.receiver.VendorDecoder;
import org.nsegw.anpr.internal.store.MediaStore;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.image.PlateImages;
import org.nsegw.emulator.anpr.message.AnprEvent;
import org.nsegw.emulator.anpr.message.HttpBody;
import org.nsegw.emulator.anpr.message.IsapiMessages;
import org.nsegw.emulator.traffic.VehicleClass;

/**
 * Camera pushes against the gateway's own receiver in this process: the real {@link CameraReceiver} on the JDK's HTTP
 * server, real {@link ReadSink} cameras storing every read with its pictures through the real {@link MediaStore}
 * (every file and folder forced to disk before the 200), and clients that push as Hikvision cameras do. Measures
 * pushes per second and the latency from sending a push to its 200, then checks that every push answered 200 is on
 * disk exactly once.
 *
 * <p>The pushes are built by the ANPR emulator's message builders before the clock starts. Each client is one camera
 * with its own account and connection; each push gets a fresh event id (ISAPI {@code UUID}) and the current time in
 * the alert, written into a prepared body in place (same length, so every part keeps its Content-Length).
 */
final class PushBench {

    static final String PATH = "/anpr/hikvision";
    static final ZoneId SITE_ZONE = ZoneId.of("Asia/Shanghai");
    static final ZoneOffset CAMERA_ZONE = EmulatedCamera.CHINA;
    /** The receiver's defaults (ReceiverConfig). */
    static final long MAX_BODY = 8L * 1024 * 1024;
    static final Duration REQUEST_TIME = Duration.ofSeconds(30);
    /** Distinct prepared bodies (plates, pictures); the event id and time are fresh in every push. */
    static final int TEMPLATES = 200;
    /** Distinct scene pictures among the prepared bodies: each takes about 0.1 s to draw. */
    static final int SCENES = 8;
    /** The JDK server's switch for TCP_NODELAY on its connections; read once per JVM, when its first server starts. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    static final DateTimeFormatter ABS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS", Locale.ROOT);

    /**
     * What to run.
     *
     * @param clients  concurrent clients, one camera each
     * @param warmup   pushes before the measurement, not measured
     * @param measured the measured period
     * @param rate     pushes per second over all clients (open loop); empty: each client pushes again as soon as
     *                 its last push is answered (closed loop)
     * @param data     the data directory; empty: a temporary one
     * @param keep     leave the stored reads on disk
     * @param threads  the receiver's threads
     * @param closeUp  send the camera's small plate close-up as the first picture instead of a second scene
     * @param timeline report the latency second by second too
     */
    record Settings(int clients, Duration warmup, Duration measured, Optional<Double> rate, Optional<Path> data, boolean keep,
            int threads, boolean closeUp, boolean timeline) {
    }

    private final Settings settings;
    private final PrintWriter out;

    PushBench(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the benchmark and prints its report; the exit status. */
    int run() throws Exception {
        Path data;
        boolean temporary = settings.data().isEmpty();
        if (temporary) {
            data = Files.createTempDirectory("nsegw-bench-pushes-");
        } else {
            data = settings.data().get();
            Files.createDirectories(data);
            try (Stream<Path> s = Files.list(data)) {
                if (s.findAny().isPresent()) {
                    out.println("nsegw: " + data + " is not empty; give a new or empty folder: the benchmark counts the reads "
                            + "it finds there");
                    return Nsegw.EXIT_INVALID;
                }
            }
        }
        try {
            return run(data, temporary);
        } finally {
            if (!settings.keep()) {
                DemoCommand.deleteTree(temporary ? data : data.resolve("media"));
            }
        }
    }

    private int run(Path data, boolean temporary) throws Exception {
        out.println("Camera pushes to the gateway's receiver, preparing...");
        out.flush();
        DiskProbe disk = DiskProbe.measure(data, 150_000, 20);
        List<Template> templates = templates(settings.closeUp());
        long meanBody = Math.round(templates.stream().mapToInt(t -> t.body.length).average().orElse(0));

        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        MediaStore store = new MediaStore(data);
        AtomicLong passedOn = new AtomicLong();
        List<ReadSink> cameras = new ArrayList<>();
        List<Credentials> accounts = new ArrayList<>();
        for (int i = 1; i <= settings.clients(); i++) {
            byte[] password = new byte[12];
            random.nextBytes(password);
            Credentials account = new Credentials("bench" + i, HexFormat.of().formatHex(password));
            CameraSettings camera = new CameraSettings("bench-L" + i + "-front", "L" + i, CameraPosition.FRONT, "hikvision", "any",
                    Duration.ofSeconds(2), Duration.ofSeconds(300), 0);
            cameras.add(new ReadSink(camera, Optional.of(account), store, Clock.systemUTC(), SITE_ZONE, "nsegw bench pushes",
                    r -> passedOn.incrementAndGet(), s -> { }));
            accounts.add(account);
        }
        List<CameraReceiver.Camera> all = List.copyOf(cameras);
        ReceiverSettings receiverSettings = new ReceiverSettings("127.0.0.1", 0, MAX_BODY, REQUEST_TIME, settings.threads(), PATH);

        List<Client> clients = new ArrayList<>();
        Result result;
        try (CameraReceiver receiver = new CameraReceiver(receiverSettings, (from, vendor) -> vendor.equals("hikvision") ? all : List.of(),
                new VendorDecoder(SITE_ZONE), new Digest(secret, "nsegw"), Clock.systemUTC())) {
            URI uri = URI.create("http://127.0.0.1:" + receiver.port() + PATH);
            header(data, temporary, disk, meanBody, templates.get(0), receiver.port());
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            long measureStart = start + settings.warmup().toNanos();
            long end = measureStart + settings.measured().toNanos();
            for (int i = 0; i < settings.clients(); i++) {
                clients.add(new Client(i, uri, accounts.get(i), templates, start, measureStart, end));
            }
            clients.forEach(Client::start);
            LockSupport.parkNanos(measureStart - System.nanoTime());
            CpuSnapshot before = CpuSnapshot.take();
            LockSupport.parkNanos(end - System.nanoTime());
            CpuSnapshot after = CpuSnapshot.take();
            for (Client c : clients) {
                c.join(REQUEST_TIME.toMillis() + 10_000); // a push still under way ends by its time limit
                if (c.isAlive()) {
                    out.println("nsegw: client " + c.getName() + " did not finish within the request time limit");
                    return Nsegw.EXIT_FAILURE;
                }
            }
            result = new Result(clients, settings.measured(), after.minus(before, settings.measured()), receiver.counters());
        }
        Stored stored = Stored.count(data);
        long duplicates = 0;
        long rejected = 0;
        for (ReadSink c : cameras) {
            Map<String, Long> counters = c.status().counters();
            duplicates += counters.getOrDefault("duplicates", 0L);
            rejected += counters.getOrDefault("rejected", 0L);
        }
        return report(result, stored, passedOn.get(), duplicates, rejected);
    }

    private void header(Path data, boolean temporary, DiskProbe disk, long meanBody, Template sample, int port) {
        out.println("  machine   " + BenchCommand.machine());
        out.println("  load      " + settings.clients() + " clients, one camera each with its own account and connection, "
                + settings.rate().map(r -> String.format(Locale.ROOT, "open loop: %s pushes/s in all, sent on schedule "
                        + "whatever the answers (latency counted from the scheduled time)", number(r)))
                        .orElse("closed loop: each pushes again as soon as its last push is answered"));
        out.printf(Locale.ROOT, "  push      ISAPI multipart/form-data, EventNotificationAlert XML + 2 JPEGs (%s), %s on average, "
                + "Basic auth, a fresh event id each%n", sample.pictures, kb(meanBody));
        out.printf(Locale.ROOT, "  receiver  127.0.0.1:%d%s, %d threads, body limit %d MiB, TCP_NODELAY %s; the reads go to %s (%s)%n",
                port, PATH, settings.threads(), MAX_BODY >> 20,
                "false".equals(System.getProperty(CameraReceiver.NO_DELAY)) ? "off (--nagle)" : "on (as the gateway runs it)", data,
                settings.keep() ? "kept" : temporary ? "deleted afterwards" : "its media/ deleted afterwards");
        out.println("  disk      " + disk);
        out.printf(Locale.ROOT, "  periods   %d s warm-up (not measured), then %d s measured: the figures are of the pushes answered "
                + "in it%n", settings.warmup().toSeconds(),
                settings.measured().toSeconds());
        out.flush();
    }

    private int report(Result r, Stored stored, long passedOn, long duplicates, long rejected) {
        out.println();
        out.println("| figure | measured |");
        out.println("|---|---|");
        settings.rate().ifPresent(rate -> row("pushes/s asked (open loop)", number(rate)));
        row("pushes/s answered 200", String.format(Locale.ROOT, "%.1f", r.pushesPerSecond));
        row("MB/s received", String.format(Locale.ROOT, "%.1f", r.megabytesPerSecond));
        row("latency p50", ms(r.percentile(0.50)));
        row("latency p90", ms(r.percentile(0.90)));
        row("latency p99", ms(r.percentile(0.99)));
        row("latency p99.9", ms(r.percentile(0.999)));
        row("latency max", ms(r.percentile(1.0)));
        row("pushes answered 200 in the measured period", grouped(r.measured));
        if (settings.rate().isPresent()) {
            row("pushes due but not sent by the end (clients behind schedule)", grouped(r.unsent));
        }
        row("errors (not 200)", grouped(r.errors));
        row("answered 200 (warm-up and measured)", grouped(r.answered));
        row("reads stored (read.json on disk)", grouped(stored.reads));
        row("reads passed on by the cameras", grouped(passedOn));
        row("disk used", String.format(Locale.ROOT, "%s (%s per read)", mib(stored.bytes),
                kb(stored.reads == 0 ? 0 : stored.bytes / stored.reads)));
        out.println();
        out.println("CPU during the measured period: " + r.cpu);
        if (settings.timeline()) {
            out.println();
            out.println("Second by second (the pushes answered in each second of the measured period):");
            out.println("  second   pushes   p99 latency   max latency");
            for (int i = 0; i < r.perSecondSent.length; i++) {
                out.printf(Locale.ROOT, "  %6d   %6d   %11s   %11s%n", i + 1, r.perSecondSent[i], ms(r.perSecondP99[i]), ms(r.perSecondMax[i]));
            }
        }
        if (r.unsent > 0) {
            out.printf(Locale.ROOT, "The receiver did not keep up with %s pushes/s: at the end the clients were %d push(es) behind "
                    + "their schedule.%n", number(settings.rate().orElse(0.0)), r.unsent);
        }
        if (!r.receiverCounters.isEmpty()) {
            out.println("Refused by the receiver before a camera was known: " + r.receiverCounters);
        }
        List<String> problems = new ArrayList<>();
        if (r.errors > 0) {
            problems.add(r.errors + " push(es) not answered 200; the first: " + String.join("; ", r.firstErrors));
        }
        if (stored.reads != r.answered || passedOn != r.answered) {
            problems.add(r.answered + " push(es) answered 200 but " + stored.reads + " read(s) stored and " + passedOn + " passed on");
        }
        if (stored.leftovers > 0) {
            problems.add(stored.leftovers + " temporary folder(s) left in the media store");
        }
        if (duplicates > 0 || rejected > 0) {
            problems.add("the cameras counted " + duplicates + " duplicate(s) and " + rejected + " refused push(es); every push "
                    + "should be a new read");
        }
        if (r.measured == 0) {
            problems.add("no push completed in the measured period");
        }
        out.println();
        if (problems.isEmpty()) {
            out.println("Every push was answered 200 and its read stored once, before the answer.");
            out.flush();
            return Nsegw.EXIT_OK;
        }
        problems.forEach(p -> out.println("FAILED: " + p));
        out.flush();
        return Nsegw.EXIT_FAILURE;
    }

    private void row(String figure, String value) {
        out.println("| " + figure + " | " + value + " |");
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1000.0);
    }

    static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ---------------------------------------------------------------- the pushes

    /**
     * A push prepared by the emulator, with the places of its event id and times: a copy with fresh ones written in is
     * a new push.
     */
    static final class Template {
        final String contentType;
        final byte[] body;
        final int uuidAt;
        final int dateTimeAt;
        final int[] absTimeAt;
        final String pictures;

        Template(HttpBody push, String eventId, OffsetDateTime time, String pictures) {
            this.contentType = push.contentType();
            this.body = push.bytes();
            // the alert is the first part: the search stops at its end, before the pictures
            int alertEnd = indexOf(body, ascii("</EventNotificationAlert>"), 0, body.length);
            if (alertEnd < 0) {
                throw new IllegalStateException("the emulator's ISAPI push does not start with the alert XML; the push benchmark "
                        + "must learn its new layout");
            }
            this.uuidAt = only(body, alertEnd, eventId, 1)[0];
            this.dateTimeAt = only(body, alertEnd, DATE_TIME.format(time), 1)[0];
            this.absTimeAt = only(body, alertEnd, ABS_TIME.format(time), 2);
            this.pictures = pictures;
        }

        /** The push again with this event id and time. */
        byte[] fresh(UUID eventId, OffsetDateTime time) {
            byte[] b = body.clone();
            put(b, uuidAt, eventId.toString());
            put(b, dateTimeAt, DATE_TIME.format(time));
            String abs = ABS_TIME.format(time);
            for (int at : absTimeAt) {
                put(b, at, abs);
            }
            return b;
        }

        private static void put(byte[] b, int at, String text) {
            byte[] bytes = ascii(text);
            System.arraycopy(bytes, 0, b, at, bytes.length);
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }

        /** Where a text occurs before {@code end}, which must be exactly {@code times} times. */
        private static int[] only(byte[] body, int end, String text, int times) {
            byte[] pattern = ascii(text);
            List<Integer> found = new ArrayList<>();
            for (int i = indexOf(body, pattern, 0, end); i >= 0; i = indexOf(body, pattern, i + 1, end)) {
                found.add(i);
            }
            if (found.size() != times) {
                throw new IllegalStateException("the emulator's ISAPI alert holds '" + text + "' " + found.size() + " times, not "
                        + times + "; the push benchmark must learn its new layout");
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        }

        private static int indexOf(byte[] data, byte[] pattern, int from, int end) {
            outer:
            for (int i = from; i + pattern.length <= end; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /**
     * The prepared pushes: {@value #TEMPLATES} plates of trucks, each with two of {@value #SCENES} scene pictures (or
     * with its close-up and a scene), built by the emulator's ISAPI message builder.
     */
    static List<Template> templates(boolean closeUp) {
        EmulatedCamera camera = EmulatedCamera.of("bench-cam", "L1", CameraPosition.FRONT, -25, CameraProtocol.HIKVISION_ISAPI_XML);
        OffsetDateTime marker = OffsetDateTime.of(2001, 2, 3, 4, 5, 6, 789_000_000, CAMERA_ZONE);
        List<PlateImages.Rendered> scenes = IntStream.range(0, SCENES).parallel()
                .mapToObj(i -> PlateImages.standard().render(plate(i), PlateColor.YELLOW, CameraPosition.FRONT,
                        "nsegw bench pushes " + camera.id(), 1000 + i))
                .toList();
        List<Template> templates = new ArrayList<>();
        for (int i = 0; i < TEMPLATES; i++) {
            PlateImages.Rendered a = scenes.get(i % SCENES);
            PlateImages.Rendered b = scenes.get((i + 1) % SCENES);
            PlateImages.Rendered images = closeUp ? a
                    : new PlateImages.Rendered(a.scene(), a.sceneWidth(), a.sceneHeight(), a.plate(), b.scene());
            String eventId = UUID.randomUUID().toString();
            AnprEvent event = new AnprEvent(camera, i + 1, eventId, marker, plate(i), PlateColor.YELLOW, 90 + i % 10,
                    VehicleClass.COMBINATION_5, "White", 50 + i % 30, images);
            String pictures = closeUp ? "a " + kb(images.closeUp().length) + " close-up and a " + kb(images.scene().length) + " scene"
                    : "scenes of " + kb(images.closeUp().length) + " and " + kb(images.scene().length);
            templates.add(new Template(IsapiMessages.push(event), eventId, marker, pictures));
        }
        return templates;
    }

    /** A valid civil plate, different for every {@code i} below 31 × 8 × 100,000. */
    static String plate(int i) {
        String provinces = PlateNormalizer.PROVINCES;
        return provinces.charAt(i % provinces.length()) + String.valueOf("ABCDEFGH".charAt(i / provinces.length() % 8))
                + String.format(Locale.ROOT, "%05d", (i * 7919L + 12345) % 100_000);
    }

    // ---------------------------------------------------------------- the clients

    /** One camera pushing: closed loop, or on its share of the rate. */
    final class Client extends Thread {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final int index;
        private final URI uri;
        private final String authorization;
        private final List<Template> templates;
        private final long start;
        private final long measureStart;
        private final long end;
        /** Pushes answered 200 in the measured period: when (from its start), and how long after sending, in nanoseconds. */
        long[] answeredAt = new long[4096];
        long[] latencies = new long[4096];
        int measured;
        long measuredBytes;
        long answered;
        long errors;
        /** Open loop: pushes due before the end that were not sent, the client being behind its schedule. */
        long unsent;
        final List<String> firstErrors = new ArrayList<>();

        Client(int index, URI uri, Credentials account, List<Template> templates, long start, long measureStart, long end) {
            super("bench-client-" + (index + 1));
            setDaemon(true);
            this.index = index;
            this.uri = uri;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (account.username() + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
            this.templates = templates;
            this.start = start;
            this.measureStart = measureStart;
            this.end = end;
        }

        @Override
        public void run() {
            // open loop: this client's pushes are spaced by clients/rate, the clients staggered across one interval
            long interval = settings.rate().map(r -> Math.round(settings.clients() * 1e9 / r)).orElse(0L);
            long next = start + interval * index / settings.clients();
            int k = index;
            LockSupport.parkNanos(next - System.nanoTime());
            while (true) {
                Template t = templates.get(k % templates.size());
                k += settings.clients();
                byte[] body = t.fresh(UUID.randomUUID(), OffsetDateTime.now(CAMERA_ZONE));
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIME).header("Content-Type", t.contentType)
                        .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                long sent;
                if (interval > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    if (next >= end || System.nanoTime() >= end) {
                        unsent = next >= end ? 0 : (end - next + interval - 1) / interval;
                        return;
                    }
                    sent = next;
                    next += interval;
                } else {
                    sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                }
                String error = null;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        error = response.statusCode() + " " + response.body().strip();
                    }
                } catch (IOException e) {
                    error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long done = System.nanoTime();
                if (error != null) {
                    errors++;
                    if (firstErrors.size() < 3) {
                        firstErrors.add(error);
                    }
                    continue;
                }
                answered++;
                if (done >= measureStart && done < end) {
                    if (measured == latencies.length) {
                        latencies = Arrays.copyOf(latencies, measured * 2);
                        answeredAt = Arrays.copyOf(answeredAt, measured * 2);
                    }
                    answeredAt[measured] = done - measureStart;
                    latencies[measured++] = done - sent;
                    measuredBytes += body.length;
                }
            }
        }
    }

    /** The clients' figures together. */
    static final class Result {
        final long[] latencies;
        final long measured;
        final long answered;
        final long errors;
        final long unsent;
        final double pushesPerSecond;
        final double megabytesPerSecond;
        final String cpu;
        final Map<String, Long> receiverCounters;
        final List<String> firstErrors = new ArrayList<>();
        /** Per second of the measured period: pushes answered, and their p99 and largest latency. */
        final long[] perSecondSent;
        final long[] perSecondMax;
        final long[] perSecondP99;

        Result(List<Client> clients, Duration period, String cpu, Map<String, Long> receiverCounters) {
            latencies = clients.stream().flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.measured)).sorted().toArray();
            measured = latencies.length;
            answered = clients.stream().mapToLong(c -> c.answered).sum();
            errors = clients.stream().mapToLong(c -> c.errors).sum();
            unsent = clients.stream().mapToLong(c -> c.unsent).sum();
            double seconds = period.toNanos() / 1e9;
            pushesPerSecond = measured / seconds;
            megabytesPerSecond = clients.stream().mapToLong(c -> c.measuredBytes).sum() / 1e6 / seconds;
            clients.forEach(c -> c.firstErrors.stream().limit(3 - firstErrors.size()).forEach(firstErrors::add));
            this.cpu = cpu;
            this.receiverCounters = receiverCounters;
            int n = (int) Math.max(1, period.toSeconds());
            List<List<Long>> buckets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                buckets.add(new ArrayList<>());
            }
            for (Client c : clients) {
                for (int i = 0; i < c.measured; i++) {
                    buckets.get((int) Math.min(n - 1, c.answeredAt[i] / 1_000_000_000L)).add(c.latencies[i]);
                }
            }
            perSecondSent = new long[n];
            perSecondMax = new long[n];
            perSecondP99 = new long[n];
            for (int i = 0; i < n; i++) {
                long[] b = buckets.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
                perSecondSent[i] = b.length;
                perSecondMax[i] = b.length == 0 ? 0 : b[b.length - 1];
                perSecondP99[i] = quantile(b, 0.99);
            }
        }

        /** The latency at this quantile (1.0: the largest), in nanoseconds. */
        long percentile(double q) {
            return quantile(latencies, q);
        }

        static long quantile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    // ---------------------------------------------------------------- what it cost

    /** The CPU time of the process and of its threads by role, at one moment. */
    record CpuSnapshot(long process, Map<Long, Long> threads, Map<Long, String> names) {

        static CpuSnapshot take() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpu = new ConcurrentHashMap<>();
            Map<Long, String> names = new ConcurrentHashMap<>();
            if (mx.isThreadCpuTimeSupported()) {
                for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
                    if (info != null) {
                        long t = mx.getThreadCpuTime(info.getThreadId());
                        if (t >= 0) {
                            cpu.put(info.getThreadId(), t);
                            names.put(info.getThreadId(), info.getThreadName());
                        }
                    }
                }
            }
            long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : -1;
            return new CpuSnapshot(process, cpu, names);
        }

        /** The cores busy between an earlier snapshot and this one, in all and by role. */
        String minus(CpuSnapshot earlier, Duration period) {
            if (process < 0 || earlier.process < 0) {
                return "not available on this JVM";
            }
            double seconds = period.toNanos() / 1e9;
            Map<String, Long> byRole = new LinkedHashMap<>();
            for (String role : List.of("receiver threads", "JDK server dispatcher", "clients", "HTTP client I/O", "other threads")) {
                byRole.put(role, 0L);
            }
            long threadsTotal = 0;
            for (var e : threads.entrySet()) {
                long used = e.getValue() - earlier.threads.getOrDefault(e.getKey(), 0L);
                threadsTotal += used;
                byRole.merge(role(names.get(e.getKey())), used, Long::sum);
            }
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.2f of %d cores", (process - earlier.process) / 1e9 / seconds,
                    Runtime.getRuntime().availableProcessors()));
            String sep = " (";
            for (var e : byRole.entrySet()) {
                b.append(sep).append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e9 / seconds));
                sep = ", ";
            }
            b.append(String.format(Locale.ROOT, ", GC and JIT %.2f)", Math.max(0, process - earlier.process - threadsTotal) / 1e9 / seconds));
            return b.toString();
        }

        static String role(String thread) {
            if (thread.startsWith("nsegw-anpr-http")) {
                return "receiver threads";
            }
            if (thread.startsWith("HTTP-Dispatcher")) {
                return "JDK server dispatcher";
            }
            if (thread.startsWith("bench-client")) {
                return "clients";
            }
            if (thread.startsWith("HttpClient")) {
                return "HTTP client I/O";
            }
            return "other threads";
        }
    }

    /** What the benchmark left in the media store. */
    record Stored(long reads, long bytes, long leftovers) {
        static Stored count(Path data) throws IOException {
            Path root = data.resolve("media").resolve("anpr");
            if (!Files.isDirectory(root)) {
                return new Stored(0, 0, 0);
            }
            long[] n = new long[3];
            try (Stream<Path> walk = Files.walk(root)) {
                walk.forEach(p -> {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".tmp-")) {
                        n[2]++;
                    } else if (Files.isRegularFile(p)) {
                        n[0] += name.equals(MediaStore.READ_FILE) ? 1 : 0;
                        try {
                            n[1] += Files.size(p);
                        } catch (IOException e) {
                            // removed meanwhile: not counted
                        }
                    }
                });
            }
            return new Stored(n[0], n[1], n[2]);
        }
    }

    /** How long the data directory's file system takes to force a picture-sized file and a folder to disk. */
    record DiskProbe(String type, int bytes, long[] fileNanos, long[] folderNanos) {

        static DiskProbe measure(Path dir, int bytes, int times) throws IOException {
            Path probe = Files.createTempDirectory(dir, ".fsync-probe-");
            byte[] content = new byte[bytes];
            new SecureRandom().nextBytes(content);
            long[] file = new long[times];
            long[] folder = new long[times];
            try {
                for (int i = 0; i < times; i++) {
                    long t0 = System.nanoTime();
                    try (FileChannel ch = FileChannel.open(probe.resolve("f" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ByteBuffer b = ByteBuffer.wrap(content);
                        while (b.hasRemaining()) {
                            ch.write(b);
                        }
                        ch.force(true);
                    }
                    long t1 = System.nanoTime();
                    try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                    file[i] = t1 - t0;
                    folder[i] = System.nanoTime() - t1;
                }
            } finally {
                DemoCommand.deleteTree(probe);
            }
            Arrays.sort(file);
            Arrays.sort(folder);
            return new DiskProbe(Files.getFileStore(dir).type(), bytes, file, folder);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s; writing and forcing a %s file takes %s (median; max %s), forcing its folder %s "
                    + "(max %s); a push forces 3 files and 2 folders", type, kb(bytes), ms(fileNanos[fileNanos.length / 2]),
                    ms(fileNanos[fileNanos.length - 1]), ms(folderNanos[folderNanos.length / 2]), ms(folderNanos[folderNanos.length - 1]));
        }
    }
}
