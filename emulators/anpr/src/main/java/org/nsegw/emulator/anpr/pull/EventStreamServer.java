package org.nsegw.emulator.anpr.pull;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.anpr.http.DigestAuthenticator;
import org.nsegw.emulator.anpr.message.AnprEvent;
import org.nsegw.emulator.anpr.message.IsapiMessages;
import org.nsegw.emulator.anpr.message.ItsapiMessages;
import org.nsegw.emulator.anpr.message.Multipart;

/**
 * A camera's event stream for clients that pull: the gateway opens a long-lived GET and the camera writes one
 * multipart part after another into the response, events and heartbeats, until either side closes.
 *
 * <ul>
 * <li>Hikvision: {@code GET /ISAPI/Event/notification/alertStream}, {@code multipart/mixed; boundary=boundary}; per
 *     event the alert (XML or JSON), the plate close-up and the scene; a videoloss/inactive heartbeat every 10 s of
 *     camera time.</li>
 * <li>Dahua: {@code GET /cgi-bin/snapManager.cgi?action=attachFileProc&channel=1&heartbeat=5&Flags[0]=Event&
 *     Events=[TrafficJunction]} (brackets percent-encoded: com.sun.net.httpserver refuses raw ones with 400),
 *     {@code multipart/x-mixed-replace; boundary=myboundary}; per event a text/plain part of {@code Events[0].*}
 *     lines and the scene JPEG; a {@code Heartbeat} text part every {@code heartbeat} seconds (1 to 60, default 5).
 *     Another action answers 400; {@code channel}, {@code Flags} and {@code Events} are accepted as they come (the
 *     camera has one channel and sends only TrafficJunction).</li>
 * </ul>
 * Both want Digest authentication. While the camera is offline its streams are cut and new connections are closed
 * without an answer.
 */
public final class EventStreamServer implements AutoCloseable {

    public static final String ALERT_STREAM_PATH = "/ISAPI/Event/notification/alertStream";
    public static final String SNAP_MANAGER_PATH = "/cgi-bin/snapManager.cgi";
    static final Duration ISAPI_HEARTBEAT = Duration.ofSeconds(10);
    static final Duration DAHUA_DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    private final EmulatedCamera camera;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService heartbeats;
    private final Function<Duration, Duration> wall;
    private final Supplier<OffsetDateTime> clock;
    private final Duration heartbeatOverride;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean offline;

    /** One open stream. */
    private final class Subscriber {
        final HttpExchange exchange;
        final OutputStream out;
        final String boundary;
        final CountDownLatch done = new CountDownLatch(1);
        ScheduledFuture<?> heartbeat;

        Subscriber(HttpExchange exchange, String boundary) {
            this.exchange = exchange;
            this.out = exchange.getResponseBody();
            this.boundary = boundary;
        }

        /** Writes whole parts; false (and the stream ends) if the client is gone. */
        synchronized boolean write(List<Multipart.Part> parts) {
            if (done.getCount() == 0) {
                return false;
            }
            try {
                for (Multipart.Part p : parts) {
                    out.write(Multipart.encode(boundary, p));
                }
                out.flush();
                return true;
            } catch (IOException e) {
                end();
                return false;
            }
        }

        void end() {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            subscribers.remove(this);
            done.countDown();
            exchange.close();
        }
    }

    /**
     * Starts serving.
     *
     * @param camera      the camera (its protocol picks the dialect)
     * @param bind        where to listen (port 0: any free port)
     * @param credentials the account clients must digest-authenticate with
     * @param wall        how long a stretch of camera time lasts on the wall clock (the emulator's time scale)
     * @param clock       the camera's clock, for heartbeats
     * @param heartbeat   the heartbeat interval in camera time, or {@code null} for the vendor's
     */
    public static EventStreamServer start(EmulatedCamera camera, InetSocketAddress bind, Credentials credentials,
            Function<Duration, Duration> wall, Supplier<OffsetDateTime> clock, Duration heartbeat) throws IOException {
        return new EventStreamServer(camera, bind, credentials, wall, clock, heartbeat);
    }

