package org.nsegw.emulator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.emulator.anpr.Timeline;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.Load;
import org.nsegw.emulator.camera.scene.Truck;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;

class SiteCameraEmulatorTest {

    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    static final Credentials ACCOUNT = Credentials.digest("admin", "exit-pw");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SiteCameraEmulator camera;

    @AfterEach
    void close() {
        if (camera != null) {
            camera.close();
        }
    }

    /** A camera whose scenario runs 1000 times slower than the wall clock: the truck stands at the gate through the test. */
    private SiteCameraEmulator standingTruck(Path truth) throws IOException {
        ExitPass pass = new ExitPass(T0.plusSeconds(10), new Truck("浙A3K725", true, Load.UNCOVERED), 99);
        Timeline slow = new Timeline(T0.plusSeconds(10), Instant.now(), 0.001);
        return SiteCameraEmulator.start(new SiteCameraEmulator.Settings("cam-exit", List.of(pass), DirtyRoad.parse("3600@0"), 5, 640, 360,
                Condition.CLEAR_DAY, slow, ACCOUNT, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, truth));
    }

    /** GET with Digest: the first request is refused with a challenge, the second answers it. */
    private <T> HttpResponse<T> get(URI uri, Credentials account, HttpResponse.BodyHandler<T> body) throws Exception {
        HttpResponse<Void> challenge = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(challenge.statusCode()).isEqualTo(401);
        String header = challenge.headers().allValues("WWW-Authenticate").get(0);
        String auth = Digest.authorization(header, new org.nsegw.anpr.internal.http.Credentials(account.user(), account.password()), "GET",
                uri.getRawPath(), 1, "0a4f113b");
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", auth).GET().build(), body);
    }

