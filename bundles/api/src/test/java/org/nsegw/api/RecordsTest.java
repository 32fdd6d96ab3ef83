package org.nsegw.api;

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
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.Verification;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;

class RecordsTest {

    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    static WeighRecord record(byte[] raw) {
        return new WeighRecord("wim-L1", "L1", T, 62.5, List.of(new Axle(7000, 0), new Axle(11000, 3400), new Axle(11000, 1350)),
                List.of(new AxleGroup(0, 1), new AxleGroup(1, 2)), 29000, "5",
                new Verification("ZJJL-1", LocalDate.of(2027, 6, 30)), EnumSet.of(WeighFlag.LANE_CHANGE, WeighFlag.ACCELERATION), raw);
    }

    @Test
    void aWeighRecordCannotBeChangedThroughItsRawBytes() {
        byte[] raw = {1, 2, 3};
        WeighRecord r = record(raw);
        raw[0] = 9;
        r.raw()[1] = 9;
        assertThat(r.raw()).containsExactly(1, 2, 3);
        assertThat(r).isEqualTo(record(new byte[] {1, 2, 3})).hasSameHashCodeAs(record(new byte[] {1, 2, 3}));
        assertThat(r).isNotEqualTo(record(new byte[] {1, 2, 4}));
        assertThat(r.axleCount()).isEqualTo(3);
        assertThat(r.flags()).containsExactly(WeighFlag.ACCELERATION, WeighFlag.LANE_CHANGE); // declaration order
        assertThat(r.isClean()).isFalse();
    }

    @Test
    void aWeighRecordRefusesImpossibleValues() {
        assertThatThrownBy(() -> new WeighRecord("d", "L1", T, -1, List.of(), List.of(), 0, "5", null, Set.of(), new byte[0]))
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> new WeighRecord("d", "L1", T, Double.NaN, List.of(), List.of(), 0, "5", null, Set.of(), new byte[0]))
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> new WeighRecord("d", "L1", T, 1, List.of(new Axle(1, 0)), List.of(new AxleGroup(0, 2)), 1, "5",
                null, Set.of(), new byte[0])).hasMessageContaining("beyond the 1 axles");
        assertThatThrownBy(() -> new Axle(-1, 0)).hasMessageContaining("negative axle load");
        assertThatThrownBy(() -> new AxleGroup(0, 0)).hasMessageContaining("at least one axle");
    }

    @Test
    void verificationCoversTheExpiryDayItself() {
        Verification v = new Verification("ZJJL-1", LocalDate.of(2027, 6, 30));
        assertThat(v.isValidOn(LocalDate.of(2027, 6, 30))).isTrue();
        assertThat(v.isValidOn(LocalDate.of(2027, 7, 1))).isFalse();
        assertThatThrownBy(() -> new Verification(" ", LocalDate.MAX)).hasMessageContaining("blank");
    }

    @Test
    void aPlateReadIsUnreadableExactlyWhenItHasNoPlate() {
        PlateRead unreadable = new PlateRead("cam", "L1", CameraPosition.FRONT, T, "", "浙A?", PlateKind.UNREADABLE,
                PlateColor.UNKNOWN, 20, "ev-1", List.of(), T, T, Set.of(), List.of());
        assertThat(unreadable.isReadable()).isFalse();
        assertThatThrownBy(() -> new PlateRead("cam", "L1", CameraPosition.FRONT, T, "浙A12345", "浙A12345", PlateKind.UNREADABLE,
                PlateColor.BLUE, 90, "ev-2", List.of(), T, T, Set.of(), List.of())).hasMessageContaining("does not match kind");
        assertThatThrownBy(() -> new PlateRead("cam", "L1", CameraPosition.FRONT, T, "浙A12345", "浙A12345", PlateKind.NORMAL,
                PlateColor.BLUE, 101, "ev-2", List.of(), T, T, Set.of(), List.of())).hasMessageContaining("confidence");
    }

    @Test
    void mediaReferencesStayInsideTheDataDirectory() {
        String sha = "a".repeat(64);
        assertThat(new MediaRef("plate", "media/2026/x.jpg", "image/jpeg", 10, sha).path()).isEqualTo("media/2026/x.jpg");
        assertThatThrownBy(() -> new MediaRef("plate", "/etc/passwd", "image/jpeg", 10, sha)).hasMessageContaining("relative");
        assertThatThrownBy(() -> new MediaRef("plate", "../x.jpg", "image/jpeg", 10, sha)).hasMessageContaining("relative");
        assertThatThrownBy(() -> new MediaRef("plate", "x.jpg", "image/jpeg", 10, "ABC")).hasMessageContaining("SHA-256");
    }

    @Test
    void onlyACompliantVerdictMayComeWithoutAFinding() {
        Passage p = new Passage("p-1", "L1", T, null, List.of(), List.of(), Set.of(), "", "", List.of());
        assertThat(new Verdict(p, Outcome.COMPLIANT, List.of(), "").findings()).isEmpty();
        assertThatThrownBy(() -> new Verdict(p, Outcome.REVIEW, List.of(), "")).hasMessageContaining("REVIEW without a finding");
    }

    @Test
    void deviceStatusKeepsItsSinceUntilTheStateChanges() {
        DeviceStatus s = DeviceStatus.waiting("wim-L1", DeviceKind.WEIGH_SENSOR, "L1", T);
        DeviceStatus stillOffline = s.withState(DeviceState.OFFLINE, "port gone", T.plusSeconds(5));
        assertThat(stillOffline.since()).isEqualTo(T);
        DeviceStatus online = stillOffline.withData(T.plusSeconds(9));
        assertThat(online.state()).isEqualTo(DeviceState.ONLINE);
        assertThat(online.since()).isEqualTo(T.plusSeconds(9));
        assertThat(online.reason()).isEmpty();
        assertThat(online.withData(T.plusSeconds(12)).since()).isEqualTo(T.plusSeconds(9));
        assertThat(online.lastDataTime()).hasValue(T.plusSeconds(9));
        assertThat(DeviceKind.ofProfileKind("camera")).hasValue(DeviceKind.SITE_CAMERA);
        assertThat(DeviceKind.ofProfileKind("radar")).isEmpty();
    }
}