    private EventStreamServer(EmulatedCamera camera, InetSocketAddress bind, Credentials credentials, Function<Duration, Duration> wall,
            Supplier<OffsetDateTime> clock, Duration heartbeat) throws IOException {
        this.camera = camera;
        this.wall = wall;
        this.clock = clock;
        this.heartbeatOverride = heartbeat;
        this.server = HttpServer.create(bind, 16);
        this.executor = Executors.newCachedThreadPool(r -> daemon(r, "anpr-stream-" + camera.id()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "anpr-stream-heartbeat-" + camera.id()));
        boolean hikvision = camera.protocol() != CameraProtocol.DAHUA_ITSAPI;
        HttpContext context = server.createContext(hikvision ? ALERT_STREAM_PATH : SNAP_MANAGER_PATH,
                hikvision ? this::alertStream : this::snapManager);
        context.getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                connections.incrementAndGet();
                if (offline) {
                    exchange.close(); // no answer: the camera is gone
                    return;
                }
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "a camera that is offline does not answer";
            }
        });
        if (credentials.scheme() != Credentials.Scheme.NONE) {
            context.setAuthenticator(new DigestAuthenticator(hikvision ? "IP Camera" : "Login to " + camera.deviceId(), credentials));
        }
        server.setExecutor(executor);
        server.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Open streams. */
    public int clients() {
        return subscribers.size();
    }

    public long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    /** Connections accepted so far (including refused and offline ones). */
    public long connections() {
        return connections.get();
    }

    /** Writes an event to every open stream; returns how many clients received it whole. */
    public int publish(AnprEvent event) {
        List<Multipart.Part> parts = camera.protocol() == CameraProtocol.DAHUA_ITSAPI ? ItsapiMessages.snapParts(event)
                : IsapiMessages.parts(event, false);
        int delivered = 0;
        for (Subscriber s : subscribers) {
            if (s.write(parts)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Takes the camera off the network (streams are cut, connections closed unanswered) or brings it back. */
    public void offline(boolean gone) {
        offline = gone;
        if (gone) {
            subscribers.forEach(Subscriber::end);
        }
    }

    @Override
    public void close() {
        offline = true;
        subscribers.forEach(Subscriber::end);
        heartbeats.shutdownNow();
        server.stop(0);
        executor.shutdownNow();
    }

    // --- the two dialects ----------------------------------------------------------------------------------------

    private void alertStream(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(ALERT_STREAM_PATH)) {
            reply(exchange, exchange.getRequestMethod().equals("GET") ? 404 : 405);
            return;
        }
        Duration interval = heartbeatOverride != null ? heartbeatOverride : ISAPI_HEARTBEAT;
        serve(exchange, "multipart/mixed; boundary=" + IsapiMessages.ALERT_STREAM_BOUNDARY, IsapiMessages.ALERT_STREAM_BOUNDARY,
                interval, () -> IsapiMessages.heartbeatPart(camera, clock.get()));
    }

    private void snapManager(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(SNAP_MANAGER_PATH)) {
            reply(exchange, exchange.getRequestMethod().equals("GET") ? 404 : 405);
            return;
        }
        if (!"attachFileProc".equals(query.get("action"))) {
            reply(exchange, 400);
            return;
        }
        Duration interval = heartbeatOverride != null ? heartbeatOverride : DAHUA_DEFAULT_HEARTBEAT;
        String asked = query.get("heartbeat");
        if (asked != null) {
            try {
                int seconds = Integer.parseInt(asked);
                if (seconds < 1 || seconds > 60) {
                    reply(exchange, 400);
                    return;
                }
                interval = Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                reply(exchange, 400);
                return;
            }
        }
        serve(exchange, "multipart/x-mixed-replace; boundary=" + ItsapiMessages.SNAP_STREAM_BOUNDARY,
                ItsapiMessages.SNAP_STREAM_BOUNDARY, interval, ItsapiMessages::snapHeartbeat);
    }

    /** Opens the stream and holds the exchange until the stream ends. */
    private void serve(HttpExchange exchange, String contentType, String boundary, Duration heartbeat, Supplier<Multipart.Part> beat)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Connection", "keep-alive");
        exchange.sendResponseHeaders(200, 0);
        Subscriber s = new Subscriber(exchange, boundary);
        subscribers.add(s);
        long period = Math.max(1, wall.apply(heartbeat).toMillis());
        s.heartbeat = heartbeats.scheduleAtFixedRate(() -> {
            if (!offline && s.write(List.of(beat.get()))) {
                heartbeatsSent.incrementAndGet();
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try {
            s.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.end();
        }
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
