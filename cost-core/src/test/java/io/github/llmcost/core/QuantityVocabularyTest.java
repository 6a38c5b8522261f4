package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every quantity type speaks the same vocabulary: of, plus, minus, multipliedBy, dividedBy, isZero, toX. */
class QuantityVocabularyTest {
    @Test
    void flops() {
        Flops a = Flops.of(6e9);
        Flops b = Flops.of(2e9);
        assertThat(a.plus(b)).isEqualTo(Flops.of(8e9));
        assertThat(a.minus(b)).isEqualTo(Flops.of(4e9));
        assertThat(a.multipliedBy(2)).isEqualTo(Flops.of(12e9));
        assertThat(a.dividedBy(3)).isEqualTo(Flops.of(2e9));
        assertThat(a.dividedBy(b)).isEqualTo(3.0);
        assertThat(Flops.of(0).isZero()).isTrue();
        assertThat(b.isZero()).isFalse();
        assertThatThrownBy(() -> b.minus(a)).hasMessageContaining("must be <=");
        assertThatThrownBy(() -> a.dividedBy(Flops.ZERO)).hasMessageContaining("(0) must be > 0");
        assertThatThrownBy(() -> a.dividedBy(0.0)).hasMessageContaining("divisor (0.0)");
    }

    @Test
    void bytes() {
        Bytes a = Bytes.of(600);
        Bytes b = Bytes.of(200);
        assertThat(a.dividedBy(b)).isEqualTo(3.0);
        assertThat(a.dividedBy(3)).isEqualTo(b);
        assertThat(a.minus(b).plus(b)).isEqualTo(a);
        assertThat(Bytes.of(0).isZero()).isTrue();
        assertThat(a.isZero()).isFalse();
        assertThatThrownBy(() -> a.dividedBy(Bytes.ZERO)).hasMessageContaining("(0) must be > 0");
    }

    @Test
    void bandwidthAndFlopRate() {
        Bandwidth fast = Bandwidth.ofGigabytesPerSecond(3000);
        Bandwidth slow = Bandwidth.ofGigabytesPerSecond(1000);
        assertThat(fast.plus(slow)).isEqualTo(Bandwidth.ofGigabytesPerSecond(4000));
        assertThat(fast.minus(slow)).isEqualTo(Bandwidth.ofGigabytesPerSecond(2000));
        assertThat(fast.dividedBy(slow)).isEqualTo(3.0);
        assertThat(fast.dividedBy(3)).isEqualTo(slow);
        assertThat(Bandwidth.of(0).isZero()).isTrue();
        assertThat(slow.isZero()).isFalse();
        assertThatThrownBy(() -> slow.minus(fast)).hasMessageContaining("must be <=");
        assertThatThrownBy(() -> fast.dividedBy(Bandwidth.ZERO)).hasMessageContaining("(0) must be > 0");
        FlopRate peak = FlopRate.ofTeraflops(1000);
        FlopRate half = FlopRate.ofTeraflops(500);
        assertThat(half.plus(half)).isEqualTo(peak);
        assertThat(peak.minus(half)).isEqualTo(half);
        assertThat(peak.dividedBy(half)).isEqualTo(2.0);
        assertThat(peak.dividedBy(2)).isEqualTo(half);
        assertThat(FlopRate.of(0).isZero()).isTrue();
        assertThat(half.isZero()).isFalse();
        assertThatThrownBy(() -> half.minus(peak)).hasMessageContaining("must be <=");
        assertThatThrownBy(() -> peak.dividedBy(FlopRate.ZERO)).hasMessageContaining("(0) must be > 0");
    }

    @Test
    void seconds() {
        Seconds a = Seconds.of(1.5);
        Seconds b = Seconds.of(0.5);
        assertThat(a.minus(b)).isEqualTo(Seconds.of(1.0));
        assertThat(a.dividedBy(b)).isEqualTo(3.0);
        assertThat(a.dividedBy(3)).isEqualTo(b);
        assertThat(Seconds.of(0).isZero()).isTrue();
        assertThat(a.isZero()).isFalse();
        assertThatThrownBy(() -> b.minus(a)).hasMessageContaining("must be <=");
        assertThatThrownBy(() -> a.dividedBy(Seconds.ZERO)).hasMessageContaining("(0) must be > 0");
        assertThat(Seconds.from(Flops.of(2e12), FlopRate.ofTeraflops(1))).isEqualTo(Seconds.of(2));
        assertThat(Seconds.from(Bytes.ofGigabytes(3), Bandwidth.ofGigabytesPerSecond(1)))
                .isEqualTo(Seconds.of(3));
        assertThat(Seconds.of(0.0027).toDuration()).isEqualTo(Duration.ofNanos(2_700_000));
        assertThat(Seconds.of(1.213731429).toDuration()).isEqualTo(Duration.ofNanos(1_213_731_429));
        // beyond about 292 years, nanoseconds overflow a long: whole seconds and a rounded fraction
        assertThat(Seconds.of(1e10 + 0.25).toDuration()).isEqualTo(Duration.ofSeconds(10_000_000_000L, 250_000_000));
        assertThat(Seconds.of(1e10).toDuration().getSeconds()).isEqualTo(10_000_000_000L);
    }

    @Test
    void formats() {
        Formats all = Formats.of(NumericFormat.INT8, NumericFormat.BF16, NumericFormat.FP8_E4M3);
        assertThat(all.weights()).isEqualTo(NumericFormat.INT8);
        assertThat(all.activations()).isEqualTo(NumericFormat.BF16);
        assertThat(all.kvCache()).isEqualTo(NumericFormat.FP8_E4M3);
        assertThat(all.isWeightOnlyQuantized()).isTrue();
        assertThat(all.scheme()).isEqualTo("W8A16");
        assertThat(Formats.BF16.isWeightOnlyQuantized()).isFalse();
        assertThat(Formats.of(NumericFormat.FP8_E4M3).isWeightOnlyQuantized()).isFalse();
        assertThat(Formats.of(NumericFormat.FP8_E5M2).activations()).isEqualTo(NumericFormat.FP8_E5M2);
        assertThat(Formats.of(NumericFormat.FP32).activations()).isEqualTo(NumericFormat.BF16);
        assertThat(Formats.of(NumericFormat.FP32).isWeightOnlyQuantized()).isFalse();
        assertThat(Formats.BF16.withWeights(NumericFormat.INT4).activations()).isEqualTo(NumericFormat.BF16);
    }
}
