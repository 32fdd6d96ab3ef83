package org.nsegw.vision.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.vision.internal.source.RecordingSink.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Snapshot polling against a real loopback camera that wants Digest. */
class SnapshotSourceTest {

    static final String PATH = "/ISAPI/Streaming/channels/101/picture";
    static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void pollsFramesWithDigestAndIsNotChallengedOnEverySnapshot() throws Exception {
        byte[] picture = MjpegStreamTest.jpeg(20_000, 1);
        RecordingSink sink = new RecordingSink();
        try (TestCamera camera = new TestCamera(PATH, ex -> TestCamera.send(ex, "image/jpeg", picture));
                SnapshotSource source = new SnapshotSource(camera.camera(PATH, TestCamera.ACCOUNT.password()), Duration.ofMillis(40), 100_000, sink,
                        Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.frames.size() >= 5, LIMIT, "five snapshots");
            assertThat(sink.frames.get(0).jpeg()).isEqualTo(picture);
            assertThat(sink.frames.get(0).origin()).endsWith(PATH);
            assertThat(sink.problems).isEmpty();
            // the JDK answers the challenge once and then authorises each request itself (nonce count)
            assertThat(camera.challenges.get()).as("challenged").isPositive().isLessThan(camera.served.get());
        }
    }

    @Test
    void aWrongPasswordIsReportedAsRefusedAccount() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (TestCamera camera = new TestCamera(PATH, ex -> TestCamera.send(ex, "image/jpeg", MjpegStreamTest.jpeg(100, 1)));
                SnapshotSource source = new SnapshotSource(camera.camera(PATH, "guess"), Duration.ofMillis(40), 100_000, sink, Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.has(SourceProblem.AUTH), LIMIT, "the refusal");
            assertThat(sink.detail(SourceProblem.AUTH)).contains("'nsegw'", "HTTP 401");
            assertThat(sink.frames).isEmpty();
        }
    }

    @Test
    void badAnswersAreProblemsNotFrames() throws Exception {
        AtomicReference<byte[]> answer = new AtomicReference<>("<html>login</html>".getBytes());
        AtomicReference<Integer> status = new AtomicReference<>(200);
        RecordingSink sink = new RecordingSink();
        try (TestCamera camera = new TestCamera(PATH, ex -> {
                    if (status.get() != 200) {
                        ex.sendResponseHeaders(status.get(), -1);
                    } else {
                        TestCamera.send(ex, "image/jpeg", answer.get());
                    }
                });
                SnapshotSource source = new SnapshotSource(camera.camera(PATH, TestCamera.ACCOUNT.password()), Duration.ofMillis(20), 50_000, sink,
                        Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.has(SourceProblem.NOT_JPEG), LIMIT, "not a JPEG");
            answer.set(MjpegStreamTest.jpeg(200_000, 2));
            await(() -> sink.has(SourceProblem.OVERSIZED), LIMIT, "too large");
            assertThat(sink.detail(SourceProblem.OVERSIZED)).contains("200000 bytes", "limit is 50000");
            status.set(503);
            await(() -> sink.has(SourceProblem.HTTP), LIMIT, "HTTP 503");
            assertThat(sink.detail(SourceProblem.HTTP)).contains("HTTP 503");
            assertThat(sink.frames).isEmpty();
        }
    }

    @Test
    void aCameraThatIsNotThereIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        RecordingSink sink = new RecordingSink();
        try (SnapshotSource source = new SnapshotSource(HttpCamera.of("127.0.0.1", port, PATH, "", ""), Duration.ofMillis(40), 50_000, sink,
                Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.has(SourceProblem.UNREACHABLE), LIMIT, "unreachable");
            assertThat(sink.detail(SourceProblem.UNREACHABLE)).contains("cannot reach", String.valueOf(port));
        }
    }
}
