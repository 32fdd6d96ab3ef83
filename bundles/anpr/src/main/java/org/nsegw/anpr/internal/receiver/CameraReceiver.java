package org.nsegw.anpr.internal.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.http.Digest;

/**
 * The HTTP endpoint cameras push their reads to. For every request: the sender must be a camera of the site (its
 * address), prove its account when one is configured (Digest or Basic), keep its body under the limit; the body must
 * be a valid message of the camera's vendor. A read is answered 200 only once its camera has stored it durably, so
 * that a camera that retries on failure never loses one; everything refused is answered with its status
 * (400, 401, 403, 404, 405, 413, 503) and counted.
 */
public final class CameraReceiver implements AutoCloseable {

    /** A camera as the receiver sees it. Implementations are thread-safe: requests arrive on several threads. */
    public interface Camera {
        String id();

        /** {@code hikvision} or {@code dahua}. */
        String vendor();

        /** The account the camera must authenticate with, if any. */
        Optional<Credentials> credentials();

        /** What became of a read. */
        enum Outcome {
            STORED, DUPLICATE, FAILED
        }

        /** Stores and passes on a read; returns only when it is durable (or failed). */
        Outcome accept(CameraEvent event);

        /** The camera showed it is alive without a read. */
        void heartbeat();

        /** A push of this camera was refused, for this reason (auth, malformed, tooLarge, failed). */
        void refused(String reason, String detail);
    }

    /** Finds the cameras a request may come from. */
    public interface Directory {
        /**
         * The cameras of this vendor at this address: usually one; several when cameras share an address (behind a
         * router, or an NVR), which the receiver then tells apart by the account each pushes with.
         */
        List<Camera> find(InetAddress from, String vendor);
    }

