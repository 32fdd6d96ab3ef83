package org.nsegw.anpr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.anpr.internal.camera.CameraSettings;
import org.nsegw.anpr.internal.camera.ReadSink;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.anpr.internal.receiver.CameraReceiver;
import org.nsegw.anpr.internal.receiver.ReceiverSettings;
import org.nsegw.anpr.internal.receiver.VendorDecoder;
import org.nsegw.anpr.internal.store.MediaStore;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.evidence.MediaRef;

/**
 * Real pushes in each vendor format, and hostile ones, against the running receiver with real cameras behind it
 * storing to a real data directory: every good read is stored and passed on once; every bad push is refused with its
 * status, counted, and leaves nothing behind; the receiver keeps serving.
 */
class CameraPushTest {

    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final Credentials HIK_ACCOUNT = new Credentials("isapi", "Front-cam-1");
    static final Credentials DAHUA_ACCOUNT = new Credentials("itsapi", "Rear-cam-2");
    static final long LIMIT = 8L * 1024 * 1024;

    @TempDir
    Path data;

    final List<PlateRead> reads = new CopyOnWriteArrayList<>();
    final Map<String, DeviceStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CameraReceiver receiver;
    ReadSink hikvision;
    ReadSink dahua;

    @BeforeEach
    void start() throws IOException {
        MediaStore store = new MediaStore(data);
        hikvision = sink(new CameraSettings("anpr-L1-front", "L1", CameraPosition.FRONT, "hikvision", "any",
                Duration.ofDays(3650), Duration.ofSeconds(300), 0), HIK_ACCOUNT, store);
        dahua = sink(new CameraSettings("anpr-L1-rear", "L1", CameraPosition.REAR, "dahua", "any",
                Duration.ofDays(3650), Duration.ofSeconds(300), 0), DAHUA_ACCOUNT, store);
        receiver = new CameraReceiver(new ReceiverSettings("127.0.0.1", 0, LIMIT, Duration.ofSeconds(30), 4, "/anpr/hikvision"),
                (from, vendor) -> Stream.of(hikvision, dahua).filter(c -> c.vendor().equals(vendor))
                        .map(CameraReceiver.Camera.class::cast).toList(),
                new VendorDecoder(CST), new Digest("push-test-secret".getBytes(StandardCharsets.US_ASCII), "nsegw"),
                Clock.systemUTC());
    }

    ReadSink sink(CameraSettings settings, Credentials account, MediaStore store) {
        return new ReadSink(settings, Optional.of(account), store, Clock.systemUTC(), CST, "hint", reads::add,
                s -> statuses.put(s.deviceId(), s));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    // ---------------------------------------------------------------- building pushes

    /** A multipart/form-data body: name, file name, content type, bytes per part. */
    static final class Form {
        final String boundary = "----nsegw-test-7d2a9c";
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form part(String name, String fileName, String type, byte[] bytes) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(out.toByteArray());
            b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return b.toByteArray();
        }

        String type() {
            return "multipart/form-data; boundary=" + boundary;
        }
    }

    static String basic(Credentials c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String type, byte[] body, Credentials account) throws Exception {
        return post(path, type, HttpRequest.BodyPublishers.ofByteArray(body), account);
    }

