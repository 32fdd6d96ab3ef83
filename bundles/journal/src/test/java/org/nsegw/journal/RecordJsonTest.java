package org.nsegw.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.device.Verification;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.Suspension;
import org.nsegw.api.weigh.TyreFitting;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;

class RecordJsonTest {

    static final Instant T = Instant.parse("2026-11-23T02:15:07.250Z");
    static final String SHA = "ab".repeat(32);

    static Passage rich() {
        WeighRecord w = new WeighRecord("wim-L1", "L1", T, 47.5,
                List.of(new Axle(7100, 0, TyreFitting.SINGLE, Suspension.OTHER), new Axle(11800, 3600, TyreFitting.DUAL, Suspension.AIR),
                        new Axle(11900, 1350), new Axle(9000, 7000), new Axle(9100, 1310)),
                List.of(new AxleGroup(0, 1), new AxleGroup(1, 2), new AxleGroup(3, 2)), 48900, "5",
                new Verification("ZJJL-WIM-2026-0101", LocalDate.of(2027, 6, 30)), Set.of(WeighFlag.ACCELERATION),
                new byte[] {2, 'V', 0, (byte) 0xFF, '\n'});
        PlateRead front = new PlateRead("anpr-L1-front", "L1", CameraPosition.FRONT, T.minusMillis(1800), "浙A12345", "蓝浙A12345",
                PlateKind.NORMAL, PlateColor.YELLOW, 93, "ev-1",
                List.of(new MediaRef("plate", "media/anpr/anpr-L1-front/2026-11-23/ev-1/01-plate.jpg", "image/jpeg", 1234, SHA)),
                T.minusMillis(1800), T.minusMillis(1750), EnumSet.of(PlateReadFlag.LOW_CONFIDENCE), List.of("colour word '蓝' taken off"));
        PlateRead rear = new PlateRead("anpr-L1-rear", "L1", CameraPosition.REAR, T.plusMillis(1500), "", "无车牌", PlateKind.UNREADABLE,
                PlateColor.UNKNOWN, -1, "ev-2", List.of(), null, T.plusMillis(1600), EnumSet.of(PlateReadFlag.NO_CAMERA_TIME),
                List.of("unreadable: no plate"));
        Observation o = new Observation("cam-exit", "L1", T, ObservationKind.MUDDY_VEHICLE, 0.4, 0.91, List.of());
        return new Passage("L1-wim-L1-20261123T021507250Z", "L1", T, w, List.of(front, rear), List.of(o),
                EnumSet.of(PassageFlag.PLATES_DISAGREE), "浙A12345", "", List.of());
    }

    @Test
    void aPassageComesBackExactlyAsItWent() {
        Passage p = rich();
        String line = RecordJson.passage(p);
        assertThat(line).doesNotContain("\n").contains("\"time\":\"2026-11-23T02:15:07.250Z\"", "\"plate\":\"浙A12345\"");
        assertThat(line).as("helpers are not fields").doesNotContain("\"readable\":", "\"clean\":", "\"axleCount\":", "\"hasPlate\":");
        Passage back = RecordJson.passage(line);
        assertThat(back).isEqualTo(p);
        assertThat(RecordJson.passage(RecordJson.passage(back))).isEqualTo(p);
    }

    @Test
    void aPassageWithoutWeightOrCameraTimeComesBackToo() {
        Passage p = new Passage("EXIT-anpr-gate-ev-9", "EXIT", T, null, List.of(), List.of(), Set.of(PassageFlag.NO_PLATE), "", "",
                List.of());
        assertThat(RecordJson.passage(RecordJson.passage(p))).isEqualTo(p);
    }

    @Test
    void whatARecordRefusesOrDoesNotKnowIsAnErrorNamingIt() {
        String line = RecordJson.passage(rich());
        assertThatThrownBy(() -> RecordJson.passage(line.replace("\"lane\":\"L1\",\"time\"", "\"lane\":\"L1\",\"speed\":3,\"time\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed");
        assertThatThrownBy(() -> RecordJson.passage(line.replace("\"grossWeightKg\":48900", "\"grossWeightKg\":-5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative gross weight");
        assertThatThrownBy(() -> RecordJson.passage(line.substring(0, line.length() / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a passage");
        assertThatThrownBy(() -> RecordJson.passage("{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerdictNamesItsPassageAndEveryFinding() {
        Verdict v = new Verdict(rich(), Outcome.REVIEW, List.of(new Finding("PLATES_DISAGREE", "", "前后车牌不一致")), "");
        assertThat(RecordJson.verdict(v)).isEqualTo("{\"passage\":\"L1-wim-L1-20261123T021507250Z\",\"lane\":\"L1\","
                + "\"time\":\"2026-11-23T02:15:07.250Z\",\"plate\":\"浙A12345\",\"trailerPlate\":\"\",\"outcome\":\"REVIEW\","
                + "\"enforcementCode\":\"\",\"findings\":[{\"code\":\"PLATES_DISAGREE\",\"legalBasis\":\"\",\"explanation\":\"前后车牌不一致\"}]}");
    }
}
