package org.nsegw.health.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nsegw.api.device.DeviceStatus;

/**
 * The content of {@code status.json}: what {@code nsegw status} shows of a running or stopped gateway. The format
 * is described in {@code docs/operations.md}; fields are only ever added.
 */
final class StatusDocument {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusDocument() {
    }

    /**
     * @param gateway   identity fields (id, name, stationCode, road, place, latitude, longitude)
     * @param pid       the gateway's process id
     * @param running   false in the last document, written at shutdown
     * @param heartbeat how often the document is rewritten while running, in seconds
     */
    static byte[] render(Map<String, Object> gateway, long pid, Instant started, Instant now, boolean running,
            int heartbeat, ComponentCensus census, List<DeviceStatus> devices) {
        return render(gateway, pid, started, now, running, heartbeat, census, devices, null);
    }

    /**
     * @param health the health report ({@link HealthReport}: outbox, disk, clock, certificates, versions, alarms), or
     *               null when there is none (the health component is not active)
     */
    static byte[] render(Map<String, Object> gateway, long pid, Instant started, Instant now, boolean running,
            int heartbeat, ComponentCensus census, List<DeviceStatus> devices, JsonNode health) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode gw = root.putObject("gateway");
        gateway.forEach((k, v) -> gw.putPOJO(k, v));
        root.put("pid", pid);
        root.put("running", running);
        root.put("startedAt", started.toString());
        root.put("updatedAt", now.toString());
        root.put("heartbeatSeconds", heartbeat);
        root.put("ready", census.ready());
        ObjectNode components = root.putObject("components");
        components.put("active", census.active());
        ArrayNode pending = components.putArray("pending");
        census.pending().forEach(pending::add);
        ArrayNode list = root.putArray("devices");
        for (DeviceStatus d : devices) {
            ObjectNode n = list.addObject();
            n.put("id", d.deviceId());
            n.put("kind", d.kind().profileKind());
            n.put("lane", d.lane());
            n.put("state", d.state().name());
            n.put("reason", d.reason());
            n.put("since", d.since().toString());
            if (d.lastData() == null) {
                n.putNull("lastData");
            } else {
                n.put("lastData", d.lastData().toString());
            }
            ObjectNode counters = n.putObject("counters");
            d.counters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> counters.put(e.getKey(), e.getValue()));
        }
        if (health != null) {
            root.set("health", health);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render status", e);
        }
    }
}
