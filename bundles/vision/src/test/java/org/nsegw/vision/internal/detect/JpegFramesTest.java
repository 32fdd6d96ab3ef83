package org.nsegw.vision.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.Load;
import org.nsegw.emulator.camera.scene.SceneRenderer;
import org.nsegw.emulator.camera.scene.SceneSpec;
import org.nsegw.emulator.camera.scene.Truck;
import org.opencv.core.Mat;

class JpegFramesTest {

    @BeforeAll
    static void natives() {
        nu.pattern.OpenCV.loadLocally();
    }

    static final SceneSpec SCENE = SceneSpec.still(91, 1280, 720, Condition.CLEAR_DAY, new Truck("浙A3K725", true, Load.UNCOVERED), false);

    @Test
    void readsTheSizeFromTheFrameHeader() {
        byte[] jpeg = SceneRenderer.render(SCENE).jpeg();
        assertThat(JpegFrames.size(jpeg)).hasValueSatisfying(s -> assertThat(s).containsExactly(1280, 720));
        assertThat(JpegFrames.size(new byte[] {1, 2, 3, 4})).isEmpty();
        assertThat(JpegFrames.size(Arrays.copyOf(jpeg, 20))).isEmpty();
    }

    @Test
    void decodesLargeFramesAtReducedSizeAndTheDetectorsAgree() {
        byte[] jpeg = SceneRenderer.render(SCENE).jpeg();
        Mat half = JpegFrames.decodeForAnalysis(jpeg, ExitDetectors.ANALYSIS_WIDTH).orElseThrow();
        assertThat(half.cols()).isEqualTo(640);
        assertThat(half.rows()).isEqualTo(360);
        List<Detection> d = new ExitDetectors().analyze(half, Scenes.REGIONS, null);
        assertThat(d).filteredOn(x -> x.kind() != ObservationKind.DIRTY_ROAD).allMatch(x -> x.confidence() >= 0.85);
        Mat full = JpegFrames.decodeForAnalysis(SceneRenderer.render(SCENE.withSize(640, 360)).jpeg(), ExitDetectors.ANALYSIS_WIDTH).orElseThrow();
        assertThat(full.cols()).isEqualTo(640);
        assertThat(JpegFrames.decodeForAnalysis("not a jpeg".getBytes(), 640)).isEmpty();
        half.release();
        full.release();
    }
}
