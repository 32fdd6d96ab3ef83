package org.nsegw.anpr.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DigestTest {

    static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    static final Credentials CAMERA = new Credentials("admin", "Cam3ra!pass");
    final Digest digest = new Digest("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "nsegw");

    @Test
    void theRfc7616ExampleResponseIsComputed() {
        // RFC 7616 §3.9.1, MD5 and SHA-256 examples for Mufasa.
        Credentials mufasa = new Credentials("Mufasa", "Circle of Life");
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        assertThat(Digest.response("MD5", mufasa, "http-auth@example.org", "GET", "/dir/index.html", nonce, "auth", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(Digest.response("SHA-256", mufasa, "http-auth@example.org", "GET", "/dir/index.html", nonce, "auth", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void aClientAnsweringTheChallengeIsLetIn() {
        for (String algorithm : new String[] {"MD5", "SHA-256"}) {
            String challenge = digest.challenge(T, algorithm, false);
            String answer = Digest.authorization(challenge, CAMERA, "POST", "/anpr/hikvision", 1, "abcdef");
            assertThat(digest.verify(answer.substring("Digest ".length()), "POST", "/anpr/hikvision", CAMERA, T.plusSeconds(30)))
                    .isEqualTo(Digest.Verdict.OK);
        }
    }

    @Test
    void wrongPasswordsForgedOrOldNoncesAndOtherUrisAreRefused() {
        String challenge = digest.challenge(T, "MD5", false);
        String wrong = Digest.authorization(challenge, new Credentials("admin", "guess"), "POST", "/anpr/hikvision", 1, "x");
        assertThat(digest.verify(wrong.substring(7), "POST", "/anpr/hikvision", CAMERA, T)).isEqualTo(Digest.Verdict.WRONG);

        String right = Digest.authorization(challenge, CAMERA, "POST", "/anpr/hikvision", 1, "x").substring(7);
        assertThat(digest.verify(right, "POST", "/other", CAMERA, T)).isEqualTo(Digest.Verdict.WRONG);
        assertThat(digest.verify(right, "POST", "/anpr/hikvision", CAMERA, T.plus(Digest.NONCE_LIFE).plusSeconds(1)))
                .isEqualTo(Digest.Verdict.STALE);

        Digest other = new Digest("another secret of sixteen bytes!".getBytes(StandardCharsets.US_ASCII), "nsegw");
        String forged = Digest.authorization(other.challenge(T, "MD5", false), CAMERA, "POST", "/anpr/hikvision", 1, "x");
        assertThat(digest.verify(forged.substring(7), "POST", "/anpr/hikvision", CAMERA, T)).isEqualTo(Digest.Verdict.WRONG);

        assertThat(digest.verify("", "POST", "/", CAMERA, T)).isEqualTo(Digest.Verdict.MALFORMED);
        assertThat(digest.verify("garbage without equals", "POST", "/", CAMERA, T)).isEqualTo(Digest.Verdict.MALFORMED);
        assertThat(digest.verify(right.replace("MD5", "SHA-512-256"), "POST", "/anpr/hikvision", CAMERA, T))
                .isEqualTo(Digest.Verdict.MALFORMED);
    }

    @Test
    void basicCredentialsAreComparedWhole() {
        String good = Base64.getEncoder().encodeToString("admin:Cam3ra!pass".getBytes(StandardCharsets.UTF_8));
        assertThat(CAMERA.matchesBasic(good)).isTrue();
        assertThat(CAMERA.matchesBasic(Base64.getEncoder().encodeToString("admin:Cam3ra".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(CAMERA.matchesBasic("%%%")).isFalse();
        assertThat(CAMERA.toString()).doesNotContain("Cam3ra");
    }

    @Test
    void quotedParametersMayHoldCommasAndEscapes() {
        assertThat(Digest.parameters("username=\"a,b\", realm=\"x\\\"y\", nc=00000001, qop=auth"))
                .containsEntry("username", "a,b").containsEntry("realm", "x\"y").containsEntry("nc", "00000001").containsEntry("qop", "auth");
    }
}
