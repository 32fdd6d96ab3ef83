package org.nsegw.emulator.anpr.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of HTTP Digest (RFC 7616) for com.sun.net.httpserver, as a camera checks the clients of its event
 * streams: it offers SHA-256 and MD5 with qop=auth, knows the nonces it issued (an unknown or expired one gets a
 * fresh challenge with stale=true) and refuses a nonce count that does not rise. (The server reads and drops the
 * body of a refused request itself, so that the client receives the challenge on an intact connection.)
 */
public final class DigestAuthenticator extends Authenticator {

    static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    static final int MAX_NONCES = 1024;

    private final String realm;
    private final String user;
    private final String password;
    private final SecureRandom random = new SecureRandom();
    private final String opaque;
    private final Map<String, NonceState> nonces = new ConcurrentHashMap<>();

    private static final class NonceState {
        final Instant issued;
        long lastCount;

        NonceState(Instant issued) {
            this.issued = issued;
        }
    }

    public DigestAuthenticator(String realm, String user, String password) {
        this.realm = realm;
        this.user = user;
        this.password = password;
        this.opaque = token(12);
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return challenge(exchange, false);
        }
        List<DigestChallenge> parsed = DigestChallenge.parse(header);
        if (parsed.isEmpty()) {
            return challenge(exchange, false);
        }
        DigestChallenge answer = parsed.get(0);
        String nonce = answer.nonce();
        NonceState state = nonces.get(nonce);
        if (state == null || state.issued.plus(NONCE_LIFETIME).isBefore(Instant.now())) {
            nonces.remove(nonce);
            return challenge(exchange, true);
        }
        String algorithm = answer.algorithm();
        String uri = answer.param("uri");
        String nc = Optional.ofNullable(answer.param("nc")).orElse("");
        String cnonce = Optional.ofNullable(answer.param("cnonce")).orElse("");
        String response = Optional.ofNullable(answer.param("response")).orElse("");
        boolean wellFormed = user.equals(answer.param("username")) && realm.equals(answer.param("realm"))
                && "auth".equalsIgnoreCase(answer.param("qop")) && (algorithm.equals("SHA-256") || algorithm.equals("MD5"))
                && requestTarget(exchange).equals(uri) && nc.matches("[0-9a-fA-F]{8}") && !cnonce.isEmpty();
        if (!wellFormed) {
            return challenge(exchange, false);
        }
        String expected = Digest.response(algorithm, user, realm, password, exchange.getRequestMethod(), uri, nonce, nc, cnonce, "auth");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return challenge(exchange, false);
        }
        long count = Long.parseLong(nc, 16);
        synchronized (state) {
            if (count <= state.lastCount) {
                return challenge(exchange, true); // a replayed count: start over with a new nonce
            }
            state.lastCount = count;
        }
        return new Success(new HttpPrincipal(user, realm));
    }

    /** The request-target as the client sent it. */
    static String requestTarget(HttpExchange exchange) {
        return CameraHttpClient.requestTarget(exchange.getRequestURI());
    }

    private Result challenge(HttpExchange exchange, boolean stale) {
        String nonce = token(24);
        if (nonces.size() >= MAX_NONCES) {
            Instant cutoff = Instant.now().minus(NONCE_LIFETIME);
            nonces.values().removeIf(s -> s.issued.isBefore(cutoff));
            if (nonces.size() >= MAX_NONCES) {
                nonces.clear();
            }
        }
        nonces.put(nonce, new NonceState(Instant.now()));
        for (String algorithm : List.of("SHA-256", "MD5")) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + algorithm
                    + ", nonce=\"" + nonce + "\", opaque=\"" + opaque + "\"" + (stale ? ", stale=TRUE" : ""));
        }
        return new Retry(401);
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
