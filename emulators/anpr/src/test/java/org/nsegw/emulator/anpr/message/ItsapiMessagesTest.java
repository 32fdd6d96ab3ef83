package org.nsegw.emulator.anpr.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.Faults;
import org.nsegw.emulator.anpr.Fixtures;
import org.nsegw.emulator.anpr.image.PlateImages;

class ItsapiMessagesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void tollgateInfoCarriesThePlateTheVehicleTheSnapAndBothPictures() throws Exception {
        AnprEvent e = Fixtures.event(CameraProtocol.DAHUA_ITSAPI, CameraPosition.REAR);
        HttpBody body = ItsapiMessages.tollgateInfo(e);
        assertThat(body.contentType()).isEqualTo("application/json;charset=UTF-8");
        JsonNode picture = json.readTree(body.bytes()).path("Picture");

        JsonNode plate = picture.path("Plate");
        assertThat(plate.path("PlateNumber").asText()).isEqualTo("浙A1234挂");
        assertThat(plate.path("PlateColor").asText()).isEqualTo("Yellow");
        assertThat(plate.path("PlateType").asText()).isEqualTo("DoubleYellow");
        assertThat(plate.path("Confidence").asInt()).isEqualTo(e.confidence());
        assertThat(plate.path("IsExist").asBoolean()).isTrue();
        assertThat(plate.path("Channel").asInt()).isZero();
        JsonNode box = plate.path("BoundingBox");
        assertThat(box).hasSize(4);
        PlateImages.Box px = e.images().plate();
        assertThat(box.get(0).asInt()).isEqualTo(Math.round(px.x() * 8192f / e.images().sceneWidth()));
        assertThat(box.get(3).asInt()).isEqualTo(Math.round((px.y() + px.height()) * 8192f / e.images().sceneHeight()));
        assertThat(box.get(2).asInt()).isGreaterThan(box.get(0).asInt()).isLessThanOrEqualTo(8192);

        assertThat(picture.path("Vehicle").path("VehicleType").asText()).isEqualTo("LargeTruck");
        assertThat(picture.path("Vehicle").path("VehicleColor").asText()).isEqualTo(e.vehicleColor());

        JsonNode snap = picture.path("SnapInfo");
        assertThat(snap.path("DeviceID").asText()).isEqualTo("EMU0000000B");
        assertThat(snap.path("Direction").asText()).isEqualTo("Reverse");
        assertThat(snap.path("LanNo").asInt()).isEqualTo(1);
        assertThat(snap.path("AccurateTime").asText()).isEqualTo("2026-11-23 08:00:05.081");
        assertThat(LocalDateTime.parse(snap.path("AccurateTime").asText(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")))
                .isEqualTo(e.cameraTime().toLocalDateTime().withNano(81_000_000));
        assertThat(snap.path("SnapTime").asText()).isEqualTo("2026-11-23 08:00:05");

        byte[] scene = Base64.getDecoder().decode(picture.path("NormalPic").path("Content").asText());
        byte[] cutout = Base64.getDecoder().decode(picture.path("CutoutPic").path("Content").asText());
        assertThat(scene).isEqualTo(e.images().scene());
        assertThat(ImageIO.read(new ByteArrayInputStream(scene)).getWidth()).isEqualTo(e.images().sceneWidth());
        assertThat(ImageIO.read(new ByteArrayInputStream(cutout))).isNotNull();
        assertThat(picture.path("NormalPic").path("PicName").asText()).isEqualTo(e.eventId() + ".jpg")
                .isEqualTo("EMU0000000B-20261123080005081-00001.jpg");
        assertThat(picture.path("CutoutPic").path("PicName").asText()).isEqualTo(e.eventId() + "-plate.jpg");
    }

    @Test
    void theJsonKeepsItsDocumentedOrderAndIsCompact() {
        String text = ItsapiMessages.tollgateJson(Fixtures.event(CameraProtocol.DAHUA_ITSAPI, CameraPosition.FRONT));
        assertThat(text).startsWith("{\"Picture\":{\"Plate\":{\"BoundingBox\":[").doesNotContain("\n").doesNotContain(": ");
        assertThat(text.indexOf("\"Vehicle\"")).isLessThan(text.indexOf("\"SnapInfo\""));
        assertThat(text.indexOf("\"SnapInfo\"")).isLessThan(text.indexOf("\"NormalPic\""));
        assertThat(text.indexOf("\"NormalPic\"")).isLessThan(text.indexOf("\"CutoutPic\""));
        assertThat(text).contains("\"PlateType\":\"Yellow\"", "\"Direction\":\"Obverse\"");
    }

    @Test
    void aColourPrefixedPlateIsSentAsIs() throws Exception {
        AnprEvent e = Fixtures.event(Fixtures.camera(CameraProtocol.DAHUA_ITSAPI, CameraPosition.FRONT), Faults.parse("colorprefix=1"));
        JsonNode plate = json.readTree(ItsapiMessages.tollgateInfo(e).bytes()).path("Picture").path("Plate");
        assertThat(plate.path("PlateNumber").asText()).isEqualTo("黄浙A3K725");
    }

    @Test
    void keepAliveNamesTheDevice() throws Exception {
        HttpBody body = ItsapiMessages.keepAlive(Fixtures.camera(CameraProtocol.DAHUA_ITSAPI, CameraPosition.FRONT));
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"Active\":\"keepAlive\",\"DeviceID\":\"EMU0000000B\"}");
        assertThat(body.contentType()).isEqualTo("application/json;charset=UTF-8");
    }

    @Test
    void theSnapEventIsKeyValueLinesThenTheScene() {
        AnprEvent e = Fixtures.event(CameraProtocol.DAHUA_ITSAPI, CameraPosition.REAR);
        List<Multipart.Part> parts = ItsapiMessages.snapParts(e);
        assertThat(parts).extracting(p -> p.header("Content-Type")).containsExactly("text/plain", "image/jpeg");
        String text = new String(parts.get(0).body(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\n\n");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            assertThat(line).matches("Events\\[0\\]\\.[A-Za-z.\\[\\]0-9]+=.*");
            int eq = line.indexOf('=');
            fields.put(line.substring("Events[0].".length(), eq), line.substring(eq + 1));
        }
        assertThat(fields).containsEntry("EventBaseInfo.Code", "TrafficJunction").containsEntry("EventBaseInfo.Action", "Pulse")
                .containsEntry("TrafficCar.PlateNumber", "浙A1234挂").containsEntry("TrafficCar.PlateColor", "Yellow")
                .containsEntry("Object.Confidence", String.valueOf(e.confidence())).containsEntry("Lane", "1")
                .containsEntry("EventID", "1").containsEntry("VehicleDirection", "Tail");
        long utc = Long.parseLong(fields.get("UTC")) * 1000 + Long.parseLong(fields.get("UTCMS"));
        assertThat(utc).isEqualTo(e.cameraTime().toInstant().toEpochMilli());
        assertThat(parts.get(1).body()).isEqualTo(e.images().scene());
        assertThat(new String(ItsapiMessages.snapHeartbeat().body(), StandardCharsets.US_ASCII)).isEqualTo("Heartbeat");
    }
}
