package org.nsegw.emulator.anpr.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.emulator.anpr.AnprEmulator;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.CameraSetup;
import org.nsegw.emulator.anpr.Delivery;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.Faults;
import org.nsegw.emulator.anpr.MultipartReader;
import org.nsegw.emulator.anpr.Outcome;
import org.nsegw.emulator.anpr.Timeline;
import org.nsegw.emulator.anpr.TruthRecord;
import org.nsegw.emulator.anpr.Xml;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.anpr.read.CameraTiming;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.traffic.VehicleClass;
import org.w3c.dom.Element;

/** The pull servers, read by the JDK's own HTTP client with its own digest implementation. */
class EventStreamServerTest {

    static final Credentials ACCOUNT = Credentials.digest("admin", "Cam12345");
    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    static final String SNAP_QUERY = "?action=attachFileProc&channel=1&heartbeat=1&Flags%5B0%5D=Event&Events=%5BTrafficJunction%5D";

    static final EmulatedCamera HIK = EmulatedCamera.of("anpr-L1-front", "L1", CameraPosition.FRONT, -25, CameraProtocol.HIKVISION_ISAPI_XML);
    static final EmulatedCamera DAHUA = EmulatedCamera.of("anpr-L1-rear", "L1", CameraPosition.REAR, 18, CameraProtocol.DAHUA_ITSAPI);

