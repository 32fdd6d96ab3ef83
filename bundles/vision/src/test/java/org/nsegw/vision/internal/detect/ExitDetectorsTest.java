package org.nsegw.vision.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.Light;
import org.nsegw.emulator.camera.scene.Load;
import org.nsegw.emulator.camera.scene.SceneSpec;
import org.nsegw.emulator.camera.scene.Truck;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The detectors on rendered scenes, one condition at a time: each pair differs only in the one thing the detector is
 * about. The site example's thresholds decide (0.85 for the truck kinds, 0.9 for the road).
 */
class ExitDetectorsTest {

    static final double TRUCK_THRESHOLD = 0.85;
    static final double ROAD_THRESHOLD = 0.9;
    static final Truck CLEAN_CLOSED = new Truck("浙A3K725", false, Load.CLOSED);

    static Stream<Arguments> conditions() {
        Condition day = Condition.CLEAR_DAY;
        return Stream.of(
                Arguments.of("day", day),
                Arguments.of("dusk", day.withLight(Light.DUSK)),
                Arguments.of("night", day.withLight(Light.NIGHT).withNoise(0.015)),
                Arguments.of("rain", day.withRain(true).withJpegQuality(75)),
                Arguments.of("shadows", day.withShadows(true)),
                Arguments.of("night rain noise", new Condition(Light.NIGHT, true, true, 0.025, 70)));
    }

    private final ExitDetectors detectors = new ExitDetectors();