    HttpResponse<String> post(String path, String type, HttpRequest.BodyPublisher body, Credentials account) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", type).POST(body);
        if (account != null) {
            b.header("Authorization", basic(account));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An ISAPI push: the XML of a fixture and a JPEG for each picture it names. */
    Form isapi(String fixture, String... pictureNames) {
        Form f = new Form().part("anpr.xml", null, "application/xml", Fixtures.bytes(fixture));
        int seed = 1;
        for (String name : pictureNames) {
            f.part(name, name, "image/jpeg", Fixtures.jpeg(320, 200, seed++));
        }
        return f;
    }

    HttpResponse<String> dahuaPush(byte[] json) throws Exception {
        return post("/NotificationInfo/TollgateInfo", "application/json", json, DAHUA_ACCOUNT);
    }

    List<Path> storedFolders() throws IOException {
        Path root = data.resolve("media/anpr");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals(MediaStore.READ_FILE)).toList();
        }
    }

    /** After each refusal: nothing stored, nothing passed on, and a good push still goes through. */
    void nothingRecordedAndStillServing() throws Exception {
        assertThat(reads).isEmpty();
        assertThat(storedFolders()).isEmpty();
        HttpResponse<String> good = post("/anpr/hikvision", isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg").type(),
                isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg").bytes(), HIK_ACCOUNT);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(reads).hasSize(1);
    }

    // ---------------------------------------------------------------- good pushes

    @Test
    void anIsapiPushIsStoredWithItsPicturesBeforeTheCameraGetsItsAnswer() throws Exception {
        Form push = isapi("isapi/anpr-hikvision-namespace.xml", "licensePlatePicture.jpg", "detectionPicture.jpg");
        HttpResponse<String> r = post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(reads).hasSize(1);
        PlateRead read = reads.get(0);
        assertThat(read.plate()).isEqualTo("皖A7XG66");
        assertThat(read.rawText()).isEqualTo("蓝皖A7XG66");
        assertThat(read.color()).isEqualTo(PlateColor.BLUE);
        assertThat(read.kind()).isEqualTo(PlateKind.NORMAL);
        assertThat(read.cameraId()).isEqualTo("anpr-L1-front");
        assertThat(read.images()).hasSize(2);
        for (MediaRef m : read.images()) {
            byte[] file = Files.readAllBytes(data.resolve(m.path()));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file))).isEqualTo(m.sha256());
            assertThat(file.length).isEqualTo(m.size());
        }
        assertThat(storedFolders()).hasSize(1);
        String json = Files.readString(storedFolders().get(0));
        assertThat(json).contains("\"plate\" : \"皖A7XG66\"").contains("\"rawText\" : \"蓝皖A7XG66\"");
        assertThat(statuses.get("anpr-L1-front").state()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void aCameraThatLearnsOfDigestFromTheChallengeGetsItsBigPushThrough() throws Exception {
        // The JDK's own client stands in for a camera: the whole push first, the 401 with the challenge, the push again
        // with Digest. The first answer must be a 401, not a reset, although its body of ~400 KB was never wanted.
        Form push = new Form().part("anpr.xml", null, "application/xml", Fixtures.bytes("isapi/anpr-hikvision-namespace.xml"))
                .part("licensePlatePicture.jpg", "licensePlatePicture.jpg", "image/jpeg", Fixtures.jpeg(1920, 1080, 3))
                .part("detectionPicture.jpg", "detectionPicture.jpg", "image/jpeg", Fixtures.jpeg(1920, 1080, 4));
        assertThat(push.bytes().length).isGreaterThan(64 * 1024);
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + receiver.port()
                + "/anpr/hikvision").toURL().openConnection();
        java.util.List<String> schemes = new CopyOnWriteArrayList<>();
        c.setAuthenticator(new java.net.Authenticator() {
            @Override
            protected java.net.PasswordAuthentication getPasswordAuthentication() {
                schemes.add(getRequestingScheme());
                return new java.net.PasswordAuthentication(HIK_ACCOUNT.username(), HIK_ACCOUNT.password().toCharArray());
            }
        });
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", push.type());
        c.getOutputStream().write(push.bytes());
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(schemes).first().isEqualTo("digest");
        assertThat(reads).hasSize(1);
    }

    @Test
    void bothNamespacesAndTheJsonVariantRead() throws Exception {
        assertThat(post("/anpr/hikvision", isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg").type(),
                isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg").bytes(), HIK_ACCOUNT).statusCode()).isEqualTo(200);
        assertThat(reads).extracting(PlateRead::plate).containsExactly("浙AD8M21");
    }

    @Test
    void aPushedAgainEventIsAnswered200ButPassedOnOnce() throws Exception {
        Form push = isapi("isapi/anpr-hikvision-namespace.xml", "licensePlatePicture.jpg", "detectionPicture.jpg");
        for (int i = 0; i < 3; i++) {
            assertThat(post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT).statusCode()).isEqualTo(200);
        }
        assertThat(reads).hasSize(1);
        assertThat(storedFolders()).hasSize(1);
        assertThat(statuses.get("anpr-L1-front").counters()).containsEntry("reads", 1L).containsEntry("duplicates", 2L);
    }

    @Test
    void aDahuaReadIsAnsweredWithResultTrueAndKeepAlivesKeepTheCameraOnline() throws Exception {
        HttpResponse<String> r = dahuaPush(Fixtures.bytes("dahua/tollgate.json"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"Result\":true}");
        assertThat(reads).extracting(PlateRead::plate).containsExactly("浙A8K3Q2");
        assertThat(reads.get(0).position()).isEqualTo(CameraPosition.REAR);
        assertThat(reads.get(0).images()).isNotEmpty();
        HttpResponse<String> k = post("/NotificationInfo/KeepAlive", "application/json", Fixtures.bytes("dahua/keepalive.json"),
                DAHUA_ACCOUNT);
        assertThat(k.body()).isEqualTo("{\"Result\":true}");
        assertThat(statuses.get("anpr-L1-rear").counters()).containsEntry("heartbeats", 1L).containsEntry("reads", 1L);
    }

    @Test
    void aColourPrefixedDahuaPlateIsNormalised() throws Exception {
        assertThat(dahuaPush(Fixtures.bytes("dahua/tollgate-colour-in-plate.json")).statusCode()).isEqualTo(200);
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).rawText()).isNotEqualTo(reads.get(0).plate());
        assertThat(reads.get(0).notes()).anyMatch(n -> n.contains("colour word"));
    }

    @Test
    void aReadWithoutAPlateIsKeptAsUnreadable() throws Exception {
        assertThat(dahuaPush(Fixtures.bytes("dahua/tollgate-no-plate.json")).statusCode()).isEqualTo(200);
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).kind()).isEqualTo(PlateKind.UNREADABLE);
        assertThat(storedFolders()).hasSize(1);
    }

    // ---------------------------------------------------------------- hostile pushes

    @Test
    void anXxePayloadIsRefusedWithoutReadingTheFile() throws Exception {
        Form push = isapi("isapi/broken/xxe-file.xml", "licensePlatePicture.jpg");
        HttpResponse<String> r = post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("root:");
        assertThat(statuses.get("anpr-L1-front").counters()).containsEntry("rejected.malformed", 1L);
        nothingRecordedAndStillServing();
    }

    @Test
    void aBillionLaughsPayloadIsRefused() throws Exception {
        Form push = isapi("isapi/broken/billion-laughs.xml");
        assertThat(post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT).statusCode()).isEqualTo(400);
        nothingRecordedAndStillServing();
    }

    @Test
    void aFiftyMegabyteBodyIsRefusedWith413BeforeItIsRead() throws Exception {
        byte[] big = new byte[50 * 1024 * 1024];
        HttpResponse<String> r;
        try {
            r = post("/anpr/hikvision", "multipart/form-data; boundary=x", big, HIK_ACCOUNT);
            assertThat(r.statusCode()).isEqualTo(413);
        } catch (IOException e) {
            // the server may close the connection while the client is still sending: refused all the same
        }
        assertThat(statuses.get("anpr-L1-front").counters()).containsEntry("rejected.tooLarge", 1L);
        nothingRecordedAndStillServing();
    }

    @Test
    void aFiftyMegabyteBodyWithoutLengthIsCutOffAtTheLimit() throws Exception {
        InputStream endless = new InputStream() {
            long left = 50L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        try {
            HttpResponse<String> r = post("/anpr/hikvision", "multipart/form-data; boundary=x",
                    HttpRequest.BodyPublishers.ofInputStream(() -> endless), HIK_ACCOUNT);
            assertThat(r.statusCode()).isEqualTo(413);
        } catch (IOException e) {
            // cut off while sending: refused all the same
        }
        assertThat(statuses.get("anpr-L1-front").counters()).containsEntry("rejected.tooLarge", 1L);
        nothingRecordedAndStillServing();
    }

    @Test
    void wrongCredentialsAreRefusedWith401AndAChallenge() throws Exception {
        Form push = isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg");
        HttpResponse<String> r = post("/anpr/hikvision", push.type(), push.bytes(), new Credentials("isapi", "guess"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Digest "));
        HttpResponse<String> none = post("/anpr/hikvision", push.type(), push.bytes(), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(statuses.get("anpr-L1-front").state()).isEqualTo(DeviceState.ERROR);
        assertThat(statuses.get("anpr-L1-front").reason()).contains("wrong user name or password");
        nothingRecordedAndStillServing();
    }

    @Test
    void theDahuaAccountDoesNotOpenTheHikvisionEndpoint() throws Exception {
        Form push = isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg");
        assertThat(post("/anpr/hikvision", push.type(), push.bytes(), DAHUA_ACCOUNT).statusCode()).isEqualTo(401);
        nothingRecordedAndStillServing();
    }

    @Test
    void truncatedXmlIsRefusedWith400() throws Exception {
        Form push = isapi("isapi/broken/truncated.xml", "licensePlatePicture.jpg");
        HttpResponse<String> r = post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT);
        assertThat(r.statusCode()).isEqualTo(400);
        nothingRecordedAndStillServing();
    }

    @Test
    void aTruncatedMultipartBodyIsRefusedWith400() throws Exception {
        Form push = isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg");
        byte[] whole = push.bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 2000);
        assertThat(post("/anpr/hikvision", push.type(), cut, HIK_ACCOUNT).statusCode()).isEqualTo(400);
        nothingRecordedAndStillServing();
    }

    @Test
    void aNonMultipartBodyIsRefusedWith400() throws Exception {
        HttpResponse<String> r = post("/anpr/hikvision", "text/plain", "hello camera".getBytes(StandardCharsets.UTF_8), HIK_ACCOUNT);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("neither XML nor JSON");
        nothingRecordedAndStillServing();
    }

    @Test
    void badBase64IsRefusedWith400AndResultFalse() throws Exception {
        HttpResponse<String> r = dahuaPush(Fixtures.bytes("dahua/broken/bad-base64.json"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"Result\":false");
        assertThat(statuses.get("anpr-L1-rear").counters()).containsEntry("rejected.malformed", 1L);
        nothingRecordedAndStillServing();
    }

    @Test
    void everyBrokenFixtureIsRefusedAndNothingIsRecorded() throws Exception {
        for (String f : List.of("bad-datetime.xml", "confidence-out-of-range.xml", "missing-plate.xml", "no-event-type.xml",
                "two-plates.xml", "wrong-root.xml", "xxe-parameter-entity.xml", "truncated.json", "duplicate-key.json",
                "missing-fields.json")) {
            Form push = isapi("isapi/broken/" + f);
            assertThat(post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT).statusCode()).as(f).isEqualTo(400);
        }
        for (String f : List.of("bad-time.json", "confidence-out-of-range.json", "missing-plate-number.json", "missing-time.json",
                "no-picture.json", "not-a-jpeg.json", "truncated.json")) {
            assertThat(dahuaPush(Fixtures.bytes("dahua/broken/" + f)).statusCode()).as(f).isEqualTo(400);
        }
        nothingRecordedAndStillServing();
    }

    @Test
    void whenTheDiskRefusesTheCameraGets503AndItsRetryLaterSucceeds() throws Exception {
        Path media = data.resolve("media");
        Files.writeString(media, "not a directory"); // the store cannot create its folders
        Form push = isapi("isapi/anpr-isapi-namespace.xml", "vehiclePicture.jpg");
        assertThat(post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT).statusCode()).isEqualTo(503);
        assertThat(reads).isEmpty();
        assertThat(statuses.get("anpr-L1-front").state()).isEqualTo(DeviceState.ERROR);
        assertThat(statuses.get("anpr-L1-front").reason()).contains("cannot be stored");
        Files.delete(media);
        assertThat(post("/anpr/hikvision", push.type(), push.bytes(), HIK_ACCOUNT).statusCode()).isEqualTo(200);
        assertThat(reads).hasSize(1);
        assertThat(statuses.get("anpr-L1-front").state()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void aSenderThatStallsIsCutOffAndOthersAreServed() throws Exception {
        assertThat(CameraReceiver.limitRequestTime(Duration.ofSeconds(30))).as("set for this test JVM by the pom")
                .isEqualTo(Duration.ofSeconds(3));
        List<java.net.Socket> stalled = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) { // more than the receiver's threads
                java.net.Socket s = new java.net.Socket("127.0.0.1", receiver.port());
                s.setSoTimeout(20_000);
                s.getOutputStream().write(("POST /anpr/hikvision HTTP/1.1\r\nHost: gw\r\nAuthorization: " + basic(HIK_ACCOUNT)
                        + "\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n\r\n<EventNotif")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            long start = System.nanoTime();
            for (java.net.Socket s : stalled) {
                byte[] buffer = new byte[4096];
                try {
                    while (s.getInputStream().read(buffer) >= 0) {
                        // whatever the server says before it closes
                    }
                } catch (java.net.SocketException e) {
                    // reset: closed all the same
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cut off by the request time limit, not the 20 s read timeout")
                    .isLessThan(Duration.ofSeconds(15));
        } finally {
            for (java.net.Socket s : stalled) {
                s.close();
            }
        }
        nothingRecordedAndStillServing();
    }
}
