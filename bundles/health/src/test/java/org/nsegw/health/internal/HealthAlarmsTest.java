package org.nsegw.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.health.HealthAlarm;
import org.nsegw.health.internal.HealthSnapshot.ClockStatus;
import org.nsegw.health.internal.HealthSnapshot.DiskUse;
import org.nsegw.health.internal.HealthSnapshot.Expiry;
import org.nsegw.health.internal.HealthSnapshot.Versions;

class HealthAlarmsTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-11-23");
    static final long GIB = 1L << 30;
    static final ClockStatus SYNCED = new ClockStatus(ClockStatus.SYNCHRONIZED, "chrony", 0.4, "reference ntp1, stratum 2");
    static final Versions VERSIONS = new Versions("0.1.0.SNAPSHOT", "17.0.15", "org.apache.felix.framework 7.0.5", Map.of());

    private final HealthAlarms alarms = new HealthAlarms();
    private final List<HealthAlarm> all = new ArrayList<>();

    /** A file system of 100 GiB with {@code usedPercent} used and nothing reserved. */
    static DiskUse disk(int usedPercent) {
        long free = 100 * GIB - usedPercent * GIB;
        return new DiskUse("/var/lib/nsegw", 100 * GIB, free, free);
    }

    static HealthSnapshot snapshot(int second, List<DeviceStatus> devices, DiskUse disk, ClockStatus clock, List<Expiry> certs) {
        return new HealthSnapshot(T0.plusSeconds(second), TODAY, devices, null, disk, clock, certs, VERSIONS);
    }

    private List<HealthAlarm> eval(HealthSnapshot s, HealthSettings settings) {
        List<HealthAlarm> out = alarms.evaluate(s, settings);
        all.addAll(out);
        return out;
    }

    private List<HealthAlarm> eval(HealthSnapshot s) {
        return eval(s, HealthSettings.DEFAULTS);
    }

    @Test
    void aSilentDeviceIsRaisedOnceAndClearedOnceWhenItsDataIsBack() {
        DeviceStatus wim = DeviceStatus.waiting("wim-L1", DeviceKind.WEIGH_SENSOR, "L1", T0).withData(T0.plusSeconds(1));
        DeviceStatus silent = wim.withState(DeviceState.OFFLINE, "no data for 30 s", T0.plusSeconds(31));
        assertThat(eval(snapshot(10, List.of(wim), disk(10), SYNCED, List.of()))).isEmpty();
        List<HealthAlarm> raised = eval(snapshot(40, List.of(silent), disk(10), SYNCED, List.of()));
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.raised()).isTrue();
            assertThat(a.condition()).isEqualTo("device:wim-L1");
            assertThat(a.source()).isEqualTo("wim-L1");
            assertThat(a.text()).isEqualTo("weigh sensor wim-L1 (lane L1) offline since 2026-11-23T02:00:31Z, last data "
                    + "2026-11-23T02:00:01Z: no data for 30 s");
            assertThat(a.sequence()).isEqualTo(1);
        });
        // still silent, many checks later: nothing new
        for (int i = 50; i < 500; i += 10) {
            assertThat(eval(snapshot(i, List.of(silent), disk(10), SYNCED, List.of()))).isEmpty();
        }
        assertThat(alarms.active()).extracting(HealthAlarms.Active::key).containsExactly("device:wim-L1");
        List<HealthAlarm> cleared = eval(snapshot(510, List.of(silent.withData(T0.plusSeconds(505))), disk(10), SYNCED, List.of()));
        assertThat(cleared).singleElement().satisfies(a -> {
            assertThat(a.raised()).isFalse();
            assertThat(a.condition()).isEqualTo("device:wim-L1");
            assertThat(a.text()).startsWith("cleared: weigh sensor wim-L1");
            assertThat(a.sequence()).isEqualTo(2);
        });
        assertThat(alarms.active()).isEmpty();
        assertThat(alarms.after(0)).containsExactlyElementsOf(all);
        assertThat(alarms.after(1)).extracting(HealthAlarm::sequence).containsExactly(2L);
    }

    @Test
    void aDeviceThatNeverDeliveredIsNoAlarmNorWhenDeviceAlarmsAreOff() {
        DeviceStatus never = DeviceStatus.waiting("cam-exit", DeviceKind.SITE_CAMERA, "", T0)
                .withState(DeviceState.OFFLINE, "no frames in this version", T0);
        assertThat(eval(snapshot(60, List.of(never), disk(10), SYNCED, List.of()))).isEmpty();
        DeviceStatus lost = DeviceStatus.waiting("anpr-1", DeviceKind.ANPR_CAMERA, "L1", T0).withData(T0)
                .withState(DeviceState.OFFLINE, "no push for 120 s", T0.plusSeconds(120));
        HealthSettings off = new HealthSettings(false, 80, 1000, true, 30, 30);
        assertThat(eval(snapshot(130, List.of(lost), disk(10), SYNCED, List.of()), off)).isEmpty();
        assertThat(eval(snapshot(140, List.of(lost), disk(10), SYNCED, List.of()))).singleElement()
                .satisfies(a -> assertThat(a.text()).startsWith("ANPR camera anpr-1 (lane L1) offline since"));
    }

    @Test
    void theDiskAlarmsAtItsThresholdOnceAndClearsTwoPointsBelow() {
        assertThat(eval(snapshot(0, List.of(), disk(79), SYNCED, List.of()))).isEmpty();
        assertThat(eval(snapshot(10, List.of(), disk(80), SYNCED, List.of()))).singleElement().satisfies(a -> {
            assertThat(a.raised()).isTrue();
            assertThat(a.condition()).isEqualTo("disk");
            assertThat(a.text()).isEqualTo("the data directory's file system (/var/lib/nsegw) is 80 % full, the alarm is at 80 %; 20480 MiB left");
        });
        // hovering around the threshold: no flood
        assertThat(eval(snapshot(20, List.of(), disk(79), SYNCED, List.of()))).isEmpty();
        assertThat(eval(snapshot(30, List.of(), disk(81), SYNCED, List.of()))).isEmpty();
        assertThat(eval(snapshot(40, List.of(), disk(78), SYNCED, List.of()))).isEmpty();
        // unreadable: the alarm stands
        assertThat(eval(snapshot(45, List.of(), null, SYNCED, List.of()))).isEmpty();
        assertThat(eval(snapshot(50, List.of(), disk(77), SYNCED, List.of()))).singleElement()
                .satisfies(a -> assertThat(a.raised()).isFalse());
        HealthSettings at90 = new HealthSettings(true, 90, 1000, true, 30, 30);
        assertThat(eval(snapshot(60, List.of(), disk(85), SYNCED, List.of()), at90)).isEmpty();
        assertThat(eval(snapshot(70, List.of(), disk(90), SYNCED, List.of()), at90)).hasSize(1);
    }

    @Test
    void diskPercentCountsTheSpaceReservedForRootAsDfDoes() {
        // 100 GiB, 50 GiB free of which 45 usable by the gateway: used 50 of 95
        assertThat(new DiskUse("/", 100 * GIB, 50 * GIB, 45 * GIB).usedPercent()).isEqualTo(53);
        assertThat(new DiskUse("/", 0, 0, 0).usedPercent()).isZero();
    }

    @Test
    void theClockAlarmsWhenNotSynchronisedAndWhenItsOffsetPassesTheThreshold() {
        ClockStatus unsynced = new ClockStatus(ClockStatus.UNSYNCHRONIZED, "timedatectl", null, "NTPSynchronized=no");
        ClockStatus unknown = new ClockStatus(ClockStatus.UNKNOWN, "none", null, "neither chronyc nor timedatectl is available");
        assertThat(eval(snapshot(0, List.of(), disk(10), unknown, List.of()))).isEmpty();
        assertThat(eval(snapshot(10, List.of(), disk(10), unsynced, List.of()))).singleElement().satisfies(a -> {
            assertThat(a.condition()).isEqualTo("clock.unsynchronized");
            assertThat(a.source()).isEqualTo("clock");
            assertThat(a.text()).isEqualTo("the system clock is not synchronised (timedatectl: NTPSynchronized=no); case times may be wrong");
        });
        assertThat(eval(snapshot(20, List.of(), disk(10), unsynced, List.of()))).isEmpty();
        assertThat(eval(snapshot(30, List.of(), disk(10), SYNCED, List.of()))).singleElement()
                .satisfies(a -> assertThat(a.raised()).isFalse());

        ClockStatus off = new ClockStatus(ClockStatus.SYNCHRONIZED, "chrony", 1500.0, "");
        assertThat(eval(snapshot(40, List.of(), disk(10), off, List.of()))).singleElement().satisfies(a -> {
            assertThat(a.condition()).isEqualTo("clock.offset");
            assertThat(a.text()).isEqualTo("the system clock is 1500.0 ms off its time source (chrony), more than the 1000 ms allowed");
        });
        // back under the threshold but above half of it: still raised; offset unknown: still raised
        assertThat(eval(snapshot(50, List.of(), disk(10), new ClockStatus("synchronized", "chrony", 700.0, ""), List.of()))).isEmpty();
        assertThat(eval(snapshot(55, List.of(), disk(10), unknown, List.of()))).isEmpty();
        assertThat(eval(snapshot(60, List.of(), disk(10), new ClockStatus("synchronized", "chrony", 400.0, ""), List.of())))
                .singleElement().satisfies(a -> {
                    assertThat(a.raised()).isFalse();
                    assertThat(a.condition()).isEqualTo("clock.offset");
                });
        // configurable threshold, and the unsynchronised alarm can be turned off
        HealthSettings strict = new HealthSettings(true, 80, 100, false, 30, 30);
        assertThat(eval(snapshot(70, List.of(), disk(10), new ClockStatus("synchronized", "chrony", 150.0, ""), List.of()), strict))
                .hasSize(1);
        assertThat(eval(snapshot(80, List.of(), disk(10), new ClockStatus("synchronized", "chrony", 150.0, ""), List.of()), strict))
                .isEmpty();
        assertThat(eval(snapshot(90, List.of(), disk(10), unsynced, List.of()), strict)).isEmpty();
    }

    @Test
    void certificatesAlarmWithinTheirWarningDaysAndClearWhenRenewed() {
        Expiry verification = new Expiry("verification", "wim-L1", "JJG-2026-0042", TODAY.plusDays(31));
        Expiry tls = new Expiry("tls", "uplink", "hz-bridge-demo-gw1", TODAY.plusDays(10));
        List<HealthAlarm> first = eval(snapshot(0, List.of(), disk(10), SYNCED, List.of(verification, tls)));
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.condition()).isEqualTo("certificate:tls:uplink");
            assertThat(a.text()).isEqualTo("the uplink's TLS certificate (hz-bridge-demo-gw1) expires on 2026-12-03 (in 10 days)");
        });
        Expiry soon = new Expiry("verification", "wim-L1", "JJG-2026-0042", TODAY.plusDays(30));
        assertThat(eval(snapshot(10, List.of(), disk(10), SYNCED, List.of(soon, tls)))).singleElement().satisfies(a -> {
            assertThat(a.condition()).isEqualTo("certificate:verification:wim-L1");
            assertThat(a.text()).isEqualTo("the verification (检定) certificate JJG-2026-0042 of wim-L1 expires on 2026-12-23 (in 30 days);"
                    + " renew it in time");
        });
        Expiry expired = new Expiry("verification", "wim-L1", "JJG-2026-0042", TODAY.minusDays(1));
        assertThat(eval(snapshot(20, List.of(), disk(10), SYNCED, List.of(expired, tls)))).isEmpty();
        Expiry renewed = new Expiry("verification", "wim-L1", "JJG-2027-0001", TODAY.plusYears(1));
        assertThat(eval(snapshot(30, List.of(), disk(10), SYNCED, List.of(renewed, tls)))).singleElement().satisfies(a -> {
            assertThat(a.raised()).isFalse();
            assertThat(a.condition()).isEqualTo("certificate:verification:wim-L1");
        });
        HealthAlarms fresh = new HealthAlarms();
        assertThat(fresh.evaluate(snapshot(0, List.of(), disk(10), SYNCED, List.of(expired)), HealthSettings.DEFAULTS))
                .singleElement().satisfies(a -> assertThat(a.text()).isEqualTo("the verification (检定) certificate JJG-2026-0042 of"
                        + " wim-L1 expired on 2026-11-22; no overweight case is filed from this device"));
        HealthSettings noWarning = new HealthSettings(true, 80, 1000, true, 0, 0);
        assertThat(new HealthAlarms().evaluate(snapshot(0, List.of(), disk(10), SYNCED,
                List.of(new Expiry("tls", "console", "c", TODAY.plusDays(1)))), noWarning)).isEmpty();
    }

    @Test
    void onlyTheNewestEventsAreKept() {
        for (int i = 0; i < HealthAlarms.KEEP; i++) {
            eval(snapshot(i * 2, List.of(), disk(90), SYNCED, List.of()));
            eval(snapshot(i * 2 + 1, List.of(), disk(10), SYNCED, List.of()));
        }
        assertThat(all).hasSize(2 * HealthAlarms.KEEP);
        assertThat(alarms.after(0)).hasSize(HealthAlarms.KEEP);
        assertThat(alarms.after(0).get(0).sequence()).isEqualTo(HealthAlarms.KEEP + 1);
        assertThat(alarms.after(2L * HealthAlarms.KEEP)).isEmpty();
    }

    @Test
    void badThresholdsAreRefusedWithTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HealthSettings(true, 0, 1000, true, 30, 30))
                .hasMessageContaining("health.diskAlarmPercent 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HealthSettings(true, 80, 0, true, 30, 30))
                .hasMessageContaining("health.clock.maxOffsetMs");
    }
}
