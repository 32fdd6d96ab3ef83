package org.nsegw.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.weigh.WeighRecord;

/** The console's real HTTPS server on loopback, spoken to with the JDK's HTTP client trusting its certificate. */
class ConsoleServerTest {

    static final String PASSWORD = "k7Pqa-3rTaw-xYz9c-Mnp4e";

    @TempDir
    Path data;

    private final SecureRandom random = new SecureRandom();
    private final List<DeviceStatus> devices = new ArrayList<>();
    private final List<PlateRead> reads = new ArrayList<>();
    private final List<org.nsegw.api.vision.CameraView> cameras = new ArrayList<>();
    private final List<List<org.nsegw.site.SiteCompiler.Setting>> savedRegions = new ArrayList<>();
    private volatile List<String> regionProblems = List.of();
    private ConsoleServer server;
    private volatile SetupPassword stored;
    private HttpClient client;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        TlsIdentity tls = TlsIdentity.selfSigned("gw-test", Set.of("localhost", "127.0.0.1"), random, Instant.now());
        Instant now = Instant.now();
        devices.add(new DeviceStatus("wim-L1", DeviceKind.WEIGH_SENSOR, "L1", DeviceState.ERROR,
                "serial port <script>alert(1)</script> does not exist", now, null, Map.of("frames", 3L)));
        devices.add(new DeviceStatus("anpr-L1-front", DeviceKind.ANPR_CAMERA, "L1", DeviceState.ONLINE, "", now, now, Map.of()));
        GatewayView view = new GatewayView() {
            @Override
            public List<DeviceStatus> devices() {
                return List.copyOf(devices);
            }

            @Override
            public List<WeighRecord> weighRecords() {
                return List.of();
            }

            @Override
            public List<PlateRead> plateReads() {
                return List.copyOf(reads);
            }

            @Override
            public Optional<Path> media(String sha256) {
                return reads.stream().flatMap(r -> r.images().stream()).filter(m -> m.sha256().equals(sha256))
                        .map(m -> data.resolve(m.path())).findFirst();
            }

            @Override
            public String report(Map<String, Long> counters) {
                return "report " + counters;
            }

            @Override
            public List<ConnectivityTest.Check> connectivity() {
                return List.of(new ConnectivityTest.Check("tcp", "Broker reachable", ConnectivityTest.Status.FAIL,
                        "no <b>TCP</b>", "check uplink.broker"));
            }

            @Override
            public void storePassword(SetupPassword hashed) {
                stored = hashed;
            }

            @Override
            public List<org.nsegw.api.vision.CameraView> cameras() {
                return List.copyOf(cameras);
            }

            @Override
            public List<String> saveRegions(List<org.nsegw.site.SiteCompiler.Setting> changes) {
                savedRegions.add(changes);
                return regionProblems;
            }
        };
        server = new ConsoleServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls.sslContext(),
                SetupPassword.hash(PASSWORD.toCharArray(), random, 1_000),
                new Sessions(random, java.time.Clock.systemUTC(), Duration.ofMinutes(30)),
                new LoginThrottle(java.time.Clock.systemUTC(), 3, Duration.ofMinutes(5)), view, new Pages("gw-test", "测试网关"),
                ZoneId.of("Asia/Shanghai"), new ConsoleServer.LoginEvents() {
                    @Override
                    public void loggedIn(String from) {
                    }

                    @Override
                    public void refused(String from, String why) {
                    }
                });
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("console", tls.leaf());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), random);
        client = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
        base = URI.create("https://127.0.0.1:" + server.address().getPort());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", ConsoleServer.COOKIE + "=" + cookie);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", ConsoleServer.COOKIE + "=" + cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String csrf, String password) {
        return "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    /** The session cookie a response sets, after checking its flags. */
    private static String sessionCookie(HttpResponse<?> r) {
        String header = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(ConsoleServer.COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
        assertThat(header).contains("; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/").doesNotContain("Domain");
        return header.substring(ConsoleServer.COOKIE.length() + 1, header.indexOf(';'));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("CSRF field in %s", page).isTrue();
        return m.group(1);
    }

    private String origin() {
        return "https://127.0.0.1:" + server.address().getPort();
    }

    /** Logs in and returns the logged-in session's cookie and CSRF token. */
    private String[] logIn() throws Exception {
        HttpResponse<String> page = get("/login", null);
        String anonymous = sessionCookie(page);
        HttpResponse<String> r = post("/login", anonymous, origin(), form(csrf(page.body()), PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String cookie = sessionCookie(r);
        HttpResponse<String> home = get("/", cookie);
        assertThat(home.statusCode()).isEqualTo(200);
        return new String[] {cookie, csrf(home.body())};
    }

    @Test
    void pagesNeedALoginAndTheRightPasswordGivesANewSession() throws Exception {
        HttpResponse<String> home = get("/", null);
        assertThat(home.statusCode()).isEqualTo(303);
        assertThat(home.headers().firstValue("Location")).hasValue("/login");
        assertThat(get("/api/devices", null).statusCode()).isEqualTo(401);

        HttpResponse<String> page = get("/login", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.body()).contains("gw-test", "测试网关", "设置密码 Setup password");
        String anonymous = sessionCookie(page);
        assertThat(get("/", anonymous).statusCode()).as("a session that has not logged in").isEqualTo(303);

        HttpResponse<String> in = post("/login", anonymous, origin(), form(csrf(page.body()), PASSWORD));
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).hasValue("/");
        String session = sessionCookie(in);
        assertThat(session).isNotEqualTo(anonymous);
        assertThat(get("/", anonymous).statusCode()).as("the id from before the login").isEqualTo(303);

        HttpResponse<String> devicesPage = get("/", session);
        assertThat(devicesPage.statusCode()).isEqualTo(200);
        assertThat(devicesPage.body()).contains("wim-L1", "anpr-L1-front", "ERROR", "ONLINE")
                .contains("serial port &lt;script&gt;alert(1)&lt;/script&gt; does not exist").doesNotContain("<script>alert");
        JsonNode api = new ObjectMapper().readTree(get("/api/devices", session).body());
        assertThat(api.path("rows")).hasSize(2);
        assertThat(api.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("wim-L1");
        assertThat(api.path("rows").get(0).path("state").asText()).isEqualTo("error");
        assertThat(server.counters()).containsEntry("loginOk", 1L);
    }

    @Test
    void aWrongPasswordIsRefusedAndCountedAndTooManyPauseLogins() throws Exception {
        HttpResponse<String> page = get("/login", null);
        String cookie = sessionCookie(page);
        String token = csrf(page.body());
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> r = post("/login", cookie, origin(), form(token, "guess" + i));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("密码错误 Wrong password").doesNotContain("guess" + i);
            assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> !c.contains(cookie));
        }
        HttpResponse<String> paused = post("/login", cookie, origin(), form(token, PASSWORD));
        assertThat(paused.statusCode()).as("the right password during the pause").isEqualTo(429);
        assertThat(paused.headers().firstValue("Retry-After")).hasValueSatisfying(
                s -> assertThat(Long.parseLong(s)).isBetween(250L, 300L));
        assertThat(paused.body()).contains("Too many wrong passwords");
        assertThat(server.counters()).containsEntry("wrongPassword", 3L).containsEntry("loginPaused", 1L)
                .doesNotContainKey("loginOk");
    }

    @Test
    void postsNeedTheSessionsTokenAndThisOrigin() throws Exception {
        HttpResponse<String> page = get("/login", null);
        String cookie = sessionCookie(page);
        String token = csrf(page.body());
        assertThat(post("/login", cookie, origin(), "password=" + PASSWORD).statusCode()).isEqualTo(403);
        assertThat(post("/login", cookie, origin(), form("forged", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(post("/login", cookie, "https://evil.example", form(token, PASSWORD)).statusCode()).isEqualTo(403);
        HttpResponse<String> noSession = post("/login", null, origin(), form(token, PASSWORD));
        assertThat(noSession.statusCode()).isEqualTo(403);
        assertThat(noSession.body()).contains("The page had expired");
        assertThat(server.counters()).containsEntry("csrf", 2L).containsEntry("crossOrigin", 1L)
                .containsEntry("loginExpired", 1L).doesNotContainKey("loginOk");

        String[] in = logIn();
        assertThat(post("/logout", in[0], origin(), "csrf=wrong").statusCode()).isEqualTo(403);
        assertThat(get("/", in[0]).statusCode()).as("still logged in").isEqualTo(200);
        HttpResponse<String> out = post("/logout", in[0], origin(), "csrf=" + in[1]);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(get("/", in[0]).statusCode()).as("logged out").isEqualTo(303);
    }

    @Test
    void badRequestsAreRefusedWithTheirStatusAndCounted() throws Exception {
        String cookie = sessionCookie(get("/login", null));
        HttpResponse<String> big = post("/login", cookie, origin(), "password=" + "x".repeat(ConsoleServer.MAX_BODY_BYTES));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(post("/login", cookie, origin(), "csrf=%zz").statusCode()).isEqualTo(400);
        HttpResponse<String> json = client.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/json").header("Cookie", ConsoleServer.COOKIE + "=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("a form is expected");
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(base.resolve("/login"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);

        String[] in = logIn();
        assertThat(get("/nothing-here", in[0]).statusCode()).isEqualTo(404);
        assertThat(get("/media/" + "0".repeat(64), in[0]).statusCode()).isEqualTo(404);
        assertThat(get("/media/..%2F..%2Fetc%2Fpasswd", in[0]).statusCode()).isEqualTo(404);
        assertThat(get("/static/../InstallerConsole.class", in[0]).statusCode()).isEqualTo(404);
        assertThat(server.counters()).containsEntry("tooLarge", 1L).containsEntry("badRequest", 2L)
                .containsEntry("badMethod", 1L).containsEntry("notFound", 4L);
    }

    @Test
    void plateReadsShowTheirImagesAndNothingElseIsServed() throws Exception {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3, (byte) 0xff, (byte) 0xd9};
        Path file = data.resolve("media/anpr/cam/2026-03-01/ev1/01-plate.jpg");
        Files.createDirectories(file.getParent());
        Files.write(file, jpeg);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(jpeg));
        Instant t = Instant.parse("2026-03-01T02:00:00Z");
        reads.add(new PlateRead("cam", "L1", CameraPosition.FRONT, t, "浙A12345", "蓝浙A12345", PlateKind.values()[0],
                PlateColor.BLUE, 97, "ev1", List.of(new MediaRef("plate", "media/anpr/cam/2026-03-01/ev1/01-plate.jpg",
                        "image/jpeg", jpeg.length, sha)), t, t, Set.of(), List.of()));
        String[] in = logIn();
        HttpResponse<String> page = get("/plates", in[0]);
        assertThat(page.body()).contains("浙A12345", "2026-03-01 10:00:00", "/media/" + sha);
        HttpResponse<byte[]> image = client.send(HttpRequest.newBuilder(base.resolve("/media/" + sha))
                .header("Cookie", ConsoleServer.COOKIE + "=" + in[0]).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(jpeg);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(get("/media/" + sha, null).statusCode()).as("images need a login too").isEqualTo(303);
    }

    @Test
    void theReportDownloadsWithTheCounters() throws Exception {
        String[] in = logIn();
        HttpResponse<String> report = get("/report", in[0]);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment;"));
        assertThat(report.body()).contains("loginOk=1");
    }

    private static String passwordForm(String csrf, String current, String fresh, String again) {
        return "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&current=" + URLEncoder.encode(current, StandardCharsets.UTF_8)
                + "&new=" + URLEncoder.encode(fresh, StandardCharsets.UTF_8) + "&confirm=" + URLEncoder.encode(again, StandardCharsets.UTF_8);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndAStrongOneAndEndsTheOtherSessions() throws Exception {
        String[] mine = logIn();
        String[] other = logIn();
        String good = "Correct-Horse-42-Battery";

        assertThat(post("/password", mine[0], origin(), passwordForm("stale", PASSWORD, good, good)).statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = post("/password", mine[0], origin(), passwordForm(mine[1], "not it", good, good));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("The current password is wrong");
        assertThat(post("/password", mine[0], origin(), passwordForm(mine[1], PASSWORD, "Short1-a", "Short1-a")).body())
                .contains("At least 12 characters");
        HttpResponse<String> oneKind = post("/password", mine[0], origin(), passwordForm(mine[1], PASSWORD, "onlylowercase",
                "onlylowercase"));
        assertThat(oneKind.statusCode()).isEqualTo(400);
        assertThat(oneKind.body()).contains("Mix three");
        assertThat(post("/password", mine[0], origin(), passwordForm(mine[1], PASSWORD, good, good + "x")).body()).contains("differ");
        assertThat(post("/password", mine[0], origin(), passwordForm(mine[1], PASSWORD, "my-gw-test-password-1", "my-gw-test-password-1"))
                .body()).contains("must not contain the gateway&#39;s id");
        assertThat(stored).as("nothing stored yet").isNull();
        assertThat(get("/api/devices", other[0]).statusCode()).isEqualTo(200);

        HttpResponse<String> done = post("/password", mine[0], origin(), passwordForm(mine[1], PASSWORD, good, good));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("1 other session(s) ended");
        assertThat(stored.matches(good.toCharArray())).isTrue();
        assertThat(stored.matches(PASSWORD.toCharArray())).isFalse();
        assertThat(get("/api/devices", other[0]).statusCode()).as("the other session ended").isEqualTo(401);
        assertThat(get("/api/devices", mine[0]).statusCode()).as("this one goes on").isEqualTo(200);
    }

    @Test
    void theConnectivityTestAndTheTestPassageArePostsWithTheToken() throws Exception {
        String[] session = logIn();
        assertThat(post("/api/connectivity", session[0], origin(), "csrf=stale").statusCode()).isEqualTo(403);
        assertThat(post("/api/connectivity", session[0], "https://evil.example", "csrf=" + session[1]).statusCode()).isEqualTo(403);
        HttpResponse<String> r = post("/api/connectivity", session[0], origin(), "csrf=" + session[1]);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).contains("\"status\":\"FAIL\"", "check uplink.broker");
        assertThat(get("/api/connectivity", session[0]).statusCode()).isEqualTo(405);
        HttpResponse<String> refused = post("/api/test-passage", session[0], origin(), "csrf=" + session[1]);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("not available");
        assertThat(get("/api/test-passage", session[0]).body()).isEqualTo("{\"none\":true}");
        assertThat(get("/connectivity", session[0]).body()).contains("id=\"run-connectivity\"", "data-csrf=\"" + session[1] + "\"");
        assertThat(get("/test-passage", session[0]).body()).contains("id=\"run-test-passage\"");
        assertThat(post("/api/test-passage", null, origin(), "csrf=x").statusCode()).isEqualTo(401);
    }

    /** A camera as the vision bundle shows it: its regions as configured, and a frame once one came. */
    private static org.nsegw.api.vision.CameraView camera(String id, org.nsegw.api.vision.CameraView.Snapshot frame) {
        return new org.nsegw.api.vision.CameraView() {
            public String deviceId() {
                return id;
            }

            public String lane() {
                return "EXIT";
            }

            public int frameWidth() {
                return 640;
            }

            public int frameHeight() {
                return 360;
            }

            public Map<String, List<String>> regions() {
                return Map.of("wheelZone", List.of("0.2,0.6", "0.87,0.6", "0.87,0.83", "0.2,0.83"),
                        "roadZone", List.of("0.3,0.85", "0.98,0.85", "0.98,0.99", "0.3,0.99"));
            }

            public Optional<Snapshot> latestFrame() {
                return Optional.ofNullable(frame);
            }
        };
    }

    @Test
    void theCameraPageShowsTheFrameAndRegionsAndSavesOnlyChangedRegionsWithTheTokenAndOrigin() throws Exception {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, (byte) 0xff, (byte) 0xd9};
        cameras.add(camera("cam-exit", new org.nsegw.api.vision.CameraView.Snapshot(jpeg, Instant.parse("2026-11-23T10:00:00Z"), 640, 360)));
        cameras.add(camera("cam-yard", null));
        String[] in = logIn();
        HttpResponse<String> page = get("/camera", in[0]);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-camera=\"cam-exit\"", "href=\"/camera?id=cam-yard\"", "id=\"zone-roadZone\"")
                .doesNotContain("<script>");
        assertThat(get("/camera?id=cam-nowhere", in[0]).statusCode()).isEqualTo(404);
        JsonNode exit = new ObjectMapper().readTree(get("/api/camera?id=cam-exit", in[0]).body());
        assertThat(exit.path("regions").path("roadZone").toString()).isEqualTo("[\"0.3,0.85\",\"0.98,0.85\",\"0.98,0.99\",\"0.3,0.99\"]");
        assertThat(exit.path("frame").path("width").asInt()).isEqualTo(640);
        HttpResponse<byte[]> frame = client.send(HttpRequest.newBuilder(base.resolve(exit.path("frame").path("url").asText()))
                .header("Cookie", ConsoleServer.COOKIE + "=" + in[0]).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(frame.body()).isEqualTo(jpeg);
        JsonNode yard = new ObjectMapper().readTree(get("/api/camera?id=cam-yard", in[0]).body());
        assertThat(yard.path("frame").isNull()).as("no frame yet").isTrue();
        assertThat(get("/camera/frame?id=cam-yard", in[0]).statusCode()).isEqualTo(404);
        assertThat(get("/api/camera", in[0]).statusCode()).as("no camera named").isEqualTo(400);
        assertThat(get("/api/camera/regions", in[0]).statusCode()).isEqualTo(405);
        assertThat(get("/api/camera?id=cam-exit", null).statusCode()).isEqualTo(401);

        String road = "&regions.roadZone=" + URLEncoder.encode("0.2,0.78 0.98,0.85  0.98 , 0.99 0.3,0.99", StandardCharsets.UTF_8);
        String wheel = "&regions.wheelZone=" + URLEncoder.encode("0.2,0.6 0.87,0.6 0.87,0.83 0.2,0.83", StandardCharsets.UTF_8);
        assertThat(post("/api/camera/regions", in[0], origin(), "csrf=stale&camera=cam-exit" + road).statusCode()).isEqualTo(403);
        assertThat(post("/api/camera/regions", in[0], "https://evil.example", "csrf=" + in[1] + "&camera=cam-exit" + road)
                .statusCode()).isEqualTo(403);
        assertThat(post("/api/camera/regions", in[0], origin(), "csrf=" + in[1] + "&camera=cam-nowhere" + road).statusCode())
                .isEqualTo(404);
        assertThat(post("/api/camera/regions", in[0], origin(), "csrf=" + in[1] + "&camera=cam-exit").statusCode()).as("no region")
                .isEqualTo(400);
        assertThat(savedRegions).isEmpty();

        HttpResponse<String> ok = post("/api/camera/regions", in[0], origin(), "csrf=" + in[1] + "&camera=cam-exit" + road + wheel);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(savedRegions).hasSize(1);
        assertThat(savedRegions.get(0)).as("the unchanged wheel zone is left out").extracting(Object::toString)
                .containsExactly("cam-exit.regions.roadZone=[\"0.2,0.78\",\"0.98,0.85\",\"0.98,0.99\",\"0.3,0.99\"]");

        regionProblems = List.of("setting cam-exit.regions.roadZone=[...]: regions.roadZone: x of corner 1 is 1.2; corners are fractions"
                + " of the frame, 0 to 1");
        HttpResponse<String> refused = post("/api/camera/regions", in[0], origin(), "csrf=" + in[1] + "&camera=cam-exit"
                + "&regions.roadZone=" + URLEncoder.encode("1.2,0.85 0.98,0.85 0.98,0.99", StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(new ObjectMapper().readTree(refused.body()).path("error").asText()).contains("x of corner 1 is 1.2", "0 to 1");
    }
}
