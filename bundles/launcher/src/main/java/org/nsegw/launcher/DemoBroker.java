package org.nsegw.launcher;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The demo's default MQTT broker: Moquette 0.17 in the launcher's process, on a free loopback port, in memory (its
 * data folder only keeps anything Moquette itself decides to write there). It speaks MQTT 3.1.1 only and knows no
 * shared subscriptions, so the gateways use their 3.1.1 mode and the platform an unshared subscription
 * (docs/platform-integration.md). Its log goes to a file (see {@link DemoLogs}).
 */
final class DemoBroker implements AutoCloseable {

    /** MQTT 3.1.1 has no Maximum Packet Size in CONNACK: the gateways' chunks are set to this, the broker allows more. */
    static final int CHUNK_KB = 256;
    /** The largest MQTT packet the broker takes: a chunk with room for its topic and headers to spare. */
    static final int MAX_MESSAGE_BYTES = CHUNK_KB * 1024 + 64 * 1024;

    private static final Duration PORT_TIMEOUT = Duration.ofSeconds(10);

    private final Server server;
    private final int port;

    private DemoBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the broker with its data folder {@code dir} (created). */
    static DemoBroker start(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", "0"); // the system picks a free port; getPort() tells which
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("data_path", dir.toAbsolutePath() + "/"); // Moquette's default is data/ in the working folder
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("immediate_buffer_flush", "true");
        // Moquette otherwise reports each start to telemetry.moquette.io and asks a public service for this address.
        p.setProperty("telemetry_enabled", "false");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(p));
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            throw new IOException("the embedded MQTT broker (Moquette) did not start: " + e.getMessage(), e);
        }
        // Moquette reads the bound port in a listener that Netty may run a moment after startServer returned
        long deadline = System.nanoTime() + PORT_TIMEOUT.toNanos();
        while (server.getPort() <= 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (server.getPort() <= 0) {
            server.stopServer();
            throw new IOException("the embedded MQTT broker (Moquette) did not report its port within "
                    + PORT_TIMEOUT.toSeconds() + " s");
        }
        return new DemoBroker(server, server.getPort());
    }

    /** {@code tcp://127.0.0.1:PORT} */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
