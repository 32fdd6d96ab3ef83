package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaneLimitsTest {

    @Test
    void laneEqualsKilogramItemsAreRead() {
        assertThat(LaneLimits.parse(new String[] {"L4=30000", " L1 = 20000 "})).containsEntry("L4", 30000).containsEntry("L1", 20000);
        assertThat(LaneLimits.parse(new String[0])).isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithTheItemNamed() {
        for (String bad : new String[] {"L4:30000", "=30000", "L4=", "L4=-1", "L4=0", "L4=200001", "L4=heavy"}) {
            assertThatThrownBy(() -> LaneLimits.parse(new String[] {bad})).hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("LANE=KG");
        }
        assertThatThrownBy(() -> LaneLimits.parse(new String[] {"L1=1", "L1=2"})).hasMessage("lane L1 has two posted limits");
    }
}
