package io.github.llmcost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The argument checks return what they were given and name the quantity and its value when they reject it. */
class CheckTest {

    @Test
    void acceptedValuesComeBackUnchanged() {
        assertThat(Check.positive("n", 3)).isEqualTo(3);
        assertThat(Check.positive("n", 3L)).isEqualTo(3L);
        assertThat(Check.positive("x", 2.5)).isEqualTo(2.5);
        assertThat(Check.positive("x", Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        assertThat(Check.nonNegative("n", 7)).isEqualTo(7);
        assertThat(Check.nonNegative("n", 0)).isZero();
        assertThat(Check.nonNegative("n", 7L)).isEqualTo(7L);
        assertThat(Check.nonNegative("n", 0L)).isZero();
        assertThat(Check.nonNegative("x", 7.5)).isEqualTo(7.5);
        assertThat(Check.nonNegative("x", 0.0)).isZero();
    }

    @Test
    void rejectedValuesAreNamed() {
        assertThatThrownBy(() -> Check.positive("n", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n (0) must be > 0");
        assertThatThrownBy(() -> Check.positive("n", 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n (0) must be > 0");
        assertThatThrownBy(() -> Check.positive("x", 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x (0.0) must be finite and > 0");
        assertThatThrownBy(() -> Check.positive("x", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x (NaN) must be finite and > 0");
        assertThatThrownBy(() -> Check.positive("x", Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x (Infinity) must be finite and > 0");
        assertThatThrownBy(() -> Check.nonNegative("n", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n (-1) must be >= 0");
        assertThatThrownBy(() -> Check.nonNegative("n", -1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n (-1) must be >= 0");
        assertThatThrownBy(() -> Check.nonNegative("x", -0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x (-0.5) must be finite and >= 0");
        assertThatThrownBy(() -> Check.nonNegative("x", Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x (Infinity) must be finite and >= 0");
    }

    @Test
    void fractionsAreInTheHalfOpenUnitInterval() {
        assertThat(Check.fraction("f", 1.0)).isEqualTo(1.0);
        assertThat(Check.fraction("f", 0.25)).isEqualTo(0.25);
        assertThat(Check.fraction("f", Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        for (double bad : new double[] {0.0, -0.5, Math.nextUp(1.0), Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Check.fraction("f", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("f (" + bad + ") must be in (0, 1]");
        }
    }

    @Test
    void exactArithmeticReportsOverflowByName() {
        assertThat(Check.multiply("p", 1L << 31, 1L << 31)).isEqualTo(1L << 62);
        assertThat(Check.add("p", Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Check.multiply("p", 1L << 32, 1L << 31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p overflows a long (4294967296 x 2147483648)")
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Check.add("p", Long.MAX_VALUE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p overflows a long (9223372036854775807 + 1)");
    }
}
