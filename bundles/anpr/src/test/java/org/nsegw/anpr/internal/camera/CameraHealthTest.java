package org.nsegw.anpr.internal.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceState;

class CameraHealthTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    static final CameraSettings S = new CameraSettings("anpr-L1-rear", "L1", CameraPosition.REAR, "hikvision", "any",
            Duration.ofSeconds(2), Duration.ofSeconds(120), 0);

    static PlateRead read(String plate, Instant at, int offsetS) {
        return ReadMapper.map(new CameraEvent("e", "", 1, at.plusSeconds(offsetS).atOffset(java.time.ZoneOffset.UTC), plate, "",
                90, "", "", 0, List.of()), S, at, List.of());
    }

    @Test
    void aCameraIsWaitingUntilItFirstSendsThenOnline() {
        CameraHealth h = new CameraHealth(S, "check the push address", T0);
        assertThat(h.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(h.status().reason()).contains("waiting for the first read or heartbeat");
        h.heartbeat(T0.plusSeconds(5));
        assertThat(h.status().state()).isEqualTo(DeviceState.ONLINE);
        assertThat(h.status().lastData()).as("a heartbeat is not data").isNull();
        h.read(read("浙A12345", T0.plusSeconds(6), 0), T0.plusSeconds(6));
        assertThat(h.status().lastData()).isEqualTo(T0.plusSeconds(6));
        assertThat(h.status().counters()).containsEntry("reads", 1L).containsEntry("heartbeats", 1L).containsEntry("unreadable", 0L);
    }

    @Test
    void silenceLongerThanTheSettingTakesTheCameraOfflineWithOneAlarm() {
        CameraHealth h = new CameraHealth(S, "hint", T0);
        h.read(read("浙A12345", T0, 0), T0);
        assertThat(h.tick(T0.plusSeconds(119))).isEmpty();
        assertThat(h.status().state()).isEqualTo(DeviceState.ONLINE);
        assertThat(h.tick(T0.plusSeconds(120))).hasValueSatisfying(a -> assertThat(a).contains("anpr-L1-rear offline"));
        assertThat(h.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(h.status().reason()).contains("no read or heartbeat for 120 s");
        assertThat(h.tick(T0.plusSeconds(200))).as("one alarm per outage").isEmpty();
        h.heartbeat(T0.plusSeconds(201));
        assertThat(h.status().state()).isEqualTo(DeviceState.ONLINE);
        assertThat(h.tick(T0.plusSeconds(320))).isEmpty();
        assertThat(h.tick(T0.plusSeconds(321))).isPresent();
    }

    @Test
    void aCameraThatNeverSendsAnythingGetsTheSetupHintAndNoAlarm() {
        CameraHealth h = new CameraHealth(S, "check that the camera pushes to port 8088", T0);
        assertThat(h.tick(T0.plusSeconds(130))).isEmpty();
        assertThat(h.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(h.status().reason()).contains("nothing received in 130 s since the start").contains("port 8088");
    }

    @Test
    void refusedPushesPutTheCameraInErrorUntilAGoodOneArrives() {
        CameraHealth h = new CameraHealth(S, "hint", T0);
        h.refused("auth", "wrong credentials for user 'admin'", T0.plusSeconds(1));
        assertThat(h.status().state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.status().reason()).contains("wrong user name or password").contains("admin");
        h.refused("malformed", "no eventType in EventNotificationAlert", T0.plusSeconds(2));
        assertThat(h.status().reason()).contains("no eventType");
        assertThat(h.status().counters()).containsEntry("rejected", 2L).containsEntry("rejected.auth", 1L)
                .containsEntry("rejected.malformed", 1L);
        h.read(read("浙A12345", T0.plusSeconds(3), 0), T0.plusSeconds(3));
        assertThat(h.status().state()).isEqualTo(DeviceState.ONLINE);
        assertThat(h.status().reason()).isEmpty();
    }

    @Test
    void storageFailuresAreAnErrorWithTheCause() {
        CameraHealth h = new CameraHealth(S, "hint", T0);
        h.storeFailed("No space left on device", T0.plusSeconds(1));
        assertThat(h.status().state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.status().reason()).contains("cannot be stored").contains("No space left");
        assertThat(h.status().counters()).containsEntry("storeFailed", 1L);
    }

    @Test
    void flagsAndDuplicatesAreCounted() {
        CameraHealth h = new CameraHealth(S, "hint", T0);
        h.read(read("浙A12345", T0, 30), T0);
        h.read(read("无车牌", T0.plusSeconds(1), 0), T0.plusSeconds(1));
        h.duplicate(T0.plusSeconds(2));
        assertThat(h.status().counters()).containsEntry("reads", 2L).containsEntry("clockOffset", 1L)
                .containsEntry("unreadable", 1L).containsEntry("duplicates", 1L);
        assertThat(h.lastSign()).isEqualTo(T0.plusSeconds(2));
    }
}
