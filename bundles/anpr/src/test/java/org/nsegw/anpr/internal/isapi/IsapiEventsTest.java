package org.nsegw.anpr.internal.isapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nsegw.anpr.internal.Fixtures.bytes;
import static org.nsegw.anpr.internal.Fixtures.jpeg;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.Limits;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.event.Picture;

class IsapiEventsTest {

    private static final byte[] PLATE_JPEG = jpeg(160, 48, 1);
    private static final byte[] SCENE_JPEG = jpeg(320, 240, 2);

    private static final List<IsapiPart> TWO_PICTURES = List.of(
            new IsapiPart("licensePlatePicture.jpg", "image/jpeg", PLATE_JPEG),
            new IsapiPart("detectionPicture.jpg", "image/jpeg", SCENE_JPEG));

    @Test
    void hikvisionNamespaceWithAColourInThePlateText() throws MalformedEvent {
        CameraEvent e = read("isapi/anpr-hikvision-namespace.xml", TWO_PICTURES);
        assertThat(e.eventId()).isEqualTo("5f0c1e7a-88b2-4c1d-9e61-1a2b3c4d5e6f");
        assertThat(e.device()).isEqualTo("10.20.1.31");
        assertThat(e.channel()).isEqualTo(1);
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:26:53.418+08:00"));
        assertThat(e.plateText()).isEqualTo("蓝皖A7XG66");
        assertThat(e.plateColor()).isEqualTo("blue");
        assertThat(e.confidence()).isEqualTo(96);
        assertThat(e.vehicleType()).isEqualTo("vehicle");
        assertThat(e.direction()).isEqualTo("forward");
        assertThat(e.lane()).isEqualTo(1);
        assertThat(e.pictures()).containsExactly(
                new Picture("licensePlatePicture.jpg", "plate", PLATE_JPEG),
                new Picture("detectionPicture.jpg", "scene", SCENE_JPEG));
    }

    @Test
    void isapiNamespaceReadsTheSame() throws MalformedEvent {
        CameraEvent e = read("isapi/anpr-isapi-namespace.xml",
                List.of(new IsapiPart("vehiclePicture.jpg", "image/jpeg; charset=binary", SCENE_JPEG)));
        assertThat(e.eventId()).isEqualTo("9c3b0d52-1f4e-4a8a-b7d3-0e9f8a7b6c5d");
        assertThat(e.plateText()).isEqualTo("浙A·D8M21");
        assertThat(e.plateColor()).isEqualTo("yellow");
        assertThat(e.vehicleType()).isEqualTo("truck");
        assertThat(e.direction()).isEqualTo("reverse");
        assertThat(e.lane()).isEqualTo(2);
        assertThat(e.confidence()).isEqualTo(88);
        assertThat(e.pictures()).extracting(Picture::name, Picture::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("vehiclePicture.jpg", "scene"));
    }

    @Test
    void anyNamespaceAndNoneReadTheSame() throws MalformedEvent {
        String xml = new String(bytes("isapi/anpr-isapi-namespace.xml"), StandardCharsets.UTF_8);
        List<IsapiPart> part = List.of(new IsapiPart("vehiclePicture.jpg", "image/jpeg", SCENE_JPEG));
        CameraEvent reference = read(xml.getBytes(StandardCharsets.UTF_8), part);
        for (String ns : List.of("http://www.hikvision.com/ver10/XMLSchema", "http://www.isapi.com/ver20/XMLSchema")) {
            String other = xml.replace("http://www.isapi.org/ver20/XMLSchema", ns);
            assertThat(read(other.getBytes(StandardCharsets.UTF_8), part)).isEqualTo(reference);
        }
        String none = xml.replace(" xmlns=\"http://www.isapi.org/ver20/XMLSchema\"", "");
        assertThat(read(none.getBytes(StandardCharsets.UTF_8), part)).isEqualTo(reference);
        String prefixed = xml.replace("<EventNotificationAlert version=\"2.0\" xmlns=", "<h:EventNotificationAlert version=\"2.0\" xmlns:h=")
                .replace("</EventNotificationAlert>", "</h:EventNotificationAlert>");
        assertThat(read(prefixed.getBytes(StandardCharsets.UTF_8), part)).isEqualTo(reference);
    }

