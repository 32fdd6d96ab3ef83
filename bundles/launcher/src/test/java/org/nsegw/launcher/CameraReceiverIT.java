package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.image.PlateImages;
import org.nsegw.emulator.anpr.message.AnprEvent;
import org.nsegw.emulator.anpr.message.HttpBody;
import org.nsegw.emulator.anpr.message.IsapiMessages;
import org.nsegw.emulator.anpr.message.ItsapiMessages;
import org.nsegw.emulator.traffic.VehicleClass;

/**
 * The camera receiver of a running gateway process, attacked and used over loopback: every hostile push is refused
 * with its status and counted on its camera, the gateway keeps serving, and only the good pushes are stored.
 */
class CameraReceiverIT {

    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int port;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String type, byte[] body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static AnprEvent event(CameraProtocol protocol, String plateText) {
        EmulatedCamera camera = EmulatedCamera.of("cam", "L1", CameraPosition.FRONT, -25, protocol);
        return new AnprEvent(camera, 1, UUID.randomUUID().toString(), OffsetDateTime.now(ZoneOffset.ofHours(8)), plateText,
                PlateColor.BLUE, 93, VehicleClass.TRUCK_2, "White", 50,
                PlateImages.standard().render("浙A12345", PlateColor.BLUE, CameraPosition.FRONT, "it", 1));
    }

    @Test
    void hostilePushesAreRefusedCountedAndLeaveNothingWhileGoodOnesAreStored() throws Exception {
        port = freePort();
        Path data = tmp.resolve("data");
        String hik = basic("front", "Pw-front-1");
        String dahua = basic("dahua", "Pw-dahua-1");
        try (GatewayProcess gateway = GatewayProcess.start(tmp.resolve("run.out"), "run", "--site", "edge-config/bridge-example.yaml",
                "--data", data.toString(), "--set", "cameraReceiver.port=" + port, "--set", "cameraReceiver.bindAddress=127.0.0.1",
                "--set", "anpr-L1-front.address=127.0.0.1", "--set", "anpr-L1-front.username=front",
                "--set", "anpr-L1-front.password=Pw-front-1",
                "--set", "anpr-L3-front.address=127.0.0.1", "--set", "anpr-L3-front.username=dahua",
                "--set", "anpr-L3-front.password=Pw-dahua-1")) {
            gateway.awaitOutput("Gateway hz-bridge-demo-gw1 running: ", START);

            HttpBody good = IsapiMessages.push(event(CameraProtocol.HIKVISION_ISAPI_XML, "蓝浙A12345"));
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE EventNotificationAlert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<EventNotificationAlert><eventType>ANPR</eventType><ANPR><licensePlate>&x;</licensePlate></ANPR>"
                    + "</EventNotificationAlert>";
            String goodXml = IsapiMessages.alertXml(event(CameraProtocol.HIKVISION_ISAPI_XML, "浙A54321"));

            HttpResponse<String> r = post("/anpr/hikvision", "application/xml", xxe.getBytes(StandardCharsets.UTF_8), hik);
            assertThat(r.statusCode()).as("XXE").isEqualTo(400);
            assertThat(r.body()).doesNotContain("root:");
            try {
                assertThat(post("/anpr/hikvision", good.contentType(), new byte[50 * 1024 * 1024], hik).statusCode())
                        .as("50 MB").isEqualTo(413);
            } catch (IOException e) {
                // cut off while still sending: refused all the same (the counter below says so)
            }
            assertThat(post("/anpr/hikvision", good.contentType(), good.bytes(), basic("front", "guess")).statusCode())
                    .as("wrong password").isEqualTo(401);
            assertThat(post("/anpr/hikvision", "application/xml",
                    goodXml.substring(0, goodXml.length() / 2).getBytes(StandardCharsets.UTF_8), hik).statusCode())
                    .as("truncated XML").isEqualTo(400);
            assertThat(post("/anpr/hikvision", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), hik).statusCode())
                    .as("not multipart, not XML").isEqualTo(400);
            String tollgate = ItsapiMessages.tollgateJson(event(CameraProtocol.DAHUA_ITSAPI, "浙B12345"));
            String badBase64 = tollgate.replaceFirst("\"Content\" *: *\"[A-Za-z0-9+/]{8}", "\"Content\":\"!!!!####");
            assertThat(badBase64).isNotEqualTo(tollgate);
            HttpResponse<String> b64 = post("/NotificationInfo/TollgateInfo", "application/json",
                    badBase64.getBytes(StandardCharsets.UTF_8), dahua);
            assertThat(b64.statusCode()).as("bad base64").isEqualTo(400);
            assertThat(b64.body()).startsWith("{\"Result\":false");
            assertThat(post("/anpr/hikvision", good.contentType(), good.bytes(), null).statusCode()).as("no account").isEqualTo(401);

            assertThat(gateway.isAlive()).isTrue();
            assertThat(post("/anpr/hikvision", good.contentType(), good.bytes(), hik).statusCode()).isEqualTo(200);
            assertThat(post("/anpr/hikvision", good.contentType(), good.bytes(), hik).statusCode()).as("again").isEqualTo(200);
            HttpResponse<String> d = post("/NotificationInfo/TollgateInfo", "application/json",
                    tollgate.getBytes(StandardCharsets.UTF_8), dahua);
            assertThat(d.body()).isEqualTo("{\"Result\":true}");

            gateway.terminate();
            assertThat(gateway.waitFor(Duration.ofSeconds(30))).isZero();
        }
        JsonNode status = new ObjectMapper().readTree(data.resolve("status.json").toFile());
        JsonNode front = device(status, "anpr-L1-front");
        assertThat(front.path("counters").path("reads").asLong()).isEqualTo(1);
        assertThat(front.path("counters").path("duplicates").asLong()).isEqualTo(1);
        assertThat(front.path("counters").path("rejected.malformed").asLong()).isEqualTo(3);
        assertThat(front.path("counters").path("rejected.tooLarge").asLong()).isEqualTo(1);
        assertThat(front.path("counters").path("rejected.auth").asLong()).isEqualTo(1);
        JsonNode rear = device(status, "anpr-L3-front");
        assertThat(rear.path("counters").path("reads").asLong()).isEqualTo(1);
        assertThat(rear.path("counters").path("rejected.malformed").asLong()).isEqualTo(1);
        List<Path> stored;
        try (Stream<Path> s = Files.walk(data.resolve("media/anpr"))) {
            stored = s.filter(p -> p.getFileName().toString().equals("read.json")).toList();
        }
        assertThat(stored).hasSize(2);
        assertThat(stored).anySatisfy(p -> assertThat(Files.readString(p)).contains("\"plate\" : \"浙A12345\"", "蓝浙A12345"));
    }

    static JsonNode device(JsonNode status, String id) {
        for (JsonNode d : status.path("devices")) {
            if (d.path("id").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no device " + id + " in " + status);
    }
}
