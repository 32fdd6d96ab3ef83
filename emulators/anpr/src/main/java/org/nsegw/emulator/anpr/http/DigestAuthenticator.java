package org.nsegw.emulator.anpr.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.nsegw.anpr.internal.http.Digest;

/**
 * The gateway's {@link Digest} as a com.sun.net.httpserver authenticator, as a camera checks the clients of its event
 * streams: a 401 offers SHA-256 and MD5 with qop=auth, and an expired nonce gets a fresh challenge with stale=true.
 * The nonces are the gateway's stateless ones, so nonce counts are not checked. (The server reads and drops the body
 * of a refused request itself, so that the client receives the challenge on an intact connection.)
 */
public final class DigestAuthenticator extends Authenticator {

    private final String realm;
    private final org.nsegw.anpr.internal.http.Credentials account;
    private final Digest digest;

    /**
     * @param realm       the protection space shown to clients
     * @param credentials the user name and password clients must give
     */
    public DigestAuthenticator(String realm, Credentials credentials) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.realm = realm;
        this.account = credentials.account();
        this.digest = new Digest(secret, realm);
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        Instant now = Instant.now();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Digest.Verdict verdict = header == null || !header.regionMatches(true, 0, "Digest ", 0, 7) ? Digest.Verdict.MALFORMED
                : digest.verify(header.substring(7), exchange.getRequestMethod(), CameraHttpClient.requestTarget(exchange.getRequestURI()),
                        account, now);
        if (verdict == Digest.Verdict.OK) {
            return new Success(new HttpPrincipal(account.username(), realm));
        }
        for (String algorithm : List.of("SHA-256", "MD5")) {
            exchange.getResponseHeaders().add("WWW-Authenticate", digest.challenge(now, algorithm, verdict == Digest.Verdict.STALE));
        }
        return new Retry(401);
    }
}
