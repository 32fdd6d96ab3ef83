package org.nsegw.kura.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import org.junit.jupiter.api.Test;

class KuraServicePropertiesTest {

    @Test
    void aSingletonIsKnownToKuraByItsPid() {
        Dictionary<String, Object> p = KuraServiceProperties.singleton("org.nsegw.uplink");
        assertThat(p.get("service.pid")).isEqualTo("org.nsegw.uplink");
        assertThat(p.get("kura.service.pid")).isEqualTo("org.nsegw.uplink");
        assertThat(p.get("service.factoryPid")).isNull();
        assertThat(p.get(KuraServiceProperties.OFFERED_BY)).isEqualTo("org.nsegw.kura");
    }

    @Test
    void aFactoryInstanceKeepsTheNameKuraGaveIt() {
        Dictionary<String, Object> p = KuraServiceProperties.factoryInstance("org.nsegw.weigh.sensor.1f2e",
                "org.nsegw.weigh.sensor", "wim-L1");
        assertThat(p.get("service.pid")).isEqualTo("org.nsegw.weigh.sensor.1f2e");
        assertThat(p.get("service.factoryPid")).isEqualTo("org.nsegw.weigh.sensor");
        assertThat(p.get("kura.service.pid")).isEqualTo("wim-L1");
    }

    @Test
    void aFactoryInstanceKuraDidNotCreateIsKnownByItsServicePid() {
        for (Object none : new Object[] {null, "", "  ", 42}) {
            Dictionary<String, Object> p = KuraServiceProperties.factoryInstance("org.nsegw.fusion.lane~L1",
                    "org.nsegw.fusion.lane", none);
            assertThat(p.get("kura.service.pid")).as("kura.service.pid %s", none).isEqualTo("org.nsegw.fusion.lane~L1");
        }
        assertThat(Collections.list(KuraServiceProperties.factoryInstance("a~b", "a", null).keys()))
                .containsExactlyInAnyOrderElementsOf(List.of("service.pid", "service.factoryPid", "kura.service.pid",
                        KuraServiceProperties.OFFERED_BY));
    }
}
