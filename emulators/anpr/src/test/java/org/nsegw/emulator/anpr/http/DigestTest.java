package org.nsegw.emulator.anpr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsegw.emulator.anpr.TestGateway;

class DigestTest {

    // RFC 7616 §3.9.1: the example of a GET of /dir/index.html by Mufasa
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void theRfcExamplesComeOutRight() {
        assertThat(Digest.response("MD5", "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", NONCE,
                "00000001", CNONCE, "auth")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(Digest.response("SHA-256", "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", NONCE,
                "00000001", CNONCE, "auth")).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void challengesAreParsedAndSha256Preferred() {
        List<String> headers = List.of(
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, nonce=\"" + NONCE + "\", opaque=\"FQhe\"",
                "Basic realm=\"x, y\", Digest realm=\"http-auth@example.org\", qop=\"auth\", algorithm=SHA-256, nonce=\"" + NONCE
                        + "\", opaque=\"FQhe/qaU\", stale=TRUE");
        List<DigestChallenge> all = DigestChallenge.parseAll(headers);
        assertThat(all).extracting(DigestChallenge::scheme).containsExactly("digest", "basic", "digest");
        assertThat(all.get(1).realm()).isEqualTo("x, y");
        DigestChallenge best = DigestChallenge.best(headers).orElseThrow();
        assertThat(best.algorithm()).isEqualTo("SHA-256");
        assertThat(best.nonce()).isEqualTo(NONCE);
        assertThat(best.param("opaque")).isEqualTo("FQhe/qaU");
        assertThat(best.stale()).isTrue();
        assertThat(all.get(0).offersAuth()).isTrue();
        assertThat(all.get(0).stale()).isFalse();
        // no algorithm means MD5; no qop=auth means this client cannot answer
        assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\"").get(0).algorithm()).isEqualTo("MD5");
        assertThat(DigestChallenge.best(List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""))).isEmpty();
        assertThat(DigestChallenge.best(List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-512-256"))).isEmpty();
    }

    @Test
    void theAuthorizationHeaderAnswersTheChallenge() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"http-auth@example.org\", qop=\"auth\", algorithm=SHA-256, nonce=\""
                + NONCE + "\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"").get(0);
        String header = Digest.authorization(c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, CNONCE);
        DigestChallenge answer = DigestChallenge.parse(header).get(0);
        assertThat(answer.param("username")).isEqualTo("Mufasa");
        assertThat(answer.param("uri")).isEqualTo("/dir/index.html");
        assertThat(answer.param("nc")).isEqualTo("00000001");
        assertThat(answer.param("qop")).isEqualTo("auth");
        assertThat(answer.param("opaque")).isEqualTo("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
        assertThat(answer.param("response")).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    /** The JDK's own digest client (HttpURLConnection), written independently, gets through the camera's authenticator. */
    @Test
    void theJdksDigestClientPassesTheServerSide() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.digest("admin", "hik12345"))) {
            assertThat(get(gateway.uri("/ISAPI/Event/notification/alertStream"), "admin", "hik12345")).isEqualTo(200);
            assertThat(get(gateway.uri("/ISAPI/x"), "admin", "wrong")).isEqualTo(401);
            assertThat(gateway.requests()).hasSize(1);
            assertThat(gateway.requests().get(0).authorization()).startsWith("Digest ").contains("username=\"admin\"");
        }
    }

    @Test
    void theServerRefusesReplaysAndUnknownNonces() throws Exception {
        try (TestGateway gateway = TestGateway.start(Credentials.digest("admin", "pw"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = gateway.uri("/a?b=1");
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(401);
            assertThat(first.headers().allValues("WWW-Authenticate")).hasSize(2);
            DigestChallenge c = DigestChallenge.best(first.headers().allValues("WWW-Authenticate")).orElseThrow();
            assertThat(c.algorithm()).isEqualTo("SHA-256");
            String answer = Digest.authorization(c, "admin", "pw", "GET", "/a?b=1", 1, "abc");
            assertThat(status(http, uri, answer)).isEqualTo(200);
            assertThat(status(http, uri, answer)).as("the same nonce count again").isEqualTo(401);
            assertThat(status(http, uri, Digest.authorization(c, "admin", "pw", "GET", "/a?b=1", 2, "abd"))).isEqualTo(200);
            assertThat(status(http, uri, Digest.authorization(c, "admin", "pw", "GET", "/other", 3, "abe"))).as("another uri").isEqualTo(401);
            DigestChallenge forged = DigestChallenge.parse("Digest realm=\"gateway\", qop=\"auth\", algorithm=MD5, nonce=\"made-up\"").get(0);
            HttpResponse<String> stale = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", Digest.authorization(forged, "admin", "pw", "GET", "/a?b=1", 1, "x")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stale.statusCode()).isEqualTo(401);
            assertThat(DigestChallenge.best(stale.headers().allValues("WWW-Authenticate")).orElseThrow().stale()).isTrue();
            assertThat(gateway.requests()).hasSize(2);
        }
    }

    private static int status(HttpClient http, URI uri, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static int get(URI uri, String user, String password) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setAuthenticator(new java.net.Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password.toCharArray());
            }
        });
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
