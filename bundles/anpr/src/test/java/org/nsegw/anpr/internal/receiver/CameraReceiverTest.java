package org.nsegw.anpr.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.http.Digest;

/** The receiver's HTTP rules, against a real server on a loopback port, with a stand-in decoder. */
class CameraReceiverTest {

    static final Credentials ACCOUNT = new Credentials("cam", "secret-1");

    /** A camera that records what happens to it. */
    static final class FakeCamera implements CameraReceiver.Camera {
        final Optional<Credentials> credentials;
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<CameraEvent> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger heartbeats = new AtomicInteger();
        volatile Outcome outcome = Outcome.STORED;

        FakeCamera(Optional<Credentials> credentials) {
            this.credentials = credentials;
        }

        public String id() {
            return "cam-1";
        }

        public String vendor() {
            return "hikvision";
        }

        public Optional<Credentials> credentials() {
            return credentials;
        }

        public Outcome accept(CameraEvent event) {
            accepted.add(event);
            return outcome;
        }

        public void heartbeat() {
            heartbeats.incrementAndGet();
        }

        public void refused(String reason, String detail) {
            refused.add(reason);
        }
    }

    /** "READ plate" is a read, "BEAT" a heartbeat, anything else malformed. */
    static final PushDecoder DECODER = (vendor, path, parts) -> {
        String text = new String(parts.get(0).bytes(), StandardCharsets.UTF_8);
        if (text.startsWith("READ ")) {
            return Push.read(new CameraEvent("e-" + text.substring(5), "10.0.0.1", 1, null, text.substring(5), "", 90, "", "", 1,
                    List.of()));
        }
        if (text.equals("BEAT")) {
            return Push.heartbeat();
        }
        throw new MalformedEvent("not a test message: " + text);
    };

    CameraReceiver receiver;
    final HttpClient http = HttpClient.newHttpClient();

    CameraReceiver start(FakeCamera camera, boolean known) throws Exception {
        receiver = new CameraReceiver(new ReceiverSettings("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(10), 4, "/anpr/hikvision"),
                (from, vendor) -> known ? Optional.of(camera) : Optional.empty(), DECODER,
                new Digest("test-secret-0123456789".getBytes(StandardCharsets.US_ASCII), "nsegw"), Clock.systemUTC());
        return receiver;
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReadIsAnswered200OnlyOnceStoredAnd503WhenStoringFails() throws Exception {
        FakeCamera cam = new FakeCamera(Optional.empty());
        start(cam, true);
        assertThat(post("/anpr/hikvision", "READ 浙A12345").statusCode()).isEqualTo(200);
        assertThat(cam.accepted).extracting(CameraEvent::plateText).containsExactly("浙A12345");
        cam.outcome = CameraReceiver.Camera.Outcome.FAILED;
        assertThat(post("/anpr/hikvision", "READ 浙A99999").statusCode()).isEqualTo(503);
        assertThat(post("/NotificationInfo/KeepAlive", "BEAT").statusCode()).isEqualTo(200);
        assertThat(cam.heartbeats).hasValue(1);
    }

    @Test
    void strangersWrongPathsAndMethodsAreRefused() throws Exception {
        start(new FakeCamera(Optional.empty()), false);
        assertThat(post("/anpr/hikvision", "READ x").statusCode()).isEqualTo(403);
        assertThat(post("/etc/passwd", "x").statusCode()).isEqualTo(404);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/anpr/hikvision"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(receiver.counters()).containsEntry("unknownSource", 1L).containsEntry("notFound", 1L).containsEntry("badMethod", 1L);
    }

    @Test
    void anAccountIsCheckedByDigestOrBasic() throws Exception {
        FakeCamera cam = new FakeCamera(Optional.of(ACCOUNT));
        start(cam, true);
        HttpResponse<String> challenge = post("/anpr/hikvision", "READ A");
        assertThat(challenge.statusCode()).isEqualTo(401);
        String digestChallenge = challenge.headers().allValues("WWW-Authenticate").stream()
                .filter(v -> v.startsWith("Digest")).findFirst().orElseThrow();
        assertThat(cam.accepted).isEmpty();

        String answer = Digest.authorization(digestChallenge, ACCOUNT, "POST", "/anpr/hikvision", 1, "c0ffee");
        assertThat(post("/anpr/hikvision", "READ B", "Authorization", answer).statusCode()).isEqualTo(200);
        String basic = "Basic " + Base64.getEncoder().encodeToString("cam:secret-1".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/anpr/hikvision", "READ C", "Authorization", basic).statusCode()).isEqualTo(200);

        String wrong = Digest.authorization(digestChallenge, new Credentials("cam", "nope"), "POST", "/anpr/hikvision", 1, "c0ffee");
        assertThat(post("/anpr/hikvision", "READ D", "Authorization", wrong).statusCode()).isEqualTo(401);
        assertThat(cam.accepted).extracting(CameraEvent::plateText).containsExactly("B", "C");
        assertThat(cam.refused).containsExactly("auth");
    }

    @Test
    void oversizedAndMalformedBodiesAreRefusedAndCounted() throws Exception {
        FakeCamera cam = new FakeCamera(Optional.empty());
        start(cam, true);
        assertThat(post("/anpr/hikvision", "READ " + "x".repeat(70_000)).statusCode()).isEqualTo(413);
        assertThat(post("/anpr/hikvision", "garbage").statusCode()).isEqualTo(400);
        assertThat(cam.refused).containsExactly("tooLarge", "malformed");
        assertThat(cam.accepted).isEmpty();
        assertThat(post("/anpr/hikvision", "READ still-serving").statusCode()).isEqualTo(200);
    }

    @Test
    void multipartBodiesAreSplitIntoTheirParts() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--B0\r\nContent-Disposition: form-data; name=\"anpr.xml\"; filename=\"anpr.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n<x/>\r\n"
                + "--B0\r\nContent-Disposition: form-data; name=\"licensePlatePicture.jpg\"; filename=\"licensePlatePicture.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x0D, 0x0A, (byte) 0xFF, (byte) 0xD9});
        body.writeBytes("\r\n--B0--\r\n".getBytes(StandardCharsets.UTF_8));
        List<PushDecoder.Part> parts = CameraReceiver.parts("multipart/form-data; boundary=B0", body.toByteArray());
        assertThat(parts).extracting(PushDecoder.Part::name).containsExactly("anpr.xml", "licensePlatePicture.jpg");
        assertThat(parts.get(0).contentType()).isEqualTo("application/xml");
        assertThat(new String(parts.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("<x/>");
        assertThat(parts.get(1).bytes()).containsExactly(0xFF, 0xD8, 0x0D, 0x0A, 0xFF, 0xD9);
        assertThat(CameraReceiver.parts("text/plain", "hello".getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThatThrownBy(() -> CameraReceiver.parts("multipart/form-data", new byte[0])).hasMessageContaining("without a boundary");
        assertThatThrownBy(() -> CameraReceiver.parts("multipart/form-data; boundary=B0", "--B0\r\nContent-Type: x\r\n\r\ncut".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("broken multipart");
        assertThatThrownBy(() -> CameraReceiver.parts("multipart/form-data; boundary=B0", "no boundary here".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class);
    }
}
