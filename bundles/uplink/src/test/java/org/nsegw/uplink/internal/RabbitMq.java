package org.nsegw.uplink.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of the test's own (Debian's {@code rabbitmq-server}, 3.10, with its MQTT plugin), on free loopback
 * ports and in the test's folder: its own epmd (so that it neither needs nor disturbs a system one), node name
 * {@code nsegw-<random>@localhost} (no dependence on the machine's host name), Mnesia, logs, cookie, configuration and
 * enabled-plugins file under {@code dir}. Started as root it stays root: the Debian wrapper in /usr/sbin would switch
 * to the user {@code rabbitmq}, who cannot read the test's folder, so the scripts in /usr/lib/rabbitmq/bin are used.
 *
 * <p>Starting takes about 10 s, half of it the MQTT plugin's wait for cluster peers (3-6 s, fixed in 3.10): start one
 * node per test class.
 */
final class RabbitMq implements AutoCloseable {

    static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Path EPMD = Path.of("/usr/bin/epmd");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path dir;
    private final int mqttPort;
    private final Process epmd;
    private final Process server;
    private final Path log;

    private RabbitMq(Path dir, int mqttPort, Process epmd, Process server, Path log) {
        this.dir = dir;
        this.mqttPort = mqttPort;
        this.epmd = epmd;
        this.server = server;
        this.log = log;
    }

    /** Starts a node and returns once its MQTT listener accepts connections. */
    static RabbitMq start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(SERVER) || !Files.isExecutable(EPMD)) {
            throw new AssertionError("RabbitMQ is not installed (" + SERVER + " or " + EPMD + " is missing): run ./nsegw test,"
                    + " which installs the Debian package rabbitmq-server, or apt-get install rabbitmq-server");
        }
        int[] ports = freePorts(4);
        int epmdPort = ports[0];
        int amqpPort = ports[1];
        int mqttPort = ports[2];
        int distPort = ports[3];
        Path home = Files.createDirectories(dir.resolve("home"));
        Path mnesia = Files.createDirectories(dir.resolve("mnesia"));
        Path logs = Files.createDirectories(dir.resolve("log"));
        Path conf = dir.resolve("rabbitmq.conf");
        Files.writeString(conf, "listeners.tcp.1 = 127.0.0.1:" + amqpPort + "\n"
                + "mqtt.listeners.tcp.1 = 127.0.0.1:" + mqttPort + "\n"
                + "mqtt.allow_anonymous = true\n"
                + "log.console = true\n"
                + "log.console.level = info\n"
                + "log.file = false\n");
        Path plugins = dir.resolve("enabled_plugins");
        Files.writeString(plugins, "[rabbitmq_mqtt].\n");
        Path advanced = dir.resolve("advanced.config");
        Files.writeString(advanced, "[].\n");
        Path envConf = dir.resolve("rabbitmq-env.conf");
        Files.writeString(envConf, "# empty: nothing from /etc/rabbitmq/rabbitmq-env.conf\n");

        Process epmd = new ProcessBuilder(EPMD.toString(), "-port", Integer.toString(epmdPort), "-address", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("epmd.log").toFile()).start();
        Path log = dir.resolve("rabbitmq.log");
        ProcessBuilder pb = new ProcessBuilder(SERVER.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString()); // the Erlang cookie goes there
        env.put("RABBITMQ_NODENAME", "nsegw-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost");
        env.put("RABBITMQ_USE_LONGNAME", "false");
        env.put("RABBITMQ_CONF_ENV_FILE", envConf.toString());
        env.put("RABBITMQ_CONFIG_FILE", conf.toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", advanced.toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
        env.put("RABBITMQ_MNESIA_BASE", mnesia.toString());
        env.put("RABBITMQ_LOG_BASE", logs.toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        // the Erlang distribution on loopback only, registered with our epmd
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        Process server;
        try {
            server = pb.start();
        } catch (IOException e) {
            stop(epmd);
            throw e;
        }
        RabbitMq node = new RabbitMq(dir, mqttPort, epmd, server, log);
        try {
            node.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    String url() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    Path dir() {
        return dir;
    }

    /** The node's output so far (its log goes to the console, redirected to a file). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), mqttPort), 200);
                return;
            } catch (IOException notYet) {
                if (!server.isAlive()) {
                    throw new IOException("rabbitmq-server exited with " + server.exitValue() + ": " + tail(log()));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("RabbitMQ's MQTT listener is not on port " + mqttPort + " after " + STARTUP.toSeconds()
                            + " s: " + tail(log()));
                }
                server.waitFor(50, TimeUnit.MILLISECONDS); // returns at once if it exits
            }
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
    }

    /** Stops the node (SIGTERM to the script, which stops it cleanly), anything it left running, then the epmd. */
    @Override
    public void close() throws InterruptedException {
        stop(server);
        stop(epmd);
    }

    private static void stop(Process process) throws InterruptedException {
        Set<ProcessHandle> family = new HashSet<>();
        process.descendants().forEach(family::add);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle p : family) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
