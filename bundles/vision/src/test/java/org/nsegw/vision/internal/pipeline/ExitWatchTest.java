package org.nsegw.vision.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nsegw.api.vision.ObservationKind;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

class ExitWatchTest {

    static final ExitWatch.Settings SETTINGS = new ExitWatch.Settings(3, 3, 40, Duration.ofSeconds(2), Duration.ofMinutes(30), 0.5, false);

    static List<Capture> run(ExitWatch watch, List<byte[]> jpegs, int offset) {
        List<Capture> out = new ArrayList<>();
        for (int i = 0; i < jpegs.size(); i++) {
            Mat m = Imgcodecs.imdecode(new MatOfByte(jpegs.get(i)), Imgcodecs.IMREAD_COLOR);
            watch.frame(new Shot(jpegs.get(i), SyntheticExit.time(offset + i)), m).ifPresent(out::add);
            m.release();
        }
        return out;
    }

    /** Which of the script's frames this is (the same array, not equal bytes). */
    static int indexOf(List<byte[]> frames, byte[] jpeg) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i) == jpeg) {
                return i;
            }
        }
        return -1;
    }

    static MotionPresence motion() {
        return new MotionPresence(List.of(SyntheticExit.REGIONS.wheelZone(), SyntheticExit.REGIONS.bodyZone()), 0.12);
    }

    @Test
    void aMuddyTruckBecomesOneCaptureWithFramesBeforeAtAndAfter() {
        SyntheticExit scene = new SyntheticExit(1);
        SyntheticExit.MudByColour analyzer = new SyntheticExit.MudByColour();
        ExitWatch watch = new ExitWatch(SETTINGS, motion(), analyzer);
        List<byte[]> frames = scene.exit(10, 8, 8, true);
        List<Capture> captures = run(watch, frames, 0);
        assertThat(captures).hasSize(1);
        Capture c = captures.get(0);
        assertThat(c.firstAt()).as("three frames kept from before").isEqualTo(3);
        assertThat(c.best()).containsOnlyKeys(ObservationKind.MUDDY_VEHICLE);
        Capture.Best best = c.best().get(ObservationKind.MUDDY_VEHICLE);
        assertThat(best.frame()).isBetween(c.firstAt(), c.firstAfter() - 1);
        assertThat(best.finding().confidence()).isGreaterThan(0.5);
        // before and after are frames of the empty exit, the finding's frame has the truck
        assertThat(indexOf(frames, c.before().jpeg())).isBetween(0, 9);
        assertThat(indexOf(frames, c.after().jpeg())).isBetween(18, 25);
        assertThat(indexOf(frames, c.frames().get(best.frame()).jpeg())).isBetween(10, 17);
        assertThat(c.frames().size() - c.firstAfter()).isEqualTo(3);
        assertThat(analyzer.vehicleCalls).as("only frames with the truck are analysed").isBetween(5, 9);
        assertThat(watch.busy()).isFalse();
    }

    @Test
    void aCleanTruckIsAnExitWithoutFindingsAndTheRoadIsJudgedOnlyWithoutTrucks() {
        SyntheticExit scene = new SyntheticExit(2);
        SyntheticExit.MudByColour analyzer = new SyntheticExit.MudByColour();
        ExitWatch watch = new ExitWatch(SETTINGS, motion(), analyzer);
        List<Capture> captures = run(watch, scene.exit(10, 8, 8, false), 0);
        assertThat(captures).hasSize(1);
        assertThat(captures.get(0).best()).isEmpty();
        // 26 frames 200 ms apart, road every 2 s, only while the exit is empty
        assertThat(analyzer.roadCalls).isBetween(1, 3);
    }

    @Test
    void aDirtyRoadIsACaptureOfItsOwnOncePerReportInterval() {
        SyntheticExit scene = new SyntheticExit(3);
        SyntheticExit.MudByColour analyzer = new SyntheticExit.MudByColour();
        analyzer.roadDirty = true;
        ExitWatch watch = new ExitWatch(SETTINGS, motion(), analyzer);
        List<Capture> captures = run(watch, scene.exit(40, 0, 0, false), 0);
        assertThat(captures).hasSize(1);
        Capture c = captures.get(0);
        assertThat(c.best()).containsOnlyKeys(ObservationKind.DIRTY_ROAD);
        assertThat(c.frames().size() - c.firstAfter()).isEqualTo(3);
        assertThat(analyzer.roadCalls).as("judged every 2 s, reported once in 30 min").isGreaterThan(2);
    }

    @Test
    void aTruckInViewFromTheStartDoesNotHoldPresenceForever() {
        // the camera starts with a truck at the gate: the background is learnt with it, and the empty exit after it
        // looks like a truck; the longest exit ends that, and the empty exit becomes the background
        SyntheticExit scene = new SyntheticExit(6);
        ExitWatch.Settings settings = new ExitWatch.Settings(3, 3, 12, Duration.ofSeconds(2), Duration.ofMinutes(30), 0.5, false);
        ExitWatch watch = new ExitWatch(settings, motion(), new SyntheticExit.MudByColour());
        List<Capture> captures = run(watch, scene.exit(0, 8, 40, true), 0);
        assertThat(captures).as("one exit ended by its length, then quiet").hasSize(1);
        assertThat(watch.busy()).isFalse();
        List<Capture> next = run(watch, scene.exit(6, 8, 8, true), 48);
        assertThat(next).as("the next truck is seen as before").hasSize(1);
        assertThat(next.get(0).best()).containsKey(ObservationKind.MUDDY_VEHICLE);
    }

    @Test
    void eachEventPictureIsAWholeExit() {
        SyntheticExit scene = new SyntheticExit(5);
        ExitWatch.Settings stills = new ExitWatch.Settings(3, 3, 40, Duration.ofSeconds(2), Duration.ofMinutes(30), 0.5, true);
        ExitWatch watch = new ExitWatch(stills, (bgr, time) -> false, new SyntheticExit.MudByColour());
        List<Capture> captures = run(watch, List.of(SyntheticExit.jpeg(scene.frame(true, true)), SyntheticExit.jpeg(scene.frame(true, false))), 0);
        assertThat(captures).hasSize(2);
        assertThat(captures.get(0).frames()).hasSize(1);
        assertThat(captures.get(0).best()).containsOnlyKeys(ObservationKind.MUDDY_VEHICLE);
        assertThat(captures.get(0).before()).isSameAs(captures.get(0).after());
        assertThat(captures.get(1).best()).isEmpty();
    }

    @Test
    void theGateReadIsTheTriggerWithAnprPresence() {
        SyntheticExit scene = new SyntheticExit(4);
        AnprPresence presence = new AnprPresence(Duration.ofSeconds(1));
        ExitWatch watch = new ExitWatch(SETTINGS, presence, new SyntheticExit.MudByColour());
        presence.read(SyntheticExit.time(12));
        // the truck is in frames 10..17 and the read says 12: from 2 s before it (frame 2) to 1 s after (frame 17)
        List<Capture> captures = run(watch, scene.exit(10, 8, 8, true), 0);
        assertThat(captures).hasSize(1);
        assertThat(captures.get(0).best()).containsKey(ObservationKind.MUDDY_VEHICLE);
        assertThat(Optional.of(captures.get(0).firstAt())).contains(2);
    }
}
