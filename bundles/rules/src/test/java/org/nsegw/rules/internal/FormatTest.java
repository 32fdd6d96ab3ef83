package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void kilogramsAreGroupedByThousands() {
        assertThat(Format.kg(0)).isEqualTo("0 kg");
        assertThat(Format.kg(901)).isEqualTo("901 kg");
        assertThat(Format.kg(1_000)).isEqualTo("1,000 kg");
        assertThat(Format.kg(52_300)).isEqualTo("52,300 kg");
        assertThat(Format.kg(200_000)).isEqualTo("200,000 kg");
        assertThat(Format.kg(1_234_567)).isEqualTo("1,234,567 kg");
        assertThat(Format.grouped(-12_345)).isEqualTo("-12,345");
    }

    @Test
    void decimalWeightsKeepTheirExactFraction() {
        assertThat(Format.kg(new BigDecimal("51450.00"))).isEqualTo("51,450 kg");
        assertThat(Format.kg(new BigDecimal("41001.025"))).isEqualTo("41,001.025 kg");
        assertThat(Format.kg(new BigDecimal("999.5"))).isEqualTo("999.5 kg");
    }

    @Test
    void percentagesAndFactors() {
        assertThat(Format.plain(new BigDecimal("1.0500"))).isEqualTo("1.05");
        assertThat(Format.plain(5.0)).isEqualTo("5");
        assertThat(Format.plain(0.85)).isEqualTo("0.85");
        assertThat(Format.plain(new BigDecimal("100"))).isEqualTo("100");
        assertThat(Format.rate(new BigDecimal("6.73"))).isEqualTo("6.7%");
        assertThat(Format.rate(new BigDecimal("0.05"))).isEqualTo("0.1%");
    }
}