    @Test
    void withoutUuidTheIdIsDerivedAndStable() throws MalformedEvent {
        CameraEvent once = read("isapi/anpr-without-uuid.xml", List.of());
        CameraEvent again = read("isapi/anpr-without-uuid.xml", List.of());
        assertThat(once.eventId()).startsWith("isapi-").hasSize(6 + 32).isEqualTo(again.eventId());
        assertThat(once.plateText()).isEqualTo("无车牌");
        assertThat(once.confidence()).isZero();
        assertThat(once.pictures()).isEmpty();

        String other = new String(bytes("isapi/anpr-without-uuid.xml"), StandardCharsets.UTF_8).replace("09:30:00", "09:30:01");
        assertThat(read(other.getBytes(StandardCharsets.UTF_8), List.of()).eventId()).isNotEqualTo(once.eventId());
    }

    @Test
    void jsonVariant() throws MalformedEvent {
        CameraEvent e = read("isapi/anpr.json", TWO_PICTURES);
        assertThat(e.eventId()).isEqualTo("e1d2c3b4-a596-4788-9900-aabbccddeeff");
        assertThat(e.device()).isEqualTo("10.20.1.34");
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:31:12+08:00"));
        assertThat(e.plateText()).isEqualTo("浙AD12345");
        assertThat(e.plateColor()).isEqualTo("green");
        assertThat(e.confidence()).isEqualTo(93);
        assertThat(e.lane()).isEqualTo(1);
        assertThat(e.pictures()).extracting(Picture::role).containsExactly("plate", "scene");
    }

    @Test
    void jsonWrappedInItsRootNameWithStringNumbersAndASinglePictureInfo() throws MalformedEvent {
        CameraEvent e = read("isapi/anpr-wrapped.json", List.of(new IsapiPart("licensePlatePicture.jpg", "", PLATE_JPEG)));
        assertThat(e.channel()).isEqualTo(2);
        assertThat(e.lane()).isEqualTo(3);
        assertThat(e.confidence()).isEqualTo(91);
        assertThat(e.plateText()).isEqualTo("浙A1234挂");
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T01:31:12Z"));
        assertThat(e.eventId()).startsWith("isapi-");
        assertThat(e.pictures()).extracting(Picture::role).containsExactly("plate");
    }

    @ParameterizedTest(name = "{0} is a sign of life: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            isapi/heartbeat.xml           | heartBeat active
            isapi/videoloss-heartbeat.xml | videoloss inactive
            isapi/heartbeat.json          | heartBeat active
            """)
    void heartbeatsAreSignsOfLife(String fixture, String what) throws MalformedEvent {
        CameraMessage m = IsapiEvents.parse(bytes(fixture), List.of());
        assertThat(m).isInstanceOf(CameraMessage.Alive.class);
        assertThat(((CameraMessage.Alive) m).what()).isEqualTo(what);
        assertThat(((CameraMessage.Alive) m).device()).startsWith("10.20.1.3");
    }

    @Test
    void anInactiveAnprEventIsNotARead() throws MalformedEvent {
        String xml = new String(bytes("isapi/anpr-without-uuid.xml"), StandardCharsets.UTF_8)
                .replace("<eventState>active</eventState>", "<eventState>inactive</eventState>");
        assertThat(IsapiEvents.parse(xml.getBytes(StandardCharsets.UTF_8), List.of()))
                .isEqualTo(new CameraMessage.Alive("10.20.1.33", "ANPR inactive"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            isapi/broken/xxe-file.xml                | a DOCTYPE is not allowed
            isapi/broken/xxe-parameter-entity.xml    | a DOCTYPE is not allowed
            isapi/broken/billion-laughs.xml          | a DOCTYPE is not allowed
            isapi/broken/truncated.xml               | not well-formed XML
            isapi/broken/wrong-root.xml              | root element is 'ResponseStatus', not EventNotificationAlert
            isapi/broken/missing-plate.xml           | no licensePlate in EventNotificationAlert/ANPR
            isapi/broken/bad-datetime.xml            | dateTime '2026-03-14 09:26:53' is not an ISO-8601 time with a UTC offset
            isapi/broken/confidence-out-of-range.xml | confidenceLevel 140 is outside 0..100
            isapi/broken/two-plates.xml              | EventNotificationAlert/ANPR/licensePlate appears 2 times
            isapi/broken/no-event-type.xml           | no eventType
            isapi/broken/missing-fields.json         | no licensePlate in EventNotificationAlert/ANPR
            isapi/broken/duplicate-key.json          | not valid JSON: Duplicate field 'licensePlate'
            isapi/broken/truncated.json              | not valid JSON
            """)
    void brokenMessagesAreMalformed(String fixture, String message) {
        assertThatThrownBy(() -> IsapiEvents.parse(bytes(fixture), List.of()))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining(message);
    }

