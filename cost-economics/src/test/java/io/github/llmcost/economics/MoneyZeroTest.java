package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Money#of} turns {@code -0.0} into zero: equal to {@link Money#ZERO}, with its hash code and its text. */
class MoneyZeroTest {

    @Test
    void negativeZeroIsZero() {
        Money zero = Money.of(-0.0);
        assertThat(zero).isEqualTo(Money.ZERO).hasSameHashCodeAs(Money.ZERO).hasToString(Money.ZERO.toString());
        assertThat(Double.doubleToRawLongBits(zero.toUsd())).isZero();
        assertThat(Money.of(0)).isEqualTo(Money.ZERO).isNotSameAs(Money.ZERO);
    }
}