    private final ReceiverSettings settings;
    private final Directory directory;
    private final PushDecoder decoder;
    private final Digest digest;
    private final Clock clock;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public CameraReceiver(ReceiverSettings settings, Directory directory, PushDecoder decoder, Digest digest, Clock clock)
            throws IOException {
        this.settings = settings;
        this.directory = directory;
        this.decoder = decoder;
        this.digest = digest;
        this.clock = clock;
        limitRequestTime(settings.readTimeout());
        if (System.getProperty(NO_DELAY) == null) {
            // With Nagle's algorithm on, the short 200 after a large upload waits for the camera's delayed ACK (about
            // 40 ms on Linux): pushes/s fall to a third and latency rises tenfold (BENCHMARKS.md, camera pushes).
            System.setProperty(NO_DELAY, "true");
        }
        InetSocketAddress address = settings.bindAddress().isBlank()
                ? new InetSocketAddress(settings.port()) : new InetSocketAddress(settings.bindAddress(), settings.port());
        this.server = HttpServer.create(address, 64);
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.threads() * 16), r -> {
                    Thread t = new Thread(r, "nsegw-anpr-http");
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Whether the JDK server turns Nagle's algorithm off on its connections; read once per JVM, like the next. */
    public static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /** The JDK server's time limit for reading a request, in seconds; read once per JVM when the first server starts. */
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

    /**
     * Sets how long a request (headers and body) may take before the server cuts the connection, protecting the
     * threads from slow or stuck senders. The JDK reads the setting once, when its first server starts, so only the
     * first call of a JVM counts (or a value the operator set with {@code -Dsun.net.httpserver.maxReqTime}).
     *
     * @return the limit in force
     */
    public static synchronized Duration limitRequestTime(Duration limit) {
        String set = System.getProperty(MAX_REQUEST_TIME);
        if (set != null) {
            try {
                return Duration.ofSeconds(Long.parseLong(set.strip()));
            } catch (NumberFormatException e) {
                return limit; // the JDK ignores a value it cannot parse as well
            }
        }
        System.setProperty(MAX_REQUEST_TIME, Long.toString(Math.max(1, limit.toSeconds())));
        return limit;
    }

    /** The port listened on (the one given, or the one the system chose). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests refused before a camera was known, by reason. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new java.util.TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    @Override
    public void close() {
        server.stop(0); // a push cut off here is pushed again by its camera, and recognised if it was stored
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String vendor = path.equals(settings.hikvisionPath()) ? "hikvision"
                    : path.equals(ReceiverSettings.DAHUA_READ) || path.equals(ReceiverSettings.DAHUA_KEEPALIVE) ? "dahua" : null;
            if (vendor == null) {
                count("notFound");
                respond(ex, 404, "no camera endpoint at " + path);
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                count("badMethod");
                ex.getResponseHeaders().add("Allow", "POST");
                respond(ex, 405, "cameras POST their events here");
                return;
            }
            List<Camera> candidates = directory.find(ex.getRemoteAddress().getAddress(), vendor);
            if (candidates.isEmpty()) {
                count("unknownSource");
                respond(ex, 403, "not a camera of this site");
                return;
            }
            // The body is read before the account is checked: a camera sends its whole push before it learns that it
            // must authenticate, and a server that answered 401 without reading would reset the connection instead.
            byte[] body;
            try {
                body = readBody(ex);
            } catch (TooLarge e) {
                Optional<Camera> sender = candidates.size() == 1 ? Optional.of(candidates.get(0))
                        : byAccount(candidates, userName(ex.getRequestHeaders().getFirst("Authorization")));
                sender.ifPresentOrElse(c -> c.refused("tooLarge", e.getMessage()), () -> count("tooLarge"));
                // the rest of the body is not read: the connection cannot carry another request
                ex.getResponseHeaders().set("Connection", "close");
                respond(ex, 413, e.getMessage());
                return;
            }
            Optional<Camera> found = identify(ex, candidates);
            if (found.isEmpty()) {
                return;
            }
            Camera camera = found.get();
            CameraMessage message;
            try {
                message = decoder.decode(vendor, path,
                        Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse(""), body);
            } catch (MalformedEvent e) {
                camera.refused("malformed", e.getMessage());
                respond(ex, 400, e.getMessage());
                return;
            }
            if (message instanceof CameraMessage.Alive) {
                camera.heartbeat();
                respond(ex, 200, "OK");
                return;
            }
            switch (camera.accept(((CameraMessage.Read) message).event())) {
                case STORED, DUPLICATE -> respond(ex, 200, "OK");
                case FAILED -> respond(ex, 503, "the read could not be stored; send it again");
            }
        } catch (IOException e) {
            count("connection"); // the camera hung up or timed out; it will push again
        } catch (RuntimeException e) {
            count("internal");
            try {
                respond(ex, 500, "internal error");
            } catch (IOException ignored) {
                // the connection is gone as well
            }
        }
    }

    /**
     * The camera a request comes from, authenticated; or empty when the request has been answered (403, 401).
     */
    private Optional<Camera> identify(HttpExchange ex, List<Camera> candidates) throws IOException {
        if (candidates.isEmpty()) {
            count("unknownSource");
            respond(ex, 403, "not a camera of this site");
            return Optional.empty();
        }
        if (candidates.size() == 1) {
            return authenticated(ex, candidates.get(0)) ? Optional.of(candidates.get(0)) : Optional.empty();
        }
        Optional<String> user = userName(ex.getRequestHeaders().getFirst("Authorization"));
        if (user.isEmpty()) {
            if (candidates.stream().anyMatch(c -> c.credentials().isPresent())) {
                challenge(ex, false);
            } else {
                count("ambiguousSource");
                respond(ex, 403, candidates.size() + " cameras of this site push from this address; give each its own account");
            }
            return Optional.empty();
        }
        Optional<Camera> c = byAccount(candidates, user);
        if (c.isPresent()) {
            return authenticated(ex, c.get()) ? c : Optional.empty();
        }
        count("unknownAccount");
        challenge(ex, false);
        return Optional.empty();
    }

    private static Optional<Camera> byAccount(List<Camera> candidates, Optional<String> user) {
        return user.flatMap(u -> candidates.stream()
                .filter(c -> c.credentials().map(Credentials::username).filter(u::equals).isPresent()).findFirst());
    }

    /** The user name of an Authorization header, Basic or Digest. */
    static Optional<String> userName(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(java.util.Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(pair.substring(0, colon));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (h.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.ofNullable(Digest.parameters(h.substring(7)).get("username"));
        }
        return Optional.empty();
    }

    private void challenge(HttpExchange ex, boolean stale) throws IOException {
        ex.getResponseHeaders().add("WWW-Authenticate", digest.challenge(clock.instant(), "MD5", stale));
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"nsegw\"");
        respond(ex, 401, "authentication required");
    }

    private boolean authenticated(HttpExchange ex, Camera camera) throws IOException {
        Optional<Credentials> credentials = camera.credentials();
        if (credentials.isEmpty()) {
            return true;
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String uri = ex.getRequestURI().toString();
        boolean stale = false;
        if (header != null) {
            String h = header.strip();
            if (h.regionMatches(true, 0, "Basic ", 0, 6) && credentials.get().matchesBasic(h.substring(6))) {
                return true;
            }
            if (h.regionMatches(true, 0, "Digest ", 0, 7)) {
                Digest.Verdict v = digest.verify(h.substring(7), ex.getRequestMethod(), uri, credentials.get(), clock.instant());
                if (v == Digest.Verdict.OK) {
                    return true;
                }
                stale = v == Digest.Verdict.STALE;
            }
            if (!stale) { // a stale nonce is routine: the camera answers the new challenge
                camera.refused("auth", "wrong credentials for user '" + userName(header).orElse("") + "'");
            }
        }
        challenge(ex, stale);
        return false;
    }

    /** Thrown when a body is over the limit. */
    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private byte[] readBody(HttpExchange ex) throws IOException, TooLarge {
        long max = settings.maxBodyBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > max) {
                    throw new TooLarge("the body of " + length.strip() + " bytes is over the limit of " + max + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new TooLarge("Content-Length '" + length + "' is not a number");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = ex.getRequestBody();
        byte[] buffer = new byte[16384];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > max) {
                throw new TooLarge("the body is over the limit of " + max + " bytes");
            }
        }
        return out.toByteArray();
    }

    private void count(String reason) {
        counters.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Answers a request. Dahua cameras read the body: they push a read again until it says {@code "Result": true}, so
     * their answers are JSON; everyone else gets the text.
     */
    private static void respond(HttpExchange ex, int status, String text) throws IOException {
        byte[] body;
        if (ex.getRequestURI().getPath().startsWith("/NotificationInfo/")) {
            body = ("{\"Result\":" + (status == 200) + (status == 200 ? "" : ",\"Message\":\"" + jsonText(text) + "\"") + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        } else {
            body = (text + "\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static String jsonText(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
