package org.nsegw.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.nsegw.packet.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nsegw remote}: the operator's tool for remote configuration ({@code docs/remote.md}). Signs a command with the
 * operator's Ed25519 key over its RFC 8785 form, publishes it on {@code P/G/command}, waits for the reply on
 * {@code P/G/reply} (matched by the command id: correlation data on MQTT 5, the reply's JSON on 3.1.1) and prints it.
 */
@Command(name = "remote", description = {
    "Sends a signed command to a gateway over MQTT and prints its reply (docs/remote.md).",
    "  get [TARGET]              configurations in force (a section, lane or device id, or a pid; none: all)",
    "  set TARGET.KEY=VALUE...   change settings, all or nothing (VALUE as JSON if it reads as JSON, else text; null: back to the site file)",
    "  confirm                   keep the change on trial (else it is rolled back)",
    "  snapshots | snapshot [NOTE] | rollback ID | restart TARGET | log [LINES] | status",
    "  keygen                    make an operator key pair: --key FILE (private, owner-only) and FILE.pub; prints the line for the site file",
    "Example: nsegw remote --broker tcp://127.0.0.1:1883 --prefix zj/nse --gateway hz-bridge-demo-gw1 --key alice.pem set limits.tolerancePercent=5"})
final class RemoteCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", paramLabel = "URL", description = "the broker: tcp://HOST:PORT or ssl://HOST:PORT")
    String broker;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "nsegw", description = "the topic prefix (uplink.topicPrefix; default ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--gateway", paramLabel = "ID", description = "the gateway id")
    String gateway;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "the operator's private key (PKCS#8 PEM)")
    Path key;

    @Option(names = "--operator", paramLabel = "NAME", description = "the operator's name in the gateway's remote.operators (default: the key file's name without .pem)")
    String operator;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15", description = "how long to wait for the reply (default ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--expires", paramLabel = "SECONDS", defaultValue = "120", description = "the command's life (default ${DEFAULT-VALUE})")
    int expires;

    @Option(names = "--mqtt", paramLabel = "VERSION", defaultValue = "5", description = "5 or 3.1.1 (default ${DEFAULT-VALUE})")
    String mqtt;

    @Parameters(index = "0", paramLabel = "ACTION")
    String action;

    @Parameters(index = "1..*", paramLabel = "ARG")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (action.equals("keygen")) {
            return keygen(out, err);
        }
        if (broker == null || gateway == null) {
            err.println("nsegw remote: --broker and --gateway are needed for " + action);
            return Nsegw.EXIT_INVALID;
        }
        ObjectNode arguments;
        try {
            arguments = arguments();
        } catch (IllegalArgumentException e) {
            err.println("nsegw remote: " + e.getMessage());
            return Nsegw.EXIT_INVALID;
        }
        String name = operator != null ? operator : key.getFileName().toString().replaceFirst("\\.pem$", "");
        PrivateKey privateKey;
        try {
            privateKey = privateKey(key);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("nsegw remote: cannot read the operator key " + key + ": " + e.getMessage());
            return Nsegw.EXIT_INVALID;
        }
        String id = UUID.randomUUID().toString();
        byte[] payload = sign(command(id, name, arguments), privateKey);
        JsonNode reply;
        try {
            reply = exchange(id, payload);
        } catch (MqttException e) {
            err.println("nsegw remote: MQTT with " + broker + " failed: " + e.getMessage() + " (code " + e.getReasonCode() + ")");
            return Nsegw.EXIT_FAILURE;
        }
        if (reply == null) {
            err.println("nsegw remote: no reply from " + gateway + " within " + timeout + " s (is it connected to " + broker
                    + " with topic prefix " + prefix + "?)");
            return Nsegw.EXIT_FAILURE;
        }
        out.println(reply.toPrettyString());
        out.flush();
        String status = reply.path("status").asText();
        if (!status.equals("done")) {
            err.println("nsegw remote: " + action + " " + status + ": " + reply.path("reason").asText());
            return Nsegw.EXIT_FAILURE;
        }
        return Nsegw.EXIT_OK;
    }

    private ObjectNode arguments() {
        ObjectNode a = JSON.createObjectNode();
        switch (action) {
            case "get" -> {
                if (!args.isEmpty()) {
                    a.put("target", args.get(0));
                }
            }
            case "set" -> {
                if (args.isEmpty()) {
                    throw new IllegalArgumentException("set needs TARGET.KEY=VALUE ...");
                }
                ObjectNode settings = a.putObject("settings");
                for (String s : args) {
                    int eq = s.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("'" + s + "': write TARGET.KEY=VALUE");
                    }
                    settings.set(s.substring(0, eq), value(s.substring(eq + 1)));
                }
            }
            case "snapshot" -> a.put("note", String.join(" ", args));
            case "rollback" -> a.put("snapshot", one("rollback needs a snapshot id (nsegw remote ... snapshots lists them)"));
            case "restart" -> a.put("target", one("restart needs a section, lane or device id"));
            case "log" -> a.put("lines", args.isEmpty() ? 50 : Integer.parseInt(args.get(0)));
            case "snapshots", "status", "confirm" -> {
            }
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "'; one of get, set, confirm, snapshots, snapshot, rollback, restart, log, status, keygen");
        }
        return a;
    }

    private String one(String message) {
        if (args.size() != 1) {
            throw new IllegalArgumentException(message);
        }
        return args.get(0);
    }

    /** A value as JSON when it reads as JSON (30, true, ["a","b"], null), else as text. */
    static JsonNode value(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && !n.isMissingNode()) {
                return n;
            }
        } catch (JsonProcessingException e) {
            // text
        }
        return JSON.getNodeFactory().textNode(text);
    }

    private ObjectNode command(String id, String name, ObjectNode arguments) {
        Instant now = Instant.now();
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("gatewayId", gateway).put("operator", name).put("nonce", UUID.randomUUID().toString().replace("-", ""))
                .put("issued", now.toString()).put("expires", now.plus(Duration.ofSeconds(expires)).toString()).put("action", action)
                .set("args", arguments);
        return c;
    }

    static byte[] sign(ObjectNode command, PrivateKey key) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(CanonicalJson.canonicalize(command.toString()));
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("command", command);
        envelope.put("signature", Base64.getEncoder().encodeToString(s.sign()));
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PKCS#8 PEM file (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Publishes the command and waits for the reply with its id; null after the timeout. */
    private JsonNode exchange(String id, byte[] payload) throws MqttException, InterruptedException {
        try {
            return exchangeOnce(id, payload);
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new MqttException(e.getReasonCode(), e);
        }
    }

    private JsonNode exchangeOnce(String id, byte[] payload) throws MqttException, InterruptedException,
            org.eclipse.paho.client.mqttv3.MqttException {
        String base = prefix + "/" + gateway + "/";
        String paho = broker.replaceFirst("^mqtts://", "ssl://").replaceFirst("^mqtt://", "tcp://");
        BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
        String clientId = "nsegw-remote-" + UUID.randomUUID().toString().substring(0, 8);
        if (mqtt.equals("3.1.1")) {
            org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(paho, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            try {
                org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
                o.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1);
                o.setCleanSession(true);
                c.connect(o);
                c.subscribe(base + "reply", 1, (topic, m) -> offer(replies, id, m.getPayload(), null));
                c.publish(base + "command", payload, 1, false);
                return replies.poll(timeout, TimeUnit.SECONDS);
            } finally {
                try {
                    c.disconnect();
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    // leaving
                }
                c.close();
            }
        }
        MqttClient c = new MqttClient(paho, clientId, new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            c.connect(o);
            IMqttToken sub = c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(base + "reply", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, m) -> offer(replies, id, m.getPayload(),
                            m.getProperties() == null ? null : m.getProperties().getCorrelationData())});
            sub.waitForCompletion(10_000);
            MqttProperties p = new MqttProperties();
            p.setCorrelationData(id.getBytes(StandardCharsets.UTF_8));
            p.setResponseTopic(base + "reply");
            c.publish(base + "command", new MqttMessage(payload, 1, false, p));
            return replies.poll(timeout, TimeUnit.SECONDS);
        } finally {
            if (c.isConnected()) {
                c.disconnect();
            }
            c.close();
        }
    }

    private static void offer(BlockingQueue<JsonNode> replies, String id, byte[] payload, byte[] correlation) {
        try {
            JsonNode n = JSON.readTree(payload);
            boolean ours = correlation != null ? id.equals(new String(correlation, StandardCharsets.UTF_8)) : id.equals(n.path("commandId").asText());
            if (ours) {
                replies.add(n);
            }
        } catch (IOException e) {
            // not a reply of the gateway's
        }
    }

    private int keygen(PrintWriter out, PrintWriter err) throws GeneralSecurityException, IOException {
        if (Files.exists(key)) {
            err.println("nsegw remote keygen: " + key + " exists; not overwritten");
            return Nsegw.EXIT_INVALID;
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path parent = key.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Path pub = key.resolveSibling(key.getFileName() + ".pub");
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        String name = operator != null ? operator : key.getFileName().toString().replaceFirst("\\.pem$", "");
        out.println("Operator key " + key + " (owner-only) and " + pub + " written. Put this in the gateway's site file:");
        out.println("remote:");
        out.println("  operators:");
        out.println("    " + name + ": " + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        return Nsegw.EXIT_OK;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END "
                + type + "-----\n";
    }
}
