package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The value types' factories turn {@code -0.0} into zero: equal to {@code ZERO} (their equality tells the two zeros
 * apart, as {@link Double#compare} does), with its hash code and its text.
 */
class NegativeZeroTest {

    @Test
    void negativeZeroIsZero() {
        assertThat(Bytes.of(-0.0))
                .isEqualTo(Bytes.ZERO)
                .hasSameHashCodeAs(Bytes.ZERO)
                .hasToString("0 B");
        assertThat(Flops.of(-0.0)).isEqualTo(Flops.ZERO).hasSameHashCodeAs(Flops.ZERO);
        assertThat(Seconds.of(-0.0)).isEqualTo(Seconds.ZERO).hasSameHashCodeAs(Seconds.ZERO);
        assertThat(FlopRate.of(-0.0)).isEqualTo(FlopRate.ZERO).hasSameHashCodeAs(FlopRate.ZERO);
        assertThat(Bandwidth.of(-0.0)).isEqualTo(Bandwidth.ZERO).hasSameHashCodeAs(Bandwidth.ZERO);
        assertThat(Double.doubleToRawLongBits(Bytes.of(-0.0).toBytes())).isZero();
        assertThat(Double.doubleToRawLongBits(Seconds.of(-0.0).toSeconds())).isZero();
    }

    @Test
    void zeroIsANewInstanceEqualToZero() {
        assertThat(Bytes.of(0)).isEqualTo(Bytes.ZERO).isNotSameAs(Bytes.ZERO);
    }
}
