package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UplinkTest {

    @Test
    void brokerUrlsNeedAnMqttSchemeAndAHost() {
        assertThat(Uplink.brokerUri("ssl://mqtt.platform.example:8883").getPort()).isEqualTo(8883);
        assertThat(Uplink.brokerUri("tcp://127.0.0.1:1883").getHost()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> Uplink.brokerUri("http://x:80")).hasMessageContaining("must be tcp://HOST:PORT");
        assertThatThrownBy(() -> Uplink.brokerUri("tcp:localhost")).hasMessageContaining("must be tcp://HOST:PORT");
        assertThatThrownBy(() -> Uplink.brokerUri("tcp://")).hasMessageContaining("is not a URL");
        assertThatThrownBy(() -> Uplink.brokerUri("tcp://bad host")).hasMessageContaining("is not a URL");
    }
}
