package org.nsegw.emulator.anpr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.emulator.anpr.TestGateway;

/** The adapter around the gateway's Digest; the computations themselves are tested with the gateway. */
class DigestAuthenticatorTest {

    static final org.nsegw.anpr.internal.http.Credentials ADMIN = Credentials.digest("admin", "pw").account();

    @Test
    void bothAlgorithmsAreOfferedAndAnAnswerForThePathAndQueryGetsIn() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.digest("admin", "pw"))) {
            HttpClient http = CameraHttpClient.newHttpClient();
            URI uri = gateway.uri("/a?b=1");
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(401);
            assertThat(first.headers().allValues("WWW-Authenticate")).hasSize(2);
            String sha256 = CameraHttpClient.digestChallenge(first.headers().allValues("WWW-Authenticate")).orElseThrow();
            String md5 = first.headers().allValues("WWW-Authenticate").get(1);
            assertThat(sha256).contains("algorithm=SHA-256");
            assertThat(md5).contains("algorithm=MD5");

            assertThat(status(http, uri, Digest.authorization(sha256, ADMIN, "GET", "/a?b=1", 1, "abc"))).isEqualTo(200);
            assertThat(status(http, uri, Digest.authorization(md5, ADMIN, "GET", "/a?b=1", 2, "abd"))).isEqualTo(200);
            assertThat(status(http, uri, Digest.authorization(sha256, ADMIN, "GET", "/other", 3, "abe"))).as("another uri").isEqualTo(401);
            Digest elsewhere = new Digest("another server's secret".getBytes(StandardCharsets.US_ASCII), "gateway");
            assertThat(status(http, uri, Digest.authorization(elsewhere.challenge(Instant.now(), "MD5", false), ADMIN, "GET", "/a?b=1", 1, "x")))
                    .as("a nonce this server did not issue").isEqualTo(401);
            assertThat(gateway.requests()).hasSize(2);
            assertThat(gateway.challenges()).isEqualTo(3);
        }
    }

    private static int status(HttpClient http, URI uri, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
