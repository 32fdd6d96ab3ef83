package org.nsegw.anpr.internal.isapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.anpr.internal.Fixtures.bytes;
import static org.nsegw.anpr.internal.Fixtures.jpeg;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.Picture;
import org.nsegw.anpr.internal.stream.Multipart;
import org.nsegw.anpr.internal.stream.Pulled;
import org.nsegw.anpr.internal.stream.Refusal;

class IsapiAlertStreamTest {

    private static List<Pulled> pull(byte[] stream, int chunk) {
        IsapiAlertStream s = new IsapiAlertStream("boundary");
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

    @ParameterizedTest(name = "in chunks of {0} bytes")
    @ValueSource(ints = {1, 7, 100, 1 << 20})
    void heartbeatsAndAReadWithItsPictures(int chunk) {
        List<Pulled> out = pull(bytes("streams/isapi-alertstream.bin"), chunk);
        assertThat(out).hasSize(3);
        assertThat(message(out.get(0))).isEqualTo(new CameraMessage.Alive("10.20.1.31", "heartBeat active"));
        CameraEvent e = ((CameraMessage.Read) message(out.get(1))).event();
        assertThat(e.eventId()).isEqualTo("0b7e3c1a-5d2f-4e8b-9a6c-7f1e2d3c4b5a");
        assertThat(e.plateText()).isEqualTo("黄浙A8K3Q2");
        assertThat(e.cameraTime()).isEqualTo(OffsetDateTime.parse("2026-03-14T09:50:21.305+08:00"));
        assertThat(e.pictures()).extracting(Picture::name, Picture::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("licensePlatePicture.jpg", "plate"),
                org.assertj.core.groups.Tuple.tuple("detectionPicture.jpg", "scene"));
        assertThat(e.pictures()).allSatisfy(p -> assertThat(p.looksLikeJpeg()).isTrue());
        assertThat(message(out.get(2))).isEqualTo(new CameraMessage.Alive("10.20.1.31", "videoloss inactive"));
    }

    @Test
    void brokenStreamsAreRefusedPieceByPieceAndTheStreamGoesOn() {
        List<Pulled> out = pull(bytes("streams/isapi-alertstream-broken.bin"), 13);
        List<String> summary = out.stream().map(p -> p instanceof Pulled.Refused r ? r.reason().name()
                : message(p) instanceof CameraMessage.Alive a ? "alive " + a.what() : "read").toList();
        assertThat(summary).containsExactly(
                "GARBAGE", "BAD_HEADERS", "GARBAGE", "INCOMPLETE", "alive heartBeat active", "STRAY", "BAD_EVENT",
                "alive heartBeat active");
        Pulled.Refused incomplete = (Pulled.Refused) out.get(3);
        assertThat(incomplete.detail()).isEqualTo("the next event came before all pictures of the event waiting: 1 came");
        assertThat(((Pulled.Refused) out.get(6)).detail()).startsWith("not well-formed XML");
    }

    @Test
    void unnamedPicturePartsTakeTheAnnouncedNamesInOrder() {
        byte[] doc = bytes("isapi/anpr-hikvision-namespace.xml");
        byte[] plate = jpeg(40, 12, 1);
        byte[] scene = jpeg(40, 30, 2);
        byte[] stream = new Multipart("boundary").part("application/xml", doc).part("image/jpeg", plate)
                .part("image/jpeg", scene).bytes();
        List<Pulled> out = pull(stream, 50);
        CameraEvent e = ((CameraMessage.Read) message(out.get(0))).event();
        assertThat(e.pictures()).containsExactly(new Picture("licensePlatePicture.jpg", "plate", plate),
                new Picture("detectionPicture.jpg", "scene", scene));
    }

    @Test
    void anEventWithoutPicturesIsGivenAtOnce() {
        IsapiAlertStream s = new IsapiAlertStream("boundary");
        List<Pulled> out = s.feed(new Multipart("boundary").part("application/xml", bytes("isapi/anpr-without-uuid.xml")).bytes());
        assertThat(out).hasSize(1);
        assertThat(((CameraMessage.Read) message(out.get(0))).event().plateText()).isEqualTo("无车牌");
    }

    @Test
    void jsonEventsAndPartsWithoutContentType() {
        byte[] plate = jpeg(40, 12, 1);
        byte[] stream = new Multipart("boundary")
                .raw("--boundary\r\nContent-Length: " + bytes("isapi/heartbeat.json").length + "\r\n\r\n")
                .raw(bytes("isapi/heartbeat.json")).raw("\r\n")
                .part("application/json", bytes("isapi/anpr-wrapped.json"))
                .part("image/jpeg", plate, "Content-Disposition: attachment; filename=\"licensePlatePicture.jpg\"")
                .part("text/html", "<html/>")
                .bytes();
        List<Pulled> out = pull(stream, 64);
        assertThat(message(out.get(0))).isEqualTo(new CameraMessage.Alive("10.20.1.34", "heartBeat active"));
        assertThat(((CameraMessage.Read) message(out.get(1))).event().pictures()).hasSize(1);
        assertThat(out.get(2)).isEqualTo(new Pulled.Refused(Refusal.STRAY, "a part of type 'text/html' in an alert stream",
                "--boundary\r\nContent-Type: text/html\r\nContent-Length: 7\r\n\r\n<html/>".getBytes(StandardCharsets.UTF_8).length + 2));
    }

    @Test
    void theEndOfTheStreamGivesUpAWaitingEvent() {
        IsapiAlertStream s = new IsapiAlertStream("boundary");
        assertThat(s.feed(new Multipart("boundary").part("application/xml", bytes("isapi/anpr-hikvision-namespace.xml")).bytes()))
                .isEmpty();
        assertThat(s.end()).containsExactly(new Pulled.Refused(Refusal.INCOMPLETE,
                "the stream ended before all pictures of the event waiting: 0 came", 0));
    }

    @Test
    void aTextPlainPartHoldingXmlIsAnEvent() {
        IsapiAlertStream s = new IsapiAlertStream("boundary");
        List<Pulled> out = s.feed(new Multipart("boundary").part("text/plain", bytes("isapi/heartbeat.xml")).bytes());
        assertThat(out).containsExactly(new Pulled.Message(new CameraMessage.Alive("10.20.1.31", "heartBeat active")));
    }
}
