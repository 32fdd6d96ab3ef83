package org.nsegw.vision.internal.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nsegw.api.device.DeviceState;
import org.nsegw.vision.internal.source.SourceProblem;

class VisionHealthTest {

    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    @Test
    void eachKindOfProblemAlarmsOnceUntilAGoodFrameAndIsAlwaysCounted() {
        VisionHealth h = new VisionHealth("cam-exit", "EXIT", Duration.ofSeconds(30), T0);
        assertThat(h.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(h.status().reason()).contains("waiting for the first frame");
        assertThat(h.problem(SourceProblem.CORRUPT, "frame-1.jpg: 900 bytes that do not decode", T0)).get().asString()
                .isEqualTo("site camera cam-exit error: corrupt JPEG: frame-1.jpg: 900 bytes that do not decode");
        assertThat(h.problem(SourceProblem.CORRUPT, "again", T0.plusSeconds(1))).isEmpty();
        assertThat(h.problem(SourceProblem.WRONG_RESOLUTION, "640×480", T0.plusSeconds(2))).isPresent();
        assertThat(h.status().state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.status().reason()).startsWith("wrong resolution");
        h.frame(T0.plusSeconds(3));
        assertThat(h.status().state()).isEqualTo(DeviceState.ONLINE);
        assertThat(h.problem(SourceProblem.CORRUPT, "once more", T0.plusSeconds(4))).as("a new episode").isPresent();
        assertThat(h.status().counters()).containsEntry("corrupt", 3L).containsEntry("wrongResolution", 1L).containsEntry("frames", 1L);
    }

    @Test
    void anUnreachableCameraIsOfflineAndASilentOneGoesOfflineOnceWithTheLastProblem() {
        VisionHealth h = new VisionHealth("cam-exit", "EXIT", Duration.ofSeconds(30), T0);
        h.frame(T0);
        assertThat(h.tick(T0.plusSeconds(29))).isEmpty();
        h.problem(SourceProblem.AUTH, "the camera refused the account 'nsegw' with HTTP 401", T0.plusSeconds(5));
        assertThat(h.tick(T0.plusSeconds(31))).get().asString().contains("offline", "no frame for 31 s", "wrong user name or password");
        assertThat(h.tick(T0.plusSeconds(40))).isEmpty();
        assertThat(h.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(h.problem(SourceProblem.UNREACHABLE, "cannot reach", T0.plusSeconds(41))).isPresent();
        assertThat(h.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(h.status().counters()).containsEntry("unreachable", 1L).containsEntry("authRefused", 1L);
    }

    @Test
    void refusedFramesAreCountedPerReasonAndInTotal() {
        VisionHealth h = new VisionHealth("cam-exit", "EXIT", Duration.ofSeconds(30), T0);
        h.problem(SourceProblem.OVERSIZED, "big", T0);
        h.problem(SourceProblem.GARBAGE, "junk", T0);
        h.dropped();
        h.exit();
        h.observation("MUDDY_VEHICLE");
        assertThat(h.status().counters()).containsEntry("rejected", 2L).containsEntry("rejected.oversized", 1L)
                .containsEntry("rejected.garbage", 1L).containsEntry("dropped", 1L).containsEntry("exits", 1L)
                .containsEntry("observations", 1L).containsEntry("observations.MUDDY_VEHICLE", 1L);
    }
}
