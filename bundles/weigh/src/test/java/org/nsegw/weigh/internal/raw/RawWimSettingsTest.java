package org.nsegw.weigh.internal.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawWimSettingsTest {

    private static Map<String, Object> required() {
        Map<String, Object> m = new HashMap<>();
        m.put("raw.rowSpacingM", 3.0);
        m.put("raw.sensorLengthM", "0.05");
        m.put("raw.calibration", List.of(6.25e-5, 6.4e-5));
        return m;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = required();
        m.put(key, value);
        return m;
    }

    @Test
    void theProfileKeysGiveTheSettingsWithDocumentedDefaults() {
        RawWimSettings s = RawWimSettings.of(required());
        assertThat(s).isEqualTo(new RawWimSettings(2000, 3.0, 0.05, 6.25e-5, 6.4e-5, 100, 5, 100, 2.0, 9.0, 8.0, 1.0, 0.05, 1.5, 2.5, 18));
        assertThat(s.calibration(0)).isEqualTo(6.25e-5);
        assertThat(s.calibration(1)).isEqualTo(6.4e-5);
        assertThat(s.rowDelaySamples(10)).isEqualTo(600);
    }

    @Test
    void everyKeyCanBeGivenAsTextOrNumber() {
        Map<String, Object> m = required();
        m.put("raw.sampleRateHz", "4000");
        m.put("raw.thresholdCounts", 250);
        m.put("raw.minSpeedKmh", "10");
        m.put("raw.maxSpeedKmh", 90.0);
        m.put("raw.groupSpacingM", "2.2");
        m.put("raw.maxAxleSpacingM", 11);
        m.put("raw.endOfVehicleS", "6");
        m.put("raw.baselineTimeConstantS", 0.5);
        m.put("raw.maxSpeedChange", "0.1");
        m.put("raw.laneChangeRatio", "1.6");
        m.put("raw.maxAccelerationMps2", 3);
        m.put("raw.maxWheelbaseM", "20");
        assertThat(RawWimSettings.of(m)).isEqualTo(new RawWimSettings(4000, 3.0, 0.05, 6.25e-5, 6.4e-5, 250, 10, 90, 2.2, 11, 6, 0.5, 0.1, 1.6, 3, 20));
    }

    @Test
    void theCalibrationIsTwoNumbersInAnyListForm() {
        for (Object c : new Object[] {"6.25e-5, 6.4e-5", "[6.25e-5 6.4e-5]", new double[] {6.25e-5, 6.4e-5},
                new String[] {"6.25e-5", "6.4e-5"}, List.of("6.25e-5", 6.4e-5)}) {
            RawWimSettings s = RawWimSettings.of(with("raw.calibration", c));
            assertThat(s.calibrationRow0()).isEqualTo(6.25e-5);
            assertThat(s.calibrationRow1()).isEqualTo(6.4e-5);
        }
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.calibration", "6.25e-5")))
                .hasMessage("raw.calibration must be two numbers, row 0 then row 1, not '6.25e-5'");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.calibration", List.of(1, 2, 3)))).hasMessageContaining("two numbers");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.calibration", "1, -2")))
                .hasMessage("raw.calibration[1] must be a positive number (kg·s per count, from the calibration), not -2");
    }

    @Test
    void missingUnknownAndNonNumericKeysAreAllReportedAtOnce() {
        Map<String, Object> m = new HashMap<>();
        m.put("raw.sampleRate", 2000);
        m.put("raw.thresholdCounts", "high");
        m.put("serial.baud", 115200);
        assertThatThrownBy(() -> RawWimSettings.of(m)).hasMessage("unknown key raw.sampleRate; raw.rowSpacingM is required; "
                + "raw.sensorLengthM is required; raw.calibration is required: the calibration constants of row 0 and row 1, "
                + "e.g. [6.25e-5, 6.25e-5]; raw.thresholdCounts must be a number, not 'high'");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.thresholdCounts", 99.5)))
                .hasMessage("raw.thresholdCounts must be a whole number of counts, not 99.5");
    }

    @Test
    void valuesOutOfRangeNameTheKeyAndTheRange() {
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.rowSpacingM", 0)))
                .hasMessage("raw.rowSpacingM must be between 0.5 and 20 m (the distance between the two sensor rows, measured on site), not 0");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.sensorLengthM", "NaN"))).hasMessage("raw.sensorLengthM must be a number, not 'NaN'");
        assertThatThrownBy(() -> new RawWimSettings(2000, 3, Double.NaN, 1, 1, 100, 5, 100, 2, 9, 8, 1, 0.05, 1.4, 2.5, 18))
                .hasMessageStartingWith("raw.sensorLengthM must be between 0.005 and 1 m");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.maxSpeedChange", 2)))
                .hasMessage("raw.maxSpeedChange must be between 0.005 and 1 (a share of the speed: 0.05 is 5 %), not 2");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.laneChangeRatio", 1)))
                .hasMessageStartingWith("raw.laneChangeRatio must be between 1.05 and 10");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.thresholdCounts", 0))).hasMessageStartingWith("raw.thresholdCounts must be between 1");
    }

    @Test
    void settingsThatContradictEachOtherAreRefusedWithTheReason() {
        Map<String, Object> slowSampling = with("raw.sampleRateHz", 1000);
        assertThatThrownBy(() -> RawWimSettings.of(slowSampling)).hasMessage("raw.sampleRateHz 1000 Hz is too low for raw.maxSpeedKmh 100: "
                + "a 0.2 m tyre footprint must give 10 samples, which needs at least 1389 Hz");
        slowSampling.put("raw.maxSpeedKmh", 70);
        assertThat(RawWimSettings.of(slowSampling).sampleRateHz()).isEqualTo(1000);

        Map<String, Object> speeds = with("raw.minSpeedKmh", 80);
        speeds.put("raw.maxSpeedKmh", 80);
        assertThatThrownBy(() -> RawWimSettings.of(speeds)).hasMessage("raw.minSpeedKmh 80 must be lower than raw.maxSpeedKmh 80");

        Map<String, Object> groups = with("raw.maxAxleSpacingM", 2.5);
        groups.put("raw.groupSpacingM", 3);
        groups.put("raw.rowSpacingM", 1);
        assertThatThrownBy(() -> RawWimSettings.of(groups)).hasMessage("raw.groupSpacingM 3 m must be shorter than raw.maxAxleSpacingM 2.5 m");
        Map<String, Object> rows = with("raw.rowSpacingM", 12);
        assertThatThrownBy(() -> RawWimSettings.of(rows)).hasMessage("raw.maxAxleSpacingM 9 m must be longer than raw.rowSpacingM 12 m: "
                + "a vehicle is only complete once its last axle has crossed both rows");
        Map<String, Object> wheelbase = with("raw.maxWheelbaseM", 8);
        assertThatThrownBy(() -> RawWimSettings.of(wheelbase)).hasMessage("raw.maxWheelbaseM 8 m must not be shorter than raw.maxAxleSpacingM 9 m");
        assertThatThrownBy(() -> RawWimSettings.of(with("raw.endOfVehicleS", 2)))
                .hasMessage("raw.endOfVehicleS 2 s is shorter than the 2.16 s an axle at raw.minSpeedKmh 5 needs from row 0 to row 1 "
                        + "(raw.rowSpacingM 3 m)");
    }
}
