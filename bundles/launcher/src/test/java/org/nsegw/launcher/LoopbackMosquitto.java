package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto for the launcher's integration tests, on a free loopback port, anonymous, without persistence (a
 * restart forgets everything), its configuration and log in {@code dir}. {@link #start()} again after {@link #stop()}
 * brings it back on the same port.
 */
final class LoopbackMosquitto implements AutoCloseable {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private Process process;

    LoopbackMosquitto(Path dir) throws IOException {
        assertThat(MOSQUITTO).as("mosquitto is installed (./nsegw test installs it)").isExecutable();
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "user " + System.getProperty("user.name") + "\n");
    }

    /** Starts the broker and returns once it accepts connections (10 s at the most). */
    LoopbackMosquitto start() throws IOException, InterruptedException {
        process = new ProcessBuilder(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as("mosquitto runs (see %s)", dir.resolve("mosquitto.log")).isTrue();
                assertThat(System.nanoTime() < deadline).as("mosquitto listens within 10 s").isTrue();
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker (SIGTERM) and waits until it has. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("mosquitto stops").isTrue();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
