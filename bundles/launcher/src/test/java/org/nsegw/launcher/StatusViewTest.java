package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static JsonNode status(boolean running, String updatedAt) throws Exception {
        return new ObjectMapper().readTree("""
                {"format":1,"gateway":{"id":"gw-1","name":"桥","stationCode":"330100"},"pid":42,"running":%s,
                 "startedAt":"2026-11-23T09:00:00Z","updatedAt":"%s","heartbeatSeconds":5,"ready":false,
                 "components":{"active":7,"pending":["weigh.WeighSensor[wim-L1]: failed: port refused"]},
                 "devices":[{"id":"wim-L1","kind":"weigh","lane":"L1","state":"ONLINE","reason":"",
                             "since":"2026-11-23T09:00:01Z","lastData":"2026-11-23T10:00:29Z",
                             "counters":{"frames":3600,"records":12,"rejected.checksum":2}},
                            {"id":"anpr-L1","kind":"anpr","lane":"L1","state":"OFFLINE","reason":"no events for 300 s",
                             "since":"2026-11-23T09:30:00Z","lastData":null,"counters":{}}]}
                """.formatted(running, updatedAt));
    }

    @Test
    void aFreshStatusOfALiveProcessIsRunning() throws Exception {
        StatusView view = new StatusView(status(true, "2026-11-23T10:00:25Z"), NOW, SHANGHAI, pid -> pid == 42);
        assertThat(view.liveness()).isEqualTo(StatusView.Liveness.RUNNING);
        assertThat(view.lines()).contains("Gateway gw-1 (桥), station 330100",
                "  running since 2026-11-23 17:00:00 (up 1h 0m), pid 42; updated 5s ago",
                "  components: 7 active, 1 not active:", "    weigh.WeighSensor[wim-L1]: failed: port refused",
                "  devices: 1 of 2 online");
        assertThat(view.lines()).contains("      frames 3600, records 12, rejected.checksum 2");
        assertThat(view.lines()).anySatisfy(l -> assertThat(l).contains("wim-L1", "ONLINE", "2026-11-23 18:00:29"))
                .anySatisfy(l -> assertThat(l).contains("anpr-L1", "OFFLINE", "never", "no events for 300 s"));
    }

    @Test
    void theHealthReportShowsOutboxDiskClockCertificatesAndAlarms() throws Exception {
        JsonNode doc = status(true, "2026-11-23T10:00:25Z");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).set("health", new ObjectMapper().readTree("""
                {"time":"2026-11-23T10:00:25.000Z","deviceCount":{"total":2,"online":1},"devices":[],
                 "outbox":{"pending":3,"unacknowledgedCases":1,"oldestUnacknowledgedCase":"3301000012202611231015070042",
                           "oldestUnacknowledgedSeconds":125},
                 "disk":{"path":"/var/lib/nsegw","usedPercent":83,"freeMb":1200,"totalMb":8000},
                 "clock":{"state":"synchronized","source":"chrony","offsetMs":0.4,"detail":"reference ntp1, stratum 2"},
                 "certificates":[{"kind":"verification","id":"wim-L1","certificate":"JJG-42","expires":"2026-12-03","days":10}],
                 "versions":{"gateway":"0.1.0","java":"17","framework":"felix 7","bundles":{}},
                 "alarms":[{"condition":"disk","source":"disk","since":"2026-11-23T09:59:00.000Z","text":"disk 83 % full"}]}
                """));
        StatusView view = new StatusView(doc, NOW, SHANGHAI, pid -> pid == 42);
        assertThat(view.lines()).contains(
                "  outbox: 3 pending, 1 case not acknowledged (oldest 3301000012202611231015070042, waiting 2m 5s)",
                "  disk: 83 % used (1200 MiB free) at /var/lib/nsegw",
                "  clock: synchronized (chrony), offset 0.4 ms: reference ntp1, stratum 2",
                "  certificate: verification wim-L1 JJG-42 expires 2026-12-03 (10 days)",
                "  alarms: 1", "    2026-11-23 17:59:00 disk 83 % full");
        assertThat(new StatusView(status(true, "2026-11-23T10:00:25Z"), NOW, SHANGHAI, pid -> true).lines())
                .noneMatch(l -> l.startsWith("  alarms") || l.startsWith("  disk"));
    }

    @Test
    void aStaleStatusOrADeadProcessMeansTheGatewayDied() throws Exception {
        assertThat(new StatusView(status(true, "2026-11-23T10:00:00Z"), NOW, SHANGHAI, pid -> true).liveness())
                .as("not rewritten for 30 s, 6 heartbeats").isEqualTo(StatusView.Liveness.DIED);
        StatusView dead = new StatusView(status(true, "2026-11-23T10:00:29Z"), NOW, SHANGHAI, pid -> false);
        assertThat(dead.liveness()).isEqualTo(StatusView.Liveness.DIED);
        assertThat(dead.lines().get(1)).contains("NOT RUNNING", "pid 42", "2026-11-23 18:00:29");
    }

    @Test
    void aFinalStatusMeansStopped() throws Exception {
        StatusView view = new StatusView(status(false, "2026-11-23T10:00:00Z"), NOW, SHANGHAI, pid -> true);
        assertThat(view.liveness()).isEqualTo(StatusView.Liveness.STOPPED);
        assertThat(view.lines().get(1)).isEqualTo("  stopped at 2026-11-23 18:00:00 (ran 1h 0m)");
    }

    @Test
    void durationsReadLikeUptime() {
        assertThat(StatusView.human(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(StatusView.human(Duration.ofSeconds(125))).isEqualTo("2m 5s");
        assertThat(StatusView.human(Duration.ofHours(26).plusMinutes(3))).isEqualTo("1d 2h");
        assertThat(StatusView.human(Duration.ofSeconds(-3))).isEqualTo("0s");
    }

    @Test
    void aDamagedStatusStillPrints() throws Exception {
        JsonNode broken = new ObjectMapper().readTree("{\"running\":true,\"gateway\":{}}");
        StatusView view = new StatusView(broken, NOW, SHANGHAI, pid -> false);
        assertThat(view.liveness()).isEqualTo(StatusView.Liveness.DIED);
        assertThat(view.lines()).isNotEmpty().first().asString().startsWith("Gateway ?");
    }
}
