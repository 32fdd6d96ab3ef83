package org.nsegw.anpr.internal.dahua;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.CameraText;
import org.nsegw.anpr.internal.event.DerivedIds;
import org.nsegw.anpr.internal.event.Limits;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.event.Picture;

/**
 * Dahua ITSAPI push: {@code POST /NotificationInfo/TollgateInfo} (one plate read, JSON with base64 pictures) and
 * {@code POST /NotificationInfo/KeepAlive} (the heartbeat).
 *
 * <p>Fields read: {@code Picture.Plate.PlateNumber} (required, may be empty), {@code PlateColor},
 * {@code Confidence} (0..100); {@code Picture.Vehicle.VehicleType}; {@code Picture.SnapInfo.AccurateTime}
 * ({@code yyyy-MM-dd HH:mm:ss.SSS}, or {@code SnapTime} to the second when it is missing), {@code DeviceID},
 * {@code Direction}, {@code LanNo} or {@code Lane}; the pictures {@code Picture.CutoutPic} (the plate),
 * {@code Picture.NormalPic} and {@code Picture.VehiclePic} (the scene), each {@code Content} (base64 JPEG) and
 * {@code PicName}.
 *
 * <p>Camera times carry no offset: they are read in the zone the caller gives, the camera's configured zone
 * ({@link #DEFAULT_ZONE} unless the site says otherwise). A local time that falls in a daylight-saving gap does not
 * exist and is refused; one in an overlap takes the earlier offset.
 *
 * <p>No public TollgateInfo example carries an event id, so the id is derived from {@code DeviceID},
 * {@code AccurateTime} and {@code PlateNumber} exactly as sent ({@link DerivedIds}): a camera re-sends the same event
 * until it is answered with {@code {"Result": true}}, and every re-send gets the same id.
 *
 * <p>Pure: no sockets, files, clocks or logging.
 */
public final class DahuaEvents {

    /** The zone of cameras whose site does not name one. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public static final String TOLLGATE_PATH = "/NotificationInfo/TollgateInfo";
    public static final String KEEP_ALIVE_PATH = "/NotificationInfo/KeepAlive";

    static final DateTimeFormatter CAMERA_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSS]")
            .withResolverStyle(ResolverStyle.STRICT);

    static final JsonMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(Limits.MAX_DAHUA_BODY_BYTES).maxNumberLength(64).build());
    }

    /** A picture member of {@code Picture} and the role of its picture. */
    private record PictureMember(String member, String role) {
    }

    private static final List<PictureMember> PICTURES = List.of(new PictureMember("CutoutPic", "plate"),
            new PictureMember("NormalPic", "scene"), new PictureMember("VehiclePic", "scene"));

    private DahuaEvents() {
    }

