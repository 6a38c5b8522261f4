package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layouts, defaults and the consistency checks of model descriptions and workloads. */
class ModelShapesTest {

    @Test
    void attentionAtListedLayersAndElsewhere() {
        assertThat(AttentionKind.at(4, AttentionKind.GLOBAL, AttentionKind.NONE, 1, 3))
                .containsExactly(AttentionKind.NONE, AttentionKind.GLOBAL, AttentionKind.NONE, AttentionKind.GLOBAL);
        assertThat(AttentionKind.at(2, AttentionKind.GLOBAL, AttentionKind.NONE, 0))
                .containsExactly(AttentionKind.GLOBAL, AttentionKind.NONE);
        assertThat(AttentionKind.at(3, AttentionKind.GLOBAL, AttentionKind.SLIDING_WINDOW))
                .containsExactly(
                        AttentionKind.SLIDING_WINDOW, AttentionKind.SLIDING_WINDOW, AttentionKind.SLIDING_WINDOW);
        assertThatThrownBy(() -> AttentionKind.at(4, AttentionKind.GLOBAL, AttentionKind.NONE, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer index (4) must be in [0, 4)");
        assertThatThrownBy(() -> AttentionKind.at(4, AttentionKind.GLOBAL, AttentionKind.NONE, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer index (-1) must be in [0, 4)");
        assertThat(AttentionKind.repeating(5, AttentionKind.SLIDING_WINDOW, AttentionKind.GLOBAL))
                .containsExactly(
                        AttentionKind.SLIDING_WINDOW,
                        AttentionKind.GLOBAL,
                        AttentionKind.SLIDING_WINDOW,
                        AttentionKind.GLOBAL,
                        AttentionKind.SLIDING_WINDOW);
    }

    @Test
    void latentWidthsMayReachButNotPassAnInt() {
        LatentAttention widest = LatentAttention.builder()
                .kvLoraRank(Integer.MAX_VALUE - 1)
                .qkNopeHeadDim(Integer.MAX_VALUE - 1)
                .qkRopeHeadDim(1)
                .vHeadDim(1)
                .build();
        assertThat(widest.qkHeadDim()).isEqualTo(Integer.MAX_VALUE);
        assertThat(widest.cachedValuesPerToken()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> LatentAttention.builder()
                        .kvLoraRank(1)
                        .qkNopeHeadDim(Integer.MAX_VALUE)
                        .qkRopeHeadDim(1)
                        .vHeadDim(1)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("qkNopeHeadDim + qkRopeHeadDim (2147483648) overflows an int");
        assertThatThrownBy(() -> LatentAttention.builder()
                        .kvLoraRank(Integer.MAX_VALUE)
                        .qkNopeHeadDim(1)
                        .qkRopeHeadDim(1)
                        .vHeadDim(1)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kvLoraRank + qkRopeHeadDim (2147483648) overflows an int");
    }

    @Test
    void mixtureOfExpertsDefaults() {
        MixtureOfExperts moe = MixtureOfExperts.of(8, 2, 1024);
        assertThat(moe.numExperts()).isEqualTo(8);
        assertThat(moe.expertsPerToken()).isEqualTo(2);
        assertThat(moe.expertIntermediateSize()).isEqualTo(1024);
        assertThat(moe.numSharedExperts()).isZero();
        assertThat(moe.firstDenseLayers()).isZero();
        assertThat(moe.routerBias()).isFalse();
    }

    @Test
    void presetsByIdAndAll() {
        assertThat(ModelPresets.all()).hasSize(25);
        assertThat(List.copyOf(ModelPresets.all().keySet())).isEqualTo(ModelPresets.ids());
        ModelPresets.all()
                .forEach((id, spec) -> assertThat(ModelPresets.byId(id.toUpperCase(java.util.Locale.ROOT)))
                        .isSameAs(spec));
        assertThat(ModelPresets.byId(" llama-3.1-8b ")).isSameAs(ModelPresets.LLAMA_3_1_8B);
    }

    @Test
    void withNameChangesOnlyTheName() {
        ModelSpec renamed = FlopAccountingTest.dense().withName("renamed");
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed)
                .isEqualTo(ModelSpec.builder()
                        .from(FlopAccountingTest.dense())
                        .name("renamed")
                        .build());
        assertThat(renamed.parameters()).isEqualTo(FlopAccountingTest.dense().parameters());
    }

    @Test
    void slidingWindowAndKernelMustMatchTheLayout() {
        ModelSpec.Builder noWindow = ModelSpec.builder()
                .from(FlopAccountingTest.dense())
                .attentionKinds(List.of(AttentionKind.SLIDING_WINDOW, AttentionKind.GLOBAL));
        assertThatThrownBy(noWindow::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slidingWindow (0) must be > 0 when a layer is SLIDING_WINDOW");
        ModelSpec.Builder strayWindow =
                ModelSpec.builder().from(FlopAccountingTest.dense()).slidingWindow(4);
        assertThatThrownBy(strayWindow::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slidingWindow (4) is set but no layer is SLIDING_WINDOW");
        ModelSpec.Builder noKernel = ModelSpec.builder()
                .from(FlopAccountingTest.dense())
                .attentionKinds(List.of(AttentionKind.NONE, AttentionKind.GLOBAL));
        assertThatThrownBy(noKernel::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("convolutionKernelSize (0) must be > 0 when a layer is NONE");
        ModelSpec.Builder strayKernel =
                ModelSpec.builder().from(FlopAccountingTest.dense()).convolutionKernelSize(3);
        assertThatThrownBy(strayKernel::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("convolutionKernelSize (3) is set but no layer is NONE");
    }

    @Test
    void numericFormatsKnowWhetherTheyFloat() {
        for (NumericFormat f : NumericFormat.values()) {
            assertThat(f.isFloatingPoint()).as("%s", f).isEqualTo(f != NumericFormat.INT8 && f != NumericFormat.INT4);
        }
        assertThat(NumericFormat.INT4.bitsPerElement()).isEqualTo(4);
    }

    @Test
    void workloadDefaultsAndTheAlwaysComputedLastToken() {
        Workload w = Workload.of(100, 10);
        assertThat(w.promptTokens()).isEqualTo(100);
        assertThat(w.outputTokens()).isEqualTo(10);
        assertThat(w.batchSize()).isEqualTo(1);
        assertThat(w.contextTokens()).isEqualTo(110);
        assertThat(w.cachedPrefixTokens()).isZero();
        Workload fullyShared =
                Workload.builder().from(w).sharedPrefixTokens(100).build();
        assertThat(fullyShared.cachedPrefixTokens()).isEqualTo(99);
        Workload partlyShared =
                Workload.builder().from(w).sharedPrefixTokens(40).build();
        assertThat(partlyShared.cachedPrefixTokens()).isEqualTo(40);
    }
}