    @Test
    void bothStreamsCarryEveryEventAndHeartbeats() throws Exception {
        List<EmulatedVehicle> vehicles = new TrafficScenario(21, List.of("L1"), Instant.parse("2026-11-23T00:00:00Z"), 1800, 0.2, 40, 80,
                List.of(VehicleClass.values())).vehicles(8);
        Instant first = CameraTiming.sightings(HIK, vehicles).get(0).time();
        // the first read is due 1.5 s from now: time to connect
        Timeline timeline = new Timeline(first.minusSeconds(30), Instant.now(), 20);
        List<CameraSetup> cameras = List.of(
                new CameraSetup(HIK, Delivery.pull(ANY_LOOPBACK_PORT, ACCOUNT).withHeartbeat(Duration.ofSeconds(2)), Faults.parse("duplicate=0.3")),
                new CameraSetup(DAHUA, Delivery.pull(ANY_LOOPBACK_PORT, ACCOUNT), Faults.NONE));
        try (AnprEmulator emu = AnprEmulator.start(new AnprEmulator.Settings(cameras, vehicles, 3, timeline, null))) {
            URI alert = uri(emu, HIK, EventStreamServer.ALERT_STREAM_PATH);
            URI snap = uri(emu, DAHUA, EventStreamServer.SNAP_MANAGER_PATH + SNAP_QUERY);
            try (Reader hik = Reader.open(alert, "admin", "Cam12345"); Reader dahua = Reader.open(snap, "admin", "Cam12345")) {
                assertThat(hik.contentType).isEqualTo("multipart/mixed; boundary=boundary");
                assertThat(dahua.contentType).isEqualTo("multipart/x-mixed-replace; boundary=myboundary");
                poll(() -> emu.streamClients(HIK.id()) == 1 && emu.streamClients(DAHUA.id()) == 1, Duration.ofSeconds(5));
                assertThat(emu.awaitFinished(Duration.ofSeconds(30))).isTrue();

                List<TruthRecord> hikTruth = emu.truth().stream().filter(t -> t.camera().equals(HIK.id())).toList();
                assertThat(hikTruth).allSatisfy(t -> assertThat(t.outcome()).isEqualTo(Outcome.STREAMED)).anyMatch(TruthRecord::duplicate);
                // every event's XML and both its pictures (the pictures follow their XML on the stream)
                poll(() -> hik.parts().stream().filter(p -> p.text().contains("<eventType>ANPR")).count() == hikTruth.size()
                        && hik.parts().stream().filter(p -> "image/jpeg".equals(p.header("content-type"))).count() == 2L * hikTruth.size(),
                        Duration.ofSeconds(5));
                List<MultipartReader.Part> parts = hik.parts();
                int events = 0;
                for (int i = 0; i < parts.size(); i++) {
                    MultipartReader.Part p = parts.get(i);
                    assertThat(p.header("content-type")).isIn("application/xml; charset=\"UTF-8\"", "image/jpeg");
                    if (!p.header("content-type").startsWith("application/xml")) {
                        continue;
                    }
                    Element root = Xml.parse(p.body()).getDocumentElement();
                    if (Xml.text(root, "eventType").equals("videoloss")) {
                        assertThat(Xml.text(root, "eventState")).isEqualTo("inactive");
                        continue;
                    }
                    TruthRecord t = hikTruth.get(events++);
                    assertThat(Xml.text(root, "UUID")).isEqualTo(t.eventId());
                    assertThat(Xml.text(root, "licensePlate")).isEqualTo(t.sentText());
                    assertThat(parts.get(i + 1).header("content-disposition")).contains("licensePlatePicture.jpg");
                    assertThat(parts.get(i + 2).header("content-disposition")).contains("detectionPicture.jpg");
                    assertThat(ImageIO.read(new ByteArrayInputStream(parts.get(i + 2).body()))).isNotNull();
                }
                assertThat(parts).anyMatch(p -> p.text().contains("<eventType>videoloss</eventType>"));

                List<TruthRecord> dahuaTruth = emu.truth().stream().filter(t -> t.camera().equals(DAHUA.id())).toList();
                assertThat(dahuaTruth).hasSize(8).allSatisfy(t -> assertThat(t.outcome()).isEqualTo(Outcome.STREAMED));
                poll(() -> dahua.parts().stream().filter(p -> p.text().contains("TrafficJunction")).count() == 8, Duration.ofSeconds(5));
                List<MultipartReader.Part> snaps = dahua.parts();
                int n = 0;
                for (int i = 0; i < snaps.size(); i++) {
                    String text = snaps.get(i).header("content-type").equals("text/plain") ? snaps.get(i).text() : null;
                    if (text == null || text.equals("Heartbeat")) {
                        continue;
                    }
                    Map<String, String> fields = fields(text);
                    TruthRecord t = dahuaTruth.get(n++);
                    assertThat(fields).containsEntry("Events[0].TrafficCar.PlateNumber", t.sentText())
                            .containsEntry("Events[0].EventBaseInfo.Code", "TrafficJunction");
                    assertThat(snaps.get(i + 1).header("content-type")).isEqualTo("image/jpeg");
                    assertThat(ImageIO.read(new ByteArrayInputStream(snaps.get(i + 1).body()))).isNotNull();
                }
                assertThat(snaps).anyMatch(p -> p.text().equals("Heartbeat"));
                assertThat(emu.progress().heartbeats()).isPositive();
            }
        }
    }

    @Test
    void theStreamsWantCredentialsAndTheRightQuery() throws Exception {
        List<CameraSetup> cameras = List.of(new CameraSetup(DAHUA, Delivery.pull(ANY_LOOPBACK_PORT, ACCOUNT), Faults.NONE),
                new CameraSetup(HIK, Delivery.pull(ANY_LOOPBACK_PORT, ACCOUNT), Faults.NONE));
        try (AnprEmulator emu = AnprEmulator.start(new AnprEmulator.Settings(cameras, List.of(), 1, Timeline.realTime(Instant.now()), null))) {
            assertThat(status(uri(emu, DAHUA, EventStreamServer.SNAP_MANAGER_PATH + SNAP_QUERY), null, null)).isEqualTo(401);
            assertThat(status(uri(emu, DAHUA, EventStreamServer.SNAP_MANAGER_PATH + SNAP_QUERY), "admin", "nope")).isEqualTo(401);
            assertThat(status(uri(emu, DAHUA, EventStreamServer.SNAP_MANAGER_PATH + "?action=getConfig"), "admin", "Cam12345")).isEqualTo(400);
            assertThat(status(uri(emu, DAHUA, EventStreamServer.SNAP_MANAGER_PATH + "?action=attachFileProc&heartbeat=99"), "admin", "Cam12345"))
                    .isEqualTo(400);
            assertThat(status(uri(emu, HIK, "/ISAPI/Event/notification/alertStreamX"), "admin", "Cam12345")).isEqualTo(404);
        }
    }

