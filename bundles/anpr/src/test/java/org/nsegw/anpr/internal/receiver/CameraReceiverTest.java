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
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.http.Digest;

/** The receiver's HTTP rules, against a real server on a loopback port, with a stand-in decoder. */
class CameraReceiverTest {

    static final Credentials ACCOUNT = new Credentials("cam", "secret-1");

    /** A camera that records what happens to it. */
    static final class FakeCamera implements CameraReceiver.Camera {
        final String id;
        final Optional<Credentials> credentials;
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<CameraEvent> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger heartbeats = new AtomicInteger();
        volatile Outcome outcome = Outcome.STORED;

        FakeCamera(Optional<Credentials> credentials) {
            this("cam-1", credentials);
        }

        FakeCamera(String id, Optional<Credentials> credentials) {
            this.id = id;
            this.credentials = credentials;
        }

        public String id() {
            return id;
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
    static final PushDecoder DECODER = (vendor, path, type, body) -> {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("READ ")) {
            return new CameraMessage.Read(new CameraEvent("e-" + text.substring(5), "10.0.0.1", 1, null, text.substring(5), "", 90, "", "", 1,
                    List.of()));
        }
        if (text.equals("BEAT")) {
            return new CameraMessage.Alive("", "BEAT");
        }
        throw new MalformedEvent("not a test message: " + text);
    };

    CameraReceiver receiver;
    final HttpClient http = HttpClient.newHttpClient();

    CameraReceiver start(FakeCamera camera, boolean known) throws Exception {
        return start(known ? List.of(camera) : List.of());
    }

    CameraReceiver start(List<CameraReceiver.Camera> cameras) throws Exception {
        receiver = new CameraReceiver(new ReceiverSettings("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(10), 4, "/anpr/hikvision"),
                (from, vendor) -> cameras, DECODER,
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

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void camerasSharingAnAddressAreToldApartByTheirAccounts() throws Exception {
        FakeCamera a = new FakeCamera("cam-a", Optional.of(new Credentials("front", "pw-a")));
        FakeCamera b = new FakeCamera("cam-b", Optional.of(new Credentials("rear", "pw-b")));
        start(List.of(a, b));
        assertThat(post("/anpr/hikvision", "READ 浙A12345", "Authorization", basic("rear", "pw-b")).statusCode()).isEqualTo(200);
        assertThat(post("/anpr/hikvision", "READ 浙A54321", "Authorization", basic("front", "pw-a")).statusCode()).isEqualTo(200);
        assertThat(b.accepted).extracting(CameraEvent::plateText).containsExactly("浙A12345");
        assertThat(a.accepted).extracting(CameraEvent::plateText).containsExactly("浙A54321");

        HttpResponse<String> anonymous = post("/anpr/hikvision", "READ 浙A00001");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Digest"));
        assertThat(post("/anpr/hikvision", "READ 浙A00001", "Authorization", basic("front", "pw-b")).statusCode()).isEqualTo(401);
        assertThat(a.refused).containsExactly("auth");
        assertThat(post("/anpr/hikvision", "READ 浙A00001", "Authorization", basic("side", "pw-a")).statusCode()).isEqualTo(401);
        assertThat(receiver.counters()).containsEntry("unknownAccount", 1L);
        assertThat(a.accepted).hasSize(1);
        assertThat(b.accepted).hasSize(1);
    }

    @Test
    void camerasSharingAnAddressWithoutAccountsAreRefusedWithTheReason() throws Exception {
        start(List.of(new FakeCamera("cam-a", Optional.empty()), new FakeCamera("cam-b", Optional.empty())));
        HttpResponse<String> r = post("/anpr/hikvision", "READ 浙A12345");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("give each its own account");
        assertThat(receiver.counters()).containsEntry("ambiguousSource", 1L);
    }
}
