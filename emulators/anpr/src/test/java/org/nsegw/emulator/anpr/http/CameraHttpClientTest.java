package org.nsegw.emulator.anpr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.emulator.anpr.TestGateway;
import org.nsegw.emulator.anpr.message.HttpBody;

class CameraHttpClientTest {

    static final HttpBody BODY = new HttpBody("application/json;charset=UTF-8", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    /** A body too big for the server to drain by itself: the authenticator must read it. */
    static final HttpBody BIG = new HttpBody("application/octet-stream", new byte[300_000]);

    private final List<Duration> pauses = new ArrayList<>();
    private final ResponseCounter counter = new ResponseCounter();

    private CameraHttpClient client(Credentials credentials, int attempts) {
        return new CameraHttpClient(CameraHttpClient.newHttpClient(), credentials, attempts, Duration.ofMillis(5), Duration.ofSeconds(5),
                pauses::add, counter);
    }

    @Test
    void digestTakesOneChallengeThenReusesTheNonce() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.digest("admin", "dahua123"))) {
            CameraHttpClient c = client(Credentials.digest("admin", "dahua123"), 3);
            URI uri = gateway.uri("/NotificationInfo/TollgateInfo");
            CameraHttpClient.Result first = c.post(uri, BIG);
            assertThat(first).isEqualTo(new CameraHttpClient.Result(200, 1, ""));
            assertThat(gateway.challenges()).isEqualTo(1);
            for (int i = 0; i < 3; i++) {
                assertThat(c.post(uri, BODY).status()).isEqualTo(200);
            }
            assertThat(gateway.challenges()).as("the nonce is reused with a rising count").isEqualTo(1);
            List<TestGateway.Request> requests = gateway.requests();
            assertThat(requests).hasSize(4);
            assertThat(requests.get(0).body()).hasSize(300_000);
            assertThat(requests).extracting(r -> Digest.parameters(r.authorization().substring(7)).get("nc"))
                    .containsExactly("00000001", "00000002", "00000003", "00000004");
            assertThat(requests.get(0).authorization()).contains("algorithm=SHA-256", "uri=\"/NotificationInfo/TollgateInfo\"");
            assertThat(counter.byStatus()).isEqualTo(Map.of(401, 1L, 200, 4L));
            assertThat(pauses).isEmpty();
        }
    }

    @Test
    void aServerErrorIsTriedAgainAfterAPause() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.digest("admin", "pw"))) {
            gateway.answerNext(500, 503);
            CameraHttpClient.Result r = client(Credentials.digest("admin", "pw"), 4).post(gateway.uri("/anpr/hikvision"), BODY);
            assertThat(r).isEqualTo(new CameraHttpClient.Result(200, 3, ""));
            assertThat(gateway.requests()).hasSize(3).allSatisfy(q -> assertThat(q.text()).isEqualTo("{\"a\":1}"));
            assertThat(pauses).containsExactly(Duration.ofMillis(5), Duration.ofMillis(5));
            assertThat(counter.byStatus()).isEqualTo(Map.of(401, 1L, 500, 1L, 503, 1L, 200, 1L));
        }
    }

    @Test
    void theCameraGivesUpAfterItsLastTry() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.NONE)) {
            gateway.answerNext(500, 500, 500);
            CameraHttpClient.Result r = client(Credentials.NONE, 2).post(gateway.uri("/x"), BODY);
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.ok()).isFalse();
            assertThat(gateway.requests()).hasSize(2);
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithoutEndlessTries() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.digest("admin", "right"))) {
            CameraHttpClient.Result r = client(Credentials.digest("admin", "right").wrong(), 4).post(gateway.uri("/x"), BIG);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(gateway.requests()).isEmpty();
            assertThat(gateway.challenges()).isEqualTo(2);
            assertThat(pauses).isEmpty();
        }
    }

    @Test
    void basicCredentialsGoWithTheFirstRequest() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.basic("cam", "secret"))) {
            assertThat(client(Credentials.basic("cam", "secret"), 1).post(gateway.uri("/x"), BODY).status()).isEqualTo(200);
            assertThat(gateway.challenges()).isZero();
            assertThat(gateway.requests().get(0).authorization())
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString("cam:secret".getBytes(StandardCharsets.UTF_8)));
            assertThat(client(Credentials.basic("cam", "nope"), 3).post(gateway.uri("/x"), BODY).status()).isEqualTo(401);
        }
    }

    @Test
    void noAnswerIsCountedAndTriedAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CameraHttpClient.Result r = client(Credentials.NONE, 3).post(URI.create("http://127.0.0.1:" + port + "/x"), BODY);
        assertThat(r.status()).isZero();
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.error()).contains("ConnectException");
        assertThat(counter.failures()).isEqualTo(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void sha256IsPreferredAndQopAuthRequired() {
        String md5 = "Digest realm=\"r\", qop=\"auth, auth-int\", algorithm=MD5, nonce=\"n\"";
        String sha256 = "Digest realm=\"r\", qop=\"auth\", algorithm=SHA-256, nonce=\"n\", stale=TRUE";
        assertThat(CameraHttpClient.digestChallenge(List.of("Basic realm=\"r\"", md5, sha256))).contains(sha256);
        assertThat(CameraHttpClient.digestChallenge(List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth\"")))
                .as("no algorithm means MD5").isPresent();
        assertThat(CameraHttpClient.digestChallenge(List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"",
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-512-256", "Basic realm=\"r\""))).isEmpty();
    }

    @Test
    void theDigestCoversThePathAndQuery() {
        assertThat(CameraHttpClient.requestTarget(URI.create("http://h:1/cgi-bin/snapManager.cgi?action=attachFileProc&Flags%5B0%5D=Event")))
                .isEqualTo("/cgi-bin/snapManager.cgi?action=attachFileProc&Flags%5B0%5D=Event");
        assertThat(CameraHttpClient.requestTarget(URI.create("http://h:1"))).isEqualTo("/");
    }
}
