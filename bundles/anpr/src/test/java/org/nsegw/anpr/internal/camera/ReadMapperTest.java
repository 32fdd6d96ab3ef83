package org.nsegw.anpr.internal.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;

class ReadMapperTest {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final Instant RECEIVED = Instant.parse("2026-11-23T02:00:00Z");
    static final CameraSettings FRONT = new CameraSettings("anpr-L1-front", "L1", CameraPosition.FRONT, "hikvision", "forward",
            Duration.ofSeconds(2), Duration.ofSeconds(300), 60);

    static CameraEvent event(OffsetDateTime time, String plate, String color, int confidence, String direction) {
        return new CameraEvent("ev-1", "192.168.10.11", 1, time, plate, color, confidence, "truck", direction, 1, List.of());
    }

    static OffsetDateTime cameraClock(double offsetSeconds) {
        return RECEIVED.plusMillis((long) (offsetSeconds * 1000)).atOffset(CST);
    }

    @Test
    void aGoodReadKeepsTheCameraTimeAndTiesItToTheLaneAndPosition() {
        PlateRead r = ReadMapper.map(event(cameraClock(-0.4), "蓝浙A12345", "blue", 93, "forward"), FRONT, RECEIVED, List.of());
        assertThat(r.cameraId()).isEqualTo("anpr-L1-front");
        assertThat(r.lane()).isEqualTo("L1");
        assertThat(r.position()).isEqualTo(CameraPosition.FRONT);
        assertThat(r.plate()).isEqualTo("浙A12345");
        assertThat(r.rawText()).isEqualTo("蓝浙A12345");
        assertThat(r.kind()).isEqualTo(PlateKind.NORMAL);
        assertThat(r.color()).isEqualTo(PlateColor.BLUE);
        assertThat(r.time()).isEqualTo(RECEIVED.minusMillis(400));
        assertThat(r.cameraTime()).isEqualTo(RECEIVED.minusMillis(400));
        assertThat(r.received()).isEqualTo(RECEIVED);
        assertThat(r.flags()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.contains("colour word"));
        assertThat(r.eventId()).isEqualTo("ev-1");
    }

    @ParameterizedTest
    @CsvSource({"-2.0, false", "2.0, false", "-2.001, true", "2.5, true", "-3600, true", "63, true"})
    void aTimeBeyondTheToleranceIsFlaggedAndTheReceiveTimeUsed(double offset, boolean flagged) {
        PlateRead r = ReadMapper.map(event(cameraClock(offset), "浙A12345", "", 90, ""), FRONT, RECEIVED, List.of());
        assertThat(r.flags().contains(PlateReadFlag.CLOCK_OFFSET)).isEqualTo(flagged);
        assertThat(r.time()).isEqualTo(flagged ? RECEIVED : cameraClock(offset).toInstant());
        assertThat(r.cameraTime()).as("the camera's time is kept either way").isEqualTo(cameraClock(offset).toInstant());
        if (flagged) {
            assertThat(r.notes()).anyMatch(n -> n.contains(offset > 0 ? "ahead of" : "behind") && n.contains("tolerance 2.0 s"));
        }
    }

    @Test
    void aReadWithoutTimeGetsTheReceiveTimeAndSaysSo() {
        PlateRead r = ReadMapper.map(event(null, "浙A12345", "", 90, ""), FRONT, RECEIVED, List.of());
        assertThat(r.time()).isEqualTo(RECEIVED);
        assertThat(r.cameraTime()).isNull();
        assertThat(r.flags()).containsExactly(PlateReadFlag.NO_CAMERA_TIME);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "forward  | forward | false",
        "reverse  | forward | true",
        "Reverse  | forward | true",
        "反向      | forward | true",
        "unknown  | forward | false",
        "''       | forward | false",
        "reverse  | any     | false",
        "forward  | reverse | true"})
    void aVehicleMovingAgainstTheCamerasDirectionIsFlaggedNotDropped(String seen, String expected, boolean flagged) {
        CameraSettings s = new CameraSettings("c", "L1", CameraPosition.REAR, "dahua", expected, Duration.ofSeconds(2),
                Duration.ofSeconds(60), 0);
        PlateRead r = ReadMapper.map(event(cameraClock(0), "浙A12345", "", 90, seen), s, RECEIVED, List.of());
        assertThat(r.flags().contains(PlateReadFlag.WRONG_DIRECTION)).isEqualTo(flagged);
        assertThat(r.plate()).isEqualTo("浙A12345");
    }

    @ParameterizedTest
    @CsvSource({"59, true", "60, false", "-1, true", "0, true", "100, false"})
    void lowOrMissingConfidenceIsFlagged(int confidence, boolean flagged) {
        PlateRead r = ReadMapper.map(event(cameraClock(0), "浙A12345", "", confidence, ""), FRONT, RECEIVED, List.of());
        assertThat(r.flags().contains(PlateReadFlag.LOW_CONFIDENCE)).isEqualTo(flagged);
        assertThat(r.confidence()).isEqualTo(confidence);
    }

    @Test
    void withoutAThresholdOnlyAMissingConfidenceIsFlagged() {
        CameraSettings s = new CameraSettings("c", "L1", CameraPosition.GATE, "hikvision", "any", Duration.ofSeconds(2),
                Duration.ofSeconds(60), 0);
        assertThat(ReadMapper.map(event(cameraClock(0), "浙A12345", "", 0, ""), s, RECEIVED, List.of()).flags()).isEmpty();
        assertThat(ReadMapper.map(event(cameraClock(0), "浙A12345", "", -1, ""), s, RECEIVED, List.of()).flags())
                .containsExactly(PlateReadFlag.LOW_CONFIDENCE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"无车牌", "''", "浙A1234", "浙AO1234", "XYZ"})
    void anUnreadablePlateIsKeptWithItsRawTextAndTheReason(String text) {
        PlateRead r = ReadMapper.map(event(cameraClock(0), text, "", 30, ""), FRONT, RECEIVED, List.of());
        assertThat(r.isReadable()).isFalse();
        assertThat(r.kind()).isEqualTo(PlateKind.UNREADABLE);
        assertThat(r.rawText()).isEqualTo(text);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("unreadable: "));
        assertThat(r.eventId()).isEqualTo("ev-1");
    }
}
