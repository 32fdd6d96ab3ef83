package org.nsegw.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.nsegw.api.vision.CameraView;
import org.nsegw.console.internal.Sessions.Session;

/**
 * The console's HTTPS server (the JDK's). Every page but the login page and the static files needs a logged-in
 * session; every POST needs the session's CSRF token and, when the browser sends one, an Origin of this console.
 * Refused requests are answered with their status (400, 403, 404, 405, 413, 429) and counted.
 */
final class ConsoleServer implements AutoCloseable {

    /** Forms are small (a password, a token): anything larger is refused before it is read. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    static final String COOKIE = "__Host-nsegw-console";

    /** A login the server has just let in or refused: what the component logs (never the password). */
    interface LoginEvents {
        void loggedIn(String from);

        void refused(String from, String why);

        /** The password was changed from {@code from}; {@code ended} other sessions were ended. */
        default void passwordChanged(String from, int ended) {
        }
    }

    private final HttpsServer server;
    private final ThreadPoolExecutor executor;
    /** Replaced by a password change. */
    private volatile SetupPassword password;
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final GatewayView gateway;
    private final LoginEvents events;
    private final Pages pages;
    private final Tables tables;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, byte[]> statics = new ConcurrentHashMap<>();

    ConsoleServer(InetSocketAddress address, SSLContext tls, SetupPassword password, Sessions sessions,
            LoginThrottle throttle, GatewayView gateway, Pages pages, ZoneId zone, LoginEvents events) throws IOException {
        this.password = password;
        this.sessions = sessions;
        this.throttle = throttle;
        this.gateway = gateway;
        this.pages = pages;
        this.tables = new Tables(zone);
        this.events = events;
        this.server = HttpsServer.create(address, 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                params.setSSLParameters(p);
            }
        });
        // Few people at once: a small pool, and a queue that refuses a flood instead of holding it.
        this.executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "nsegw-console-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Requests refused and logins, by reason. */
    Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void count(String reason) {
        counters.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    }

    /** A request refused with its status and a message for the installer. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String counter;

        Refused(int status, String counter, String message) {
            super(message);
            this.status = status;
            this.counter = counter;
        }
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                route(ex);
            } catch (Refused r) {
                count(r.counter);
                if (r.status == 413) {
                    ex.getResponseHeaders().set("Connection", "close"); // the rest of the body is not read
                }
                if (ex.getRequestURI().getPath().startsWith("/api/")) {
                    send(ex, r.status, "application/json", json.writeValueAsBytes(Map.of("error", r.getMessage())));
                } else {
                    html(ex, r.status, Pages.error(r.status, r.getMessage()));
                }
            }
        } catch (IOException e) {
            count("connection"); // the browser went away
        } catch (RuntimeException e) {
            count("internal");
            try {
                html(ex, 500, Pages.error(500, "internal error"));
            } catch (IOException ignored) {
                // the connection is gone as well
            }
        }
    }

    private void route(HttpExchange ex) throws IOException, Refused {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.startsWith("/static/")) {
            requireMethod(ex, "GET");
            serveStatic(ex, path.substring("/static/".length()));
            return;
        }
        Optional<Session> session = sessions.find(cookie(ex.getRequestHeaders()).orElse(null));
        if (path.equals("/login")) {
            if (method.equals("POST")) {
                login(ex, session);
            } else {
                requireMethod(ex, "GET");
                Session s = session.orElseGet(sessions::open);
                if (s.loggedIn()) {
                    redirect(ex, "/", null);
                } else {
                    html(ex, 200, pages.login(s.csrfToken(), ""), s);
                }
            }
            return;
        }
        if (session.isEmpty() || !session.get().loggedIn()) {
            if (path.startsWith("/api/") || method.equals("POST")) {
                throw new Refused(401, "unauthenticated", "not logged in, or the session expired: log in again");
            }
            redirect(ex, "/login", null);
            return;
        }
        Session s = session.get();
        if (path.equals("/logout")) {
            requireMethod(ex, "POST");
            checkPost(ex, s, readForm(ex));
            sessions.end(s.id());
            ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
            redirect(ex, "/login", null);
            return;
        }
        if (method.equals("POST")) {
            switch (path) {
                case "/password" -> {
                    changePassword(ex, s);
                    return;
                }
                case "/api/connectivity" -> {
                    checkPost(ex, s, readForm(ex));
                    count("connectivityTests");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("checks", gateway.connectivity());
                    body.put("time", java.time.Instant.now().toString());
                    send(ex, 200, "application/json", json.writeValueAsBytes(body));
                    return;
                }
                case "/api/test-passage" -> {
                    checkPost(ex, s, readForm(ex));
                    Map<String, Object> progress;
                    try {
                        progress = gateway.startTestPassage();
                    } catch (IllegalStateException e) {
                        throw new Refused(409, "testPassageRefused", e.getMessage());
                    }
                    count("testPassages");
                    send(ex, 200, "application/json", json.writeValueAsBytes(progress));
                    return;
                }
                case "/api/camera/regions" -> {
                    saveRegions(ex, s);
                    return;
                }
                default -> {
                    // falls through to the GET-only pages, which answer 405
                }
            }
        }
        requireMethod(ex, "GET");
        switch (path) {
            case "/" -> html(ex, 200, pages.table("/", "设备 Devices", s.csrfToken(),
                    "每台设备的当前状态 The current state of every device of this gateway.", Tables.DEVICE_HEADERS,
                    tables.devices(gateway.devices()), "/api/devices"));
            case "/weigh" -> html(ex, 200, pages.table("/weigh", "称重 Weighing", s.csrfToken(),
                    "最近的称重记录 The latest weigh records, newest first.", Tables.WEIGH_HEADERS,
                    tables.weighRecords(gateway.weighRecords()), "/api/weigh"));
            case "/plates" -> html(ex, 200, pages.table("/plates", "车牌 Plate reads", s.csrfToken(),
                    "最近的车牌识别及其图片 The latest plate reads with their images, newest first.", Tables.PLATE_HEADERS,
                    tables.plateReads(gateway.plateReads()), "/api/plates"));
            case "/camera" -> {
                List<String> ids = gateway.cameras().stream().map(CameraView::deviceId).toList();
                String wanted = query(ex).get("id").orElse(ids.isEmpty() ? "" : ids.get(0));
                if (!wanted.isEmpty() && !ids.contains(wanted)) {
                    throw new Refused(404, "notFound", "no site camera " + shorten(wanted));
                }
                html(ex, 200, pages.camera(s.csrfToken(), ids, wanted));
            }
            case "/api/camera" -> cameraJson(ex);
            case "/camera/frame" -> {
                CameraView camera = camera(ex);
                CameraView.Snapshot frame = camera.latestFrame().orElseThrow(() -> new Refused(404, "notFound",
                        "camera " + camera.deviceId() + " has no frame yet"));
                send(ex, 200, "image/jpeg", frame.jpeg());
            }
            case "/api/camera/regions" -> {
                ex.getResponseHeaders().set("Allow", "POST");
                throw new Refused(405, "badMethod", "/api/camera/regions takes POST (it changes the site configuration)");
            }
            case "/connectivity" -> html(ex, 200, pages.connectivity(s.csrfToken()));
            case "/test-passage" -> html(ex, 200, pages.testPassage(s.csrfToken()));
            case "/api/test-passage" -> {
                Map<String, Object> none = new LinkedHashMap<>();
                none.put("none", true);
                send(ex, 200, "application/json", json.writeValueAsBytes(gateway.testPassage().orElse(none)));
            }
            case "/password" -> html(ex, 200, pages.password(s.csrfToken(), "", ""));
            case "/api/connectivity" -> {
                ex.getResponseHeaders().set("Allow", "POST");
                throw new Refused(405, "badMethod", "/api/connectivity takes POST (it connects to the broker)");
            }
            case "/api/devices" -> rows(ex, tables.devices(gateway.devices()));
            case "/api/weigh" -> rows(ex, tables.weighRecords(gateway.weighRecords()));
            case "/api/plates" -> rows(ex, tables.plateReads(gateway.plateReads()));
            case "/report" -> {
                byte[] report = gateway.report(counters()).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"commissioning-report.md\"");
                send(ex, 200, "text/markdown; charset=utf-8", report);
            }
            default -> {
                if (path.startsWith(Tables.MEDIA_PATH)) {
                    media(ex, path.substring(Tables.MEDIA_PATH.length()));
                } else {
                    throw new Refused(404, "notFound", "no page " + shorten(path));
                }
            }
        }
    }

    private void login(HttpExchange ex, Optional<Session> session) throws IOException, Refused {
        String from = ex.getRemoteAddress().getAddress().getHostAddress();
        Form form = readForm(ex);
        if (session.isEmpty()) {
            // no session: expired, or a form posted from elsewhere; a fresh form fixes the first
            Session s = sessions.open();
            count("loginExpired");
            html(ex, 403, pages.login(s.csrfToken(), "页面已过期，请重新输入 The page had expired: enter the password again."), s);
            return;
        }
        checkPost(ex, session.get(), form);
        Optional<Duration> paused = throttle.refusedFor(from);
        if (paused.isPresent()) {
            count("loginPaused");
            long seconds = Math.max(1, paused.get().toSeconds());
            ex.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            events.refused(from, "paused after too many wrong passwords");
            html(ex, 429, pages.login(session.get().csrfToken(), "密码错误次数过多，请 " + seconds
                    + " 秒后再试 Too many wrong passwords: try again in " + seconds + " s."), session.get());
            return;
        }
        String given = form.get("password").orElse("");
        if (!given.isEmpty() && password.matches(given.toCharArray())) {
            throttle.succeeded(from);
            count("loginOk");
            events.loggedIn(from);
            Session s = sessions.logIn(session);
            redirect(ex, "/", s);
            return;
        }
        count("wrongPassword");
        boolean pausedNow = throttle.failed(from);
        events.refused(from, pausedNow ? "wrong password; logins from there paused" : "wrong password");
        html(ex, 401, pages.login(session.get().csrfToken(), "密码错误 Wrong password."), session.get());
    }

    /**
     * A password change: the current password (paused after too many wrong ones, as logins are), the new one twice, the
     * strength rule; every other session ends, this one stays.
     */
    private void changePassword(HttpExchange ex, Session s) throws IOException, Refused {
        String from = ex.getRemoteAddress().getAddress().getHostAddress();
        Form form = readForm(ex);
        checkPost(ex, s, form);
        Optional<Duration> paused = throttle.refusedFor(from);
        if (paused.isPresent()) {
            count("loginPaused");
            long seconds = Math.max(1, paused.get().toSeconds());
            ex.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            html(ex, 429, pages.password(s.csrfToken(), "", "密码错误次数过多，请 " + seconds + " 秒后再试 Too many wrong passwords:"
                    + " try again in " + seconds + " s."));
            return;
        }
        String current = form.get("current").orElse("");
        String fresh = form.get("new").orElse("");
        String again = form.get("confirm").orElse("");
        if (current.isEmpty() || !password.matches(current.toCharArray())) {
            count("wrongPassword");
            boolean pausedNow = throttle.failed(from);
            events.refused(from, pausedNow ? "wrong current password in a password change; logins from there paused"
                    : "wrong current password in a password change");
            html(ex, 403, pages.password(s.csrfToken(), "", "当前密码错误 The current password is wrong."));
            return;
        }
        throttle.succeeded(from);
        String problem = !fresh.equals(again) ? "两次输入的新密码不一致 The two new passwords differ."
                : fresh.equals(current) ? "新密码与当前密码相同 The new password is the current one."
                : SetupPassword.weakness(fresh, pages.gatewayId()).orElse("");
        if (!problem.isEmpty()) {
            count("weakPassword");
            html(ex, 400, pages.password(s.csrfToken(), "", problem));
            return;
        }
        SetupPassword hashed = SetupPassword.hash(fresh.toCharArray(), random, SetupPassword.ITERATIONS);
        try {
            gateway.storePassword(hashed);
        } catch (IOException e) {
            throw new Refused(500, "passwordNotStored", "the new password cannot be stored (" + e.getMessage()
                    + "); the old one stays");
        }
        password = hashed;
        int ended = sessions.endAllBut(s.id());
        count("passwordChanged");
        events.passwordChanged(from, ended);
        html(ex, 200, pages.password(s.csrfToken(), "密码已更改 The password was changed; " + ended
                + " other session(s) ended. 设置密码文件已删除 The setup password file was removed.", ""));
    }

    /** A POST must carry the session's CSRF token, and come from a page of this console when the browser says where from. */
    private void checkPost(HttpExchange ex, Session session, Form form) throws Refused {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (origin != null && !origin.equals("https://" + host)) {
            throw new Refused(403, "crossOrigin", "a form of another site (" + shorten(origin) + ") cannot post here");
        }
        if (!session.csrfMatches(form.get("csrf").orElse(null))) {
            throw new Refused(403, "csrf", "the form's token is missing or stale: reload the page and try again");
        }
    }

    private Form readForm(HttpExchange ex) throws IOException, Refused {
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new Refused(400, "badRequest", "a form is expected (application/x-www-form-urlencoded), not '" + shorten(type) + "'");
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new Refused(400, "badRequest", "Content-Length '" + shorten(length) + "' is not a number");
            }
            if (n > MAX_BODY_BYTES) {
                throw new Refused(413, "tooLarge", "the form of " + n + " bytes is over the limit of " + MAX_BODY_BYTES + " bytes");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = ex.getRequestBody();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY_BYTES) {
                throw new Refused(413, "tooLarge", "the form is over the limit of " + MAX_BODY_BYTES + " bytes");
            }
        }
        try {
            return Form.parse(out.toByteArray());
        } catch (Form.Malformed e) {
            throw new Refused(400, "badRequest", e.getMessage());
        }
    }

    private static void requireMethod(HttpExchange ex, String method) throws Refused {
        if (!ex.getRequestMethod().equals(method)) {
            ex.getResponseHeaders().set("Allow", method);
            throw new Refused(405, "badMethod", ex.getRequestURI().getPath() + " takes " + method + ", not "
                    + shorten(ex.getRequestMethod()));
        }
    }

    /** The query of a GET, parsed like a form. */
    private static Form query(HttpExchange ex) throws Refused {
        String q = ex.getRequestURI().getRawQuery();
        try {
            return Form.parse(q == null ? new byte[0] : q.getBytes(StandardCharsets.US_ASCII));
        } catch (Form.Malformed e) {
            throw new Refused(400, "badRequest", e.getMessage());
        }
    }

    /** The camera a request names ({@code ?id=}); 404 for one the gateway does not have. */
    private CameraView camera(HttpExchange ex) throws Refused {
        return camera(query(ex).get("id").orElse(""));
    }

    private CameraView camera(String id) throws Refused {
        if (id.isEmpty()) {
            throw new Refused(400, "badRequest", "say which camera: ?id=DEVICE-ID");
        }
        return gateway.cameras().stream().filter(c -> c.deviceId().equals(id)).findFirst()
                .orElseThrow(() -> new Refused(404, "notFound", "no site camera " + shorten(id)));
    }

    /** A camera's regions as configured, its frame size, and its latest frame's time and size (null before the first). */
    private void cameraJson(HttpExchange ex) throws IOException, Refused {
        CameraView camera = camera(ex);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", camera.deviceId());
        body.put("lane", camera.lane());
        body.put("frameWidth", camera.frameWidth());
        body.put("frameHeight", camera.frameHeight());
        body.put("regions", camera.regions());
        Map<String, Object> frame = null;
        Optional<CameraView.Snapshot> latest = camera.latestFrame();
        if (latest.isPresent()) {
            frame = new LinkedHashMap<>();
            frame.put("time", latest.get().time().toString());
            frame.put("width", latest.get().width());
            frame.put("height", latest.get().height());
            frame.put("url", "/camera/frame?id=" + java.net.URLEncoder.encode(camera.deviceId(), StandardCharsets.UTF_8) + "&t="
                    + latest.get().time().toEpochMilli());
        }
        body.put("frame", frame);
        send(ex, 200, "application/json", json.writeValueAsBytes(body));
    }

    /**
     * The camera page's save: the regions that differ from the camera's, checked by the site compiler and kept in the
     * site overlay; the compiler's problems are answered with 422 and nothing changes.
     */
    private void saveRegions(HttpExchange ex, Session s) throws IOException, Refused {
        Form form = readForm(ex);
        checkPost(ex, s, form);
        CameraView camera = camera(form.get("camera").orElse(""));
        List<org.nsegw.site.SiteCompiler.Setting> changes;
        try {
            changes = RegionEdit.changes(camera.deviceId(), form, camera.regions());
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "badRequest", e.getMessage());
        }
        List<String> problems;
        try {
            problems = gateway.saveRegions(changes);
        } catch (IllegalStateException e) {
            throw new Refused(409, "regionsRefused", e.getMessage());
        }
        if (!problems.isEmpty()) {
            count("regionsRefused");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", String.join("; ", problems));
            body.put("problems", problems);
            send(ex, 422, "application/json", json.writeValueAsBytes(body));
            return;
        }
        if (!changes.isEmpty()) {
            count("regionsChanged");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applied", true);
        body.put("changed", changes.stream().map(c -> c.key()).toList());
        body.put("settings", changes.stream().map(Object::toString).toList());
        send(ex, 200, "application/json", json.writeValueAsBytes(body));
    }

    private void rows(HttpExchange ex, List<Tables.Row> rows) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rows", rows);
        send(ex, 200, "application/json", json.writeValueAsBytes(body));
    }

    private void media(HttpExchange ex, String sha256) throws IOException, Refused {
        Optional<Path> file = sha256.matches("[0-9a-f]{64}") ? gateway.media(sha256) : Optional.empty();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            throw new Refused(404, "notFound", "no image " + shorten(sha256) + " among the recent plate reads");
        }
        ex.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
        send(ex, 200, "image/jpeg", Files.readAllBytes(file.get()));
    }

    private void serveStatic(HttpExchange ex, String name) throws IOException, Refused {
        String type = name.equals("console.js") ? "text/javascript; charset=utf-8"
                : name.equals("console.css") ? "text/css; charset=utf-8" : null;
        if (type == null) {
            throw new Refused(404, "notFound", "no file " + shorten(name));
        }
        byte[] content = statics.computeIfAbsent(name, n -> {
            try (InputStream in = ConsoleServer.class.getResourceAsStream(n)) {
                return in.readAllBytes();
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the console's " + n + " is missing from its bundle", e);
            }
        });
        send(ex, 200, type, content);
    }

    private static Optional<String> cookie(Headers headers) {
        List<String> all = headers.get("Cookie");
        if (all == null) {
            return Optional.empty();
        }
        for (String line : all) {
            for (String part : line.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) {
                    return Optional.of(p.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private void setCookie(HttpExchange ex, Session s) {
        // no Max-Age: the cookie ends with the browser; the server ends the session after its idle time
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/; Secure; HttpOnly; SameSite=Strict");
    }

    private void redirect(HttpExchange ex, String to, Session newSession) throws IOException {
        if (newSession != null) {
            setCookie(ex, newSession);
        }
        ex.getResponseHeaders().set("Location", to);
        send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
    }

    private void html(HttpExchange ex, int status, String page, Session session) throws IOException {
        setCookie(ex, session);
        html(ex, status, page);
    }

    private static void html(HttpExchange ex, int status, String page) throws IOException {
        send(ex, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        // not no-referrer: with it, browsers send "Origin: null" on the console's own form posts, which checkPost refuses
        h.set("Referrer-Policy", "same-origin");
        if (!h.containsKey("Cache-Control")) {
            h.set("Cache-Control", "no-store");
        }
        if (ex.getRequestMethod().equals("HEAD") || status == 303) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }

    /** For tests and logs: the console's URL as a browser on the gateway reaches it. */
    static URI url(InetSocketAddress address) {
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }
}