    /**
     * A push by its request path: a read for {@value #TOLLGATE_PATH}, a sign of life for {@value #KEEP_ALIVE_PATH}.
     * A query string or trailing slash on the path does not matter.
     */
    public static CameraMessage parse(String path, byte[] body, ZoneId zone) throws MalformedEvent {
        String p = path.split("\\?", 2)[0];
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equalsIgnoreCase(TOLLGATE_PATH)) {
            return new CameraMessage.Read(tollgate(body, zone));
        }
        if (p.equalsIgnoreCase(KEEP_ALIVE_PATH)) {
            return keepAlive(body);
        }
        throw new MalformedEvent("no ITSAPI message is posted to " + CameraText.quoted(path));
    }

    /** One plate read from a TollgateInfo body. */
    public static CameraEvent tollgate(byte[] body, ZoneId zone) throws MalformedEvent {
        Objects.requireNonNull(zone, "zone");
        if (body.length > Limits.MAX_DAHUA_BODY_BYTES) {
            throw new MalformedEvent("TollgateInfo of " + body.length + " bytes, more than the "
                    + Limits.MAX_DAHUA_BODY_BYTES + " allowed");
        }
        JsonNode root = object(body, "TollgateInfo");
        JsonNode picture = member(root, "Picture", "TollgateInfo");
        JsonNode plate = member(picture, "Plate", "Picture");
        JsonNode snap = member(picture, "SnapInfo", "Picture");
        JsonNode vehicle = picture.path("Vehicle");

        if (!plate.has("PlateNumber") || plate.get("PlateNumber").isNull()) {
            throw new MalformedEvent("no Picture.Plate.PlateNumber");
        }
        String plateNumber = text(plate, "PlateNumber", "Picture.Plate");
        String timeField = snap.has("AccurateTime") ? "AccurateTime" : "SnapTime";
        String timeText = text(snap, timeField, "Picture.SnapInfo");
        if (timeText.isEmpty()) {
            throw new MalformedEvent("no Picture.SnapInfo.AccurateTime");
        }
        OffsetDateTime cameraTime = localTime(timeText, zone, "Picture.SnapInfo." + timeField);
        String device = text(snap, "DeviceID", "Picture.SnapInfo");
        int confidence = number(plate, "Confidence", "Picture.Plate", -1, 0, 100);
        int lane = snap.has("LanNo") ? number(snap, "LanNo", "Picture.SnapInfo", 0, 0, Integer.MAX_VALUE)
                : number(snap, "Lane", "Picture.SnapInfo", 0, 0, Integer.MAX_VALUE);

        List<Picture> pictures = new ArrayList<>();
        for (PictureMember kind : PICTURES) {
            JsonNode pic = picture.get(kind.member());
            if (pic == null || pic.isNull()) {
                continue;
            }
            String where = "Picture." + kind.member();
            if (!pic.isObject()) {
                throw new MalformedEvent(where + " is not an object");
            }
            String content = text(pic, "Content", where);
            if (content.isEmpty()) {
                continue;
            }
            String name = text(pic, "PicName", where);
            pictures.add(picture(name.isEmpty() ? kind.member() + ".jpg" : name, kind.role(), content, where + ".Content"));
        }
        String id = DerivedIds.of("dahua", device, timeText, plateNumber);
        return new CameraEvent(id, device, 1, cameraTime, plateNumber, text(plate, "PlateColor", "Picture.Plate"),
                confidence, text(vehicle, "VehicleType", "Picture.Vehicle"), text(snap, "Direction", "Picture.SnapInfo"),
                lane, pictures);
    }

    /** A heartbeat: an empty body, or a JSON object (whose {@code DeviceID}, if any, names the camera). */
    public static CameraMessage.Alive keepAlive(byte[] body) throws MalformedEvent {
        if (body.length > Limits.MAX_HEARTBEAT_BYTES) {
            throw new MalformedEvent("KeepAlive of " + body.length + " bytes, more than the "
                    + Limits.MAX_HEARTBEAT_BYTES + " allowed");
        }
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return new CameraMessage.Alive("", "KeepAlive");
        }
        JsonNode root = object(body, "KeepAlive");
        return new CameraMessage.Alive(text(root, "DeviceID", "KeepAlive"), "KeepAlive");
    }

    /**
     * A camera's local time, {@code yyyy-MM-dd HH:mm:ss} with optional milliseconds, in the camera's zone.
     *
     * @param field what the time is, for the message
     */
    static OffsetDateTime localTime(String text, ZoneId zone, String field) throws MalformedEvent {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text, CAMERA_TIME);
        } catch (DateTimeParseException e) {
            throw new MalformedEvent(field + " " + CameraText.quoted(text) + " is not yyyy-MM-dd HH:mm:ss.SSS");
        }
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new MalformedEvent(field + " " + CameraText.quoted(text) + " does not exist in " + zone + " (a daylight-saving gap)");
        }
        return local.atOffset(offsets.get(0));
    }

    /** Decodes a base64 JPEG; whitespace and line breaks in the text are allowed, anything else is not. */
    static Picture picture(String name, String role, String base64, String where) throws MalformedEvent {
        String compact = base64.replaceAll("[\\s]", "");
        if ((long) compact.length() * 3 / 4 > Limits.MAX_PICTURE_BYTES) {
            throw new MalformedEvent(where + " holds more than the " + Limits.MAX_PICTURE_BYTES + " bytes allowed for a picture");
        }
        byte[] jpeg;
        try {
            jpeg = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new MalformedEvent(where + " is not base64: " + e.getMessage());
        }
        Picture p = new Picture(name, role, jpeg);
        if (!p.looksLikeJpeg()) {
            throw new MalformedEvent(where + " is not a JPEG (no FF D8 at the start or no FF D9 at the end)");
        }
        return p;
    }

    private static JsonNode object(byte[] body, String what) throws MalformedEvent {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEvent(what + " is not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEvent(what + " is not a JSON object");
        }
        return tree;
    }

    private static JsonNode member(JsonNode parent, String name, String where) throws MalformedEvent {
        JsonNode m = parent.get(name);
        if (m == null || m.isNull()) {
            throw new MalformedEvent("no " + where + "." + name);
        }
        if (!m.isObject()) {
            throw new MalformedEvent(where + "." + name + " is not an object");
        }
        return m;
    }

    /** A value as text: empty if absent or null; an object or array is refused. */
    private static String text(JsonNode parent, String name, String where) throws MalformedEvent {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isContainerNode()) {
            throw new MalformedEvent(where + "." + name + " is an " + (v.isArray() ? "array" : "object")
                    + " where a value was expected");
        }
        if (v.isNumber() && v.canConvertToExactIntegral()) {
            return v.bigIntegerValue().toString();
        }
        return v.asText().strip();
    }

    private static int number(JsonNode parent, String name, String where, int absent, int min, int max) throws MalformedEvent {
        return CameraText.wholeNumber(text(parent, name, where), where + "." + name, absent, min, max);
    }
}
