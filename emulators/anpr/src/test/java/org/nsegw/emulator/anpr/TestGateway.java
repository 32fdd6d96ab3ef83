package org.nsegw.emulator.anpr;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.anpr.http.DigestAuthenticator;

/**
 * A small gateway for the tests: a com.sun.net.httpserver on a free loopback port that checks the credentials,
 * records every request it accepts, and answers 200 unless told to fail the next few.
 */
public final class TestGateway implements AutoCloseable {

    /** A request that passed authentication. */
    public record Request(String method, String path, String contentType, String authorization, byte[] body, Instant at) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new HashMap<>();
    private final AtomicInteger challenges = new AtomicInteger();

    private TestGateway(Credentials expected) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        HttpContext context = server.createContext("/", this::handle);
        Authenticator auth = switch (expected.scheme()) {
            case NONE -> null;
            case BASIC -> new BasicAuthenticator("gateway") {
                @Override
                public boolean checkCredentials(String user, String password) {
                    return user.equals(expected.user()) && password.equals(expected.password());
                }
            };
            case DIGEST -> new DigestAuthenticator("gateway", expected);
        };
        if (auth != null) {
            context.setAuthenticator(new Authenticator() {
                @Override
                public Result authenticate(HttpExchange exchange) {
                    Result r = auth.authenticate(exchange);
                    if (r instanceof Retry) {
                        challenges.incrementAndGet();
                    }
                    return r;
                }
            });
        }
        server.setExecutor(executor);
        server.start();
    }

    public static TestGateway start(Credentials expected) throws IOException {
        return new TestGateway(expected);
    }

    /** {@code http://127.0.0.1:port} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI uri(String path) {
        return uri().resolve(path);
    }

    /** The next requests are answered with these statuses, then 200 again. */
    public synchronized void answerNext(int... statuses) {
        answerNext("", statuses);
    }

    /** The next requests to a path (empty: any) are answered with these statuses, then 200 again. */
    public synchronized void answerNext(String path, int... statuses) {
        for (int s : statuses) {
            scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).add(s);
        }
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** 401 challenges sent so far. */
    public int challenges() {
        return challenges.get();
    }

    /** Polls until enough matching requests arrived; fails after the deadline. */
    public List<Request> await(Predicate<Request> which, int count, Duration deadline) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            List<Request> matching = requests().stream().filter(which).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("only " + matching.size() + " of " + count + " requests within " + deadline);
            }
            Thread.sleep(10);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"), body,
                    Instant.now()));
            String path = exchange.getRequestURI().getPath();
            Deque<Integer> next = scripted.containsKey(path) && !scripted.get(path).isEmpty() ? scripted.get(path) : scripted.get("");
            status = next == null || next.isEmpty() ? 200 : next.poll();
        }
        byte[] answer = (status == 200 ? "{\"Result\":true}" : "{\"Result\":false}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
