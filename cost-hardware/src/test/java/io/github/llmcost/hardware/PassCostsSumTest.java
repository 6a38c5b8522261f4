package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link PassCosts#plus} and {@link PassCosts#scaled}, what a speculative round is summed with, field by field on
 * numbers exact in binary: each total, and a bound that flips if compute or memory were summed wrongly.
 */
class PassCostsSumTest {
    @Test
    void plusAddsTimesTheOtherFieldByField() {
        PassCosts a = new PassCosts(1, 9, 8, 7, 0.5, 0.25, null);
        PassCosts b = new PassCosts(2, 0, 1, 2, 0.125, 0.0625, null);
        PassCosts c = a.plus(b, 2);
        assertThat(c.flops()).isEqualTo(5);
        assertThat(c.seconds()).isEqualTo(11 + 0.75 + 0.375);
        assertThat(c.communicationSeconds()).isEqualTo(0.75);
        assertThat(c.overheadSeconds()).isEqualTo(0.375);
        assertThat(c.bound()).isEqualTo(Bound.MEMORY); // compute 9 against memory 10
        PassCosts d = new PassCosts(0, 9, 4, 0, 0, 0, null).plus(new PassCosts(0, 1, 3, 0, 0, 0, null), 2);
        assertThat(d.bound()).isEqualTo(Bound.COMPUTE); // compute 11 against memory 10
    }

    @Test
    void scaledMultipliesEveryField() {
        PassCosts c = new PassCosts(4, 9, 10, 8, 2, 1, null).scaled(0.25);
        assertThat(c.flops()).isEqualTo(1);
        assertThat(c.seconds()).isEqualTo(2 + 0.5 + 0.25);
        assertThat(c.communicationSeconds()).isEqualTo(0.5);
        assertThat(c.overheadSeconds()).isEqualTo(0.25);
        assertThat(c.bound()).isEqualTo(Bound.MEMORY);
    }
}
