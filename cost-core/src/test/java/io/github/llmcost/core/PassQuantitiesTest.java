package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link Workload#prefillTokens()} and {@link FlopCounter#expertsRead(long)}: what a pass's costs scale with. */
class PassQuantitiesTest {

    @Test
    void prefillTokensAreTheUncachedPromptOfEverySequence() {
        Workload w = Workload.builder()
                .promptTokens(4096)
                .outputTokens(10)
                .batchSize(8)
                .sharedPrefixTokens(1000)
                .build();
        assertThat(w.prefillTokens()).isEqualTo((4096 - 1000) * 8L);
        // a fully shared prompt still computes its last token
        assertThat(Workload.builder()
                        .promptTokens(50)
                        .outputTokens(1)
                        .batchSize(3)
                        .sharedPrefixTokens(50)
                        .build()
                        .prefillTokens())
                .isEqualTo(3);
        Workload huge = Workload.builder()
                .promptTokens(Long.MAX_VALUE / 4)
                .outputTokens(0)
                .batchSize(8)
                .build();
        assertThatIllegalArgumentException()
                .isThrownBy(huge::prefillTokens)
                .withMessageContaining("prompt tokens of the batch (prompt x batch size) overflows a long");
    }

    @Test
    void expertsReadAreTheExpectedRoutedExpertsPlusTheShared() {
        FlopCounter deepseek = FlopCounter.of(ModelPresets.DEEPSEEK_V3, Convention.EXACT);
        MixtureOfExperts moe = ModelPresets.DEEPSEEK_V3.mixtureOfExperts().orElseThrow();
        // one token reads its 8 routed experts and the shared one; 10,000 tokens read nearly all 256 and the shared
        assertThat(deepseek.expertsRead(1)).isCloseTo(9, within(1e-9));
        assertThat(deepseek.expertsRead(10_000)).isCloseTo(257, within(1e-6));
        assertThat(deepseek.expertsRead(64))
                .isEqualTo(FlopCounter.expectedDistinctExperts(moe, 64) + moe.numSharedExperts());
        // weightElements scales a routed-expert matrix by it
        int layer = moe.firstDenseLayers();
        assertThat(deepseek.weightElements(layer, Operation.MLP_UP, 64)
                        / deepseek.weightElements(layer, Operation.MLP_UP, 1))
                .isCloseTo(deepseek.expertsRead(64) / deepseek.expertsRead(1), within(1e-12));
        assertThat(FlopCounter.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT).expertsRead(64))
                .isZero();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> deepseek.expertsRead(0))
                .withMessageContaining("tokens (0)");
    }
}