    @Test
    void servesTheCurrentFrameAsADigestProtectedSnapshot(@TempDir Path dir) throws Exception {
        camera = standingTruck(dir.resolve("truth.jsonl"));
        HttpResponse<byte[]> r = get(camera.snapshotUri(), ACCOUNT, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(r.body())).getWidth()).isEqualTo(640);
        SiteCameraEmulator.Frame now = camera.frameAt(Instant.now());
        assertThat(r.body()).isEqualTo(now.jpeg());
        assertThat(now.label().truckPresent()).isTrue();
        assertThat(now.label().plate()).isEqualTo("浙A3K725");
        assertThat(now.label().muddyVehicle()).isTrue();
        assertThat(now.label().dirtyRoad()).isTrue();
        assertThat(camera.snapshotsServed()).isEqualTo(1);
        JsonNode truth = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("truth.jsonl")).get(0));
        assertThat(truth.get("plate").asText()).isEqualTo("浙A3K725");
        assertThat(truth.get("UNCOVERED_LOAD").asBoolean()).isTrue();
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        camera = standingTruck(null);
        HttpResponse<Void> r = get(camera.snapshotUri(), Credentials.digest("admin", "guess"), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void streamsMjpegFramesAClientCanSplit() throws Exception {
        camera = standingTruck(null);
        HttpResponse<InputStream> r = get(camera.streamUri(), ACCOUNT, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("multipart/x-mixed-replace; boundary=frame");
        List<byte[]> frames = new ArrayList<>();
        try (InputStream in = r.body()) {
            while (frames.size() < 2) {
                frames.add(nextPart(in, "frame"));
            }
        }
        for (byte[] jpeg : frames) {
            assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
            assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getHeight()).isEqualTo(360);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (camera.streamClients() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // polled: the server notices the closed stream at its next write
        }
        assertThat(camera.streamClients()).isZero();
    }

    /** Reads one part of a multipart/x-mixed-replace stream: the boundary line, headers, Content-Length bytes. */
    static byte[] nextPart(InputStream in, String boundary) throws IOException {
        String line;
        do {
            line = line(in);
        } while (line.isEmpty());
        assertThat(line).isEqualTo("--" + boundary);
        int length = -1;
        while (!(line = line(in)).isEmpty()) {
            String[] h = line.split(":", 2);
            if (h[0].strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(h[1].strip());
            }
            if (h[0].strip().toLowerCase(Locale.ROOT).equals("content-type")) {
                assertThat(h[1].strip()).isEqualTo("image/jpeg");
            }
        }
        assertThat(length).isPositive();
        return in.readNBytes(length);
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("the stream ended");
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void trucksDriveInStopAtTheGateAndLeaveOnTheTimeline() throws IOException {
        ExitPass pass = new ExitPass(T0.plusSeconds(30), new Truck("浙A5G219", false, Load.COVERED), 7);
        Timeline timeline = new Timeline(T0, Instant.parse("2030-01-01T00:00:00Z"), 1);
        camera = SiteCameraEmulator.start(new SiteCameraEmulator.Settings("cam-exit", List.of(pass), DirtyRoad.NEVER, 5, 640, 360,
                Condition.CLEAR_DAY, timeline, Credentials.NONE, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2, null));
        assertThat(camera.frameAt(timeline.wall(T0.plusSeconds(20))).label().truckPresent()).isFalse();
        SiteCameraEmulator.Frame arriving = camera.frameAt(timeline.wall(T0.plusSeconds(27)));
        SiteCameraEmulator.Frame stopped = camera.frameAt(timeline.wall(T0.plusSeconds(30)));
        assertThat(arriving.label().truckPresent()).isTrue();
        assertThat(arriving.label().box()[0]).isLessThan(stopped.label().box()[0]);
        assertThat(stopped.label().plate()).isEqualTo("浙A5G219");
        assertThat(pass.stoppedAt(T0.plusSeconds(31))).isTrue();
        assertThat(camera.frameAt(timeline.wall(T0.plusSeconds(40))).label().truckPresent()).isFalse();
    }

    @Test
    void aCameraStartedEmptyShowsTheTrucksItIsGivenLaterOnTheirTimeline(@TempDir Path dir) throws IOException {
        Timeline now = Timeline.realTime(T0);
        camera = SiteCameraEmulator.start(new SiteCameraEmulator.Settings("cam-exit", List.of(), DirtyRoad.NEVER, 5, 640, 360,
                Condition.CLEAR_DAY, now, Credentials.NONE, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2,
                dir.resolve("truth.jsonl")));
        Instant wall = Instant.now();
        SiteCameraEmulator.Frame before = camera.frameAt(wall);
        assertThat(before.label().truckPresent()).isFalse();
        assertThat(Files.readAllLines(dir.resolve("truth.jsonl"))).isEmpty();
        // the empty exit is what emptyExit renders: the clean-road reference of this camera
        assertThat(before.jpeg()).isEqualTo(org.nsegw.emulator.camera.scene.SceneRenderer.render(
                SiteCameraEmulator.emptyExit(5, 640, 360, Condition.CLEAR_DAY, false).withFrame(before.index())).jpeg());

        ExitPass pass = new ExitPass(T0.plusSeconds(30), new Truck("浙A8D031", true, Load.UNCOVERED), 11);
        Timeline gate = new Timeline(T0, wall.minusSeconds(30), 1); // the truck stands at the gate at this wall-clock instant
        camera.play(List.of(pass), gate);
        SiteCameraEmulator.Frame stopped = camera.frameAt(wall);
        assertThat(stopped.label().truckPresent()).isTrue();
        assertThat(stopped.label().plate()).isEqualTo("浙A8D031");
        assertThat(camera.passes()).containsExactly(pass);
        JsonNode truth = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("truth.jsonl")).get(0));
        assertThat(truth.get("plate").asText()).isEqualTo("浙A8D031");
        assertThat(truth.get("wallTime").asText()).isEqualTo(wall.toString());
        assertThat(truth.get("MUDDY_VEHICLE").asBoolean()).isTrue();
    }

    @Test
    void theScheduleFollowsTheGateCamerasTraffic() {
        List<EmulatedVehicle> trucks = TrafficScenario.bridge(3, 120, 0.2).vehicles(20).stream()
                .sorted(java.util.Comparator.comparing(EmulatedVehicle::time)).toList();
        List<ExitPass> passes = ExitSchedule.of(trucks, 3, 0.5, 0.5);
        assertThat(passes).hasSize(20);
        for (int i = 0; i < passes.size(); i++) {
            assertThat(passes.get(i).truck().plate()).isEqualTo(trucks.get(i).frontPlate());
            assertThat(passes.get(i).time()).isEqualTo(trucks.get(i).time());
        }
        assertThat(passes).anyMatch(p -> p.truck().muddy()).anyMatch(p -> !p.truck().muddy());
        assertThat(passes).anyMatch(p -> p.truck().uncovered()).anyMatch(p -> !p.truck().uncovered());
    }
}
