package org.nsegw.emulator.anpr.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.image.PlateImages;
import org.nsegw.emulator.anpr.read.PlateColors;

/**
 * What a Hikvision ISAPI camera sends, byte for byte. Pure: no sockets, no clocks.
 *
 * <h2>Event push (HTTP listening)</h2>
 * {@code POST <path>} with {@code Content-Type: multipart/form-data; boundary=B} and three parts, each with
 * Content-Disposition (form-data, name and filename alike), Content-Type and Content-Length:
 * <ol>
 * <li>{@code anpr.xml}, {@code application/xml; charset="UTF-8"}: the {@code EventNotificationAlert} (see
 *     {@link #alertXml}), or {@code anpr.json}, {@code application/json; charset="UTF-8"} for JSON cameras;</li>
 * <li>{@code licensePlatePicture.jpg}, {@code image/jpeg}: the plate close-up;</li>
 * <li>{@code detectionPicture.jpg}, {@code image/jpeg}: the scene.</li>
 * </ol>
 * The body ends with {@code --B--}. The XML has no indentation, one element per line, {@code \n} line ends:
 * <pre>
 * &lt;?xml version="1.0" encoding="UTF-8"?&gt;
 * &lt;EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema"&gt;
 * &lt;ipAddress&gt;192.168.10.11&lt;/ipAddress&gt;  portNo 80, protocol HTTP, macAddress, channelID
 * &lt;dateTime&gt;2026-11-23T08:00:03.123+08:00&lt;/dateTime&gt;  the camera's clock, with milliseconds
 * activePostCount 1, eventType ANPR, eventState active, eventDescription ANPR, channelName (the camera id)
 * &lt;ANPR&gt; licensePlate, line, direction (forward|reverse), confidenceLevel, plateType (92TypeCivil),
 *   plateColor (yellow...), licenseBright 0, vehicleType (truck), pictureInfoList: pictureInfo for
 *   licensePlatePicture.jpg and detectionPicture.jpg {fileName, type, dataType 0, absTime yyyyMMddHHmmssSSS,
 *   plateRect {X, Y, width, height} in the scene's pixels, on the detection picture only}, originalLicensePlate
 * &lt;/ANPR&gt; UUID, picNum 2
 * </pre>
 *
 * <h2>Heartbeats and the alert stream</h2>
 * A heartbeat is an {@code EventNotificationAlert} with eventType {@code videoloss} and eventState {@code inactive}
 * (ISAPI's words for "nothing happening"). {@code GET /ISAPI/Event/notification/alertStream} answers
 * {@code multipart/mixed; boundary=boundary} and streams, per event, the same parts as the push (the alert part without
 * Content-Disposition), and heartbeats in between.
 */
public final class IsapiMessages {

    public static final String ALERT_STREAM_BOUNDARY = "boundary";
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    static final DateTimeFormatter ABS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS", Locale.ROOT);
    static final String PLATE_PICTURE = "licensePlatePicture.jpg";
    static final String SCENE_PICTURE = "detectionPicture.jpg";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IsapiMessages() {
    }

    /** The push: the alert in the camera's format and both pictures, as multipart/form-data. */
    public static HttpBody push(AnprEvent e) {
        List<Multipart.Part> parts = parts(e, true);
        String boundary = boundary(e, parts);
        return new HttpBody("multipart/form-data; boundary=" + boundary, Multipart.encode(boundary, parts));
    }

    /**
     * The parts of an event: the alert, the plate close-up, the scene.
     *
     * @param form whether the alert part carries a Content-Disposition (push) or not (alert stream)
     */
    public static List<Multipart.Part> parts(AnprEvent e, boolean form) {
        boolean json = e.camera().protocol() == CameraProtocol.HIKVISION_ISAPI_JSON;
        byte[] alert = (json ? alertJson(e) : alertXml(e)).getBytes(StandardCharsets.UTF_8);
        String type = json ? "application/json; charset=\"UTF-8\"" : "application/xml; charset=\"UTF-8\"";
        Multipart.Part alertPart = form ? Multipart.formPart(json ? "anpr.json" : "anpr.xml", type, alert) : Multipart.plainPart(type, alert);
        return List.of(alertPart,
                Multipart.formPart(PLATE_PICTURE, "image/jpeg", e.images().closeUp()),
                Multipart.formPart(SCENE_PICTURE, "image/jpeg", e.images().scene()));
    }

    /** The boundary of a push: browser-like, derived from the event id, and never inside a part. */
    static String boundary(AnprEvent e, List<Multipart.Part> parts) {
        long h = e.eventId().hashCode() & 0xFFFF_FFFFL;
        for (int attempt = 0; ; attempt++) {
            String candidate = "---------------------------7e" + String.format("%011x", (h + attempt * 0x9E3779B9L) & 0xFFFF_FFFF_FFFL);
            if (Multipart.fits(candidate, parts)) {
                return candidate;
            }
        }
    }

