package org.nsegw.vision.internal.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.http.Digest;

/**
 * A camera on a loopback port that wants HTTP Digest (the ANPR bundle's server-side implementation checks the
 * gateway's answers): every request without a valid Authorization is challenged with 401.
 */
final class TestCamera implements AutoCloseable {

    static final Credentials ACCOUNT = new Credentials("nsegw", "s3cret-exit");

    final HttpServer server;
    final AtomicInteger challenges = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();
    private final Digest digest = new Digest("camera-secret-0123456".getBytes(StandardCharsets.US_ASCII), "IP Camera");

    TestCamera(String path, HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, ex -> {
            try (ex) {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                String uri = ex.getRequestURI().toString();
                if (auth == null || !auth.startsWith("Digest ")
                        || digest.verify(auth.substring(7), "GET", uri, ACCOUNT, Instant.now()) != Digest.Verdict.OK) {
                    challenges.incrementAndGet();
                    ex.getResponseHeaders().add("WWW-Authenticate", digest.challenge(Instant.now(), "MD5", false));
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                served.incrementAndGet();
                handler.handle(ex);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    HttpCamera camera(String path, String password) {
        return HttpCamera.of(InetAddress.getLoopbackAddress().getHostAddress(), port(), path, ACCOUNT.username(), password);
    }

    static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
