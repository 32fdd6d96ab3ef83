package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.launcher.ConsoleBrowserIT.expect;
import static org.nsegw.launcher.ConsoleBrowserIT.group;
import static org.nsegw.launcher.ConsoleBrowserIT.jsString;
import static org.nsegw.launcher.ConsoleBrowserIT.logIn;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.emulator.anpr.Timeline;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.camera.DirtyRoad;
import org.nsegw.emulator.camera.SiteCameraEmulator;
import org.nsegw.emulator.camera.scene.Condition;

/**
 * The camera page of the installer console in real headless Chromium: a real gateway ({@code nsegw run} on the site
 * example) whose exit camera {@code cam-exit} polls the camera emulator on loopback (JPEG snapshots behind HTTP Digest);
 * the installer sees the camera's frame with its four regions, drags a corner of the road zone, saves, and the site
 * overlay and the camera have the new corner (also after a restart); a corner outside 0..1 is refused with the site
 * compiler's reason and changes nothing. Screenshots in {@code target/console-screenshots/}.
 */
class ConsoleCameraBrowserIT {

    static final Duration START = ConsoleBrowserIT.START;
    static final Duration APPLY = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = ConsoleBrowserIT.SCREENSHOTS;
    static final String ACCOUNT = "nsegw";
    static final String CAMERA_PASSWORD = "Exit-cam-7741";

    @TempDir
    Path tmp;

