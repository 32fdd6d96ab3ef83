package org.nsegw.anpr.internal.dahua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nsegw.anpr.internal.Fixtures.bytes;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.Limits;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.event.Picture;

class DahuaEventsTest {

    private static final ZoneId SHANGHAI = DahuaEvents.DEFAULT_ZONE;

    @Test
    void tollgateInfo() throws MalformedEvent {
        CameraEvent e = DahuaEvents.tollgate(bytes("dahua/tollgate.json"), SHANGHAI);
        assertThat(e.device()).isEqualTo("6J0A8E2PAZ3C71F");
        assertThat(e.channel()).isEqualTo(1);
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:41:07.253+08:00"));
        assertThat(e.plateText()).isEqualTo("浙A8K3Q2");
        assertThat(e.plateColor()).isEqualTo("Yellow");
        assertThat(e.confidence()).isEqualTo(97);
        assertThat(e.vehicleType()).isEqualTo("LargeTruck");
        assertThat(e.direction()).isEqualTo("Obverse");
        assertThat(e.lane()).isEqualTo(1);
        assertThat(e.pictures()).extracting(Picture::name, Picture::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("20260314094107253_plate.jpg", "plate"),
                org.assertj.core.groups.Tuple.tuple("20260314094107253_normal.jpg", "scene"));
        assertThat(e.pictures()).allSatisfy(p -> assertThat(p.looksLikeJpeg()).isTrue());
    }

    @Test
    void theIdIsDerivedAndTheSameForAResend() throws MalformedEvent {
        CameraEvent once = DahuaEvents.tollgate(bytes("dahua/tollgate.json"), SHANGHAI);
        CameraEvent again = DahuaEvents.tollgate(bytes("dahua/tollgate.json"), SHANGHAI);
        assertThat(once.eventId()).startsWith("dahua-").hasSize(6 + 32).isEqualTo(again.eventId());
        String next = new String(bytes("dahua/tollgate.json"), StandardCharsets.UTF_8).replace("09:41:07.253", "09:41:09.001");
        assertThat(DahuaEvents.tollgate(next.getBytes(StandardCharsets.UTF_8), SHANGHAI).eventId()).isNotEqualTo(once.eventId());
    }

    @Test
    void theCamerasZoneGivesTheOffset() throws MalformedEvent {
        CameraEvent e = DahuaEvents.tollgate(bytes("dahua/tollgate.json"), ZoneId.of("UTC"));
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:41:07.253Z"));
    }

