package org.nsegw.uplink.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @Test
    void everyTopicIsPrefixGatewayAndLeaf() {
        Topics t = new Topics("zj/nse", "hz-bridge-demo-gw1");
        assertThat(t.status()).isEqualTo("zj/nse/hz-bridge-demo-gw1/status");
        assertThat(t.notice()).isEqualTo("zj/nse/hz-bridge-demo-gw1/case/notice");
        assertThat(t.chunk()).isEqualTo("zj/nse/hz-bridge-demo-gw1/case/chunk");
        assertThat(t.alarm()).isEqualTo("zj/nse/hz-bridge-demo-gw1/alarm");
        assertThat(t.heartbeat()).isEqualTo("zj/nse/hz-bridge-demo-gw1/heartbeat");
        assertThat(t.ack()).isEqualTo("zj/nse/hz-bridge-demo-gw1/ack");
        assertThat(t.chunk311("C1", 3, 7)).isEqualTo("zj/nse/hz-bridge-demo-gw1/case/chunk/C1/3/7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/zj", "zj/", "zj/+", "zj/#", "$SYS"})
    void badPrefixesAreRefused(String prefix) {
        assertThatThrownBy(() -> new Topics(prefix, "gw1")).hasMessageContaining("topic prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "gw+", "gw#"})
    void gatewayIdsThatAreNotOneLevelAreRefused(String id) {
        assertThatThrownBy(() -> new Topics("zj/nse", id)).hasMessageContaining("gateway id");
    }
}
