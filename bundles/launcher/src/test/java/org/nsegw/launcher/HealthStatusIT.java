package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's health section end to end: the built gateway ({@code nsegw run} on the bridge example) publishes its
 * retained status with the health report to a real Mosquitto on a free loopback port, sends its alarms once each and
 * heartbeats carrying the report; a subscriber of the test reads them as the platform would.
 */
class HealthStatusIT {

    static final Duration START = Duration.ofSeconds(60);
    static final String GW = "hz-bridge-demo-gw1";
    static final String TOPICS = "zj/nse/" + GW + "/";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private LoopbackMosquitto broker;

    /** A message the test's subscriber received. */
    private record Received(String topic, JsonNode json, int size, boolean retained) {
    }

    @BeforeEach
    void broker() throws Exception {
        broker = new LoopbackMosquitto(tmp).start();
    }

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    private MqttClient subscriber(String id, List<Received> into) throws Exception {
        MqttClient c = new MqttClient(broker.url(), id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o);
        // (Paho's subscribe(topic, qos, listener) calls itself until the stack overflows: the array form)
        c.subscribe(new MqttSubscription[] {new MqttSubscription(TOPICS + "#", 1)}, new IMqttMessageListener[] {
            (topic, m) -> into.add(new Received(topic, JSON.readTree(m.getPayload()), m.getPayload().length, m.isRetained()))});
        return c;
    }

