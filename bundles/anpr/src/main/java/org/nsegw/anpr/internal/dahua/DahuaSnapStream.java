package org.nsegw.anpr.internal.dahua;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.CameraText;
import org.nsegw.anpr.internal.event.DerivedIds;
import org.nsegw.anpr.internal.event.Limits;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.event.Picture;
import org.nsegw.anpr.internal.stream.MultipartSplitter;
import org.nsegw.anpr.internal.stream.Pulled;
import org.nsegw.anpr.internal.stream.Refusal;
import org.nsegw.anpr.internal.stream.Split;

/**
 * The Dahua snapshot subscription ({@code GET /cgi-bin/snapManager.cgi?action=attachFileProc&Flags[0]=Event&Events=[TrafficJunction]&heartbeat=5}):
 * a long-lived {@code multipart/x-mixed-replace} response where each event is a {@code text/plain} part of
 * {@code Events[i].Field=value} lines, followed by an {@code image/jpeg} part with the snapshot; a {@code text/plain}
 * part saying {@code Heartbeat} keeps the connection alive.
 *
 * <p>The text of the event stream ({@code eventManager.cgi?action=attach}), {@code Code=...;action=...;index=...;data={json}},
 * is read the same way, its JSON flattened to {@code Events[0].Field} keys.
 *
 * <p>An event with a {@code TrafficCar.PlateNumber} (or an {@code Object} of type {@code Plate} with a
 * {@code Text}) is a read; other events are signs of life. Fields: {@code LocaleTime} (the camera's local time, read
 * in the camera's zone, with {@code UTCMS} milliseconds if given; else {@code RealUTC}, seconds since the epoch);
 * the {@code UTC} field is never used, because public captures show it holding the local time counted as if it were
 * UTC. {@code TrafficCar.PlateColor}, {@code Lane} (else {@code TrafficCar.Lane}), {@code JunctionDirection},
 * {@code Vehicle.Category}, {@code TrafficCar.MachineName} (the device, else the one given). No confidence is read:
 * the public captures show confidences outside 0..100 in these events.
 *
 * <p>Event ids are derived from the device, {@code GroupID}, {@code EventID}, the time and the plate: the camera's
 * numbers are counters that start again after a restart, so they are never used alone.
 *
 * <p>Reads wait for the image part after their text part; if the next part is not an image, or the stream ends,
 * they are given without a picture. Pictures with no event before them are {@link Refusal#STRAY}.
 *
 * <p>Pure: the caller reads the socket and feeds the bytes. One instance per connection.
 */
public final class DahuaSnapStream {

    private static final Pattern KEY_VALUE = Pattern.compile("Events\\[(\\d{1,3})\\]\\.([^=]+)=(.*)");
    private static final Pattern EVENT_LINE = Pattern.compile("Code=([^;]*);action=([^;]*)(?:;index=([^;]*))?(?:;data=(.*))?",
            Pattern.DOTALL);

    /** Events in one text part: cameras send one, a snapshot group a few. */
    private static final int MAX_EVENTS_PER_PART = 8;

    private final MultipartSplitter splitter;
    private final String device;
    private final ZoneId zone;
    private final List<CameraEvent> waiting = new ArrayList<>();

    /**
     * @param boundary the boundary of the response's Content-Type ({@link MultipartSplitter#boundaryOf})
     * @param device   the camera's id on the gateway, used when the events do not name it
     * @param zone     the camera's time zone
     */
    public DahuaSnapStream(String boundary, String device, ZoneId zone) {
        this.splitter = new MultipartSplitter(boundary, Limits.MAX_PICTURE_BYTES);
        this.device = Objects.requireNonNull(device, "device");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public int held() {
        return splitter.held();
    }

    public List<Pulled> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    public List<Pulled> feed(byte[] bytes, int offset, int count) {
        List<Pulled> out = new ArrayList<>();
        for (Split split : splitter.feed(bytes, offset, count)) {
            if (split instanceof Split.Rejected r) {
                out.add(new Pulled.Refused(r.reason(), r.detail(), r.rawLength()));
            } else if (split instanceof Split.Closed) {
                release(out);
            } else if (split instanceof Split.Part part) {
                take(part, out);
            }
        }
        return out;
    }

    /** The connection ended: reads still waiting for their picture are given without one. */
    public List<Pulled> end() {
        List<Pulled> out = new ArrayList<>();
        release(out);
        return out;
    }

    private void take(Split.Part part, List<Pulled> out) {
        String type = part.mediaType();
        if (type.startsWith("image/")) {
            if (waiting.isEmpty()) {
                out.add(new Pulled.Refused(Refusal.STRAY, "a picture part with no event before it", part.rawLength()));
                return;
            }
            String name = part.fileName().isEmpty() ? "snapshot.jpg" : part.fileName();
            Picture picture = new Picture(name, "scene", part.body());
            if (!picture.looksLikeJpeg()) {
                out.add(new Pulled.Refused(Refusal.BAD_EVENT, "the snapshot " + CameraText.quoted(name)
                        + " is not a JPEG; the read is given without it", part.rawLength()));
                release(out);
                return;
            }
            for (CameraEvent e : waiting) {
                out.add(new Pulled.Message(new CameraMessage.Read(withPicture(e, picture))));
            }
            waiting.clear();
            return;
        }
        release(out);
        if (!type.isEmpty() && !type.startsWith("text/")) {
            out.add(new Pulled.Refused(Refusal.STRAY, "a part of type " + CameraText.quoted(type) + " in a snapshot stream",
                    part.rawLength()));
            return;
        }
        String text = new String(part.body(), StandardCharsets.UTF_8).strip();
        if (text.equalsIgnoreCase("Heartbeat")) {
            out.add(new Pulled.Message(new CameraMessage.Alive(device, "Heartbeat")));
            return;
        }
        try {
            for (Map<String, String> fields : events(text)) {
                CameraEvent read = read(fields);
                if (read == null) {
                    out.add(new Pulled.Message(new CameraMessage.Alive(device, code(fields))));
                } else {
                    waiting.add(read);
                }
            }
        } catch (MalformedEvent e) {
            waiting.clear();
            out.add(new Pulled.Refused(Refusal.BAD_EVENT, e.getMessage(), part.rawLength()));
        }
    }

    private void release(List<Pulled> out) {
        for (CameraEvent e : waiting) {
            out.add(new Pulled.Message(new CameraMessage.Read(e)));
        }
        waiting.clear();
    }

    /** The events of a text part, each as its fields without the {@code Events[i].} prefix, in index order. */
    static List<Map<String, String>> events(String text) throws MalformedEvent {
        Matcher line = EVENT_LINE.matcher(text);
        if (line.matches()) {
            Map<String, String> fields = new TreeMap<>();
            fields.put("Code", line.group(1).strip());
            fields.put("Action", line.group(2).strip());
            String data = line.group(4);
            if (data != null && !data.isBlank()) {
                flatten(json(data), "", fields);
            }
            return List.of(fields);
        }
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (String raw : text.split("\n")) {
            String l = raw.strip();
            if (l.isEmpty()) {
                continue;
            }
            Matcher m = KEY_VALUE.matcher(l);
            if (!m.matches()) {
                throw new MalformedEvent("not an Events[i].Field=value line: " + CameraText.quoted(l));
            }
            Map<String, String> fields = byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeMap<>());
            if (byIndex.size() > MAX_EVENTS_PER_PART) {
                throw new MalformedEvent("more than " + MAX_EVENTS_PER_PART + " events in one part");
            }
            String key = m.group(2).strip();
            if (fields.putIfAbsent(key, m.group(3).strip()) != null) {
                throw new MalformedEvent("Events[" + m.group(1) + "]." + key + " appears twice");
            }
        }
        if (byIndex.isEmpty()) {
            throw new MalformedEvent("an empty event part");
        }
        return List.copyOf(byIndex.values());
    }

