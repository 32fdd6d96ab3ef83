package org.nsegw.fusion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.fusion.internal.Inputs.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.weigh.WeighRecord;

class SiteFusionTest {

    private final SiteFusion fusion = new SiteFusion(List.of(bridgeLane("L1", "L2"), bridgeLane("L2", "L1")));

    @Test
    void aTruckReadFrontAndRear() {
        WeighRecord w = weigh("L1", 100, 60, 30_000, 4_500);
        List<Passage> out = new ArrayList<>();
        out.addAll(fusion.read(front("L1", frontTime(100, 60, -25, 4_500), "浙A12345")));
        out.addAll(fusion.weighed(w));
        out.addAll(fusion.read(rear("L1", rearTime(100, 60, 18), "浙A12345")));
        out.addAll(fusion.advance(at(101)));
        assertThat(out).isEmpty();
        out.addAll(fusion.advance(at(200)));
        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.plate()).isEqualTo("浙A12345");
            assertThat(p.flags()).isEmpty();
            assertThat(p.weigh()).isEqualTo(w);
            assertThat(p.plates()).hasSize(2);
            assertThat(p.id()).isEqualTo("L1-20261123T080140.000Z-wim-L1");
        });
    }
}
