package org.nsegw.uplink.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChunkSizeTest {

    static final String TOPIC = "zj/nse/hz-bridge-demo-gw1/case/chunk";

    @Test
    void withoutABrokerLimitTheConfiguredMaximumApplies() {
        assertThat(ChunkSize.of(OptionalLong.empty(), TOPIC, 256)).isEqualTo(256 * 1024);
        assertThat(ChunkSize.of(OptionalLong.empty(), TOPIC, 4)).isEqualTo(4096);
    }

    @Test
    void theBrokersMaximumPacketSizeLessTheOverheadWins() {
        int size = ChunkSize.of(OptionalLong.of(65_536), TOPIC, 256);
        assertThat(size).isEqualTo(65_536 - ChunkSize.overhead(TOPIC));
        assertThat(size).isLessThan(65_536).isGreaterThan(65_536 - 600);
    }

    @Test
    void theOverheadCoversTheLargestPublishExactly() {
        // fixed header 1 + 4, topic 2 + n, packet id 2, property length 4,
        // correlation 1 + 2 + 128, user properties caseId/index/chunks/sha256
        int props = 131 + (1 + 2 + 6 + 2 + 128) + (1 + 2 + 5 + 2 + 10) + (1 + 2 + 6 + 2 + 10) + (1 + 2 + 6 + 2 + 64);
        assertThat(ChunkSize.overhead(TOPIC)).isEqualTo(1 + 4 + 2 + TOPIC.length() + 2 + 4 + props);
        assertThat(ChunkSize.overhead("zj/浙/g/case/chunk")).isEqualTo(ChunkSize.overhead("zj/abc/g/case/chunk"));
    }

    @Test
    void aBrokerThatAllowsTooLittleIsAnError() {
        assertThatThrownBy(() -> ChunkSize.of(OptionalLong.of(1_200), TOPIC, 256))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("raise the broker's max_packet_size");
        assertThat(ChunkSize.of(OptionalLong.of(ChunkSize.MINIMUM + ChunkSize.overhead(TOPIC)), TOPIC, 256))
                .isEqualTo(ChunkSize.MINIMUM);
    }

    @Test
    void aZeroChunkLimitIsRefused() {
        assertThatThrownBy(() -> ChunkSize.of(OptionalLong.empty(), TOPIC, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsRoundUpAndNeverReachZero() {
        assertThat(ChunkSize.count(0, 1000)).isEqualTo(1);
        assertThat(ChunkSize.count(1, 1000)).isEqualTo(1);
        assertThat(ChunkSize.count(1000, 1000)).isEqualTo(1);
        assertThat(ChunkSize.count(1001, 1000)).isEqualTo(2);
        assertThat(ChunkSize.count(461_234, 262_144)).isEqualTo(2);
    }
}
