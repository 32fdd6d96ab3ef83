package org.nsegw.emulator.anpr.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.image.PlateImages;
import org.nsegw.emulator.anpr.read.PlateColors;

/**
 * What a Dahua ITC camera sends, byte for byte. Pure: no sockets, no clocks.
 *
 * <h2>ITSAPI push</h2>
 * {@code POST /NotificationInfo/TollgateInfo}, {@code Content-Type: application/json;charset=UTF-8}, one compact JSON
 * object (keys in this order):
 * <pre>
 * {"Picture":{
 *   "Plate":{"BoundingBox":[left,top,right,bottom],"Channel":0,"Confidence":93,"IsExist":true,
 *            "PlateColor":"Yellow","PlateNumber":"浙A12345","PlateType":"Yellow"},
 *   "Vehicle":{"VehicleColor":"White","VehicleType":"LargeTruck"},
 *   "SnapInfo":{"AccurateTime":"2026-11-23 08:00:03.123","DeviceID":"EMU0A1B2C3D","Direction":"Obverse","LanNo":1,
 *               "SnapTime":"2026-11-23 08:00:03","Speed":62,"TriggerSource":"Video"},
 *   "NormalPic":{"Content":"(base64 scene JPEG)","PicName":"EMU0A1B2C3D-20261123080003123-00001.jpg"},
 *   "CutoutPic":{"Content":"(base64 plate JPEG)","PicName":"EMU0A1B2C3D-20261123080003123-00001-plate.jpg"}}}
 * </pre>
 * The bounding box is in Dahua's 0..8192 coordinates of the scene. The times are the camera's local clock without
 * an offset (the camera's zone, +08:00 in China). TollgateInfo carries no event id: the picture names are unique per
 * event and repeat when the camera pushes the event again. Heartbeat: {@code POST /NotificationInfo/KeepAlive} with
 * {@code {"Active":"keepAlive","DeviceID":"..."}}.
 *
 * <h2>snapManager stream</h2>
 * {@code GET /cgi-bin/snapManager.cgi?action=attachFileProc&...} answers {@code multipart/x-mixed-replace;
 * boundary=myboundary}: per event a {@code text/plain} part of {@code Events[0].Key=Value} lines (CRLF; see
 * {@link #snapEventText}) followed by the scene as {@code image/jpeg}; {@code Heartbeat} text parts in between.
 */
public final class ItsapiMessages {

    public static final String TOLLGATE_PATH = "/NotificationInfo/TollgateInfo";
    public static final String KEEP_ALIVE_PATH = "/NotificationInfo/KeepAlive";
    public static final String SNAP_STREAM_BOUNDARY = "myboundary";
    static final String JSON_TYPE = "application/json;charset=UTF-8";
    static final DateTimeFormatter ACCURATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    static final DateTimeFormatter SNAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItsapiMessages() {
    }

    /** The TollgateInfo push of a read. */
    public static HttpBody tollgateInfo(AnprEvent e) {
        return new HttpBody(JSON_TYPE, tollgateJson(e).getBytes(StandardCharsets.UTF_8));
    }

    public static String tollgateJson(AnprEvent e) {
        EmulatedCamera c = e.camera();
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode picture = root.putObject("Picture");
        ObjectNode plate = picture.putObject("Plate");
        ArrayNode box = plate.putArray("BoundingBox");
        for (int v : boundingBox(e.images())) {
            box.add(v);
        }
        plate.put("Channel", c.channel() - 1);
        plate.put("Confidence", e.confidence());
        plate.put("IsExist", true);
        plate.put("PlateColor", PlateColors.dahua(e.color()));
        plate.put("PlateNumber", e.plateText());
        plate.put("PlateType", plateType(e.color(), c.position()));
        ObjectNode vehicle = picture.putObject("Vehicle");
        vehicle.put("VehicleColor", e.vehicleColor());
        vehicle.put("VehicleType", "LargeTruck");
        ObjectNode snap = picture.putObject("SnapInfo");
        snap.put("AccurateTime", ACCURATE_TIME.format(e.cameraTime()));
        snap.put("DeviceID", c.deviceId());
        snap.put("Direction", direction(c));
        snap.put("LanNo", c.laneNumber());
        snap.put("SnapTime", SNAP_TIME.format(e.cameraTime()));
        snap.put("Speed", (int) Math.round(e.speedKmh()));
        snap.put("TriggerSource", "Video");
        ObjectNode normal = picture.putObject("NormalPic");
        normal.put("Content", base64.encodeToString(e.images().scene()));
        normal.put("PicName", scenePictureName(e));
        ObjectNode cutout = picture.putObject("CutoutPic");
        cutout.put("Content", base64.encodeToString(e.images().closeUp()));
        cutout.put("PicName", platePictureName(e));
        return root.toString();
    }

    public static String scenePictureName(AnprEvent e) {
        return e.eventId() + ".jpg";
    }

    public static String platePictureName(AnprEvent e) {
        return e.eventId() + "-plate.jpg";
    }

