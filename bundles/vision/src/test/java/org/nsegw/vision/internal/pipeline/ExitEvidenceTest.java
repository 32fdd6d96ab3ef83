package org.nsegw.vision.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

class ExitEvidenceTest {

    static Capture muddyExit() {
        SyntheticExit scene = new SyntheticExit(7);
        ExitWatch watch = new ExitWatch(ExitWatchTest.SETTINGS, ExitWatchTest.motion(), new SyntheticExit.MudByColour());
        List<Capture> captures = ExitWatchTest.run(watch, scene.exit(10, 8, 8, true), 0);
        assertThat(captures).hasSize(1);
        return captures.get(0);
    }

    @Test
    void anExitBecomesFramesAnAnnotatedImageAndAPlayableClipOnDiskThenItsObservation(@TempDir Path data) throws Exception {
        Capture capture = muddyExit();
        ExitEvidence evidence = new ExitEvidence("cam-exit", "EXIT", SyntheticExit.REGIONS, new VisionMediaStore(data));
        List<Observation> observations = evidence.write(capture);
        assertThat(observations).hasSize(1);
        Observation o = observations.get(0);
        Capture.Best best = capture.best().get(ObservationKind.MUDDY_VEHICLE);
        assertThat(o.cameraId()).isEqualTo("cam-exit");
        assertThat(o.lane()).isEqualTo("EXIT");
        assertThat(o.kind()).isEqualTo(ObservationKind.MUDDY_VEHICLE);
        assertThat(o.time()).isEqualTo(capture.frames().get(best.frame()).time());
        assertThat(o.confidence()).isEqualTo(best.finding().confidence());
        assertThat(o.evidence()).extracting(MediaRef::role).containsExactly("before", "at", "after", "annotated", "clip");
        for (MediaRef ref : o.evidence()) {
            byte[] bytes = Files.readAllBytes(data.resolve(ref.path()));
            assertThat(bytes).hasSize((int) ref.size());
            assertThat(VisionMediaStore.sha256(bytes)).as(ref.path()).isEqualTo(ref.sha256());
            assertThat(ref.path()).startsWith("media/vision/cam-exit/2026-05-01/");
        }
        assertThat(Files.readAllBytes(data.resolve(o.evidence().get(1).path()))).isEqualTo(capture.frames().get(best.frame()).jpeg());
        Mat annotated = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(data.resolve(o.evidence().get(3).path()))), Imgcodecs.IMREAD_COLOR);
        assertThat(annotated.cols()).isEqualTo(SyntheticExit.W);
        assertThat(annotated.rows()).isEqualTo(SyntheticExit.H);
        // the banner with the numbers is drawn black across the top: the sky there is light blue in the frame
        assertThat(annotated.get(5, SyntheticExit.W - 5)[0]).isLessThan(30);
        assertThat(o.evidence().get(4).mediaType()).isEqualTo("video/x-msvideo");
        Path clip = data.resolve(o.evidence().get(4).path());
        assertThat(ExitEvidence.frames(clip)).as("the clip plays back every frame of the exit").isEqualTo(capture.frames().size());
        assertThat(Files.readString(clip.resolveSibling("exit.json"))).contains("\"kind\":\"MUDDY_VEHICLE\"", "\"clipFrames\":" + capture.frames().size());
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    @Test
    void aLongExitsClipIsSpreadOverItsFramesAndLargeFramesAreScaled(@TempDir Path dir) throws Exception {
        OpenCvForTests.load();
        Mat big = new Mat(720, 1280, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(90, 100, 110));
        byte[] jpeg = SyntheticExit.jpeg(big);
        List<Shot> frames = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            frames.add(new Shot(jpeg, SyntheticExit.time(i)));
        }
        List<Shot> chosen = ExitEvidence.clipFrames(frames);
        assertThat(chosen).hasSize(ExitEvidence.CLIP_FRAMES);
        assertThat(chosen.get(0)).isSameAs(frames.get(0));
        assertThat(chosen.get(chosen.size() - 1)).isSameAs(frames.get(149));
        Path clip = dir.resolve("clip.avi");
        assertThat(ExitEvidence.clip(new Capture(frames, 0, 150, java.util.Map.of()), clip)).isEqualTo(ExitEvidence.CLIP_FRAMES);
        org.opencv.videoio.VideoCapture c = new org.opencv.videoio.VideoCapture(clip.toString(), org.opencv.videoio.Videoio.CAP_OPENCV_MJPEG);
        Mat m = new Mat();
        assertThat(c.read(m)).isTrue();
        assertThat(m.cols()).isEqualTo(ExitEvidence.CLIP_WIDTH);
        assertThat(m.rows()).isEqualTo(540);
        c.release();
    }

    @Test
    void anExitWithoutFindingsWritesNothing(@TempDir Path data) throws Exception {
        SyntheticExit scene = new SyntheticExit(8);
        ExitWatch watch = new ExitWatch(ExitWatchTest.SETTINGS, ExitWatchTest.motion(), new SyntheticExit.MudByColour());
        Capture clean = ExitWatchTest.run(watch, scene.exit(10, 8, 8, false), 0).get(0);
        assertThat(new ExitEvidence("cam-exit", "EXIT", SyntheticExit.REGIONS, new VisionMediaStore(data)).write(clean)).isEmpty();
        assertThat(Files.exists(data.resolve("media"))).isFalse();
    }

    @Test
    void aDiskThatRefusesLeavesNoHalfWrittenExit(@TempDir Path data) throws Exception {
        Capture capture = muddyExit();
        Files.createDirectories(data.resolve("media"));
        Files.writeString(data.resolve("media/vision"), "a file where the folder should be");
        ExitEvidence evidence = new ExitEvidence("cam-exit", "EXIT", SyntheticExit.REGIONS, new VisionMediaStore(data));
        assertThatThrownBy(() -> evidence.write(capture)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aCrashesLeftoversAreCleanedUp(@TempDir Path data) throws Exception {
        VisionMediaStore store = new VisionMediaStore(data);
        Files.createDirectories(data.resolve("media/vision/cam-exit/2026-05-01/.tmp-123"));
        Files.writeString(data.resolve("media/vision/cam-exit/2026-05-01/.tmp-123/before.jpg"), "half");
        assertThat(store.cleanUp("cam-exit")).isEqualTo(1);
        assertThat(store.cleanUp("cam-exit")).isZero();
        List<String> left = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data.resolve("media"))) {
            files.forEach(p -> left.add(p.getFileName().toString()));
        }
        assertThat(left).doesNotContain(".tmp-123");
    }
}