    @Test
    void anOfflineCameraCutsItsStreamAndAnswersNobodyUntilItIsBack() throws Exception {
        // offline from 0.6 s to 1.6 s in real time
        List<CameraSetup> cameras = List.of(new CameraSetup(HIK, Delivery.pull(ANY_LOOPBACK_PORT, ACCOUNT)
                .withHeartbeat(Duration.ofMillis(100)), Faults.parse("offline=1@0.6")));
        Instant start = Instant.now();
        try (AnprEmulator emu = AnprEmulator.start(new AnprEmulator.Settings(cameras, List.of(), 1, new Timeline(start, start, 1), null))) {
            URI alert = uri(emu, HIK, EventStreamServer.ALERT_STREAM_PATH);
            try (Reader reader = Reader.open(alert, "admin", "Cam12345")) {
                poll(reader::ended, Duration.ofSeconds(5));
                assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(590));
                assertThat(reader.parts()).isNotEmpty().allSatisfy(p -> assertThat(p.text()).contains("videoloss"));
            }
            if (Duration.between(start, Instant.now()).compareTo(Duration.ofMillis(1500)) < 0) {
                assertThatThrownBy(() -> status(alert, "admin", "Cam12345")).isInstanceOf(IOException.class);
            }
            poll(() -> {
                try {
                    return status(alert, "admin", "Cam12345") == 200;
                } catch (IOException stillOffline) {
                    return false;
                }
            }, Duration.ofSeconds(5));
            assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1590));
        }
    }

    // --- a client ----------------------------------------------------------------------------------------------------

    /** Reads a stream in the background with HttpURLConnection and its digest support. */
    static final class Reader implements AutoCloseable {
        final HttpURLConnection connection;
        final String contentType;
        final List<MultipartReader.Part> parts = Collections.synchronizedList(new ArrayList<>());
        final Thread thread;
        volatile boolean ended;

        private Reader(HttpURLConnection connection) throws IOException {
            this.connection = connection;
            assertThat(connection.getResponseCode()).isEqualTo(200);
            this.contentType = connection.getContentType();
            MultipartReader.Stream stream = new MultipartReader.Stream(connection.getInputStream(), MultipartReader.boundary(contentType));
            thread = new Thread(() -> {
                try {
                    while (true) {
                        parts.add(stream.next());
                    }
                } catch (IOException e) {
                    ended = true;
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        static Reader open(URI uri, String user, String password) throws IOException {
            return new Reader(connect(uri, user, password));
        }

        List<MultipartReader.Part> parts() {
            synchronized (parts) {
                return List.copyOf(parts);
            }
        }

        boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }

    static HttpURLConnection connect(URI uri, String user, String password) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setReadTimeout(10_000);
        c.setUseCaches(false);
        if (user != null) {
            c.setAuthenticator(new java.net.Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password.toCharArray());
                }
            });
        }
        return c;
    }

    static int status(URI uri, String user, String password) throws IOException {
        HttpURLConnection c = connect(uri, user, password);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    static URI uri(AnprEmulator emu, EmulatedCamera camera, String pathAndQuery) {
        InetSocketAddress a = emu.streamAddress(camera.id()).orElseThrow();
        return URI.create("http://127.0.0.1:" + a.getPort() + pathAndQuery);
    }

    static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int eq = line.indexOf('=');
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    static void poll(BooleanSupplier condition, Duration deadline) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + deadline);
            }
            Thread.sleep(10);
        }
    }
}
