package org.nsegw.anpr.internal.dahua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.anpr.internal.Fixtures.bytes;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.stream.Multipart;
import org.nsegw.anpr.internal.stream.Pulled;
import org.nsegw.anpr.internal.stream.Refusal;

class DahuaSnapStreamTest {

    private static final ZoneId SHANGHAI = DahuaEvents.DEFAULT_ZONE;

    private static List<Pulled> pull(byte[] stream, int chunk) {
        DahuaSnapStream s = new DahuaSnapStream("myboundary", "anpr-L1-front", SHANGHAI);
        List<Pulled> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            out.addAll(s.feed(stream, i, Math.min(chunk, stream.length - i)));
        }
        out.addAll(s.end());
        return out;
    }

    private static CameraMessage message(Pulled p) {
        assertThat(p).isInstanceOf(Pulled.Message.class);
        return ((Pulled.Message) p).message();
    }

    private static CameraEvent read(Pulled p) {
        assertThat(message(p)).isInstanceOf(CameraMessage.Read.class);
        return ((CameraMessage.Read) message(p)).event();
    }

    @ParameterizedTest(name = "in chunks of {0} bytes")
    @ValueSource(ints = {1, 5, 64, 1 << 20})
    void attachFileProc(int chunk) {
        List<Pulled> out = pull(bytes("streams/dahua-attachfileproc.bin"), chunk);
        assertThat(out).hasSize(6);
        assertThat(message(out.get(0))).isEqualTo(new CameraMessage.Alive("anpr-L1-front", "Heartbeat"));

        CameraEvent e = read(out.get(1));
        assertThat(e.device()).isEqualTo("8M049B2PAJF3085");
        assertThat(e.plateText()).isEqualTo("浙A8K3Q2");
        assertThat(e.plateColor()).isEqualTo("Yellow");
        // LocaleTime in the camera's zone plus UTCMS; the UTC field (local time counted as UTC) is not used.
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:50:21.305+08:00"));
        assertThat(e.lane()).isEqualTo(2);
        assertThat(e.direction()).isEqualTo("Obverse");
        assertThat(e.vehicleType()).isEqualTo("LargeTruck");
        assertThat(e.confidence()).isEqualTo(-1);
        assertThat(e.eventId()).startsWith("dahua-");
        assertThat(e.pictures()).singleElement().satisfies(p -> {
            assertThat(p.role()).isEqualTo("scene");
            assertThat(p.name()).isEqualTo("snapshot.jpg");
            assertThat(p.looksLikeJpeg()).isTrue();
        });

        assertThat(message(out.get(2))).isEqualTo(new CameraMessage.Alive("anpr-L1-front", "Heartbeat"));
        CameraEvent unreadable = read(out.get(3));
        assertThat(unreadable.plateText()).isEqualTo("无车牌");
        assertThat(unreadable.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:50:26.012+08:00"));
        assertThat(unreadable.eventId()).isNotEqualTo(e.eventId());
        assertThat(unreadable.pictures()).hasSize(1);
        assertThat(message(out.get(4))).isEqualTo(new CameraMessage.Alive("anpr-L1-front", "VideoMotion"));
        assertThat(message(out.get(5))).isEqualTo(new CameraMessage.Alive("anpr-L1-front", "Heartbeat"));
    }

    @Test
    void theSameStreamGivesTheSameIds() {
        List<Pulled> once = pull(bytes("streams/dahua-attachfileproc.bin"), 100);
        List<Pulled> again = pull(bytes("streams/dahua-attachfileproc.bin"), 3);
        assertThat(read(once.get(1)).eventId()).isEqualTo(read(again.get(1)).eventId());
    }

    @Test
    void eventManagerTextIsReadTheSame() {
        List<Pulled> out = pull(bytes("streams/dahua-eventmanager.bin"), 17);
        assertThat(out).hasSize(2);
        CameraEvent e = read(out.get(0));
        assertThat(e.plateText()).isEqualTo("浙AD12345");
        assertThat(e.plateColor()).isEqualTo("Green");
        assertThat(e.direction()).isEqualTo("Reverse");
        assertThat(e.vehicleType()).isEqualTo("Motor");
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:51:02.040+08:00"));
        // No picture followed: the read is given without one when the next part is not an image.
        assertThat(e.pictures()).isEmpty();
        assertThat(message(out.get(1))).isEqualTo(new CameraMessage.Alive("anpr-L1-front", "Heartbeat"));
    }

    @Test
    void brokenPartsAreRefusedAndTheStreamGoesOn() {
        List<Pulled> out = pull(bytes("streams/dahua-attachfileproc-broken.bin"), 9);
        List<String> summary = out.stream().map(p -> p instanceof Pulled.Refused r ? r.reason() + ": " + r.detail()
                : message(p) instanceof CameraMessage.Alive a ? "alive " + a.what() : "read " + read(p).pictures().size()).toList();
        assertThat(summary).containsExactly(
                "STRAY: a picture part with no event before it",
                "BAD_EVENT: not an Events[i].Field=value line: 'PlateNumber: 浙A12345'",
                "BAD_EVENT: a TrafficJunction event without LocaleTime or RealUTC",
                "BAD_EVENT: the snapshot 'snapshot.jpg' is not a JPEG; the read is given without it",
                "read 0",
                "alive Heartbeat");
    }

    @Test
    void realUtcStandsInForLocaleTimeButUtcNever() {
        String realOnly = "Events[0].Code=TrafficJunction\r\nEvents[0].RealUTC=1773453021\r\nEvents[0].TrafficCar.PlateNumber=浙A12345\r\n";
        String utcOnly = "Events[0].Code=TrafficJunction\r\nEvents[0].UTC=1773481821\r\nEvents[0].TrafficCar.PlateNumber=浙A12345\r\n";
        byte[] stream = new Multipart("myboundary").part("text/plain", realOnly).part("text/plain", utcOnly).bytes();
        List<Pulled> out = pull(stream, 1000);
        assertThat(read(out.get(0)).cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:50:21+08:00"));
        assertThat(out.get(1)).isInstanceOf(Pulled.Refused.class);
        assertThat(((Pulled.Refused) out.get(1)).detail()).isEqualTo("a TrafficJunction event without LocaleTime or RealUTC");
    }

    @Test
    void severalEventsInOnePartShareTheSnapshot() {
        String two = "Events[0].Code=TrafficJunction\r\nEvents[0].LocaleTime=2026-03-14 10:00:00\r\nEvents[0].TrafficCar.PlateNumber=浙A11111\r\n"
                + "Events[1].Code=TrafficJunction\r\nEvents[1].LocaleTime=2026-03-14 10:00:00\r\nEvents[1].TrafficCar.PlateNumber=浙A22222\r\n";
        byte[] jpeg = org.nsegw.anpr.internal.Fixtures.jpeg(20, 20, 1);
        byte[] stream = new Multipart("myboundary").part("text/plain", two)
                .part("image/jpeg", jpeg, "Content-Disposition: attachment; filename=\"1.jpg\"").bytes();
        List<Pulled> out = pull(stream, 1000);
        assertThat(out).extracting(p -> read(p).plateText()).containsExactly("浙A11111", "浙A22222");
        assertThat(out).allSatisfy(p -> assertThat(read(p).pictures().get(0).name()).isEqualTo("1.jpg"));
    }

    @Test
    void duplicatedFieldsAreRefused() {
        String dup = "Events[0].Code=TrafficJunction\r\nEvents[0].TrafficCar.PlateNumber=浙A11111\r\nEvents[0].TrafficCar.PlateNumber=浙A22222\r\n";
        List<Pulled> out = pull(new Multipart("myboundary").part("text/plain", dup.getBytes(StandardCharsets.UTF_8)).bytes(), 100);
        assertThat(out).containsExactly(new Pulled.Refused(Refusal.BAD_EVENT, "Events[0].TrafficCar.PlateNumber appears twice",
                ("--myboundary\r\nContent-Type: text/plain\r\nContent-Length: " + dup.getBytes(StandardCharsets.UTF_8).length
                        + "\r\n\r\n").length() + dup.getBytes(StandardCharsets.UTF_8).length));
    }
}
