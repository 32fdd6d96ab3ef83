package org.nsegw.anpr.internal.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.anpr.internal.Fixtures;
import org.nsegw.anpr.internal.camera.CameraSettings;
import org.nsegw.anpr.internal.camera.ReadSink;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.anpr.internal.store.MediaStore;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.osgi.service.log.Logger;

/**
 * The pull client against a real HTTP server playing a camera: it authenticates with Digest, reads the vendor's
 * stream into stored reads and heartbeats, and opens the stream again when the camera drops it.
 */
class PullClientTest {

    static final Credentials ACCOUNT = new Credentials("nsegw", "Cam-pass-9");

    @TempDir
    java.nio.file.Path data;

    HttpServer camera;
    PullClient client;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger refusedAuth = new AtomicInteger();
    final List<PlateRead> reads = new CopyOnWriteArrayList<>();
    final Map<String, DeviceStatus> status = new ConcurrentHashMap<>();
    final CountDownLatch hold = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        hold.countDown();
        if (client != null) {
            client.stop();
        }
        if (camera != null) {
            camera.stop(0);
        }
    }

    /** A camera that wants Digest and serves {@code stream} at {@code path}, then ends or holds the response. */
    void camera(String path, String contentType, byte[] stream, boolean holdOpen) throws IOException {
        Digest digest = new Digest("camera-secret-0123456".getBytes(StandardCharsets.US_ASCII), "IP Camera");
        camera = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        camera.createContext(path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?')), ex -> {
            try (ex) {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                String uri = ex.getRequestURI().toString();
                if (auth == null || !auth.startsWith("Digest ")
                        || digest.verify(auth.substring(7), "GET", uri, ACCOUNT, Instant.now()) != Digest.Verdict.OK) {
                    if (auth != null) {
                        refusedAuth.incrementAndGet();
                    }
                    ex.getResponseHeaders().add("WWW-Authenticate", digest.challenge(Instant.now(), "MD5", false));
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                connections.incrementAndGet();
                ex.getResponseHeaders().add("Content-Type", contentType);
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                out.write(stream);
                out.flush();
                if (holdOpen) {
                    await(hold);
                }
            }
        });
        camera.start();
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void pull(String vendor, Credentials account) {
        CameraSettings settings = new CameraSettings("anpr-gate", "EXIT", CameraPosition.GATE, vendor, "any",
                Duration.ofDays(3650), Duration.ofSeconds(300), 0);
        ReadSink sink = new ReadSink(settings, Optional.of(account), new MediaStore(data), Clock.systemUTC(),
                ZoneId.of("Asia/Shanghai"), "hint", reads::add, s -> status.put(s.deviceId(), s));
        client = new PullClient(vendor, "127.0.0.1", camera.getAddress().getPort(), Optional.of(account), sink,
                Duration.ofSeconds(30), ZoneId.of("Asia/Shanghai"), Logger.class.cast(java.lang.reflect.Proxy.newProxyInstance(
                        Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (p, m, a) -> null)));
        client.start();
    }

    static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20); // polling with a deadline
        }
    }

    @Test
    void anIsapiAlertStreamGivesStoredReadsAndHeartbeats() throws Exception {
        camera(PullClient.ISAPI_PATH, "multipart/mixed; boundary=boundary", Fixtures.bytes("streams/isapi-alertstream.bin"), true);
        pull("hikvision", ACCOUNT);
        poll(() -> reads.size() == 1 && status.get("anpr-gate").counters().getOrDefault("heartbeats", 0L) == 2,
                "one read and two heartbeats");
        PlateRead r = reads.get(0);
        assertThat(r.plate()).isEqualTo("浙A8K3Q2");
        assertThat(r.images()).hasSize(2);
        assertThat(data.resolve(r.images().get(0).path())).exists();
        assertThat(status.get("anpr-gate").state()).isEqualTo(DeviceState.ONLINE);
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aDroppedStreamIsOpenedAgainAndItsRepeatsAreRecognised() throws Exception {
        camera(PullClient.ISAPI_PATH, "multipart/mixed; boundary=boundary", Fixtures.bytes("streams/isapi-alertstream.bin"), false);
        pull("hikvision", ACCOUNT);
        poll(() -> connections.get() >= 3, "three connections");
        assertThat(reads).as("the same event on every connection is one read").hasSize(1);
        poll(() -> status.get("anpr-gate").counters().getOrDefault("duplicates", 0L) >= 2, "repeats counted");
    }

    @Test
    void aDahuaSnapshotStreamGivesStoredReads() throws Exception {
        camera(PullClient.DAHUA_PATH, "multipart/x-mixed-replace; boundary=myboundary",
                Fixtures.bytes("streams/dahua-attachfileproc.bin"), true);
        pull("dahua", ACCOUNT);
        poll(() -> !reads.isEmpty(), "a read");
        assertThat(reads.get(0).isReadable()).isTrue();
        assertThat(reads.get(0).images()).isNotEmpty();
    }

    @Test
    void aWrongPasswordIsShownOnTheCamerasStatus() throws Exception {
        camera(PullClient.ISAPI_PATH, "multipart/mixed; boundary=boundary", Fixtures.bytes("streams/isapi-alertstream.bin"), true);
        pull("hikvision", new Credentials("nsegw", "wrong"));
        poll(() -> status.containsKey("anpr-gate") && status.get("anpr-gate").state() == DeviceState.ERROR, "an error state");
        assertThat(status.get("anpr-gate").reason()).contains("refused the account 'nsegw'");
        assertThat(reads).isEmpty();
        assertThat(refusedAuth.get()).isPositive();
    }
}