    @Test
    void aTimeInADaylightSavingGapDoesNotExist() {
        String body = new String(bytes("dahua/tollgate-no-plate.json"), StandardCharsets.UTF_8)
                .replace("2026-03-14 09:43:00.000", "2026-03-29 02:30:00.000");
        assertThatThrownBy(() -> DahuaEvents.tollgate(body.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Berlin")))
                .isInstanceOf(MalformedEvent.class)
                .hasMessage("Picture.SnapInfo.AccurateTime '2026-03-29 02:30:00.000' does not exist in Europe/Berlin (a daylight-saving gap)");
    }

    @Test
    void colourInThePlateTextIsKeptAsSent() throws MalformedEvent {
        CameraEvent e = DahuaEvents.tollgate(bytes("dahua/tollgate-colour-in-plate.json"), SHANGHAI);
        assertThat(e.plateText()).isEqualTo("黄浙A12345");
        assertThat(e.lane()).isEqualTo(2);
        assertThat(e.direction()).isEqualTo("Reverse");
        assertThat(e.pictures()).extracting(Picture::role).containsExactly("scene");
    }

    @Test
    void aReadWithoutPlateOrPictures() throws MalformedEvent {
        CameraEvent e = DahuaEvents.tollgate(bytes("dahua/tollgate-no-plate.json"), SHANGHAI);
        assertThat(e.plateText()).isEqualTo("无车牌");
        assertThat(e.confidence()).isZero();
        assertThat(e.pictures()).isEmpty();
    }

    @Test
    void snapTimeStandsInForAMissingAccurateTime() throws MalformedEvent {
        String body = "{\"Picture\":{\"Plate\":{\"PlateNumber\":\"浙A12345\"},"
                + "\"SnapInfo\":{\"SnapTime\":\"2026-03-14 09:44:00\",\"DeviceID\":\"X\",\"Lane\":3}}}";
        CameraEvent e = DahuaEvents.tollgate(body.getBytes(StandardCharsets.UTF_8), SHANGHAI);
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:44:00+08:00"));
        assertThat(e.lane()).isEqualTo(3);
        assertThat(e.confidence()).isEqualTo(-1);
    }

    @Test
    void base64MayBeBrokenIntoLines() throws MalformedEvent {
        String body = new String(bytes("dahua/tollgate-colour-in-plate.json"), StandardCharsets.UTF_8);
        String content = body.replaceAll("(?s).*\"Content\": \"([^\"]+)\".*", "$1");
        String wrapped = content.replaceAll("(.{76})", "$1\\\\r\\\\n");
        CameraEvent e = DahuaEvents.tollgate(body.replace(content, wrapped).getBytes(StandardCharsets.UTF_8), SHANGHAI);
        assertThat(e.pictures().get(0).jpeg()).isEqualTo(Base64.getDecoder().decode(content));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            dahua/broken/bad-base64.json             | Picture.NormalPic.Content is not base64
            dahua/broken/not-a-jpeg.json             | Picture.NormalPic.Content is not a JPEG
            dahua/broken/missing-plate-number.json   | no Picture.Plate.PlateNumber
            dahua/broken/missing-time.json           | no Picture.SnapInfo.AccurateTime
            dahua/broken/bad-time.json               | Picture.SnapInfo.AccurateTime '2026-03-14T09:44:00+08:00' is not yyyy-MM-dd HH:mm:ss.SSS
            dahua/broken/no-picture.json             | no TollgateInfo.Picture
            dahua/broken/confidence-out-of-range.json | Picture.Plate.Confidence 250 is outside 0..100
            dahua/broken/truncated.json              | TollgateInfo is not valid JSON
            """)
    void brokenTollgateInfo(String fixture, String message) {
        assertThatThrownBy(() -> DahuaEvents.tollgate(bytes(fixture), SHANGHAI))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining(message);
    }

    @Test
    void keepAlive() throws MalformedEvent {
        assertThat(DahuaEvents.keepAlive(bytes("dahua/keepalive.json")))
                .isEqualTo(new CameraMessage.Alive("6J0A8E2PAZ3C71F", "KeepAlive"));
        assertThat(DahuaEvents.keepAlive(new byte[0])).isEqualTo(new CameraMessage.Alive("", "KeepAlive"));
        assertThatThrownBy(() -> DahuaEvents.keepAlive("alive".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("KeepAlive is not valid JSON");
    }

    @Test
    void pushesAreToldApartByPath() throws MalformedEvent {
        assertThat(DahuaEvents.parse("/NotificationInfo/TollgateInfo", bytes("dahua/tollgate.json"), SHANGHAI))
                .isInstanceOf(CameraMessage.Read.class);
        assertThat(DahuaEvents.parse("/NotificationInfo/KeepAlive/?x=1", bytes("dahua/keepalive.json"), SHANGHAI))
                .isInstanceOf(CameraMessage.Alive.class);
        assertThatThrownBy(() -> DahuaEvents.parse("/NotificationInfo/Other", new byte[0], SHANGHAI))
                .isInstanceOf(MalformedEvent.class).hasMessage("no ITSAPI message is posted to '/NotificationInfo/Other'");
    }

    @Test
    void limitsAreKept() {
        byte[] huge = new byte[Limits.MAX_DAHUA_BODY_BYTES + 1];
        assertThatThrownBy(() -> DahuaEvents.tollgate(huge, SHANGHAI))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("more than the 25165824 allowed");
        String bigPicture = "{\"Picture\":{\"Plate\":{\"PlateNumber\":\"浙A12345\"},"
                + "\"SnapInfo\":{\"AccurateTime\":\"2026-03-14 09:44:00.000\"},"
                + "\"NormalPic\":{\"Content\":\"" + "A".repeat(Limits.MAX_PICTURE_BYTES / 3 * 4 + 8) + "\"}}}";
        assertThatThrownBy(() -> DahuaEvents.tollgate(bigPicture.getBytes(StandardCharsets.UTF_8), SHANGHAI))
                .isInstanceOf(MalformedEvent.class)
                .hasMessage("Picture.NormalPic.Content holds more than the 8388608 bytes allowed for a picture");
    }
}