    private Detection detect(SceneSpec spec, ObservationKind kind) {
        Mat frame = Scenes.frame(spec);
        try {
            return detectors.analyze(frame, Scenes.REGIONS, null).stream().filter(d -> d.kind() == kind).findFirst().orElseThrow();
        } finally {
            frame.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void muddyTrucksAreTold(String name, Condition c) {
        for (long seed = 21; seed <= 21; seed++) {
            Detection muddy = detect(SceneSpec.still(seed, 640, 360, c, new Truck("浙A3K725", true, Load.CLOSED), false), ObservationKind.MUDDY_VEHICLE);
            Detection clean = detect(SceneSpec.still(seed, 640, 360, c, CLEAN_CLOSED, false), ObservationKind.MUDDY_VEHICLE);
            assertThat(muddy.confidence()).as("muddy, seed %d", seed).isGreaterThanOrEqualTo(TRUCK_THRESHOLD);
            assertThat(muddy.where()).isNotEmpty();
            assertThat(clean.confidence()).as("clean, seed %d", seed).isLessThan(TRUCK_THRESHOLD);
            assertThat(muddy.score()).isGreaterThan(clean.score());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void uncoveredLoadsAreTold(String name, Condition c) {
        for (long seed = 31; seed <= 31; seed++) {
            Detection open = detect(SceneSpec.still(seed, 640, 360, c, new Truck("浙A5G219", false, Load.UNCOVERED), false),
                    ObservationKind.UNCOVERED_LOAD);
            Detection covered = detect(SceneSpec.still(seed, 640, 360, c, new Truck("浙A5G219", false, Load.COVERED), false),
                    ObservationKind.UNCOVERED_LOAD);
            Detection closed = detect(SceneSpec.still(seed, 640, 360, c, new Truck("浙A5G219", false, Load.CLOSED), false),
                    ObservationKind.UNCOVERED_LOAD);
            assertThat(open.confidence()).as("uncovered, seed %d", seed).isGreaterThanOrEqualTo(TRUCK_THRESHOLD);
            assertThat(covered.confidence()).as("covered, seed %d", seed).isLessThan(TRUCK_THRESHOLD);
            assertThat(closed.confidence()).as("closed, seed %d", seed).isLessThan(TRUCK_THRESHOLD);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void dirtyRoadsAreTold(String name, Condition c) {
        for (long seed = 41; seed <= 41; seed++) {
            Detection dirty = detect(SceneSpec.still(seed, 640, 360, c, CLEAN_CLOSED, true), ObservationKind.DIRTY_ROAD);
            Detection clean = detect(SceneSpec.still(seed, 640, 360, c, CLEAN_CLOSED, false), ObservationKind.DIRTY_ROAD);
            assertThat(dirty.confidence()).as("dirty, seed %d", seed).isGreaterThanOrEqualTo(ROAD_THRESHOLD);
            assertThat(clean.confidence()).as("clean, seed %d", seed).isLessThan(ROAD_THRESHOLD);
        }
    }

    @Test
    void anEmptyExitHasNoTruckFindingsButItsRoadIsStillJudged() {
        SceneSpec spec = SceneSpec.still(51, 640, 360, Condition.CLEAR_DAY, null, true);
        Mat frame = Scenes.frame(spec);
        List<Detection> d = detectors.analyze(frame, Scenes.REGIONS, null);
        assertThat(d).extracting(Detection::kind)
                .containsExactly(ObservationKind.MUDDY_VEHICLE, ObservationKind.UNCOVERED_LOAD, ObservationKind.DIRTY_ROAD);
        assertThat(d.get(0).confidence()).isLessThan(0.5);
        assertThat(d.get(1).confidence()).isLessThan(0.5);
        assertThat(d.get(2).confidence()).isGreaterThanOrEqualTo(ROAD_THRESHOLD);
        frame.release();
    }

    @Test
    void aLargeFrameIsAnalysedAlikeAndItsBoxesAreInItsOwnPixels() {
        SceneSpec small = SceneSpec.still(61, 640, 360, Condition.CLEAR_DAY, new Truck("浙A8D031", true, Load.UNCOVERED), true);
        Mat a = Scenes.frame(small);
        Mat b = Scenes.frame(small.withSize(1280, 720));
        List<Detection> da = detectors.analyze(a, Scenes.REGIONS, null);
        List<Detection> db = detectors.analyze(b, Scenes.REGIONS, null);
        for (int i = 0; i < 3; i++) {
            assertThat(db.get(i).confidence()).as(db.get(i).kind().name()).isGreaterThanOrEqualTo(TRUCK_THRESHOLD);
            assertThat(db.get(i).score()).isCloseTo(da.get(i).score(), org.assertj.core.data.Offset.offset(0.05));
        }
        Box mud = db.get(0).where().get(0);
        assertThat(mud.x()).isBetween((int) (0.19 * 1280), 1280);
        assertThat(mud.y() + mud.height()).isBetween((int) (0.6 * 720), (int) (0.84 * 720));
        a.release();
        b.release();
    }

    @Test
    void theCleanReferenceTakesAwayWhatWasAlwaysThere() {
        // the same dirty road as reference and frame: nothing new on it
        SceneSpec dirty = SceneSpec.still(71, 640, 360, Condition.CLEAR_DAY, CLEAN_CLOSED, true);
        Mat frame = Scenes.frame(dirty);
        Mat reference = Scenes.frame(dirty.withTruck(null, 0));
        Detection without = detectors.analyze(frame, Scenes.REGIONS, null).get(2);
        Detection with = detectors.analyze(frame, Scenes.REGIONS, reference).get(2);
        assertThat(without.confidence()).isGreaterThanOrEqualTo(ROAD_THRESHOLD);
        assertThat(with.score()).isLessThan(0.02);
        assertThat(with.confidence()).isLessThan(ROAD_THRESHOLD);
        frame.release();
        reference.release();
    }

    @Test
    void refusesWhatIsNotAColourFrame() {
        Mat grey = new Mat(360, 640, CvType.CV_8UC1);
        assertThatThrownBy(() -> detectors.analyze(grey, Scenes.REGIONS, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8-bit BGR");
        assertThatThrownBy(() -> detectors.analyze(new Mat(), Scenes.REGIONS, null)).isInstanceOf(IllegalArgumentException.class);
        grey.release();
    }
}
