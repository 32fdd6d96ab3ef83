package org.nsegw.emulator.anpr.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.emulator.anpr.message.HttpBody;

/**
 * How a camera posts to its server: with Basic or Digest authentication (RFC 7616, qop=auth, MD5 or SHA-256; the
 * first request goes without credentials, the server's 401 challenge is answered, and the challenge is kept and its
 * nonce reused with a rising nonce count until the server calls it stale), and retrying like a camera: after a
 * failed connection or a 5xx it waits and tries again, a few times. A 401 that follows a fresh challenge means the
 * credentials are wrong: no more tries. Every answer is counted.
 */
public final class CameraHttpClient {

    /**
     * How one post ended.
     *
     * @param status   the last HTTP status, or 0 if the last try got no answer
     * @param attempts how many tries it took (a digest handshake counts as one)
     * @param error    what went wrong on the last try without an answer, or empty
     */
    public record Result(int status, int attempts, String error) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sleeps between tries; tests and the emulator's time scale decide how long a camera's seconds are. */
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpClient http;
    private final Credentials credentials;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final Duration timeout;
    private final Pause pause;
    private final ResponseCounter counter;
    private final SecureRandom random = new SecureRandom();

    /** The Digest challenge last answered, a {@code WWW-Authenticate} value; {@code null} before the first. */
    private String challenge;
    private int nonceCount;

    /**
     * @param http        the JDK client (HTTP/1.1)
     * @param credentials what to authenticate with
     * @param maxAttempts tries per post, at least 1
     * @param retryDelay  the wait between tries
     * @param timeout     how long a try may take
     * @param pause       how to wait
     * @param counter     where answers are counted
     */
    public CameraHttpClient(HttpClient http, Credentials credentials, int maxAttempts, Duration retryDelay, Duration timeout, Pause pause,
            ResponseCounter counter) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a camera tries at least once");
        }
        this.http = http;
        this.credentials = credentials;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
        this.timeout = timeout;
        this.pause = pause;
        this.counter = counter;
    }

    /** An HTTP/1.1 client as cameras use: no redirects, a short connect timeout. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Result post(URI uri, HttpBody body) throws InterruptedException {
        int status = 0;
        String error = "";
        int attempt = 0;
        while (attempt < maxAttempts) {
            attempt++;
            try {
                status = exchange(uri, body);
                error = "";
            } catch (IOException e) {
                counter.failure();
                status = 0;
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (status != 0 && status < 500) {
                break;
            }
            if (attempt < maxAttempts) {
                pause.sleep(retryDelay);
            }
        }
        return new Result(status, attempt, error);
    }

    /** One try: the request, and for Digest the answer to a challenge. Returns the final status. */
    private int exchange(URI uri, HttpBody body) throws IOException, InterruptedException {
        Optional<String> authorization = authorization(uri);
        boolean sentCredentials = authorization.isPresent();
        HttpResponse<String> response = send(uri, body, authorization);
        counter.status(response.statusCode());
        if (response.statusCode() != 401 || credentials.scheme() != Credentials.Scheme.DIGEST) {
            return response.statusCode();
        }
        Optional<String> offered = digestChallenge(response.headers().allValues("WWW-Authenticate"));
        if (offered.isEmpty()) {
            return 401;
        }
        if (sentCredentials && !"true".equalsIgnoreCase(parameters(offered.get()).get("stale"))) {
            // our answer to a challenge was refused, not for an old nonce: the password is wrong
            remember(offered.get());
            return 401;
        }
        remember(offered.get());
        HttpResponse<String> second = send(uri, body, authorization(uri));
        counter.status(second.statusCode());
        return second.statusCode();
    }

    private HttpResponse<String> send(URI uri, HttpBody body, Optional<String> authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        authorization.ifPresent(a -> request.header("Authorization", a));
        // An exchange under way is finished even when the emulator is being closed: a camera's request that the
        // gateway may already have acted on must get its answer counted, or the emulator's books would lie.
        try {
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private synchronized void remember(String c) {
        challenge = c;
        nonceCount = 0;
    }

    private synchronized Optional<String> authorization(URI uri) {
        return switch (credentials.scheme()) {
            case NONE -> Optional.empty();
            case BASIC -> Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
            case DIGEST -> {
                if (challenge == null) {
                    yield Optional.empty();
                }
                byte[] c = new byte[12];
                random.nextBytes(c);
                yield Optional.of(Digest.authorization(challenge, credentials.account(), "POST", requestTarget(uri), ++nonceCount,
                        HexFormat.of().formatHex(c)));
            }
        };
    }

    /**
     * The Digest challenge among a 401's {@code WWW-Authenticate} values that this client answers: SHA-256 before
     * MD5, qop=auth required. (A value carrying several challenges is not split.)
     */
    static Optional<String> digestChallenge(List<String> values) {
        for (String algorithm : List.of("SHA-256", "MD5")) {
            for (String value : values) {
                Map<String, String> p = parameters(value);
                if (p.getOrDefault("algorithm", "MD5").equalsIgnoreCase(algorithm)
                        && Arrays.stream(p.getOrDefault("qop", "").split(",")).anyMatch(q -> q.strip().equalsIgnoreCase("auth"))) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** The parameters of a Digest challenge; none for another scheme. */
    private static Map<String, String> parameters(String challenge) {
        String c = challenge.strip();
        return c.regionMatches(true, 0, "Digest ", 0, 7) ? Digest.parameters(c.substring(7)) : Map.of();
    }

    /** The request-target the digest covers: the path and query as sent. */
    static String requestTarget(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