    /** A read from an event's fields, or {@code null} if the event has no plate. */
    private CameraEvent read(Map<String, String> f) throws MalformedEvent {
        String plate = f.get("TrafficCar.PlateNumber");
        if (plate == null && "Plate".equals(f.get("Object.ObjectType"))) {
            plate = f.get("Object.Text");
        }
        if (plate == null) {
            return null;
        }
        String localTime = f.getOrDefault("LocaleTime", "");
        OffsetDateTime time;
        if (!localTime.isEmpty()) {
            time = DahuaEvents.localTime(localTime, zone, "LocaleTime");
            String ms = f.getOrDefault("UTCMS", "");
            if (!localTime.contains(".") && ms.matches("[0-9]{1,3}")) {
                time = time.plusNanos(Integer.parseInt(ms) * 1_000_000L);
            }
        } else if (f.getOrDefault("RealUTC", "").matches("[0-9]{1,12}")) {
            Instant instant = Instant.ofEpochSecond(Long.parseLong(f.get("RealUTC")));
            time = OffsetDateTime.ofInstant(instant, zone);
        } else {
            throw new MalformedEvent("a " + code(f) + " event without LocaleTime or RealUTC");
        }
        String camera = f.getOrDefault("TrafficCar.MachineName", "");
        if (camera.isEmpty()) {
            camera = device;
        }
        int lane = lane(f.containsKey("Lane") ? f.get("Lane") : f.getOrDefault("TrafficCar.Lane", ""));
        String id = DerivedIds.of("dahua", camera, f.getOrDefault("GroupID", ""), f.getOrDefault("EventID", ""),
                time.toString(), plate);
        return new CameraEvent(id, camera, 1, time, plate, f.getOrDefault("TrafficCar.PlateColor", ""), -1,
                f.getOrDefault("Vehicle.Category", ""), f.getOrDefault("JunctionDirection", ""), lane, List.of());
    }

    private static int lane(String text) throws MalformedEvent {
        if (text.isEmpty()) {
            return 0;
        }
        if (!text.matches("[0-9]{1,9}")) {
            throw new MalformedEvent("Lane " + CameraText.quoted(text) + " is not a whole number");
        }
        return Integer.parseInt(text);
    }

    private static String code(Map<String, String> f) {
        String code = f.getOrDefault("Code", f.getOrDefault("EventBaseInfo.Code", ""));
        return code.isEmpty() ? "event" : code;
    }

    private static CameraEvent withPicture(CameraEvent e, Picture p) {
        return new CameraEvent(e.eventId(), e.device(), e.channel(), e.cameraTime(), e.plateText(), e.plateColor(),
                e.confidence(), e.vehicleType(), e.direction(), e.lane(), List.of(p));
    }

    private static JsonNode json(String data) throws MalformedEvent {
        try {
            JsonNode node = DahuaEvents.JSON.readTree(data);
            if (node == null || !node.isObject()) {
                throw new MalformedEvent("the data of the event is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("the data of the event is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** JSON as the key=value form has it: {@code TrafficCar.PlateNumber}, {@code DrivingDirection[0]}. */
    private static void flatten(JsonNode node, String prefix, Map<String, String> out) throws MalformedEvent {
        if (out.size() > 4096) {
            throw new MalformedEvent("more than 4096 fields in one event");
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(f.getValue(), prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), prefix + "[" + i + "]", out);
            }
        } else if (!node.isNull()) {
            out.put(prefix, node.isNumber() && node.canConvertToExactIntegral() ? node.bigIntegerValue().toString() : node.asText());
        }
    }
}