    /** The heartbeat push. */
    public static HttpBody keepAlive(EmulatedCamera c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("Active", "keepAlive");
        root.put("DeviceID", c.deviceId());
        return new HttpBody(JSON_TYPE, root.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The text part of a TrafficJunction event on the snapManager stream, CRLF after every line:
     * <pre>
     * Events[0].EventBaseInfo.Code=TrafficJunction
     * Events[0].EventBaseInfo.Action=Pulse
     * Events[0].EventBaseInfo.Index=0
     * Events[0].EventID=1                   the camera's event number (the same on a repeat)
     * Events[0].GroupID=1
     * Events[0].CountInGroup=1
     * Events[0].IndexInGroup=1
     * Events[0].UTC=1795392003              the camera's clock, seconds since 1970 (UTC)
     * Events[0].UTCMS=123
     * Events[0].Lane=1
     * Events[0].Speed=62
     * Events[0].Object.Text=浙A12345
     * Events[0].Object.Confidence=93
     * Events[0].Object.BoundingBox[0..3]=   0..8192 coordinates
     * Events[0].TrafficCar.PlateNumber=浙A12345
     * Events[0].TrafficCar.PlateColor=Yellow
     * Events[0].TrafficCar.PlateType=Yellow
     * Events[0].TrafficCar.VehicleColor=White
     * Events[0].TrafficCar.Speed=62
     * Events[0].TrafficCar.Lane=1
     * Events[0].TrafficCar.BoundingBox[0..3]=
     * Events[0].Vehicle.Category=LargeTruck
     * Events[0].JunctionDirection=Obverse
     * Events[0].VehicleDirection=Head       Tail for rear cameras
     * </pre>
     */
    public static String snapEventText(AnprEvent e) {
        EmulatedCamera c = e.camera();
        int[] box = boundingBox(e.images());
        long epochMillis = e.cameraTime().toInstant().toEpochMilli();
        StringBuilder t = new StringBuilder(1024);
        line(t, "EventBaseInfo.Code", "TrafficJunction");
        line(t, "EventBaseInfo.Action", "Pulse");
        line(t, "EventBaseInfo.Index", "0");
        line(t, "EventID", String.valueOf(e.sequence()));
        line(t, "GroupID", String.valueOf(e.sequence()));
        line(t, "CountInGroup", "1");
        line(t, "IndexInGroup", "1");
        line(t, "UTC", String.valueOf(Math.floorDiv(epochMillis, 1000)));
        line(t, "UTCMS", String.valueOf(Math.floorMod(epochMillis, 1000)));
        line(t, "Lane", String.valueOf(c.laneNumber()));
        line(t, "Speed", String.valueOf(Math.round(e.speedKmh())));
        line(t, "Object.Text", e.plateText());
        line(t, "Object.Confidence", String.valueOf(e.confidence()));
        for (int i = 0; i < 4; i++) {
            line(t, "Object.BoundingBox[" + i + "]", String.valueOf(box[i]));
        }
        line(t, "TrafficCar.PlateNumber", e.plateText());
        line(t, "TrafficCar.PlateColor", PlateColors.dahua(e.color()));
        line(t, "TrafficCar.PlateType", plateType(e.color(), c.position()));
        line(t, "TrafficCar.VehicleColor", e.vehicleColor());
        line(t, "TrafficCar.Speed", String.valueOf(Math.round(e.speedKmh())));
        line(t, "TrafficCar.Lane", String.valueOf(c.laneNumber()));
        for (int i = 0; i < 4; i++) {
            line(t, "TrafficCar.BoundingBox[" + i + "]", String.valueOf(box[i]));
        }
        line(t, "Vehicle.Category", "LargeTruck");
        line(t, "JunctionDirection", direction(c));
        line(t, "VehicleDirection", c.position() == CameraPosition.REAR ? "Tail" : "Head");
        return t.toString();
    }

    /** The snapManager parts of an event: its text, then the scene. */
    public static List<Multipart.Part> snapParts(AnprEvent e) {
        return List.of(
                Multipart.plainPart("text/plain", snapEventText(e).getBytes(StandardCharsets.UTF_8)),
                Multipart.plainPart("image/jpeg", e.images().scene()));
    }

    /** The snapManager heartbeat part. */
    public static Multipart.Part snapHeartbeat() {
        return Multipart.plainPart("text/plain", "Heartbeat".getBytes(StandardCharsets.US_ASCII));
    }

    /** The plate's box in Dahua's 0..8192 coordinates: left, top, right, bottom. */
    static int[] boundingBox(PlateImages.Rendered images) {
        PlateImages.Box b = images.plate();
        double sx = 8192.0 / images.sceneWidth();
        double sy = 8192.0 / images.sceneHeight();
        return new int[] {
            (int) Math.round(b.x() * sx), (int) Math.round(b.y() * sy),
            (int) Math.round((b.x() + b.width()) * sx), (int) Math.round((b.y() + b.height()) * sy)};
    }

    /** Trucks carry a single-row yellow plate at the front and a double-row one at the back (trailers too). */
    static String plateType(PlateColor color, CameraPosition position) {
        if (color == PlateColor.GREEN || color == PlateColor.YELLOW_GREEN) {
            return "NewEnergy";
        }
        return position == CameraPosition.REAR ? "DoubleYellow" : "Yellow";
    }

    /** Obverse when the camera sees vehicles come towards it, Reverse when it sees them drive away. */
    static String direction(EmulatedCamera c) {
        return c.position() == CameraPosition.REAR ? "Reverse" : "Obverse";
    }

    private static void line(StringBuilder t, String key, String value) {
        t.append("Events[0].").append(key).append('=').append(value).append("\r\n");
    }
}
