package org.nsegw.vision.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.emulator.camera.scene.CameraGeometry;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.Load;
import org.nsegw.emulator.camera.scene.SceneRenderer;
import org.nsegw.emulator.camera.scene.SceneSpec;
import org.nsegw.emulator.camera.scene.Truck;
import org.nsegw.vision.internal.camera.ExitRegions;
import org.nsegw.vision.internal.camera.Polygon;
import org.nsegw.vision.internal.camera.VisionHealth;
import org.nsegw.vision.internal.source.Frame;

/** The whole camera pipeline with the real detectors on the camera emulator's rendered exit scenes. */
class RenderedExitTest {

    static Polygon polygon(String key, List<double[]> corners) {
        return Polygon.of(key, corners.stream().map(c -> c[0] + "," + c[1]).toArray(String[]::new));
    }

    static final ExitRegions REGIONS = new ExitRegions(polygon("wheelZone", CameraGeometry.WHEEL_ZONE),
            polygon("bodyZone", CameraGeometry.BODY_ZONE), polygon("roadZone", CameraGeometry.ROAD_ZONE),
            Optional.of(polygon("washArea", CameraGeometry.WASH_AREA)));

    @Test
    void aMuddyUncoveredTruckOnRenderedFramesBecomesObservationsWithDurableEvidence(@TempDir Path data) {
        OpenCvForTests.load();
        CameraPipelineTest.Recorder out = new CameraPipelineTest.Recorder(data);
        VisionHealth health = new VisionHealth("cam-exit", "EXIT", Duration.ofSeconds(30), Instant.now());
        Truck truck = new Truck("浙A3K725", true, Load.UNCOVERED);
        try (CameraPipeline p = new CameraPipeline("t", 640, 360, health, out, Clock.systemUTC(), 64)) {
            p.ready(new ExitWatch(ExitWatchTest.SETTINGS, new MotionPresence(List.of(REGIONS.wheelZone(), REGIONS.bodyZone()), 0.12),
                    new DetectorAnalyzer(REGIONS, null, 0.9, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(30))),
                    new ExitEvidence("cam-exit", "EXIT", REGIONS, new VisionMediaStore(data)));
            int n = 0;
            for (int i = 0; i < 26; i++) {
                boolean there = i >= 10 && i < 18;
                SceneSpec spec = new SceneSpec(42, 7, i, 640, 360, Condition.CLEAR_DAY, there ? truck : null, false, 0);
                p.frame(new Frame(SceneRenderer.render(spec).jpeg(), SyntheticExit.time(i), "r" + i));
                n++;
            }
            int frames = n;
            CameraPipelineTest.await(() -> out.status != null && out.status.counters().getOrDefault("frames", 0L) == frames
                    && out.status.counters().getOrDefault("exits", 0L) == 1, "the exit");
            assertThat(out.observations).extracting(o -> o.kind())
                    .containsExactlyInAnyOrder(ObservationKind.MUDDY_VEHICLE, ObservationKind.UNCOVERED_LOAD);
            assertThat(out.observations).allSatisfy(o -> assertThat(o.confidence()).isGreaterThan(0.85));
            assertThat(out.durableWhenPublished).containsOnly(true);
            for (MediaRef r : out.observations.get(0).evidence()) {
                assertThat(Files.isRegularFile(data.resolve(r.path()))).isTrue();
            }
            assertThat(out.errors).isEmpty();
        }
    }
}
