package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Inputs at the edges the other bad-input suites leave: routing counts and a model of 10^13 parameters. */
class ExtremeInputsTest {

    @Test
    void expectedDistinctExpertsNeedsAtLeastOneTokenAndSaturatesAtAll() {
        MixtureOfExperts moe = MixtureOfExperts.of(256, 8, 2048);
        for (long tokens : new long[] {0, -1, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> FlopCounter.expectedDistinctExperts(moe, tokens))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tokens (" + tokens + ") must be > 0");
        }
        assertThat(FlopCounter.expectedDistinctExperts(moe, Long.MAX_VALUE)).isEqualTo(256.0);
        assertThat(FlopCounter.expectedDistinctExperts(moe, 1_000_000_000_000_000L))
                .isEqualTo(256.0);
    }

    @Test
    void tenTrillionParametersCountExactlyAndCostFiniteFlops() {
        long d = 131_072;
        long intermediate = 524_288;
        long layers = 200;
        long vocab = 262_144;
        ModelSpec huge = ModelSpec.builder()
                .name("huge")
                .hiddenSize((int) d)
                .numLayers((int) layers)
                .numAttentionHeads(1024)
                .intermediateSize((int) intermediate)
                .vocabSize((int) vocab)
                .build();
        long perLayer = 4 * d * d + 3 * d * intermediate + 2 * d;
        long expected = layers * perLayer + 2 * vocab * d + d;
        assertThat(huge.parameters().totalParameters()).isEqualTo(expected).isGreaterThan(10_000_000_000_000L);
        double flops = FlopCounter.of(huge, Convention.EXACT)
                .prefill(1_000_000_000_000_000L)
                .total()
                .toFlops();
        assertThat(flops).isFinite().isGreaterThan(2.0 * expected * 1e15);
        assertThat(KvCache.of(huge, Convention.EXACT, NumericFormat.FP8_E4M3)
                        .sessionBytes(1_000_000_000_000_000L)
                        .toBytes())
                .isCloseTo(2.0 * layers * d * 1e15, within(1e20));
    }
}
