package org.nsegw.vision.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.vision.internal.source.RecordingSink.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** An MJPEG stream from a real loopback camera that wants Digest, with the faults cameras have. */
class MjpegSourceTest {

    static final String PATH = "/mjpeg/1";
    static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void framesOfAStreamArriveAndGarbageAndOversizedPartsAreCounted() throws Exception {
        byte[] a = MjpegStreamTest.jpeg(10_000, 1);
        byte[] b = MjpegStreamTest.jpeg(12_000, 2);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink sink = new RecordingSink();
        try (TestCamera camera = new TestCamera(PATH, ex -> {
                    ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=" + MjpegStreamTest.BOUNDARY);
                    ex.sendResponseHeaders(200, 0); // chunked: a stream has no length
                    OutputStream out = ex.getResponseBody();
                    out.write(MjpegStreamTest.part(a, true));
                    out.write("garbage between the parts\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(MjpegStreamTest.part(MjpegStreamTest.jpeg(300_000, 3), true));
                    out.write(MjpegStreamTest.part(b, false));
                    out.write(MjpegStreamTest.part(a, true));
                    out.flush();
                    try {
                        release.await(); // holds the stream open like a camera does
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                MjpegSource source = new MjpegSource(camera.camera(PATH, TestCamera.ACCOUNT.password()), Duration.ofSeconds(5), 100_000, sink,
                        Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.frames.size() >= 3, LIMIT, "three frames");
            assertThat(sink.frames).extracting(Frame::jpeg).containsExactly(a, b, a);
            assertThat(sink.problems).extracting(RecordingSink.Problem::problem)
                    .containsExactly(SourceProblem.GARBAGE, SourceProblem.OVERSIZED);
            release.countDown();
        }
    }

    @Test
    void aStreamThatEndsAfterFramesIsOpenedAgainQuietly() throws Exception {
        byte[] a = MjpegStreamTest.jpeg(2_000, 4);
        RecordingSink sink = new RecordingSink();
        try (TestCamera camera = new TestCamera(PATH, ex -> {
                    ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=" + MjpegStreamTest.BOUNDARY);
                    ex.sendResponseHeaders(200, 0);
                    ex.getResponseBody().write(MjpegStreamTest.part(a, true));
                    ex.getResponseBody().write(("--" + MjpegStreamTest.BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
                });
                MjpegSource source = new MjpegSource(camera.camera(PATH, TestCamera.ACCOUNT.password()), Duration.ofSeconds(5), 100_000, sink,
                        Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.frames.size() >= 2, LIMIT, "a frame from each of two connections");
            assertThat(sink.problems).isEmpty();
        }
    }

    @Test
    void aResponseThatIsNotAStreamIsReported() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (TestCamera camera = new TestCamera(PATH, ex -> TestCamera.send(ex, "image/jpeg", MjpegStreamTest.jpeg(100, 1)));
                MjpegSource source = new MjpegSource(camera.camera(PATH, TestCamera.ACCOUNT.password()), Duration.ofSeconds(5), 100_000, sink,
                        Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.has(SourceProblem.HTTP), LIMIT, "not a stream");
            assertThat(sink.detail(SourceProblem.HTTP)).contains("not an MJPEG stream", "image/jpeg");
        }
    }

    @Test
    void aWrongPasswordIsReported() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (TestCamera camera = new TestCamera(PATH, ex -> TestCamera.send(ex, "image/jpeg", MjpegStreamTest.jpeg(100, 1)));
                MjpegSource source = new MjpegSource(camera.camera(PATH, "wrong"), Duration.ofSeconds(5), 100_000, sink, Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.has(SourceProblem.AUTH), LIMIT, "the refusal");
            assertThat(sink.frames).isEmpty();
        }
    }
}
