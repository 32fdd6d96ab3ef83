package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol on a WebSocket (the JDK's): one page, commands and
 * their answers, no Selenium. Chromium runs with a fresh profile and trusts exactly one certificate, by the SHA-256 of
 * its public key, as an installer trusts the console's after comparing fingerprints.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration COMMAND = Duration.ofSeconds(30);
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String sessionId;

    /** The Chromium on the PATH, or a test failure that says how to get it. */
    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return fail("Chromium is missing: the installer console's browser tests run in headless Chromium. "
                + "Run ./nsegw test, which installs it (Debian package chromium), or: apt-get install chromium");
    }

    HeadlessChromium(Path workDir, String trustedKeyPin) throws Exception {
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        Path errors = workDir.resolve("chromium.err");
        List<String> command = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,900",
                "--ignore-certificate-errors-spki-list=" + trustedKeyPin, "about:blank"));
        process = new ProcessBuilder(command).redirectOutput(workDir.resolve("chromium.out").toFile())
                .redirectError(errors.toFile()).start();
        String endpoint = awaitEndpoint(errors);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(COMMAND)
                .buildAsync(URI.create(endpoint), new Listener()).get(COMMAND.toSeconds(), TimeUnit.SECONDS);
        String target = browser("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        sessionId = browser("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        send("Page.enable", Map.of());
        send("Network.enable", Map.of());
    }

    private String awaitEndpoint(Path errors) throws Exception {
        long deadline = System.nanoTime() + COMMAND.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = DEVTOOLS.matcher(Files.exists(errors) ? Files.readString(errors) : "");
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(25);
        }
        throw new IOException("Chromium did not open its DevTools endpoint within " + COMMAND + (process.isAlive() ? ""
                : " (it exited with " + process.exitValue() + ")") + ": " + Files.readString(errors));
    }

    /** A command to the page; its result, or an exception with Chromium's error. */
    JsonNode send(String method, Map<String, ?> params) throws Exception {
        return command(method, params, sessionId);
    }

    private JsonNode browser(String method, Map<String, ?> params) throws Exception {
        return command(method, params, null);
    }

    private JsonNode command(String method, Map<String, ?> params, String session) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", json.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(json.writeValueAsString(message), true).get(COMMAND.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    void navigate(String url) throws Exception {
        JsonNode r = send("Page.navigate", Map.of("url", url));
        if (r.hasNonNull("errorText")) {
            throw new IOException("navigating to " + url + ": " + r.get("errorText").asText());
        }
    }

    /** The value of a JavaScript expression in the page (promises awaited). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("script failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Polls a JavaScript condition until it is true or the deadline passes; returns whether it became true (pages load
     * and navigate between polls: an evaluation that fails while they do counts as false).
     */
    boolean await(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (eval("Boolean(" + condition + ")").asBoolean(false)) {
                    return true;
                }
            } catch (IOException e) {
                // the page is between documents
            }
            Thread.sleep(50);
        }
        return false;
    }

    String text(String expression) throws Exception {
        return eval(expression).asText();
    }

    /** A PNG of the page, written to {@code file}. */
    void screenshot(Path file) throws Exception {
        String data = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(data));
    }

    /** The cookies the browser holds for {@code url}. */
    List<JsonNode> cookies(String url) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        send("Network.getCookies", Map.of("urls", List.of(url))).path("cookies").forEach(list::add);
        return list;
    }

    Optional<JsonNode> cookie(String url, String name) throws Exception {
        return cookies(url).stream().filter(c -> c.path("name").asText().equals(name)).findFirst();
    }

    @Override
    public void close() throws Exception {
        try {
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // closing anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Gathers the text frames of each message and hands answers to the command waiting for them. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String message = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode node = json.readTree(message.getBytes(StandardCharsets.UTF_8));
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(node.get("id").asInt());
                        if (f != null) {
                            f.complete(node);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
