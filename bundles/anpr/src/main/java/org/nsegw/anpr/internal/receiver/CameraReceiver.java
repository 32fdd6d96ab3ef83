package org.nsegw.anpr.internal.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.nsegw.anpr.internal.event.CameraEvent;
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

    /** Finds the camera a request comes from. */
    public interface Directory {
        Optional<Camera> find(InetAddress from, String vendor);
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);

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
        server.stop(1);
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
            Optional<Camera> found = directory.find(ex.getRemoteAddress().getAddress(), vendor);
            if (found.isEmpty()) {
                count("unknownSource");
                respond(ex, 403, "not a camera of this site");
                return;
            }
            Camera camera = found.get();
            if (!authenticated(ex, camera)) {
                return;
            }
            byte[] body;
            try {
                body = readBody(ex);
            } catch (TooLarge e) {
                camera.refused("tooLarge", e.getMessage());
                respond(ex, 413, e.getMessage());
                return;
            }
            Push push;
            try {
                push = decoder.decode(vendor, path, parts(ex, body));
            } catch (MalformedEvent e) {
                camera.refused("malformed", e.getMessage());
                respond(ex, 400, e.getMessage());
                return;
            }
            if (push.event().isEmpty()) {
                camera.heartbeat();
                respond(ex, 200, "OK");
                return;
            }
            switch (camera.accept(push.event().get())) {
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
            camera.refused("auth", stale ? "stale nonce" : "wrong credentials");
        }
        ex.getResponseHeaders().add("WWW-Authenticate", digest.challenge(clock.instant(), "MD5", stale));
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"nsegw\"");
        respond(ex, 401, "authentication required");
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

    /** The parts of a multipart body, or the body as one part. */
    static List<PushDecoder.Part> parts(HttpExchange ex, byte[] body) throws MalformedEvent {
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        return parts(type, body);
    }

    static List<PushDecoder.Part> parts(String contentType, byte[] body) throws MalformedEvent {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return List.of(new PushDecoder.Part("", "", contentType, body));
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new MalformedEvent("multipart body without a boundary in its Content-Type");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        List<PushDecoder.Part> parts = new ArrayList<>();
        try {
            MultipartInput input = MultipartInput.builder().setInputStream(new ByteArrayInputStream(body))
                    .setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1)).setPartHeaderSizeMax(8192).get();
            input.setHeaderCharset(StandardCharsets.UTF_8);
            boolean next = input.skipPreamble();
            if (!next) {
                throw new MalformedEvent("multipart body without a part (boundary " + boundary + " not found)");
            }
            while (next) {
                String headers = input.readHeaders();
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                input.readBodyData(content);
                parts.add(part(headers, content.toByteArray()));
                next = input.readBoundary();
            }
        } catch (MultipartInput.MalformedStreamException e) {
            throw new MalformedEvent("broken multipart body: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedEvent("broken multipart body: " + e.getMessage(), e);
        }
        return parts;
    }

    private static PushDecoder.Part part(String headers, byte[] content) {
        String name = "";
        String fileName = "";
        String type = "";
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("content-type")) {
                type = value;
            } else if (key.equals("content-disposition")) {
                name = parameter(value, "name");
                fileName = parameter(value, "filename");
            }
        }
        return new PushDecoder.Part(name, fileName, type, content);
    }

    private static String parameter(String header, String name) {
        Matcher m = Pattern.compile("(?:^|;)\\s*" + name + "=(\"([^\"]*)\"|([^;\\s]*))", Pattern.CASE_INSENSITIVE).matcher(header);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : "";
    }

    private void count(String reason) {
        counters.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    }

    private static void respond(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }
}
