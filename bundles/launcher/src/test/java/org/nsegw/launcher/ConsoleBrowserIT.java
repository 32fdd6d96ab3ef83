package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer console of a real gateway ({@code nsegw run} on the bridge example), used in real headless Chromium as
 * an installer uses it: the URL, fingerprint and password from the gateway's console output, a wrong password refused,
 * the right one let in, the devices shown and refreshed, the report downloaded. Screenshots are kept in
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {

    static final Duration START = Duration.ofSeconds(90);
    static final Duration PAGE = Duration.ofSeconds(20);
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final String COOKIE = "__Host-nsegw-console";

    @TempDir
    Path tmp;

    @Test
    void anInstallerLogsInWithTheGeneratedPasswordAndSeesTheDevices() throws Exception {
        HeadlessChromium.executable(); // fails at once, with what to do, when Chromium is missing
        Files.deleteIfExists(SCREENSHOTS.resolve("failed.png"));
        Path data = tmp.resolve("data");
        try (GatewayProcess gateway = GatewayProcess.start(tmp.resolve("run.out"), "run", "--site",
                "edge-config/bridge-example.yaml", "--data", data.toString(), "--set", "cameraReceiver.port=0",
                "--set", "console.port=0")) {
            gateway.awaitOutput("Gateway hz-bridge-demo-gw1 running: ", START);
            String out = gateway.output();

            // What the person at the gateway reads on its console.
            String url = group(out, "Installer console: (https://127\\.0\\.0\\.1:\\d+/)");
            String fingerprint = group(out, "certificate SHA-256: ([0-9A-F:]{95})");
            String password = group(out, "setup password \\(new\\): (\\S+)");
            Path console = data.resolve("console");
            assertThat(Files.readString(console.resolve("setup-password")).strip()).isEqualTo(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(console))).isEqualTo("rwx------");
            try (var files = Files.list(console)) {
                assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString()).isEqualTo("rw-------"));
            }
            assertThat(Files.readString(console.resolve("password.hash"))).startsWith("pbkdf2-sha256$").doesNotContain(password);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(console.resolve("console-cert.pem"))));
            assertThat(HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))).as("the fingerprint shown").isEqualTo(fingerprint);
            String pin = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));

            Path browserDir = Files.createDirectories(tmp.resolve("browser"));
            try (HeadlessChromium chromium = new HeadlessChromium(browserDir, pin)) {
                chromium.navigate(url);
                expect(chromium, "location.pathname === '/login' && document.getElementById('password')",
                        "the console sends a browser without a session to its login page");
                assertThat(chromium.text("document.title")).contains("hz-bridge-demo-gw1");
                chromium.screenshot(SCREENSHOTS.resolve("1-login.png"));

                logIn(chromium, "Wrong-Guess-12345");
                expect(chromium, "document.getElementById('error') && document.getElementById('error')"
                        + ".textContent.includes('Wrong password')", "a wrong password is refused");
                assertThat(chromium.eval("document.getElementById('live') === null").asBoolean()).as("no device table").isTrue();
                assertThat(chromium.text("location.pathname")).isEqualTo("/login");
                chromium.screenshot(SCREENSHOTS.resolve("2-wrong-password.png"));

                logIn(chromium, password);
                expect(chromium, "location.pathname === '/' && document.querySelectorAll('#live tbody tr').length === 12",
                        "the devices page with the bridge's 12 devices");
                String table = chromium.text("document.getElementById('live').innerText");
                assertThat(table).contains("wim-L1", "anpr-L1-front", "anpr-L4-rear", "OFFLINE",
                        "serial port /dev/ttyUSB0 does not exist");
                expect(chromium, "document.getElementById('refreshed').textContent.includes('refreshed')",
                        "the script refreshed the table from /api/devices");
                chromium.screenshot(SCREENSHOTS.resolve("3-devices.png"));

                JsonNode cookie = chromium.cookie(url, COOKIE).orElseThrow(() -> new AssertionError("no session cookie"));
                assertThat(cookie.path("httpOnly").asBoolean()).isTrue();
                assertThat(cookie.path("secure").asBoolean()).isTrue();
                assertThat(cookie.path("sameSite").asText()).isEqualTo("Strict");
                assertThat(chromium.text("document.cookie")).as("scripts cannot read the session").doesNotContain(COOKIE);

                String report = chromium.text("fetch('/report').then(r => r.text())");
                assertThat(report).contains("# 调试报告 Commissioning report", "hz-bridge-demo-gw1", fingerprint,
                        "0 of 12 online", "ZJJL-WIM-2026-0101", "2027-06-30", "org.nsegw.console", "wrongPassword: 1", "loginOk: 1");
                Files.writeString(SCREENSHOTS.resolve("commissioning-report.md"), report, StandardCharsets.UTF_8);

                chromium.navigate(url + "weigh");
                expect(chromium, "document.getElementById('refreshed').textContent.includes('refreshed')", "the weigh page");
                assertThat(chromium.text("document.getElementById('empty').hidden")).isEqualTo("false");
                chromium.screenshot(SCREENSHOTS.resolve("4-weigh.png"));
                chromium.navigate(url + "camera");
                expect(chromium, "document.getElementById('no-camera')", "the camera page says the bridge has no site camera");

                chromium.eval("document.getElementById('logout').click()");
                expect(chromium, "location.pathname === '/login' && document.getElementById('password')", "logged out");
                chromium.navigate(url);
                expect(chromium, "location.pathname === '/login'", "the old session ended");
            }

            gateway.terminate();
            assertThat(gateway.waitFor(GatewayProcessIT.STOP)).as(gateway.output()).isZero();
        }
        String log = Files.readString(data.resolve("log").resolve("nsegw.0.log"));
        String password = Files.readString(data.resolve("console").resolve("setup-password")).strip();
        assertThat(log).contains("Installer console at https://127.0.0.1:", "login from 127.0.0.1 refused: wrong password",
                "Installer console: login from 127.0.0.1", "Installer console stopped")
                .as("no secret in the log").doesNotContain(password).doesNotContain("Wrong-Guess-12345");
    }

    @Test
    void aSecondStartKeepsThePasswordAndDoesNotShowItAgain() throws Exception {
        Path data = tmp.resolve("data2");
        String first;
        try (GatewayProcess gateway = GatewayProcess.start(tmp.resolve("first.out"), "run", "--site",
                "edge-config/site-example.yaml", "--data", data.toString(), "--set", "console.port=0")) {
            gateway.awaitOutput("running: ", START);
            first = group(gateway.output(), "setup password \\(new\\): (\\S+)");
            gateway.terminate();
            assertThat(gateway.waitFor(GatewayProcessIT.STOP)).isZero();
        }
        String fingerprint = Files.readString(data.resolve("console").resolve("console-cert.pem"));
        try (GatewayProcess gateway = GatewayProcess.start(tmp.resolve("second.out"), "run", "--site",
                "edge-config/site-example.yaml", "--data", data.toString(), "--set", "console.port=0")) {
            gateway.awaitOutput("running: ", START);
            assertThat(gateway.output()).contains("setup password: in " + data.resolve("console").resolve("setup-password"))
                    .doesNotContain(first).doesNotContain("setup password (new)");
            gateway.terminate();
            assertThat(gateway.waitFor(GatewayProcessIT.STOP)).isZero();
        }
        assertThat(Files.readString(data.resolve("console").resolve("setup-password")).strip()).isEqualTo(first);
        assertThat(Files.readString(data.resolve("console").resolve("console-cert.pem"))).as("the same certificate")
                .isEqualTo(fingerprint);
    }

    /** Waits for a condition of the page; on failure, the screenshot and the page's text say what was there instead. */
    static void expect(HeadlessChromium chromium, String condition, String what) throws Exception {
        if (!chromium.await(condition, PAGE)) {
            chromium.screenshot(SCREENSHOTS.resolve("failed.png"));
            throw new AssertionError(what + ": not within " + PAGE + " (" + condition + "); the page at "
                    + chromium.text("location.href") + " shows:\n" + chromium.text("document.body ? document.body.innerText : ''"));
        }
    }

    static void logIn(HeadlessChromium chromium, String password) throws Exception {
        expect(chromium, "document.getElementById('password')", "the login form");
        chromium.eval("document.getElementById('password').value = " + jsString(password)
                + "; document.getElementById('login').click(); true");
    }

    static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in the gateway's output:%n%s", regex, text).isTrue();
        return m.group(1);
    }
}
