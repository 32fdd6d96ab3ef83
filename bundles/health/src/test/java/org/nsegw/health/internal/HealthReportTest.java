package org.nsegw.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.health.internal.HealthAlarmsTest.SYNCED;
import static org.nsegw.health.internal.HealthAlarmsTest.T0;
import static org.nsegw.health.internal.HealthAlarmsTest.TODAY;
import static org.nsegw.health.internal.HealthAlarmsTest.VERSIONS;
import static org.nsegw.health.internal.HealthAlarmsTest.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.health.internal.HealthSnapshot.Expiry;
import org.nsegw.health.internal.HealthSnapshot.OutboxHealth;
import org.nsegw.health.internal.HealthSnapshot.Versions;

class HealthReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(HealthSnapshot s, List<HealthAlarms.Active> active) throws Exception {
        byte[] bytes = HealthReport.bytes(HealthReport.render(s, active));
        assertThat(bytes.length).isLessThanOrEqualTo(HealthReport.MAX_BYTES);
        return JSON.readTree(bytes);
    }

    @Test
    void theReportHasEveryFieldTheTopicDocumentNames() throws Exception {
        DeviceStatus wim = DeviceStatus.waiting("wim-L1", DeviceKind.WEIGH_SENSOR, "L1", T0).withData(T0.plusMillis(1500))
                .withCounters(Map.of("frames", 10L));
        DeviceStatus cam = DeviceStatus.waiting("anpr-L1-front", DeviceKind.ANPR_CAMERA, "L1", T0);
        HealthSnapshot s = new HealthSnapshot(T0.plusSeconds(600), TODAY, List.of(cam, wim),
                new OutboxHealth(3, 1, "330100001220261123101507000042", T0.plusSeconds(475)), disk(42), SYNCED,
                List.of(new Expiry("verification", "wim-L1", "JJG-2026-0042", TODAY.plusDays(189))),
                new Versions("0.1.0.SNAPSHOT", "17.0.15", "org.apache.felix.framework 7.0.5", Map.of("org.nsegw.vision", "0.0.9")));
        HealthAlarms alarms = new HealthAlarms();
        alarms.evaluate(new HealthSnapshot(T0.plusSeconds(590), TODAY, List.of(), null, disk(85), SYNCED, List.of(), VERSIONS),
                HealthSettings.DEFAULTS);
        JsonNode r = json(s, alarms.active());
        assertThat(r.fieldNames()).toIterable().containsExactly("time", "deviceCount", "devices", "outbox", "disk", "clock",
                "certificates", "versions", "alarms");
        assertThat(r.path("time").asText()).isEqualTo("2026-11-23T02:10:00.000Z");
        assertThat(r.path("deviceCount").toString()).isEqualTo("{\"total\":2,\"online\":1}");
        assertThat(r.path("devices").get(0).toString()).isEqualTo("{\"id\":\"anpr-L1-front\",\"kind\":\"anpr\",\"lane\":\"L1\","
                + "\"state\":\"OFFLINE\",\"since\":\"2026-11-23T02:00:00.000Z\",\"lastData\":null,\"reason\":\"waiting for first data\"}");
        assertThat(r.path("devices").get(1).toString()).isEqualTo("{\"id\":\"wim-L1\",\"kind\":\"weigh\",\"lane\":\"L1\","
                + "\"state\":\"ONLINE\",\"since\":\"2026-11-23T02:00:01.500Z\",\"lastData\":\"2026-11-23T02:00:01.500Z\"}");
        assertThat(r.path("outbox").toString()).isEqualTo("{\"pending\":3,\"unacknowledgedCases\":1,"
                + "\"oldestUnacknowledgedCase\":\"330100001220261123101507000042\",\"oldestUnacknowledgedSeconds\":125}");
        assertThat(r.path("disk").toString()).isEqualTo("{\"path\":\"/var/lib/nsegw\",\"usedPercent\":42,\"freeMb\":59392,"
                + "\"totalMb\":102400}");
        assertThat(r.path("clock").toString()).isEqualTo("{\"state\":\"synchronized\",\"source\":\"chrony\",\"offsetMs\":0.4,"
                + "\"detail\":\"reference ntp1, stratum 2\"}");
        assertThat(r.path("certificates").toString()).isEqualTo("[{\"kind\":\"verification\",\"id\":\"wim-L1\","
                + "\"certificate\":\"JJG-2026-0042\",\"expires\":\"2027-05-31\",\"days\":189}]");
        assertThat(r.path("versions").toString()).isEqualTo("{\"gateway\":\"0.1.0.SNAPSHOT\",\"java\":\"17.0.15\","
                + "\"framework\":\"org.apache.felix.framework 7.0.5\",\"bundles\":{\"org.nsegw.vision\":\"0.0.9\"}}");
        assertThat(r.path("alarms")).hasSize(1);
        assertThat(r.path("alarms").get(0).path("condition").asText()).isEqualTo("disk");
        assertThat(r.path("alarms").get(0).path("since").asText()).isEqualTo("2026-11-23T02:09:50.000Z");
    }

    @Test
    void withoutOutboxOrDiskTheyAreNullAndNoCaseWaiting() throws Exception {
        JsonNode r = json(new HealthSnapshot(T0, TODAY, List.of(), null, null, SYNCED, List.of(), VERSIONS), List.of());
        assertThat(r.path("outbox").isNull()).isTrue();
        assertThat(r.path("disk").isNull()).isTrue();
        JsonNode none = json(new HealthSnapshot(T0, TODAY, List.of(), new OutboxHealth(0, 0, null, null), disk(1), SYNCED, List.of(),
                VERSIONS), List.of());
        assertThat(none.path("outbox").path("oldestUnacknowledgedCase").isNull()).isTrue();
        assertThat(none.path("outbox").path("oldestUnacknowledgedSeconds").isNull()).isTrue();
    }

    @Test
    void aLargeGatewayStaysUnderTheLimitWithWholeCountsAndSaysWhatIsLeftOut() throws Exception {
        List<DeviceStatus> devices = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            devices.add(DeviceStatus.waiting(String.format("anpr-L%02d-front-camera", i), DeviceKind.ANPR_CAMERA, "L" + i, T0)
                    .withData(T0).withState(DeviceState.OFFLINE, "no push for 120 s: the camera's event server settings or the"
                            + " network between them", T0.plusSeconds(120)));
        }
        HealthSnapshot s = new HealthSnapshot(T0.plusSeconds(200), TODAY, devices, null, disk(10), SYNCED, List.of(), VERSIONS);
        HealthAlarms alarms = new HealthAlarms();
        assertThat(alarms.evaluate(s, HealthSettings.DEFAULTS)).hasSize(120);
        JsonNode r = json(s, alarms.active());
        assertThat(r.path("deviceCount").path("total").asInt()).isEqualTo(120);
        assertThat(r.path("deviceCount").path("online").asInt()).isZero();
        assertThat(r.path("devices")).isEmpty();
        assertThat(r.path("devicesOmitted").asInt()).isEqualTo(120);
        assertThat(r.path("alarms").size() + r.path("alarmsOmitted").asInt()).isEqualTo(120);
        assertThat(r.path("alarmsOmitted").asInt()).isPositive();

        // ten devices: all listed, with their reasons (cut at 60 characters)
        HealthSnapshot ten = new HealthSnapshot(T0.plusSeconds(200), TODAY, devices.subList(0, 10), null, disk(10), SYNCED,
                List.of(), VERSIONS);
        JsonNode r10 = json(ten, List.of());
        assertThat(r10.path("devices")).hasSize(10);
        assertThat(r10.has("devicesOmitted")).isFalse();
        assertThat(r10.path("devices").get(0).path("reason").asText())
                .isEqualTo("no push for 120 s: the camera's event server settings or th…");
        // thirty: listed without reasons
        JsonNode r30 = json(new HealthSnapshot(T0, TODAY, devices.subList(0, 30), null, disk(10), SYNCED, List.of(), VERSIONS),
                List.of());
        assertThat(r30.path("devices").size() + r30.path("devicesOmitted").asInt()).isEqualTo(30);
    }
}