    @Test
    void anXxePayloadNeverReadsTheFile() {
        assertThatThrownBy(() -> IsapiEvents.parse(bytes("isapi/broken/xxe-file.xml"), List.of()))
                .isInstanceOf(MalformedEvent.class)
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain("root:").doesNotContain("/bin/"));
    }

    @Test
    void aDeclaredPictureMustCome() {
        assertThatThrownBy(() -> IsapiEvents.parse(bytes("isapi/anpr-hikvision-namespace.xml"), TWO_PICTURES.subList(0, 1)))
                .isInstanceOf(MalformedEvent.class)
                .hasMessage("pictureInfo 'detectionPicture.jpg' is declared but no part of that name came");
    }

    @Test
    void picturesAreMatchedByNameIgnoringCaseAndOrder() throws MalformedEvent {
        CameraEvent e = read("isapi/anpr-hikvision-namespace.xml", List.of(
                new IsapiPart("DetectionPicture.JPG", "image/jpeg", SCENE_JPEG),
                new IsapiPart("licensePlatePicture.jpg", "image/jpeg", PLATE_JPEG),
                new IsapiPart("extra.jpg", "image/jpeg", SCENE_JPEG)));
        assertThat(e.pictures()).extracting(Picture::name).containsExactly("licensePlatePicture.jpg", "detectionPicture.jpg");
    }

    @Test
    void aPictureMustBeAJpeg() {
        List<IsapiPart> png = List.of(TWO_PICTURES.get(0), new IsapiPart("detectionPicture.jpg", "image/png", SCENE_JPEG));
        assertThatThrownBy(() -> IsapiEvents.parse(bytes("isapi/anpr-hikvision-namespace.xml"), png))
                .isInstanceOf(MalformedEvent.class).hasMessage("picture 'detectionPicture.jpg' is 'image/png', not a JPEG");

        byte[] cut = java.util.Arrays.copyOf(SCENE_JPEG, SCENE_JPEG.length / 2);
        List<IsapiPart> truncated = List.of(TWO_PICTURES.get(0), new IsapiPart("detectionPicture.jpg", "image/jpeg", cut));
        assertThatThrownBy(() -> IsapiEvents.parse(bytes("isapi/anpr-hikvision-namespace.xml"), truncated))
                .isInstanceOf(MalformedEvent.class)
                .hasMessage("picture 'detectionPicture.jpg' is not a JPEG (no FF D8 at the start or no FF D9 at the end)");
    }

    @Test
    void withoutPictureInfoEveryPartIsAPictureAndPicNumMustBeKept() throws MalformedEvent {
        String xml = new String(bytes("isapi/anpr-without-uuid.xml"), StandardCharsets.UTF_8)
                .replace("</EventNotificationAlert>", "<picNum>2</picNum></EventNotificationAlert>");
        byte[] doc = xml.getBytes(StandardCharsets.UTF_8);
        CameraEvent e = ((CameraMessage.Read) IsapiEvents.parse(doc, TWO_PICTURES)).event();
        assertThat(e.pictures()).extracting(Picture::role).containsExactly("plate", "scene");
        assertThatThrownBy(() -> IsapiEvents.parse(doc, TWO_PICTURES.subList(0, 1)))
                .isInstanceOf(MalformedEvent.class).hasMessage("picNum is 2 but 1 picture parts came");
    }

    @Test
    void limitsAreKept() {
        byte[] huge = new byte[Limits.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '<';
        assertThatThrownBy(() -> IsapiEvents.parse(huge, List.of()))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("more than the 262144 allowed");

        List<IsapiPart> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new IsapiPart("p" + i + ".jpg", "image/jpeg", SCENE_JPEG));
        }
        assertThatThrownBy(() -> IsapiEvents.parse(bytes("isapi/anpr-without-uuid.xml"), nine))
                .isInstanceOf(MalformedEvent.class).hasMessage("9 picture parts: more than 8");

        byte[] big = new byte[Limits.MAX_PICTURE_BYTES + 1];
        List<IsapiPart> oversized = List.of(TWO_PICTURES.get(0), new IsapiPart("detectionPicture.jpg", "image/jpeg", big));
        assertThatThrownBy(() -> IsapiEvents.parse(bytes("isapi/anpr-hikvision-namespace.xml"), oversized))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("more than the 8388608 allowed");
    }

    @Test
    void neitherXmlNorJson() {
        assertThatThrownBy(() -> IsapiEvents.parse("ANPR 浙A12345".getBytes(StandardCharsets.UTF_8), List.of()))
                .isInstanceOf(MalformedEvent.class).hasMessage("event document is neither XML nor JSON: it starts with 'A'");
        assertThatThrownBy(() -> IsapiEvents.parse(" \r\n".getBytes(StandardCharsets.UTF_8), List.of()))
                .isInstanceOf(MalformedEvent.class).hasMessage("empty event document");
    }

    @Test
    void aLineBreakBeforeTheXmlDeclarationIsTolerated() throws MalformedEvent {
        byte[] doc = ("\r\n" + new String(bytes("isapi/anpr-without-uuid.xml"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertThat(read(doc, List.of()).plateText()).isEqualTo("无车牌");
    }

    private static CameraEvent read(String fixture, List<IsapiPart> parts) throws MalformedEvent {
        return read(bytes(fixture), parts);
    }

    private static CameraEvent read(byte[] document, List<IsapiPart> parts) throws MalformedEvent {
        CameraMessage m = IsapiEvents.parse(document, parts);
        assertThat(m).isInstanceOf(CameraMessage.Read.class);
        return ((CameraMessage.Read) m).event();
    }

    @Test
    void aWholePushRequest() throws MalformedEvent {
        byte[] body = new org.nsegw.anpr.internal.stream.Multipart("MIME_boundary")
                .part("application/xml", bytes("isapi/anpr-hikvision-namespace.xml"),
                        "Content-Disposition: form-data; name=\"anpr.xml\"; filename=\"anpr.xml\"")
                .part("image/jpeg", PLATE_JPEG,
                        "Content-Disposition: form-data; name=\"licensePlatePicture.jpg\"; filename=\"licensePlatePicture.jpg\"")
                .part("image/jpeg", SCENE_JPEG,
                        "Content-Disposition: form-data; name=\"detectionPicture.jpg\"; filename=\"detectionPicture.jpg\"")
                .close().bytes();
        CameraMessage m = IsapiEvents.parseRequest("multipart/form-data; boundary=MIME_boundary", body);
        assertThat(((CameraMessage.Read) m).event().pictures()).containsExactly(
                new Picture("licensePlatePicture.jpg", "plate", PLATE_JPEG),
                new Picture("detectionPicture.jpg", "scene", SCENE_JPEG));

        assertThat(IsapiEvents.parseRequest("application/xml", bytes("isapi/heartbeat.xml")))
                .isInstanceOf(CameraMessage.Alive.class);
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 20);
        assertThatThrownBy(() -> IsapiEvents.parseRequest("multipart/form-data; boundary=MIME_boundary", cut))
                .isInstanceOf(MalformedEvent.class).hasMessage("the multipart body ends without its close delimiter: cut short?");
        assertThatThrownBy(() -> IsapiEvents.parseRequest("multipart/form-data", body))
                .isInstanceOf(MalformedEvent.class).hasMessage("a multipart request without a boundary");
    }
}
