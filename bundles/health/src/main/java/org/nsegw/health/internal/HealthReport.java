package org.nsegw.health.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.health.internal.HealthAlarms.Active;
import org.nsegw.health.internal.HealthSnapshot.Expiry;

/**
 * The health report as JSON ({@code docs/mqtt-topics.md}, "Status"): what the uplink puts into its retained status and
 * heartbeats, remote configuration's status command returns, and {@code status.json} carries. At most {@link #MAX_BYTES}
 * bytes: when a gateway has so many devices that it would be larger, the reasons of the devices go first, then the
 * devices at the end of the list (the counts stay whole, and {@code devicesOmitted} says how many are not listed).
 */
final class HealthReport {

    static final int MAX_BYTES = 3072;
    static final int MAX_TEXT = 200;
    /** UTC with milliseconds, always three digits, as every time on the MQTT topics. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthReport() {
    }

    static ObjectNode render(HealthSnapshot s, List<Active> alarms) {
        ObjectNode full = render(s, alarms, s.devices().size(), alarms.size(), true);
        if (size(full) <= MAX_BYTES) {
            return full;
        }
        int devices = s.devices().size();
        int active = alarms.size();
        ObjectNode lean = render(s, alarms, devices, active, false);
        while (size(lean) > MAX_BYTES && (devices > 0 || active > 0)) {
            // devices go first (80 bytes or more each), then alarms (100 or more)
            int over = size(lean) - MAX_BYTES;
            if (devices > 0) {
                devices = Math.max(0, devices - Math.max(1, over / 80));
            } else {
                active = Math.max(0, active - Math.max(1, over / 100));
            }
            lean = render(s, alarms, devices, active, false);
        }
        return lean;
    }

    static byte[] bytes(ObjectNode report) {
        try {
            return JSON.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the health report", e);
        }
    }

    private static int size(ObjectNode n) {
        return bytes(n).length;
    }

    private static ObjectNode render(HealthSnapshot s, List<Active> alarms, int listed, int alarmsListed, boolean whole) {
        ObjectNode root = JSON.createObjectNode();
        root.put("time", TIME.format(s.now()));
        List<DeviceStatus> devices = s.devices();
        ObjectNode count = root.putObject("deviceCount");
        count.put("total", devices.size());
        count.put("online", devices.stream().filter(d -> d.state() == DeviceState.ONLINE).count());
        ArrayNode list = root.putArray("devices");
        for (DeviceStatus d : devices.subList(0, listed)) {
            ObjectNode n = list.addObject();
            n.put("id", d.deviceId());
            n.put("kind", d.kind().profileKind());
            n.put("lane", d.lane());
            n.put("state", d.state().name());
            n.put("since", TIME.format(d.since()));
            if (d.lastData() == null) {
                n.putNull("lastData");
            } else {
                n.put("lastData", TIME.format(d.lastData()));
            }
            if (whole && d.state() != DeviceState.ONLINE && !d.reason().isEmpty()) {
                n.put("reason", cut(d.reason(), 60));
            }
        }
        if (listed < devices.size()) {
            root.put("devicesOmitted", devices.size() - listed);
        }
        if (s.outbox() == null) {
            root.putNull("outbox");
        } else {
            ObjectNode box = root.putObject("outbox");
            box.put("pending", s.outbox().pending());
            box.put("unacknowledgedCases", s.outbox().unacknowledgedCases());
            if (s.outbox().oldestCaseId() == null) {
                box.putNull("oldestUnacknowledgedCase");
                box.putNull("oldestUnacknowledgedSeconds");
            } else {
                box.put("oldestUnacknowledgedCase", s.outbox().oldestCaseId());
                box.put("oldestUnacknowledgedSeconds", Math.max(0, Duration.between(s.outbox().oldestStored(), s.now()).toSeconds()));
            }
        }
        if (s.disk() == null) {
            root.putNull("disk");
        } else {
            ObjectNode disk = root.putObject("disk");
            disk.put("path", s.disk().path());
            disk.put("usedPercent", s.disk().usedPercent());
            disk.put("freeMb", s.disk().usableBytes() / (1024 * 1024));
            disk.put("totalMb", s.disk().totalBytes() / (1024 * 1024));
        }
        ObjectNode clock = root.putObject("clock");
        clock.put("state", s.clock().state());
        clock.put("source", s.clock().source());
        if (s.clock().offsetMs() == null) {
            clock.putNull("offsetMs");
        } else {
            clock.put("offsetMs", Math.round(s.clock().offsetMs() * 10) / 10.0);
        }
        clock.put("detail", cut(s.clock().detail(), 120));
        ArrayNode certs = root.putArray("certificates");
        for (Expiry e : s.certificates()) {
            ObjectNode n = certs.addObject();
            n.put("kind", e.kind());
            n.put("id", e.id());
            n.put("certificate", cut(e.certificate(), 80));
            n.put("expires", e.expires().toString());
            n.put("days", ChronoUnit.DAYS.between(s.today(), e.expires()));
        }
        ObjectNode versions = root.putObject("versions");
        versions.put("gateway", s.versions().gateway());
        versions.put("java", s.versions().java());
        versions.put("framework", s.versions().framework());
        ObjectNode differing = versions.putObject("bundles");
        new TreeMap<>(s.versions().differing()).forEach(differing::put);
        ArrayNode active = root.putArray("alarms");
        for (Active a : alarms.subList(0, alarmsListed)) {
            ObjectNode n = active.addObject();
            n.put("condition", a.key());
            n.put("source", a.source());
            n.put("since", TIME.format(a.since()));
            n.put("text", cut(a.text(), whole ? MAX_TEXT : 100));
        }
        if (alarmsListed < alarms.size()) {
            root.put("alarmsOmitted", alarms.size() - alarmsListed);
        }
        return root;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
