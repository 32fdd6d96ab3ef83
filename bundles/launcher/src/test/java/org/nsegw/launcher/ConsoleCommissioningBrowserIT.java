package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.emulator.platform.ReceivedCase;

/**
 * The console's commissioning pages in real headless Chromium, on a real gateway ({@code nsegw run} on the bridge
 * example) whose uplink is pointed at a real Mosquitto on a free loopback port, with the platform's reference receiver
 * ({@code emulators/platform}) on it: the connectivity test, a test passage followed to the platform's VERIFIED and
 * kept there as TEST, and a password change that ends the other sessions. Screenshots in
 * {@code target/console-screenshots/}.
 */
class ConsoleCommissioningBrowserIT {

    static final Duration START = Duration.ofSeconds(90);
    static final Duration PAGE = Duration.ofSeconds(20);
    /** Rules, evidence (signing, the outbox's fsync), the uplink and the platform's check, on a loaded CI machine. */
    static final Duration ROUND_TRIP = Duration.ofSeconds(60);
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final String GW = "hz-bridge-demo-gw1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private LoopbackMosquitto broker;

    @BeforeEach
    void broker() throws Exception {
        broker = new LoopbackMosquitto(tmp).start();
    }

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void anInstallerTestsTheConnectionSendsATestPassageToThePlatformAndChangesThePassword() throws Exception {
        HeadlessChromium.executable();
        Files.deleteIfExists(SCREENSHOTS.resolve("failed.png"));
        Path data = tmp.resolve("data");
        Path store = tmp.resolve("platform");
        String brokerUrl = broker.url();
        try (PlatformReceiver platform = PlatformReceiver.start(PlatformReceiver.Settings.of(brokerUrl, "zj/nse", store));
                GatewayProcess gateway = GatewayProcess.start(tmp.resolve("run.out"), "run", "--site",
                        "edge-config/bridge-example.yaml", "--data", data.toString(), "--set", "cameraReceiver.port=0",
                        "--set", "console.port=0", "--broker", brokerUrl)) {
            gateway.awaitOutput("Gateway " + GW + " running: ", START);
            String out = gateway.output();
            String url = group(out, "Installer console: (https://127\\.0\\.0\\.1:\\d+/)");
            String password = group(out, "setup password \\(new\\): (\\S+)");
            Path console = data.resolve("console");
            String pin;
            try (InputStream in = Files.newInputStream(console.resolve("console-cert.pem"))) {
                pin = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(
                        CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey().getEncoded()));
            }
            String hashBefore = Files.readString(console.resolve("password.hash"));

            try (HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(tmp.resolve("browser")), pin);
                    HeadlessChromium other = new HeadlessChromium(Files.createDirectories(tmp.resolve("browser2")), pin)) {
                logIn(chromium, url, password);
                logIn(other, url, password); // a second installer's laptop: its session must end with the password change

                // 1. Connectivity: the broker is there over plain TCP (a warning), MQTT accepts the uplink's account.
                chromium.navigate(url + "connectivity");
                expect(chromium, "document.getElementById('run-connectivity').getAttribute('data-ready')", "the connectivity page");
                chromium.eval("document.getElementById('run-connectivity').click(); true");
                expect(chromium, "document.getElementById('status').getAttribute('data-done') === 'true'", "the connectivity test ran");
                assertThat(result(chromium, "tcp")).isEqualTo("PASS");
                assertThat(result(chromium, "tls")).isEqualTo("WARN");
                assertThat(detail(chromium, "tls")).contains("plain TCP");
                assertThat(result(chromium, "mqtt")).isEqualTo("PASS");
                assertThat(detail(chromium, "mqtt")).contains("accepted MQTT 5", GW + "-console-test", "'" + GW + "'");
                chromium.screenshot(SCREENSHOTS.resolve("5-connectivity.png"));

                // 2. The test passage, followed to the platform's VERIFIED.
                chromium.navigate(url + "test-passage");
                expect(chromium, "document.getElementById('run-test-passage').getAttribute('data-ready')", "the test passage page");
                chromium.eval("document.getElementById('run-test-passage').click(); true");
                if (!chromium.await("document.getElementById('status').textContent.includes('VERIFIED')", ROUND_TRIP)) {
                    chromium.screenshot(SCREENSHOTS.resolve("failed.png"));
                    throw new AssertionError("the test passage did not reach VERIFIED; the page shows:\n"
                            + chromium.text("document.body.innerText") + "\nplatform: " + ReceivedCase.readAll(store));
                }
                assertThat(chromium.eval("Array.from(document.querySelectorAll('#steps li')).every(li => li.className === 'done')")
                        .asBoolean()).as("every step done").isTrue();
                assertThat(chromium.eval("document.querySelectorAll('#steps li').length").asInt()).isEqualTo(5);
                String steps = chromium.text("document.getElementById('steps').innerText");
                // overweight, but no camera read the plate: a case for review (a case all the same, always packed)
                assertThat(steps).contains("REVIEW", "OVERWEIGHT_STATUTORY", "PLATE_UNCORROBORATED", "TEST_PASSAGE", "测试TEST",
                        "lane L1");
                chromium.screenshot(SCREENSHOTS.resolve("6-test-passage.png"));
                JsonNode progress = JSON.readTree(chromium.text("fetch('/api/test-passage').then(r => r.text())"));
                String caseId = progress.path("caseId").asText();
                assertThat(caseId).isNotEmpty();
                assertThat(progress.path("state").asText()).isEqualTo("ACKNOWLEDGED");

                // At the platform: verified, kept, and marked TEST (from the signed manifest).
                List<ReceivedCase> received = ReceivedCase.readAll(store);
                assertThat(received).filteredOn(r -> r.caseId().equals(caseId)).singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo("VERIFIED");
                    assertThat(r.test()).as("received.jsonl marks it TEST").isTrue();
                    assertThat(r.plate()).isEqualTo("测试TEST");
                });
                assertThat(received).filteredOn(r -> !r.caseId().equals(caseId)).allSatisfy(r -> assertThat(r.test()).isFalse());
                JsonNode manifest = manifest(store.resolve(GW).resolve(caseId + ".zip"));
                assertThat(manifest.path("test").asBoolean()).as("the signed manifest says test").isTrue();
                assertThat(manifest.path("passage").path("flags").toString()).contains("TEST");
                assertThat(PlatformReceiver.verifyStore(store, java.util.Set.of()).get(GW).ok())
                        .as("the platform's store of the gateway verifies, test packet and all").isTrue();

                // The connectivity test now has the platform's VERIFIED.
                chromium.navigate(url + "connectivity");
                expect(chromium, "document.getElementById('run-connectivity').getAttribute('data-ready')", "the connectivity page again");
                chromium.eval("document.getElementById('run-connectivity').click(); true");
                expect(chromium, "document.getElementById('status').getAttribute('data-done') === 'true'", "the second test ran");
                assertThat(result(chromium, "platform")).isEqualTo("PASS");
                assertThat(detail(chromium, "platform")).contains("last answered VERIFIED");

                // 3. The password: wrong current one, weak new one, then a good one; the other session ends.
                chromium.navigate(url + "password");
                changePassword(chromium, "Not-The-Password-1", "Correct-Horse-42-Battery", "Correct-Horse-42-Battery");
                expect(chromium, "document.getElementById('error') && document.getElementById('error').textContent"
                        + ".includes('current password is wrong')", "a wrong current password is refused");
                changePassword(chromium, password, "short1A", "short1A");
                expect(chromium, "document.getElementById('error') && document.getElementById('error').textContent"
                        + ".includes('At least 12 characters')", "a short password is refused");
                changePassword(chromium, password, "alllowercaseletters", "alllowercaseletters");
                expect(chromium, "document.getElementById('error') && document.getElementById('error').textContent"
                        + ".includes('Mix three')", "a password of one kind of character is refused");
                changePassword(chromium, password, "Correct-Horse-42-Battery", "Correct-Horse-42-Batterx");
                expect(chromium, "document.getElementById('error') && document.getElementById('error').textContent"
                        + ".includes('differ')", "two different new passwords are refused");
                assertThat(Files.readString(console.resolve("password.hash"))).as("unchanged so far").isEqualTo(hashBefore);
                changePassword(chromium, password, "Correct-Horse-42-Battery", "Correct-Horse-42-Battery");
                expect(chromium, "document.getElementById('done') && document.getElementById('done').textContent"
                        + ".includes('1 other session(s) ended')", "the password changed");
                chromium.screenshot(SCREENSHOTS.resolve("7-password-changed.png"));
                assertThat(Files.readString(console.resolve("password.hash"))).isNotEqualTo(hashBefore)
                        .doesNotContain("Correct-Horse");
                assertThat(console.resolve("setup-password")).doesNotExist();

                other.navigate(url);
                expect(other, "location.pathname === '/login'", "the other browser's session ended");
                chromium.navigate(url);
                expect(chromium, "location.pathname === '/' && document.querySelectorAll('#live tbody tr').length === 12",
                        "this browser's session goes on");

                chromium.eval("document.getElementById('logout').click(); true");
                expect(chromium, "location.pathname === '/login' && document.getElementById('password')", "logged out");
                chromium.eval("document.getElementById('password').value = " + jsString(password)
                        + "; document.getElementById('login').click(); true");
                expect(chromium, "document.getElementById('error') && document.getElementById('error').textContent"
                        + ".includes('Wrong password')", "the old password no longer works");
                logIn(chromium, url, "Correct-Horse-42-Battery");
            }

            gateway.terminate();
            assertThat(gateway.waitFor(GatewayProcessIT.STOP)).as(gateway.output()).isZero();
        }
        String log = Files.readString(data.resolve("log").resolve("nsegw.0.log"));
        assertThat(log).contains("Installer console: test passage TEST-", "marked TEST", "Installer console: connectivity test",
                "Installer console: password changed from 127.0.0.1; 1 other sessions ended")
                .as("no secret in the log").doesNotContain("Correct-Horse-42-Battery");
        Path journal = data.resolve("journal");
        try (var files = Files.list(journal)) {
            String verdicts = files.filter(f -> f.getFileName().toString().startsWith("verdicts-")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
            assertThat(verdicts).as("the journal keeps the test passage's verdict, marked").contains("TEST_PASSAGE");
        }
    }

    private static JsonNode manifest(Path packet) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(packet))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("manifest.json")) {
                    return JSON.readTree(zip.readAllBytes());
                }
            }
        }
        throw new AssertionError("no manifest in " + packet);
    }

    private static String result(HeadlessChromium chromium, String check) throws Exception {
        return chromium.text("document.querySelector('tr[data-check=\"" + check + "\"] td.result').textContent");
    }

    private static String detail(HeadlessChromium chromium, String check) throws Exception {
        return chromium.text("document.querySelector('tr[data-check=\"" + check + "\"]').innerText");
    }

    private static void changePassword(HeadlessChromium chromium, String current, String fresh, String again) throws Exception {
        expect(chromium, "document.getElementById('change')", "the password form");
        chromium.eval("document.getElementById('error') && document.getElementById('error').remove(); "
                + "document.getElementById('current').value = " + jsString(current) + "; "
                + "document.getElementById('new').value = " + jsString(fresh) + "; "
                + "document.getElementById('confirm').value = " + jsString(again) + "; "
                + "document.getElementById('new').removeAttribute('minlength'); " // the server's rule is what is tested
                + "document.getElementById('change').click(); true");
    }

    private static void logIn(HeadlessChromium chromium, String url, String password) throws Exception {
        chromium.navigate(url + "login");
        expect(chromium, "document.getElementById('password')", "the login form");
        chromium.eval("document.getElementById('password').value = " + jsString(password)
                + "; document.getElementById('login').click(); true");
        expect(chromium, "location.pathname === '/' && document.getElementById('live')", "logged in");
    }

    private static void expect(HeadlessChromium chromium, String condition, String what) throws Exception {
        if (!chromium.await(condition, PAGE)) {
            chromium.screenshot(SCREENSHOTS.resolve("failed.png"));
            throw new AssertionError(what + ": not within " + PAGE + " (" + condition + "); the page at "
                    + chromium.text("location.href") + " shows:\n" + chromium.text("document.body ? document.body.innerText : ''"));
        }
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in the gateway's output:%n%s", regex, text).isTrue();
        return m.group(1);
    }
}
