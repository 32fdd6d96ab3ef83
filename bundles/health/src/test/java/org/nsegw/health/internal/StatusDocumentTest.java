package org.nsegw.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceStatus;

class StatusDocumentTest {

    @Test
    void theDocumentCarriesIdentityLivenessComponentsAndDevices() throws Exception {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("id", "gw-1");
        gateway.put("latitude", 30.2);
        DeviceStatus online = DeviceStatus.waiting("wim-L1", DeviceKind.WEIGH_SENSOR, "L1", t0)
                .withData(t0.plusSeconds(5)).withCounters(Map.of("rejected", 3L, "frames", 100L));
        DeviceStatus never = DeviceStatus.waiting("cam", DeviceKind.SITE_CAMERA, "", t0);
        byte[] json = StatusDocument.render(gateway, 42, t0, t0.plusSeconds(9), true, 5,
                new ComponentCensus(4, List.of("x: waiting for y")), List.of(online, never));
        JsonNode doc = new ObjectMapper().readTree(json);
        assertThat(doc.path("format").asInt()).isEqualTo(StatusDocument.FORMAT);
        assertThat(doc.path("gateway").path("id").asText()).isEqualTo("gw-1");
        assertThat(doc.path("gateway").path("latitude").asDouble()).isEqualTo(30.2);
        assertThat(doc.path("pid").asLong()).isEqualTo(42);
        assertThat(doc.path("running").asBoolean()).isTrue();
        assertThat(doc.path("updatedAt").asText()).isEqualTo("2026-11-23T10:00:09Z");
        assertThat(doc.path("ready").asBoolean()).isFalse();
        assertThat(doc.path("components").path("pending").get(0).asText()).isEqualTo("x: waiting for y");
        JsonNode d0 = doc.path("devices").get(0);
        assertThat(d0.path("kind").asText()).isEqualTo("weigh");
        assertThat(d0.path("state").asText()).isEqualTo("ONLINE");
        assertThat(d0.path("lastData").asText()).isEqualTo("2026-11-23T10:00:05Z");
        assertThat(d0.path("counters").path("rejected").asLong()).isEqualTo(3);
        assertThat(doc.path("devices").get(1).path("lastData").isNull()).isTrue();
        assertThat(doc.path("devices").get(1).path("reason").asText()).isEqualTo("waiting for first data");
    }
}
