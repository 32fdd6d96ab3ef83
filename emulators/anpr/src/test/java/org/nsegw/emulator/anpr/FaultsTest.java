package org.nsegw.emulator.anpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void everyFaultParses() {
        Faults f = Faults.parse(" miss=0.05, misread=0.02,LOWCONF=0.1,colorprefix=1,duplicate=0.03,clock=+12.5,offline=30@60,offline=5@200,"
                + "credentials=wrong");
        assertThat(f.miss()).isEqualTo(0.05);
        assertThat(f.misread()).isEqualTo(0.02);
        assertThat(f.lowConfidence()).isEqualTo(0.1);
        assertThat(f.colorPrefix()).isEqualTo(1);
        assertThat(f.duplicate()).isEqualTo(0.03);
        assertThat(f.clockOffset()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(f.offline()).containsExactly(new Faults.Window(Duration.ofSeconds(60), Duration.ofSeconds(30)),
                new Faults.Window(Duration.ofSeconds(200), Duration.ofSeconds(5)));
        assertThat(f.wrongCredentials()).isTrue();
        assertThat(Faults.parse("clock=-3").clockOffset()).isEqualTo(Duration.ofSeconds(-3));
    }

    @Test
    void nothingMeansNoFaults() {
        assertThat(Faults.parse(null)).isEqualTo(Faults.NONE);
        assertThat(Faults.parse("  ")).isEqualTo(Faults.NONE);
        assertThat(Faults.NONE.offlineAt(Duration.ZERO)).isFalse();
    }

    @Test
    void offlineWindowsIncludeTheirStartAndExcludeTheirEnd() {
        Faults f = Faults.parse("offline=30@60");
        assertThat(f.offlineAt(Duration.ofSeconds(59))).isFalse();
        assertThat(f.offlineAt(Duration.ofSeconds(60))).isTrue();
        assertThat(f.offlineAt(Duration.ofMillis(89_999))).isTrue();
        assertThat(f.offlineAt(Duration.ofSeconds(90))).isFalse();
    }

    @Test
    void mistakesAreExplained() {
        for (String bad : List.of("miss", "miss=x", "miss=2", "offline=30", "offline=-1@5", "credentials=maybe", "fog=0.1", "clock=NaN")) {
            assertThatThrownBy(() -> Faults.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Faults.parse("fog=0.1")).hasMessageContaining("known: miss, misread, lowconf");
    }
}
