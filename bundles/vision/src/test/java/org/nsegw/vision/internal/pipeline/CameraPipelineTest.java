package org.nsegw.vision.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.vision.internal.camera.VisionHealth;
import org.nsegw.vision.internal.source.Frame;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** A camera's frames through the whole pipeline on its own thread: checks, exits, durable evidence, observations. */
class CameraPipelineTest {

    static final class Recorder implements CameraPipeline.Outlet {
        final List<Observation> observations = new CopyOnWriteArrayList<>();
        final List<String> alarms = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final List<Boolean> durableWhenPublished = new CopyOnWriteArrayList<>();
        volatile DeviceStatus status;
        final Path data;

        Recorder(Path data) {
            this.data = data;
        }

        @Override
        public void observed(Observation o) {
            // the evidence must be on disk, complete, before anyone hears of the observation
            durableWhenPublished.add(o.evidence().stream().allMatch(r -> Files.isRegularFile(data.resolve(r.path()))));
            observations.add(o);
        }

        @Override
        public void status(DeviceStatus s) {
            status = s;
        }

        @Override
        public void alarm(String text) {
            alarms.add(text);
        }

        @Override
        public void error(String text, Throwable e) {
            errors.add(e);
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5); // polling interval of the wait, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static CameraPipeline pipeline(Path data, Recorder out, VisionHealth health, int width, int height) {
        CameraPipeline p = new CameraPipeline("t", width, height, health, out, Clock.systemUTC(), 64);
        p.ready(new ExitWatch(ExitWatchTest.SETTINGS, ExitWatchTest.motion(), new SyntheticExit.MudByColour()),
                new ExitEvidence("cam-exit", "EXIT", SyntheticExit.REGIONS, new VisionMediaStore(data)));
        return p;
    }

    @Test
    void aMuddyTruckIsObservedWithItsEvidenceDurableFirst(@TempDir Path data) {
        Recorder out = new Recorder(data);
        VisionHealth health = new VisionHealth("cam-exit", "EXIT", Duration.ofSeconds(30), Instant.now());
        SyntheticExit scene = new SyntheticExit(11);
        try (CameraPipeline p = pipeline(data, out, health, SyntheticExit.W, SyntheticExit.H)) {
            List<byte[]> frames = scene.exit(10, 8, 8, true);
            for (int i = 0; i < frames.size(); i++) {
                p.frame(new Frame(frames.get(i), SyntheticExit.time(i), "f" + i));
            }
            await(() -> out.observations.size() == 1 && out.status != null && out.status.counters().getOrDefault("observations", 0L) == 1
                    && out.status.counters().getOrDefault("frames", 0L) == frames.size(), "the observation and every frame");
            assertThat(out.durableWhenPublished).containsExactly(true);
            assertThat(out.observations.get(0).kind()).isEqualTo(ObservationKind.MUDDY_VEHICLE);
            assertThat(out.status.state()).isEqualTo(DeviceState.ONLINE);
            assertThat(out.status.counters()).containsEntry("frames", 26L).containsEntry("exits", 1L)
                    .containsEntry("observations.MUDDY_VEHICLE", 1L);
            assertThat(out.alarms).isEmpty();
            assertThat(out.errors).isEmpty();
        }
    }

    @Test
    void corruptAndWrongSizedFramesAreCountedAndAlarmedOnceNeverACrash(@TempDir Path data) {
        Recorder out = new Recorder(data);
        VisionHealth health = new VisionHealth("cam-exit", "EXIT", Duration.ofSeconds(30), Instant.now());
        SyntheticExit scene = new SyntheticExit(12);
        try (CameraPipeline p = pipeline(data, out, health, SyntheticExit.W, SyntheticExit.H)) {
            // JPEG markers right, content garbage: passes the sources' check, fails to decode
            byte[] corrupt = new byte[2000];
            new java.util.Random(1).nextBytes(corrupt);
            corrupt[0] = (byte) 0xff;
            corrupt[1] = (byte) 0xd8;
            corrupt[1998] = (byte) 0xff;
            corrupt[1999] = (byte) 0xd9;
            Mat small = new Mat(240, 320, CvType.CV_8UC3, new Scalar(100, 100, 100));
            byte[] wrongSize = SyntheticExit.jpeg(small);
            for (int i = 0; i < 3; i++) {
                p.frame(new Frame(corrupt, SyntheticExit.time(i), "corrupt-" + i));
            }
            p.frame(new Frame(wrongSize, SyntheticExit.time(3), "small"));
            p.frame(new Frame(wrongSize, SyntheticExit.time(4), "small-again"));
            await(() -> out.status != null && out.status.counters().getOrDefault("wrongResolution", 0L) == 2, "the refusals");
            assertThat(p.latest()).as("no good frame yet: nothing for the console to show").isEmpty();
            assertThat(out.status.state()).isEqualTo(DeviceState.ERROR);
            assertThat(out.status.reason()).contains("wrong resolution", "320×240", "640×360");
            assertThat(out.status.counters()).containsEntry("corrupt", 3L);
            assertThat(out.alarms).hasSize(2);
            assertThat(out.alarms.get(0)).contains("corrupt JPEG", "corrupt-0");
            Mat good = scene.frame(false, false);
            byte[] goodJpeg = SyntheticExit.jpeg(good);
            p.frame(new Frame(goodJpeg, SyntheticExit.time(5), "good"));
            await(() -> out.status.state() == DeviceState.ONLINE, "online again");
            // the latest good frame is kept as the camera sent it, for the installer console's camera page
            assertThat(p.latest()).hasValueSatisfying(f -> {
                assertThat(f.jpeg()).isEqualTo(goodJpeg);
                assertThat(f.time()).isEqualTo(SyntheticExit.time(5));
                assertThat(f.width()).isEqualTo(SyntheticExit.W);
                assertThat(f.height()).isEqualTo(SyntheticExit.H);
            });
            p.frame(new Frame(wrongSize, SyntheticExit.time(6), "small-later"));
            await(() -> out.status.counters().getOrDefault("wrongResolution", 0L) == 3, "the third refusal");
            assertThat(p.latest().orElseThrow().time()).as("a refused frame does not replace it").isEqualTo(SyntheticExit.time(5));
            assertThat(out.errors).isEmpty();
        }
    }
}
