package org.nsegw.vision.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.vision.internal.source.RecordingSink.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {

    static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void playsImagesInNameOrderThenNewOnesAndRefusesWhatIsNotAJpeg(@TempDir Path dir) throws Exception {
        byte[] a = MjpegStreamTest.jpeg(500, 1);
        byte[] b = MjpegStreamTest.jpeg(600, 2);
        Files.write(dir.resolve("frame-002.jpg"), b);
        Files.write(dir.resolve("frame-001.jpg"), a);
        Files.write(dir.resolve("frame-003.jpg"), "not a picture".getBytes());
        Files.write(dir.resolve("notes.txt"), "ignored".getBytes());
        Files.write(dir.resolve("frame-004.jpg"), MjpegStreamTest.jpeg(5000, 3));
        RecordingSink sink = new RecordingSink();
        try (DirectorySource source = new DirectorySource(dir, Duration.ofMillis(10), 4096, sink, Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.frames.size() == 2 && sink.problems.size() == 2, LIMIT, "two frames and two refusals");
            assertThat(sink.frames).extracting(Frame::origin).containsExactly("frame-001.jpg", "frame-002.jpg");
            assertThat(sink.problems).extracting(RecordingSink.Problem::problem).containsExactly(SourceProblem.NOT_JPEG, SourceProblem.OVERSIZED);
            Files.write(dir.resolve("frame-005.jpg"), a);
            await(() -> sink.frames.size() == 3, LIMIT, "the frame dropped in later");
            assertThat(sink.frames.get(2).jpeg()).isEqualTo(a);
        }
    }

    @Test
    void aMissingDirectoryIsUnreachable(@TempDir Path dir) {
        RecordingSink sink = new RecordingSink();
        try (DirectorySource source = new DirectorySource(dir.resolve("nowhere"), Duration.ofMillis(10), 4096, sink, Clock.systemUTC(), "t")) {
            source.start();
            await(() -> sink.has(SourceProblem.UNREACHABLE), LIMIT, "unreachable");
            assertThat(sink.detail(SourceProblem.UNREACHABLE)).contains("nowhere", "does not exist");
        }
    }
}