    private static Received await(List<Received> got, String what, Predicate<Received> p) throws InterruptedException {
        GatewayProcess.await(START, () -> got.stream().anyMatch(p));
        return got.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no " + what + " within " + START
                + "; received: " + got));
    }

    private static boolean hasAlarm(JsonNode status, String condition) {
        for (JsonNode a : status.path("alarms")) {
            if (a.path("condition").asText().equals(condition)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theRetainedStatusAndHeartbeatCarryTheHealthReportAndAlarmsComeOnce() throws Exception {
        LocalDate expires = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        Path data = tmp.resolve("data");
        List<Received> live = new CopyOnWriteArrayList<>();
        MqttClient platform = subscriber("health-it-platform", live);
        GatewayProcess g = GatewayProcess.start(tmp.resolve("run.out"), "run", "--site",
                GatewayProcess.HOME.resolve("edge-config/bridge-example.yaml").toAbsolutePath().toString(), "--data", data.toString(),
                "--broker", broker.url(), "--set", "cameraReceiver.port=0", "--set", "console.port=0",
                "--set", "uplink.heartbeatSeconds=2", "--set", "health.checkSeconds=1",
                // any disk used at all is over 1 %: the disk alarm; wim-L1's verification in 10 days: within 30
                "--set", "health.diskAlarmPercent=1", "--set", "wim-L1.verification.expires=" + expires);
        try {
            g.awaitOutput("Gateway " + GW + " running: ", START);

            // the alarms, each once, on P/G/alarm
            Received disk = await(live, "disk alarm", r -> r.topic().equals(TOPICS + "alarm")
                    && r.json().path("condition").asText().equals("disk"));
            assertThat(disk.json().path("raised").asBoolean()).isTrue();
            assertThat(disk.json().path("gatewayId").asText()).isEqualTo(GW);
            assertThat(disk.json().path("device").asText()).isEqualTo("disk");
            assertThat(disk.json().path("text").asText()).contains("% full, the alarm is at 1 %");
            assertThat(disk.json().path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            Received cert = await(live, "certificate alarm", r -> r.topic().equals(TOPICS + "alarm")
                    && r.json().path("condition").asText().equals("certificate:verification:wim-L1"));
            assertThat(cert.json().path("text").asText()).isEqualTo("the verification (检定) certificate ZJJL-WIM-2026-0101 of wim-L1"
                    + " expires on " + expires + " (in 10 days); renew it in time");

            // a subscriber that comes later reads the retained status, with both alarms standing
            List<Received> later = new CopyOnWriteArrayList<>();
            MqttClient reader = subscriber("health-it-reader", later);
            // (the status is published again with each heartbeat: until then the retained one may predate a device's first report)
            Received status = await(later, "retained status with the alarms and every device", r -> r.topic().equals(TOPICS + "status")
                    && hasAlarm(r.json(), "disk") && hasAlarm(r.json(), "certificate:verification:wim-L1")
                    && r.json().path("deviceCount").path("total").asInt() == 12);
            assertThat(later.get(0).retained()).as("the first status a late subscriber gets is the retained one").isTrue();
            reader.disconnect();
            reader.close();
            JsonNode s = status.json();
            // kept as a test artefact: the status as the platform gets it
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "health-status.json"), s.toString());
            assertThat(status.size()).as("status size in bytes").isLessThan(6 * 1024);
            assertThat(s.path("gatewayId").asText()).isEqualTo(GW);
            assertThat(s.path("online").asBoolean()).isTrue();
            assertThat(s.path("deviceCount").path("total").asInt()).isEqualTo(12);
            assertThat(s.path("devices")).hasSize(12);
            JsonNode wim = null;
            for (JsonNode d : s.path("devices")) {
                if (d.path("id").asText().equals("wim-L1")) {
                    wim = d;
                }
            }
            assertThat(wim).as("wim-L1 in %s", s.path("devices")).isNotNull();
            assertThat(wim.path("kind").asText()).isEqualTo("weigh");
            assertThat(wim.path("lane").asText()).isEqualTo("L1");
            assertThat(wim.path("state").asText()).isIn("OFFLINE", "ERROR");
            assertThat(wim.path("lastData").isNull()).isTrue();
            assertThat(wim.path("since").asText()).isNotEmpty();
            assertThat(s.path("outbox").path("pending").asLong()).isZero();
            assertThat(s.path("outbox").path("unacknowledgedCases").asLong()).isZero();
            assertThat(s.path("outbox").path("oldestUnacknowledgedCase").isNull()).isTrue();
            assertThat(s.path("disk").path("usedPercent").asInt()).isBetween(1, 100);
            assertThat(s.path("disk").path("path").asText()).isEqualTo(data.toString());
            assertThat(s.path("disk").path("totalMb").asLong()).isPositive();
            assertThat(s.path("clock").path("state").asText()).isIn("synchronized", "unsynchronized", "unknown");
            assertThat(s.path("clock").path("detail").asText()).isNotEmpty();
            List<String> certs = new ArrayList<>();
            s.path("certificates").forEach(c -> certs.add(c.path("kind").asText() + " " + c.path("id").asText() + " "
                    + c.path("expires").asText() + " " + c.path("days").asLong()));
            assertThat(certs).contains("verification wim-L1 " + expires + " 10", "verification wim-L2 2027-06-30 "
                    + java.time.temporal.ChronoUnit.DAYS.between(LocalDate.now(ZoneId.of("Asia/Shanghai")), LocalDate.parse("2027-06-30")));
            assertThat(certs).anySatisfy(c -> assertThat(c).startsWith("tls console "));
            assertThat(s.path("versions").path("gateway").asText()).startsWith("0.");
            assertThat(s.path("versions").path("java").asText()).isEqualTo(System.getProperty("java.version"));
            assertThat(s.path("versions").path("framework").asText()).startsWith("org.apache.felix.framework ");

            // heartbeats carry the report too; after three more of them, still one alarm of each
            int heartbeats = (int) live.stream().filter(r -> r.topic().equals(TOPICS + "heartbeat")).count();
            GatewayProcess.await(START, () -> live.stream().filter(r -> r.topic().equals(TOPICS + "heartbeat")).count() >= heartbeats + 3);
            Received beat = live.stream().filter(r -> r.topic().equals(TOPICS + "heartbeat")).reduce((a, b) -> b).orElseThrow();
            assertThat(beat.json().path("pending").asLong()).isZero();
            assertThat(beat.json().path("devices")).hasSize(12);
            assertThat(beat.json().path("disk").path("usedPercent").asInt()).isPositive();
            assertThat(live.stream().filter(r -> r.topic().equals(TOPICS + "alarm")).map(r -> r.json().path("condition").asText()))
                    .containsOnlyOnce("disk", "certificate:verification:wim-L1");
            Path logFile = data.resolve("log").resolve("nsegw.0.log");
            String log = Files.readString(logFile);
            assertThat(log.lines().filter(l -> l.contains("ALARM health: the data directory's file system"))).hasSize(1);
            assertThat(log.lines().filter(l -> l.contains("ALARM health: the verification (检定) certificate ZJJL-WIM-2026-0101")))
                    .hasSize(1);

            // nsegw status shows the report from status.json
            Path statusOut = tmp.resolve("status.out");
            assertThat(GatewayProcess.run(statusOut, Duration.ofSeconds(30), "status", "--data", data.toString())).isZero();
            assertThat(Files.readString(statusOut)).contains("  outbox: 0 pending, 0 cases not acknowledged", "  disk: ",
                    "  clock: ", "  certificate: verification wim-L1 ZJJL-WIM-2026-0101 expires " + expires + " (10 days)",
                    "  alarms: ");
        } finally {
            g.terminate();
            assertThat(g.waitFor(Duration.ofSeconds(45))).as(g.output()).isZero();
        }
        Received offline = await(live, "offline status", r -> r.topic().equals(TOPICS + "status") && !r.json().path("online").asBoolean());
        assertThat(offline.json().has("devices")).isFalse();
        platform.disconnect();
        platform.close();
    }
}
