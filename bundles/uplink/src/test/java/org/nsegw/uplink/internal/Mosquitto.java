package org.nsegw.uplink.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto on a free loopback port, started and stopped by a test. Persistence off: a restart forgets all. */
final class Mosquitto {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path conf;
    private final Path logFile;
    private final int port;
    private Process process;

    /** @param maxPacketSize the broker's {@code max_packet_size}, 0 for none */
    Mosquitto(Path dir, int maxPacketSize) throws IOException {
        this(dir, maxPacketSize, "");
    }

    /**
     * A TLS listener that requires a client certificate signed by {@code ca}.
     *
     * @param ca, cert, key PEM files of the CA and the broker's certificate and key
     */
    static Mosquitto tls(Path dir, Path ca, Path cert, Path key) throws IOException {
        return new Mosquitto(dir, 0, "cafile " + ca + "\ncertfile " + cert + "\nkeyfile " + key + "\nrequire_certificate true\n"
                + "use_identity_as_username true\n");
    }

    private Mosquitto(Path dir, int maxPacketSize, String listenerOptions) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("Mosquitto is not installed (" + BINARY + " is missing): run ./nsegw test, which installs the"
                    + " Debian package mosquitto, or apt-get install mosquitto");
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        conf = dir.resolve("mosquitto.conf");
        logFile = dir.resolve("mosquitto.log");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n"
                + listenerOptions
                + "allow_anonymous true\n"
                // started as root, mosquitto would become the user "mosquitto", who cannot read the test's folders
                + "user " + System.getProperty("user.name") + "\n"
                + "persistence false\n"
                + "log_dest stderr\n"
                + (maxPacketSize > 0 ? "max_packet_size " + maxPacketSize + "\n" : ""));
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String tlsUrl() {
        return "ssl://127.0.0.1:" + port;
    }

    Mosquitto start() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(logFile));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("mosquitto does not listen on " + port + " after 10 s: " + Files.readString(logFile));
                }
                process.waitFor(20, TimeUnit.MILLISECONDS); // returns at once if it exits
            }
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