    /** The {@code EventNotificationAlert} of an ANPR read. */
    public static String alertXml(AnprEvent e) {
        EmulatedCamera c = e.camera();
        PlateImages.Box box = e.images().plate();
        String abs = ABS_TIME.format(e.cameraTime());
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<EventNotificationAlert version=\"2.0\" xmlns=\"").append(c.namespace().uri()).append("\">\n");
        header(x, c, e.cameraTime(), 1, "ANPR", "active", "ANPR");
        element(x, "channelName", c.id());
        x.append("<ANPR>\n");
        element(x, "licensePlate", e.plateText());
        element(x, "line", String.valueOf(c.laneNumber()));
        element(x, "direction", c.direction());
        element(x, "confidenceLevel", String.valueOf(e.confidence()));
        element(x, "plateType", plateType(e.color()));
        element(x, "plateColor", PlateColors.isapi(e.color()));
        element(x, "licenseBright", "0");
        element(x, "vehicleType", "truck");
        x.append("<pictureInfoList>\n");
        x.append("<pictureInfo>\n");
        element(x, "fileName", PLATE_PICTURE);
        element(x, "type", "licensePlatePicture");
        element(x, "dataType", "0");
        element(x, "absTime", abs);
        x.append("</pictureInfo>\n");
        x.append("<pictureInfo>\n");
        element(x, "fileName", SCENE_PICTURE);
        element(x, "type", "detectionPicture");
        element(x, "dataType", "0");
        element(x, "absTime", abs);
        x.append("<plateRect>\n");
        element(x, "X", String.valueOf(box.x()));
        element(x, "Y", String.valueOf(box.y()));
        element(x, "width", String.valueOf(box.width()));
        element(x, "height", String.valueOf(box.height()));
        x.append("</plateRect>\n");
        x.append("</pictureInfo>\n");
        x.append("</pictureInfoList>\n");
        element(x, "originalLicensePlate", e.plateText());
        x.append("</ANPR>\n");
        element(x, "UUID", e.eventId());
        element(x, "picNum", "2");
        x.append("</EventNotificationAlert>\n");
        return x.toString();
    }

    /** The same alert as JSON: the XML's names, numbers as numbers, the picture list as an array. */
    public static String alertJson(AnprEvent e) {
        EmulatedCamera c = e.camera();
        PlateImages.Box box = e.images().plate();
        String abs = ABS_TIME.format(e.cameraTime());
        ObjectNode root = JSON.createObjectNode();
        root.put("ipAddress", c.address());
        root.put("portNo", 80);
        root.put("protocol", "HTTP");
        root.put("macAddress", c.macAddress());
        root.put("channelID", c.channel());
        root.put("dateTime", DATE_TIME.format(e.cameraTime()));
        root.put("activePostCount", 1);
        root.put("eventType", "ANPR");
        root.put("eventState", "active");
        root.put("eventDescription", "ANPR");
        root.put("channelName", c.id());
        ObjectNode anpr = root.putObject("ANPR");
        anpr.put("licensePlate", e.plateText());
        anpr.put("line", c.laneNumber());
        anpr.put("direction", c.direction());
        anpr.put("confidenceLevel", e.confidence());
        anpr.put("plateType", plateType(e.color()));
        anpr.put("plateColor", PlateColors.isapi(e.color()));
        anpr.put("licenseBright", 0);
        anpr.put("vehicleType", "truck");
        ArrayNode pictures = anpr.putArray("pictureInfoList");
        ObjectNode platePicture = pictures.addObject();
        platePicture.put("fileName", PLATE_PICTURE);
        platePicture.put("type", "licensePlatePicture");
        platePicture.put("dataType", 0);
        platePicture.put("absTime", abs);
        ObjectNode scene = pictures.addObject();
        scene.put("fileName", SCENE_PICTURE);
        scene.put("type", "detectionPicture");
        scene.put("dataType", 0);
        scene.put("absTime", abs);
        ObjectNode rect = scene.putObject("plateRect");
        rect.put("X", box.x());
        rect.put("Y", box.y());
        rect.put("width", box.width());
        rect.put("height", box.height());
        anpr.put("originalLicensePlate", e.plateText());
        root.put("UUID", e.eventId());
        root.put("picNum", 2);
        return root.toString();
    }

    /** A heartbeat: eventType videoloss, eventState inactive. */
    public static String heartbeatXml(EmulatedCamera c, OffsetDateTime time) {
        StringBuilder x = new StringBuilder(512);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<EventNotificationAlert version=\"2.0\" xmlns=\"").append(c.namespace().uri()).append("\">\n");
        header(x, c, time, 0, "videoloss", "inactive", "videoloss alarm");
        x.append("</EventNotificationAlert>\n");
        return x.toString();
    }

    /** A heartbeat as a push body ({@code application/xml}). */
    public static HttpBody heartbeat(EmulatedCamera c, OffsetDateTime time) {
        return new HttpBody("application/xml; charset=\"UTF-8\"", heartbeatXml(c, time).getBytes(StandardCharsets.UTF_8));
    }

    /** A heartbeat as a part of the alert stream. */
    public static Multipart.Part heartbeatPart(EmulatedCamera c, OffsetDateTime time) {
        return Multipart.plainPart("application/xml; charset=\"UTF-8\"", heartbeatXml(c, time).getBytes(StandardCharsets.UTF_8));
    }

    private static void header(StringBuilder x, EmulatedCamera c, OffsetDateTime time, int postCount, String type, String state,
            String description) {
        element(x, "ipAddress", c.address());
        element(x, "portNo", "80");
        element(x, "protocol", "HTTP");
        element(x, "macAddress", c.macAddress());
        element(x, "channelID", String.valueOf(c.channel()));
        element(x, "dateTime", DATE_TIME.format(time));
        element(x, "activePostCount", String.valueOf(postCount));
        element(x, "eventType", type);
        element(x, "eventState", state);
        element(x, "eventDescription", description);
    }

    /** ISAPI's plate type: trucks' and trailers' yellow plates are GA 36 "92" civil plates; new energy its own. */
    static String plateType(PlateColor color) {
        return color == PlateColor.GREEN || color == PlateColor.YELLOW_GREEN ? "newEnergy" : "92TypeCivil";
    }

    private static void element(StringBuilder x, String name, String text) {
        x.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
