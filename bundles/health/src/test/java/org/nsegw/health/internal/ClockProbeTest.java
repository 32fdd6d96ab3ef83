package org.nsegw.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nsegw.health.internal.ClockProbe.Output;
import org.nsegw.health.internal.HealthSnapshot.ClockStatus;

class ClockProbeTest {

    static final String CHRONY_SYNCED = "A9FEA97B,169.254.169.123,3,1763863507.123456789,-0.000012345,0.000001,0.000020,"
            + "-3.123,0.001,0.020,0.000321,0.000123,64.2,Normal\n";
    static final String CHRONY_UNSYNCED = "00000000,,0,0.000000000,0.000000000,0.000000000,0.000000000,0.000,0.000,0.000,"
            + "1.000000000,1.000000000,0.0,Not synchronised\n";

    @Test
    void chronyTrackingGivesStateAndOffset() {
        ClockStatus s = ClockProbe.chrony(CHRONY_SYNCED).orElseThrow();
        assertThat(s.state()).isEqualTo(ClockStatus.SYNCHRONIZED);
        assertThat(s.source()).isEqualTo("chrony");
        assertThat(s.offsetMs()).isCloseTo(0.012345, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.detail()).isEqualTo("reference 169.254.169.123, stratum 3, leap status Normal");
        ClockStatus u = ClockProbe.chrony(CHRONY_UNSYNCED).orElseThrow();
        assertThat(u.state()).isEqualTo(ClockStatus.UNSYNCHRONIZED);
        assertThat(u.offsetMs()).isNull();
        assertThat(ClockProbe.chrony("506 Cannot talk to daemon")).isEmpty();
        assertThat(ClockProbe.chrony("A,b,3,x,notanumber,0,0,0,0,0,0,0,0,Normal")).isEmpty();
    }

    @Test
    void timesyncOffsetsInEveryUnitSystemdPrints() {
        assertThat(ClockProbe.timesyncOffset("       Server: 10.0.0.1 (ntp)\n       Offset: -2.112ms\n        Delay: 1ms")).contains(2.112);
        assertThat(ClockProbe.timesyncOffset("  Offset: +523us")).contains(0.523);
        assertThat(ClockProbe.timesyncOffset("  Offset: +1.5s")).contains(1500.0);
        assertThat(ClockProbe.timesyncOffset("  Offset: 2min")).contains(120_000.0);
        assertThat(ClockProbe.timesyncOffset("no offset here")).isEmpty();
    }

    @Test
    void probeAsksChronyThenSystemdAndSaysWhyWhenNeitherAnswers() {
        List<String> asked = new ArrayList<>();
        Map<String, Output> answers = Map.of(
                "timedatectl show --property=NTPSynchronized --value", new Output(0, "yes\n"),
                "timedatectl timesync-status", new Output(0, "  Offset: +1.250ms\n"));
        ClockStatus s = new ClockProbe(cmd -> {
            asked.add(String.join(" ", cmd));
            return Optional.ofNullable(answers.get(String.join(" ", cmd)));
        }).probe();
        assertThat(asked).containsExactly("chronyc -c tracking", "timedatectl show --property=NTPSynchronized --value",
                "timedatectl timesync-status");
        assertThat(s).isEqualTo(new ClockStatus(ClockStatus.SYNCHRONIZED, "timedatectl", 1.25, "NTPSynchronized=yes"));

        assertThat(new ClockProbe(cmd -> Optional.empty()).probe())
                .isEqualTo(new ClockStatus(ClockStatus.UNKNOWN, "none", null, "neither chronyc nor timedatectl is available"));
        ClockStatus noSystemd = new ClockProbe(cmd -> cmd.get(0).equals("timedatectl")
                ? Optional.of(new Output(1, "System has not been booted with systemd as init system (PID 1). Can't operate.\n"
                        + "Failed to connect to bus: Host is down\n"))
                : Optional.empty()).probe();
        assertThat(noSystemd.state()).isEqualTo(ClockStatus.UNKNOWN);
        assertThat(noSystemd.detail()).isEqualTo("timedatectl: System has not been booted with systemd as init system (PID 1). Can't operate.");
        ClockStatus chrony = new ClockProbe(cmd -> cmd.get(0).equals("chronyc") ? Optional.of(new Output(0, CHRONY_SYNCED))
                : Optional.empty()).probe();
        assertThat(chrony.source()).isEqualTo("chrony");
    }
}