    @Test
    void anInstallerDragsACornerOfTheRoadZoneAndTheCameraUsesIt() throws Exception {
        HeadlessChromium.executable();
        Path data = tmp.resolve("data");
        Path overlay = data.resolve("remote").resolve("overlay.settings");
        try (SiteCameraEmulator camera = SiteCameraEmulator.start(new SiteCameraEmulator.Settings("cam-exit", List.of(),
                DirtyRoad.NEVER, 7, 640, 360, Condition.CLEAR_DAY, Timeline.realTime(Instant.now()),
                Credentials.digest(ACCOUNT, CAMERA_PASSWORD), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2, null))) {
            String[] run = {"run", "--site", "edge-config/site-example.yaml", "--data", data.toString(), "--set", "console.port=0",
                "--set", "cam-exit.address=127.0.0.1", "--set", "cam-exit.port=" + camera.address().getPort(),
                "--set", "cam-exit.password=" + CAMERA_PASSWORD, "--set", "cam-exit.frame.width=640",
                "--set", "cam-exit.frame.height=360"};
            String savedRoad;
            try (GatewayProcess gateway = GatewayProcess.start(tmp.resolve("run.out"), run)) {
                gateway.awaitOutput("running: ", START);
                String out = gateway.output();
                String url = group(out, "Installer console: (https://127\\.0\\.0\\.1:\\d+/)");
                String password = group(out, "setup password \\(new\\): (\\S+)");
                try (HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(tmp.resolve("browser")), pin(data))) {
                    chromium.navigate(url);
                    logIn(chromium, password);
                    expect(chromium, "location.pathname === '/'", "logged in");
                    chromium.navigate(url + "camera");
                    expect(chromium, "document.getElementById('camera') && document.getElementById('camera').dataset.frame"
                            + " && document.getElementById('frame').complete && document.getElementById('frame').naturalWidth === 640",
                            "the camera page with cam-exit's latest frame (640×360) from the emulator");
                    assertThat(chromium.text("document.getElementById('camera').dataset.camera")).isEqualTo("cam-exit");
                    assertThat(chromium.eval("document.querySelectorAll('#regions polygon').length").asInt()).as("four regions drawn")
                            .isEqualTo(4);
                    assertThat(chromium.text("document.getElementById('zone-roadZone').value"))
                            .isEqualTo("0.3,0.85 0.98,0.85 0.98,0.99 0.3,0.99");
                    assertThat(chromium.eval("document.querySelector('#regions polygon[data-zone=roadZone]').getAttribute('points')")
                            .asText()).as("the road zone drawn at the frame's pixels").startsWith("192,306 ");
                    assertThat(camera.snapshotsServed()).as("the gateway polled the emulator").isPositive();
                    chromium.screenshot(SCREENSHOTS.resolve("8-camera.png"));

                    // drag the road zone's first corner (0.3, 0.85) to (0.2, 0.78)
                    JsonNode from = chromium.eval("(() => { const r = document.querySelector("
                            + "'#regions circle[data-zone=roadZone][data-corner=\"0\"]').getBoundingClientRect();"
                            + " return [r.x + r.width / 2, r.y + r.height / 2]; })()");
                    JsonNode box = chromium.eval("(() => { const r = document.getElementById('regions').getBoundingClientRect();"
                            + " return [r.x, r.y, r.width, r.height]; })()");
                    double toX = box.get(0).asDouble() + 0.2 * box.get(2).asDouble();
                    double toY = box.get(1).asDouble() + 0.78 * box.get(3).asDouble();
                    mouse(chromium, "mousePressed", from.get(0).asDouble(), from.get(1).asDouble(), 1);
                    for (int i = 1; i <= 5; i++) {
                        mouse(chromium, "mouseMoved", from.get(0).asDouble() + (toX - from.get(0).asDouble()) * i / 5,
                                from.get(1).asDouble() + (toY - from.get(1).asDouble()) * i / 5, 1);
                    }
                    mouse(chromium, "mouseReleased", toX, toY, 0);
                    savedRoad = chromium.text("document.getElementById('zone-roadZone').value");
                    String[] first = savedRoad.split(" ")[0].split(",");
                    assertThat(Double.parseDouble(first[0])).as(savedRoad).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
                    assertThat(Double.parseDouble(first[1])).as(savedRoad).isCloseTo(0.78, org.assertj.core.data.Offset.offset(0.01));
                    assertThat(savedRoad).endsWith(" 0.98,0.85 0.98,0.99 0.3,0.99");
                    assertThat(chromium.eval("document.getElementById('save-regions').disabled").asBoolean()).isFalse();

                    chromium.eval("document.getElementById('save-regions').click(); true");
                    expect(chromium, "document.getElementById('camera').dataset.applied === 'true'",
                            "saved, and the camera restarted with the new road zone");
                    assertThat(Files.readString(overlay)).as("the site overlay keeps the new corners")
                            .contains("cam-exit.regions.roadZone=" + json(savedRoad));
                    JsonNode api = JSON.readTree(chromium.text("fetch('/api/camera?id=cam-exit').then(r => r.text())"));
                    assertThat(api.path("regions").path("roadZone").toString()).isEqualTo(json(savedRoad));
                    assertThat(api.path("regions").path("wheelZone").toString())
                            .isEqualTo("[\"0.2,0.6\",\"0.87,0.6\",\"0.87,0.83\",\"0.2,0.83\"]");
                    expect(chromium, "document.getElementById('camera').dataset.frame && !document.getElementById('frame').hidden",
                            "frames again from the restarted camera");
                    chromium.eval("document.getElementById('camera-status').scrollIntoView({block: 'end'}); true");
                    chromium.screenshot(SCREENSHOTS.resolve("9-camera-saved.png"));

                    // an invalid corner: refused with the site compiler's reason, nothing changes
                    String before = Files.readString(overlay);
                    chromium.eval("(() => { const i = document.getElementById('zone-roadZone');"
                            + " i.value = '1.2,0.85 0.98,0.85 0.98,0.99 0.3,0.99'; i.dispatchEvent(new Event('input')); return true; })()");
                    chromium.eval("document.getElementById('save-regions').click(); true");
                    expect(chromium, "document.getElementById('camera').dataset.refused === 'true'", "the invalid corner refused");
                    assertThat(chromium.text("document.getElementById('camera-status').textContent"))
                            .contains("Not saved", "regions.roadZone", "x of corner 1 is 1.2", "0 to 1");
                    chromium.eval("document.getElementById('camera-status').scrollIntoView({block: 'end'}); true");
                    chromium.screenshot(SCREENSHOTS.resolve("10-camera-refused.png"));
                    assertThat(Files.readString(overlay)).as("nothing changed").isEqualTo(before);
                    JsonNode still = JSON.readTree(chromium.text("fetch('/api/camera?id=cam-exit').then(r => r.text())"));
                    assertThat(still.path("regions").path("roadZone").toString()).isEqualTo(json(savedRoad));

                    // the POST wants the session's token and this console's origin
                    assertThat(chromium.eval("fetch('/api/camera/regions', {method: 'POST', headers: {'Content-Type':"
                            + " 'application/x-www-form-urlencoded'}, body: 'csrf=wrong&camera=cam-exit&regions.roadZone=0.1,0.1%200.5,0.1%200.5,0.5'})"
                            + ".then(r => r.status)").asInt()).isEqualTo(403);
                }
                gateway.terminate();
                assertThat(gateway.waitFor(GatewayProcessIT.STOP)).as(gateway.output()).isZero();
            }

            // the new road zone survives a restart: the gateway starts with the overlay and the camera with it
            try (GatewayProcess gateway = GatewayProcess.start(tmp.resolve("run2.out"), run)) {
                gateway.awaitOutput("running: ", START);
                String url = group(gateway.output(), "Installer console: (https://127\\.0\\.0\\.1:\\d+/)");
                String password = Files.readString(data.resolve("console").resolve("setup-password")).strip();
                try (HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(tmp.resolve("browser2")), pin(data))) {
                    chromium.navigate(url);
                    logIn(chromium, password);
                    expect(chromium, "location.pathname === '/'", "logged in after the restart");
                    chromium.navigate(url + "camera");
                    expect(chromium, "document.getElementById('zone-roadZone').value === " + jsString(savedRoad),
                            "the saved road zone after the restart");
                }
                gateway.terminate();
                assertThat(gateway.waitFor(GatewayProcessIT.STOP)).isZero();
            }
        }
        String log = Files.readString(data.resolve("log").resolve("nsegw.0.log"));
        assertThat(log).contains("Installer console: regions changed: [cam-exit.regions.roadZone=",
                "Installer console: region change refused:");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The corners of a region text as the overlay and the API write them: a JSON array of "x,y" texts. */
    private static String json(String corners) throws Exception {
        return JSON.writeValueAsString(List.of(corners.split(" ")));
    }

    private static void mouse(HeadlessChromium chromium, String type, double x, double y, int buttons) throws Exception {
        chromium.send("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "buttons", buttons,
                "clickCount", 1));
    }

    /** Chromium trusts the console's certificate by the SHA-256 of its key, as after comparing fingerprints. */
    private static String pin(Path data) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(Files.readAllBytes(data.resolve("console").resolve("console-cert.pem"))));
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
    }
}
