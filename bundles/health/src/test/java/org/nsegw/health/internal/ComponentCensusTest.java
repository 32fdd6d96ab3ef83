package org.nsegw.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsegw.health.internal.ComponentCensus.State;
import org.nsegw.health.internal.ComponentCensus.View;

class ComponentCensusTest {

    @Test
    void activeComponentsAreCountedAndIdleOnesIgnored() {
        ComponentCensus c = ComponentCensus.of(List.of(
                new View("org.nsegw.weigh.internal.WeighSensor", "wim-L1", State.ACTIVE, ""),
                new View("org.nsegw.weigh.internal.WeighSensor", "wim-L2", State.ACTIVE, ""),
                new View("org.nsegw.vision.internal.SiteCamera", "", State.IDLE, "")));
        assertThat(c.active()).isEqualTo(2);
        assertThat(c.ready()).isTrue();
    }

    @Test
    void waitingAndFailedComponentsArePendingWithTheirReason() {
        ComponentCensus c = ComponentCensus.of(List.of(
                new View("org.nsegw.weigh.internal.WeighSensor", "wim-L1", State.FAILED, "port refused"),
                new View("org.nsegw.anpr.internal.AnprCamera", "", State.WAITING, "board"),
                new View("site", "", State.WAITING, "the site file to be applied")));
        assertThat(c.ready()).isFalse();
        assertThat(c.pending()).containsExactly("anpr.AnprCamera: waiting for board",
                "site: waiting for the site file to be applied", "weigh.WeighSensor[wim-L1]: failed: port refused");
    }

    @Test
    void equalCensusesAreEqualSoThatOnlyChangesArePublished() {
        List<View> views = List.of(new View("a", "", State.ACTIVE, ""));
        assertThat(ComponentCensus.of(views)).isEqualTo(ComponentCensus.of(views));
    }
}
