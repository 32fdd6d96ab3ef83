package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's acceptance for remote configuration: the built gateway ({@code nsegw run}) against a real Mosquitto on a
 * free loopback port, commands sent by the operator tool ({@code nsegw remote}) or, for replays and unsigned messages,
 * published by the test itself.
 */
class RemoteConfigIT {

    static final Duration START = Duration.ofSeconds(60);
    static final String GW = "hz-bridge-demo-gw1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private LoopbackMosquitto broker;
    private Path key;
    private Path data;

    @BeforeEach
    void brokerAndKey() throws Exception {
        broker = new LoopbackMosquitto(tmp).start();
        key = tmp.resolve("alice.pem");
        int rc = GatewayProcess.run(tmp.resolve("keygen.out"), Duration.ofSeconds(30), "remote", "--key", key.toString(), "keygen");
        String keygen = Files.readString(tmp.resolve("keygen.out"));
        assertThat(rc).as(keygen).isZero();
        assertThat(Files.getPosixFilePermissions(key)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        String operatorLine = keygen.lines().filter(l -> l.startsWith("    alice: ")).findFirst().orElseThrow();
        String site = Files.readString(GatewayProcess.HOME.resolve("edge-config/bridge-example.yaml"))
                + "\nremote:\n  operators:\n" + operatorLine + "\n  confirmSeconds: 8\n  uplinkLossSeconds: 2\n";
        Files.writeString(tmp.resolve("site.yaml"), site);
        data = tmp.resolve("data");
    }

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    private GatewayProcess gateway() throws Exception {
        GatewayProcess g = GatewayProcess.start(tmp.resolve("run.out"), "run", "--site", tmp.resolve("site.yaml").toString(),
                "--data", data.toString(), "--set", "cameraReceiver.port=0", "--broker", url());
        g.awaitOutput("Gateway " + GW + " running: ", START);
        GatewayProcess.await(START, () -> log().contains("Remote: listening on zj/nse/" + GW + "/command"));
        assertThat(log()).contains("Remote: listening on zj/nse/" + GW + "/command as " + GW + "-remote");
        return g;
    }

    private String url() {
        return broker.url();
    }

    private String log() {
        try {
            Path f = data.resolve("log").resolve("nsegw.0.log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private record Result(int exit, String output) {
        JsonNode reply() throws IOException {
            int start = output.indexOf('{');
            int end = output.lastIndexOf('}');
            return JSON.readTree(output.substring(start, end + 1));
        }
    }

    private Result remote(String... args) throws Exception {
        String[] all = new String[args.length + 9];
        String[] common = {"remote", "--broker", url(), "--prefix", "zj/nse", "--gateway", GW, "--key", key.toString()};
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        Path out = tmp.resolve("remote-" + UUID.randomUUID() + ".out");
        int rc = GatewayProcess.run(out, Duration.ofSeconds(60), all);
        return new Result(rc, Files.readString(out));
    }

    private String tolerance() throws Exception {
        Result r = remote("get", "limits");
        assertThat(r.exit()).as(r.output()).isZero();
        return r.reply().at("/result/configurations/0/properties/tolerancePercent").asText();
    }

    @Test
    void signedChangesApplyInvalidReplayedAndUnsignedAreRefusedAndUnconfirmedRollBack() throws Exception {
        try (GatewayProcess g = gateway()) {
            assertThat(tolerance()).isEqualTo("5.0");

            // an invalid change, together with a valid one: refused with the reason, nothing applied
            Result invalid = remote("set", "limits.tolerancePercent=7", "uplink.heartbeatSeconds=-3");
            assertThat(invalid.exit()).isEqualTo(Nsegw.EXIT_FAILURE);
            assertThat(invalid.reply().path("status").asText()).isEqualTo("refused");
            assertThat(invalid.reply().path("reason").asText()).contains("heartbeatSeconds", "out of range");
            assertThat(tolerance()).isEqualTo("5.0");

            // a signed change applies, and is kept once confirmed
            Result set = remote("set", "limits.tolerancePercent=7");
            assertThat(set.exit()).as(set.output()).isZero();
            assertThat(set.reply().at("/result/overlay/0").asText()).isEqualTo("limits.tolerancePercent=7");
            assertThat(tolerance()).isEqualTo("7.0");
            assertThat(remote("confirm").exit()).isZero();
            assertThat(Files.readString(data.resolve("remote/overlay.settings"))).contains("limits.tolerancePercent=7");

            // a change left unconfirmed is rolled back to the confirmed state after confirmSeconds (8)
            Result trial = remote("set", "limits.tolerancePercent=9");
            assertThat(trial.exit()).as(trial.output()).isZero();
            assertThat(tolerance()).isEqualTo("9.0");
            GatewayProcess.await(Duration.ofSeconds(30), () -> log().contains("rolled back to snapshot"));
            assertThat(log()).contains("not confirmed within 8 s");
            assertThat(tolerance()).isEqualTo("7.0");

            // replayed and unsigned commands are refused, with the reason
            PrivateKeyCommand replayed = new PrivateKeyCommand("set", "{\"settings\":{\"limits.tolerancePercent\":3}}");
            JsonNode first = exchange(replayed.payload, replayed.id);
            assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("done");
            assertThat(remote("confirm").exit()).isZero();
            JsonNode again = exchange(replayed.payload, replayed.id);
            assertThat(again.path("status").asText()).isEqualTo("refused");
            assertThat(again.path("reason").asText()).startsWith("replayed");
            ObjectNode unsigned = (ObjectNode) JSON.readTree(replayed.payload);
            unsigned.remove("signature");
            ((ObjectNode) unsigned.get("command")).put("nonce", "n" + UUID.randomUUID().toString().replace("-", ""));
            JsonNode refused = exchange(unsigned.toString().getBytes(StandardCharsets.UTF_8), replayed.id);
            assertThat(refused.path("status").asText()).isEqualTo("refused");
            assertThat(refused.path("reason").asText()).startsWith("unsigned");
            // a signature over other content (the value changed after signing)
            ObjectNode tampered = (ObjectNode) JSON.readTree(replayed.payload);
            ((ObjectNode) tampered.at("/command/args/settings")).put("limits.tolerancePercent", 1);
            ((ObjectNode) tampered.get("command")).put("nonce", "t" + UUID.randomUUID().toString().replace("-", ""));
            JsonNode bad = exchange(tampered.toString().getBytes(StandardCharsets.UTF_8), replayed.id);
            assertThat(bad.path("reason").asText()).startsWith("bad signature");
            assertThat(tolerance()).isEqualTo("3.0");

            // every command and its result are in the audit log, which reaches the broker
            String audit = Files.readString(data.resolve("remote/audit.jsonl"));
            assertThat(audit).contains("\"kind\":\"rollback\"", "replayed", "unsigned", "\"status\":\"refused\"");
            GatewayProcess.await(Duration.ofSeconds(20), () -> {
                try {
                    return Long.parseLong(Files.readString(data.resolve("remote/audit.sent")).strip()) == Files.size(
                            data.resolve("remote/audit.jsonl"));
                } catch (IOException | NumberFormatException e) {
                    return false;
                }
            });
            assertThat(Long.parseLong(Files.readString(data.resolve("remote/audit.sent")).strip()))
                    .isEqualTo(Files.size(data.resolve("remote/audit.jsonl")));

            g.terminate();
            assertThat(g.waitFor(Duration.ofSeconds(40))).isZero();
        }
        // the confirmed change survives a restart: the overlay is applied on top of the site file
        try (GatewayProcess g = gateway()) {
            assertThat(log()).contains("Remote overlay ", "limits.tolerancePercent=3");
            assertThat(tolerance()).isEqualTo("3.0");
            g.terminate();
            assertThat(g.waitFor(Duration.ofSeconds(40))).isZero();
        }
    }

    @Test
    void aChangeFollowedByALostUplinkRollsBack() throws Exception {
        try (GatewayProcess g = gateway()) {
            Result set = remote("set", "limits.tolerancePercent=8");
            assertThat(set.exit()).as(set.output()).isZero();
            assertThat(tolerance()).isEqualTo("8.0");
            broker.stop();
            GatewayProcess.await(Duration.ofSeconds(30), () -> log().contains("rolled back to snapshot"));
            assertThat(log()).contains("the uplink was lost for 2 s before it was confirmed");
            assertThat(log()).doesNotContain("not confirmed within");
            broker.start();
            GatewayProcess.await(Duration.ofSeconds(60), () -> {
                try {
                    return tolerance().equals("5.0");
                } catch (Exception | AssertionError e) {
                    return false;
                }
            });
            assertThat(tolerance()).isEqualTo("5.0");
            g.terminate();
            assertThat(g.waitFor(Duration.ofSeconds(40))).isZero();
        }
    }

    /** A command signed with the operator's key, kept to be published more than once. */
    private final class PrivateKeyCommand {
        final String id = UUID.randomUUID().toString();
        final byte[] payload;

        PrivateKeyCommand(String action, String args) throws Exception {
            Instant now = Instant.now();
            ObjectNode c = JSON.createObjectNode().put("id", id).put("gatewayId", GW).put("operator", "alice")
                    .put("nonce", UUID.randomUUID().toString().replace("-", "")).put("issued", now.toString())
                    .put("expires", now.plusSeconds(120).toString()).put("action", action);
            c.set("args", JSON.readTree(args));
            payload = RemoteCommand.sign(c, RemoteCommand.privateKey(key));
        }
    }

    /** Publishes {@code payload} on the command topic and returns the reply with {@code id}. */
    private JsonNode exchange(byte[] payload, String id) throws Exception {
        BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
        MqttClient c = new MqttClient(url(), "it-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            c.connect(o);
            c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription("zj/nse/" + GW + "/reply", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> {
                        JsonNode n = JSON.readTree(m.getPayload());
                        if (n.path("commandId").asText().equals(id)) {
                            replies.add(n);
                        }
                    }});
            c.publish("zj/nse/" + GW + "/command", new MqttMessage(payload, 1, false, null));
            JsonNode reply = replies.poll(20, TimeUnit.SECONDS);
            assertThat(reply).as("a reply to " + id).isNotNull();
            return reply;
        } finally {
            c.disconnect();
            c.close();
        }
    }
}
