package org.nsegw.emulator.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto on a free loopback port, for one test class. */
final class Mosquitto implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;

    private Mosquitto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Mosquitto and returns once it accepts connections; tries another port if the chosen one was taken. */
    static Mosquitto start(Path dir) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            Path conf = dir.resolve("mosquitto-" + port + ".conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "log_dest stderr\n", StandardCharsets.UTF_8);
            Path log = dir.resolve("mosquitto-" + port + ".log");
            Process process = new ProcessBuilder(EXECUTABLE.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Mosquitto broker = new Mosquitto(process, port, log);
            try {
                broker.awaitListening();
                return broker;
            } catch (IOException e) {
                broker.close();
                last = e;
            }
        }
        throw last;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited (" + process.exitValue() + "): " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // the next attempt waits for the process briefly instead of sleeping
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException("mosquitto did not listen on port " + port + " within " + STARTUP + ": "
                + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
