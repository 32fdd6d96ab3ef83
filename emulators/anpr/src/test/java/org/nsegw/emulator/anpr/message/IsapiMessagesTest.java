package org.nsegw.emulator.anpr.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.Faults;
import org.nsegw.emulator.anpr.Fixtures;
import org.nsegw.emulator.anpr.IsapiNamespace;
import org.nsegw.emulator.anpr.MultipartReader;
import org.nsegw.emulator.anpr.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class IsapiMessagesTest {

    /** The documented alert of the front camera reading the combination: the format, byte for byte. */
    static final String GOLDEN_ALERT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
            <ipAddress>192.168.10.11</ipAddress>
            <portNo>80</portNo>
            <protocol>HTTP</protocol>
            <macAddress>02:4e:53:9f:62:aa</macAddress>
            <channelID>1</channelID>
            <dateTime>2026-11-23T08:00:01.333+08:00</dateTime>
            <activePostCount>1</activePostCount>
            <eventType>ANPR</eventType>
            <eventState>active</eventState>
            <eventDescription>ANPR</eventDescription>
            <channelName>anpr-L1-front</channelName>
            <ANPR>
            <licensePlate>浙A3K725</licensePlate>
            <line>1</line>
            <direction>forward</direction>
            <confidenceLevel>96</confidenceLevel>
            <plateType>92TypeCivil</plateType>
            <plateColor>yellow</plateColor>
            <licenseBright>0</licenseBright>
            <vehicleType>truck</vehicleType>
            <pictureInfoList>
            <pictureInfo>
            <fileName>licensePlatePicture.jpg</fileName>
            <type>licensePlatePicture</type>
            <dataType>0</dataType>
            <absTime>20261123080001333</absTime>
            </pictureInfo>
            <pictureInfo>
            <fileName>detectionPicture.jpg</fileName>
            <type>detectionPicture</type>
            <dataType>0</dataType>
            <absTime>20261123080001333</absTime>
            <plateRect>
            <X>635</X>
            <Y>785</Y>
            <width>330</width>
            <height>105</height>
            </plateRect>
            </pictureInfo>
            </pictureInfoList>
            <originalLicensePlate>浙A3K725</originalLicensePlate>
            </ANPR>
            <UUID>9e54d738-297f-47ae-b474-724a775b19bf</UUID>
            <picNum>2</picNum>
            </EventNotificationAlert>
            """;

    @Test
    void theAlertIsExactlyAsDocumented() {
        assertThat(IsapiMessages.alertXml(Fixtures.event(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.FRONT)))
                .isEqualTo(GOLDEN_ALERT);
    }

    @ParameterizedTest
    @EnumSource(IsapiNamespace.class)
    void thePushIsFormDataWithTheAlertAndBothPictures(IsapiNamespace ns) throws Exception {
        EmulatedCamera camera = Fixtures.camera(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.FRONT).withNamespace(ns);
        AnprEvent e = Fixtures.event(camera, Faults.NONE);
        HttpBody body = IsapiMessages.push(e);

        assertThat(body.contentType()).startsWith("multipart/form-data; boundary=");
        List<MultipartReader.Part> parts = MultipartReader.parse(body.bytes(), MultipartReader.boundary(body.contentType()));
        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(p -> p.header("content-disposition")).containsExactly(
                "form-data; name=\"anpr.xml\"; filename=\"anpr.xml\"",
                "form-data; name=\"licensePlatePicture.jpg\"; filename=\"licensePlatePicture.jpg\"",
                "form-data; name=\"detectionPicture.jpg\"; filename=\"detectionPicture.jpg\"");
        assertThat(parts).extracting(p -> p.header("content-type"))
                .containsExactly("application/xml; charset=\"UTF-8\"", "image/jpeg", "image/jpeg");
        for (MultipartReader.Part p : parts) {
            assertThat(Integer.parseInt(p.header("content-length"))).isEqualTo(p.body().length);
        }

        Document doc = Xml.parse(parts.get(0).body());
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("EventNotificationAlert");
        assertThat(root.getNamespaceURI()).isEqualTo(ns.uri());
        assertThat(root.getAttribute("version")).isEqualTo("2.0");
        assertThat(Xml.text(root, "ipAddress")).isEqualTo("192.168.10.11");
        assertThat(Xml.text(root, "channelID")).isEqualTo("1");
        assertThat(OffsetDateTime.parse(Xml.text(root, "dateTime"))).isEqualTo(e.cameraTime());
        assertThat(Xml.text(root, "dateTime")).endsWith("+08:00");
        assertThat(Xml.text(root, "eventType")).isEqualTo("ANPR");
        assertThat(Xml.text(root, "eventState")).isEqualTo("active");
        assertThat(Xml.text(root, "UUID")).isEqualTo(e.eventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Xml.text(root, "picNum")).isEqualTo("2");
        Element anpr = Xml.child(root, "ANPR", 0);
        assertThat(Xml.text(anpr, "licensePlate")).isEqualTo("浙A3K725");
        assertThat(Xml.text(anpr, "line")).isEqualTo("1");
        assertThat(Xml.text(anpr, "direction")).isEqualTo("forward");
        assertThat(Integer.parseInt(Xml.text(anpr, "confidenceLevel"))).isEqualTo(e.confidence()).isBetween(85, 99);
        assertThat(Xml.text(anpr, "plateColor")).isEqualTo("yellow");
        assertThat(Xml.text(anpr, "plateType")).isEqualTo("92TypeCivil");
        assertThat(Xml.text(anpr, "vehicleType")).isEqualTo("truck");
        Element plateInfo = Xml.child(anpr, "pictureInfo", 0);
        Element sceneInfo = Xml.child(anpr, "pictureInfo", 1);
        assertThat(Xml.text(plateInfo, "fileName")).isEqualTo("licensePlatePicture.jpg");
        assertThat(Xml.text(sceneInfo, "fileName")).isEqualTo("detectionPicture.jpg");
        assertThat(Xml.text(sceneInfo, "absTime")).isEqualTo("20261123080001333");
        Element rect = Xml.child(sceneInfo, "plateRect", 0);
        assertThat(Integer.parseInt(Xml.text(rect, "X"))).isEqualTo(e.images().plate().x());
        assertThat(Integer.parseInt(Xml.text(rect, "width"))).isEqualTo(e.images().plate().width());

        BufferedImage plate = ImageIO.read(new ByteArrayInputStream(parts.get(1).body()));
        BufferedImage scene = ImageIO.read(new ByteArrayInputStream(parts.get(2).body()));
        assertThat(plate).isNotNull();
        assertThat(scene.getWidth()).isEqualTo(e.images().sceneWidth());
        assertThat(parts.get(2).body()).isEqualTo(e.images().scene());
    }

    @Test
    void theSameEventGivesTheSameBytes() {
        assertThat(IsapiMessages.push(Fixtures.event(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.REAR)).bytes())
                .isEqualTo(IsapiMessages.push(Fixtures.event(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.REAR)).bytes());
    }

    @Test
    void theRearCameraReadsTheTrailerPlateDrivingAway() throws Exception {
        AnprEvent e = Fixtures.event(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.REAR);
        Element root = Xml.parse(IsapiMessages.alertXml(e).getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(Xml.text(root, "licensePlate")).isEqualTo("浙A1234挂");
        assertThat(Xml.text(root, "direction")).isEqualTo("reverse");
        assertThat(Xml.text(root, "dateTime")).isEqualTo("2026-11-23T08:00:05.081+08:00");
    }

    @Test
    void aColourPrefixAndMarkupInNamesSurviveTheXml() throws Exception {
        EmulatedCamera camera = EmulatedCamera.of("cam<&>\"'", "L2", CameraPosition.GATE, 0, CameraProtocol.HIKVISION_ISAPI_XML);
        AnprEvent e = Fixtures.event(camera, Faults.parse("colorprefix=1"));
        Element root = Xml.parse(IsapiMessages.alertXml(e).getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(Xml.text(root, "licensePlate")).isEqualTo("黄浙A3K725");
        assertThat(Xml.text(root, "channelName")).isEqualTo("cam<&>\"'");
        assertThat(Xml.text(root, "line")).isEqualTo("2");
    }

    @Test
    void theJsonVariantCarriesTheSameFields() throws Exception {
        AnprEvent e = Fixtures.event(CameraProtocol.HIKVISION_ISAPI_JSON, CameraPosition.FRONT);
        HttpBody body = IsapiMessages.push(e);
        List<MultipartReader.Part> parts = MultipartReader.parse(body.bytes(), MultipartReader.boundary(body.contentType()));
        assertThat(parts.get(0).header("content-type")).isEqualTo("application/json; charset=\"UTF-8\"");
        assertThat(parts.get(0).header("content-disposition")).contains("name=\"anpr.json\"");
        JsonNode root = new ObjectMapper().readTree(parts.get(0).body());
        assertThat(root.path("eventType").asText()).isEqualTo("ANPR");
        assertThat(root.path("ipAddress").asText()).isEqualTo("192.168.10.11");
        assertThat(root.path("channelID").asInt()).isEqualTo(1);
        assertThat(OffsetDateTime.parse(root.path("dateTime").asText())).isEqualTo(e.cameraTime());
        assertThat(root.path("UUID").asText()).isEqualTo(e.eventId());
        assertThat(root.path("picNum").asInt()).isEqualTo(2);
        JsonNode anpr = root.path("ANPR");
        assertThat(anpr.path("licensePlate").asText()).isEqualTo("浙A3K725");
        assertThat(anpr.path("line").asInt()).isEqualTo(1);
        assertThat(anpr.path("direction").asText()).isEqualTo("forward");
        assertThat(anpr.path("confidenceLevel").asInt()).isEqualTo(e.confidence());
        assertThat(anpr.path("plateColor").asText()).isEqualTo("yellow");
        assertThat(anpr.path("vehicleType").asText()).isEqualTo("truck");
        assertThat(anpr.path("pictureInfoList")).hasSize(2);
        assertThat(anpr.path("pictureInfoList").get(1).path("plateRect").path("height").asInt()).isEqualTo(e.images().plate().height());
        assertThat(ImageIO.read(new ByteArrayInputStream(parts.get(1).body()))).isNotNull();
    }

    @Test
    void aHeartbeatIsVideolossInactive() throws Exception {
        EmulatedCamera camera = Fixtures.camera(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.FRONT).withNamespace(IsapiNamespace.HIKVISION);
        OffsetDateTime t = OffsetDateTime.parse("2026-11-23T08:00:10.000+08:00");
        HttpBody body = IsapiMessages.heartbeat(camera, t);
        assertThat(body.contentType()).isEqualTo("application/xml; charset=\"UTF-8\"");
        Element root = Xml.parse(body.bytes()).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.hikvision.com/ver20/XMLSchema");
        assertThat(Xml.text(root, "eventType")).isEqualTo("videoloss");
        assertThat(Xml.text(root, "eventState")).isEqualTo("inactive");
        assertThat(Xml.text(root, "activePostCount")).isEqualTo("0");
        assertThat(OffsetDateTime.parse(Xml.text(root, "dateTime"))).isEqualTo(t);
        assertThat(root.getElementsByTagNameNS("*", "ANPR").getLength()).isZero();
    }

    @Test
    void theBoundaryNeverOccursInAPart() {
        AnprEvent e = Fixtures.event(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.FRONT);
        List<Multipart.Part> parts = IsapiMessages.parts(e, true);
        String boundary = IsapiMessages.boundary(e, parts);
        assertThat(Multipart.fits(boundary, parts)).isTrue();
        assertThat(boundary).startsWith("---------------------------7e").hasSize(40);
        // a boundary that does occur in a body is refused
        assertThat(Multipart.fits("abc", List.of(Multipart.plainPart("text/plain", "x\r\n--abc\r\n".getBytes(StandardCharsets.US_ASCII)))))
                .isFalse();
    }

    @Test
    void theStreamPartsCarryNoFormDisposition() {
        List<Multipart.Part> parts = IsapiMessages.parts(Fixtures.event(CameraProtocol.HIKVISION_ISAPI_XML, CameraPosition.FRONT), false);
        assertThat(parts.get(0).header("Content-Disposition")).isNull();
        assertThat(parts.get(0).header("Content-Type")).isEqualTo("application/xml; charset=\"UTF-8\"");
        assertThat(parts.get(1).header("Content-Disposition")).contains("licensePlatePicture.jpg");
    }
}
