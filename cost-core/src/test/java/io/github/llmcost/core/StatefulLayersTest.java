package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's layers worked by hand: a Mamba-2 state-space mixer, a gated-DeltaNet linear attention, and their hybrids
 * with attention. Every expected number is written out from the shapes in this file, not read back from the library;
 * doubles are compared within a relative 1e-12 (the sums are exact integers below 2^53).
 */
class StatefulLayersTest {
    private static final double TOLERANCE = 1e-12;

    /** Mamba-2 2.7B's shapes, as {@link ModelPresets#MAMBA_2_2_7B}. */
    private static final ModelSpec MAMBA = ModelPresets.MAMBA_2_2_7B;

    /**
     * A small gated-DeltaNet hybrid, Qwen3-Next's pattern at toy size: d = 256, 4 layers, linear attention (2 key
     * heads, 4 value heads, d_k = d_v = 32, 4 taps) on layers 0-2 and GQA (4/2 heads of 64) on layer 3; SwiGLU 512.
     */
    private static final ModelSpec DELTA = ModelSpec.builder()
            .name("delta toy")
            .hiddenSize(256)
            .numLayers(4)
            .numAttentionHeads(4)
            .numKeyValueHeads(2)
            .headDim(64)
            .intermediateSize(512)
            .vocabSize(1000)
            .attentionKinds(AttentionKind.repeating(
                    4,
                    AttentionKind.LINEAR_ATTENTION,
                    AttentionKind.LINEAR_ATTENTION,
                    AttentionKind.LINEAR_ATTENTION,
                    AttentionKind.GLOBAL))
            .linearAttention(LinearAttention.builder()
                    .numKeyHeads(2)
                    .numValueHeads(4)
                    .keyHeadDim(32)
                    .valueHeadDim(32)
                    .build())
            .build();

    private static double mambaLayer(Operation op) {
        return FlopCounter.of(MAMBA, Convention.EXACT).tokenFlops(0, op);
    }

    @Test
    void aMamba2LayerCostsItsProjectionsConvolutionAndRecurrence() {
        // in_proj 2560 -> 2 x 5120 + 2 x 128 + 80 = 10,576; out_proj 5120 -> 2560; conv over 5,376 channels x 4 taps
        double projections = 2560.0 * 10576 + 5120.0 * 2560;
        double convolution = 5376.0 * 4;
        assertThat(mambaLayer(Operation.CONVOLUTION))
                .isCloseTo(2 * (projections + convolution), within(TOLERANCE * projections));
        // 80 heads x 64 channels x 128 states, 5 FLOPs each: decay, rank-1 write (2), read-out (2)
        assertThat(mambaLayer(Operation.STATE_UPDATE)).isEqualTo(5.0 * 80 * 64 * 128);
        for (Operation op : List.of(Operation.Q_PROJECTION, Operation.MLP_UP, Operation.MLP_DOWN, Operation.ROUTER)) {
            assertThat(mambaLayer(op)).as("%s: no attention, no MLP", op).isZero();
        }
        assertThat(FlopCounter.of(MAMBA, Convention.EXACT).weightElements(0, Operation.STATE_UPDATE, 1))
                .as("the recurrence reads a state, not weights")
                .isZero();
        assertThat(FlopCounter.of(MAMBA, Convention.EXACT).weightElements(0, Operation.CONVOLUTION, 7))
                .isEqualTo(projections + convolution);
    }

    @Test
    void aMamba2ModelsFlopsPerTokenDoNotDependOnContext() {
        FlopCounter exact = FlopCounter.of(MAMBA, Convention.EXACT);
        double perToken = 64 * (mambaLayer(Operation.CONVOLUTION) + mambaLayer(Operation.STATE_UPDATE));
        double lmHead = 2.0 * 2560 * 50288;
        for (long n : new long[] {1, 1024, 131072, 10_000_000}) {
            assertThat(exact.decodeStep(n).total().toFlops())
                    .as("decode step at %d", n)
                    .isCloseTo(perToken + lmHead, within(TOLERANCE * perToken));
        }
        assertThat(exact.prefill(32768).total().toFlops())
                .isCloseTo(32768 * perToken + lmHead, within(TOLERANCE * 32768 * perToken));
        assertThat(exact.quadraticShare(32768)).isZero();
        assertThat(exact.attentionKeys(0, 1000, 1000)).isZero();
        assertThatThrownBy(exact::crossoverTokens)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no attention layer");
        // ARTICLE counts any attention-free mixer as the article's 4d^2 block: 8d^2 FLOPs per token, plus 16d^2 MLP
        FlopCounter article = FlopCounter.of(MAMBA, Convention.ARTICLE);
        assertThat(article.tokenFlops(0, Operation.CONVOLUTION)).isEqualTo(8.0 * 2560 * 2560);
        assertThat(article.tokenFlops(0, Operation.STATE_UPDATE)).isZero();
    }

    @Test
    void aMamba2ModelsParametersByComponent() {
        ParameterBreakdown p = MAMBA.parameters();
        long mixer = 2560L * 10576 + 5120L * 2560 + 5376L * 4 + 5376 + 3 * 80; // projections, conv + bias, A D dt
        assertThat(p.convolutionParameters()).isEqualTo(64 * mixer);
        assertThat(p.normParameters()).isEqualTo(64 * (2560L + 5120) + 2560); // block norm, gated norm; final norm
        assertThat(p.embeddingParameters()).isEqualTo(50288L * 2560);
        assertThat(p.attentionParameters() + p.mlpParameters() + p.lmHeadParameters())
                .isZero();
        assertThat(p.totalParameters()).isEqualTo(2_702_599_680L);
        assertThat(MAMBA.parameters(Convention.ARTICLE).convolutionParameters()).isEqualTo(64 * 4L * 2560 * 2560);
    }

    @Test
    void aMixersBiasesAndGatedNormCountWhenSet() {
        StateSpace plain = MAMBA.stateSpace().orElseThrow();
        long base = MAMBA.parameters().totalParameters();
        ModelSpec biased = ModelSpec.builder()
                .from(MAMBA)
                .stateSpace(
                        StateSpace.builder().from(plain).projectionBias(true).build())
                .build();
        assertThat(biased.parameters().totalParameters() - base).isEqualTo(64 * (10576L + 2560)); // in and out
        ModelSpec noConvolutionBias = ModelSpec.builder()
                .from(MAMBA)
                .stateSpace(
                        StateSpace.builder().from(plain).convolutionBias(false).build())
                .build();
        assertThat(base - noConvolutionBias.parameters().totalParameters()).isEqualTo(64 * 5376L);
        ModelSpec noNorm = ModelSpec.builder()
                .from(MAMBA)
                .stateSpace(StateSpace.builder().from(plain).gatedNorm(false).build())
                .build();
        assertThat(base
                        - noNorm.parameters().normParameters()
                        - (base - MAMBA.parameters().normParameters()))
                .isEqualTo(64 * 5120L);
        ModelSpec withMlp = ModelSpec.builder()
                .from(MAMBA)
                .intermediateSize(1024)
                .stateSpace(StateSpace.builder().from(plain).hasMlp(true).build())
                .build();
        assertThat(withMlp.parameters().mlpParameters()).isEqualTo(64 * 3 * 2560L * 1024);
        assertThat(FlopCounter.of(withMlp, Convention.EXACT).tokenFlops(0, Operation.MLP_DOWN))
                .isEqualTo(2.0 * 2560 * 1024);
    }

    @Test
    void aMamba2SequenceKeepsAFixedStateAndNoKvCache() {
        KvCache kv = KvCache.of(MAMBA, Convention.EXACT, NumericFormat.BF16);
        // per layer: 80 x 64 x 128 recurrent values + 3 x 5,376 convolution history; 2 bytes each
        double perLayer = 80.0 * 64 * 128 + 3.0 * 5376;
        assertThat(kv.bytesPerToken()).isEqualTo(Bytes.ZERO);
        assertThat(kv.fixedStateBytes().toBytes()).isEqualTo(64 * perLayer * 2);
        assertThat(kv.layerBytes(5, 1_000_000).toBytes()).isEqualTo(perLayer * 2);
        assertThat(kv.sessionBytes(0)).isEqualTo(kv.sessionBytes(1_000_000));
        assertThat(kv.sharedPrefixBytes(4096)).isEqualTo(Bytes.ZERO);
        assertThat(kv.growthPerToken(100)).isEqualTo(Bytes.ZERO);
        // the article has no formula for these layers: ARTICLE keeps their state too, so sessions stay bounded
        KvCache article = KvCache.of(MAMBA, Convention.ARTICLE, NumericFormat.BF16);
        assertThat(article.fixedStateBytes()).isEqualTo(kv.fixedStateBytes());
        assertThat(article.sessionsThatFit(Bytes.of(64 * perLayer * 2 * 10), 32768))
                .isEqualTo(10);
    }

    @Test
    void aGatedDeltaNetLayerCostsItsProjectionsConvolutionAndDeltaRule() {
        FlopCounter exact = FlopCounter.of(DELTA, Convention.EXACT);
        // keys 2 x 32 = 64, values 4 x 32 = 128: in_proj_qkvz 256 -> 2 x 64 + 2 x 128 = 384, in_proj_ba 256 -> 8,
        // out_proj 128 -> 256, conv over 2 x 64 + 128 = 256 channels x 4 taps
        double projections = 256.0 * 384 + 256.0 * 8 + 128.0 * 256;
        assertThat(exact.tokenFlops(0, Operation.CONVOLUTION)).isEqualTo(2 * (projections + 256.0 * 4));
        // 4 value heads x 32 x 32 state, 7 FLOPs each: decay, prediction (2), correction (2), read-out (2)
        assertThat(exact.tokenFlops(0, Operation.STATE_UPDATE)).isEqualTo(7.0 * 4 * 32 * 32);
        assertThat(exact.tokenFlops(0, Operation.MLP_GATE)).isEqualTo(2.0 * 256 * 512);
        assertThat(exact.keyFlops(0, Operation.ATTENTION_SCORES)).isZero();
        assertThat(exact.keyFlops(3, Operation.ATTENTION_SCORES)).isEqualTo(2.0 * 4 * 64);
        // the hybrid's quadratic work is its one attention layer's: crossover read from layer 3
        double attentionProjections = 2 * (256.0 * 256 + 2 * 256.0 * 128 + 256.0 * 256);
        assertThat(exact.withCausalMasking(false).crossoverTokens())
                .isCloseTo(attentionProjections / (4.0 * 4 * 64), within(1e-9));
    }

    @Test
    void aGatedDeltaNetModelsParametersAndState() {
        ParameterBreakdown p = DELTA.parameters();
        long linear = 256L * 384 + 256L * 8 + 128L * 256 + 256L * 4 + 2 * 4; // projections, conv, A_log, dt_bias
        assertThat(p.convolutionParameters()).isEqualTo(3 * linear);
        assertThat(p.attentionParameters()).isEqualTo(256L * 256 + 2 * 256L * 128 + 256L * 256);
        assertThat(p.mlpParameters()).isEqualTo(4 * 3 * 256L * 512);
        assertThat(p.normParameters()).isEqualTo(4 * 2 * 256L + 3 * 32 + 256); // layer norms, gated norms, final
        KvCache kv = KvCache.of(DELTA, Convention.EXACT, NumericFormat.FP32);
        double statePerLayer = 4.0 * 32 * 32 + 3.0 * 256;
        assertThat(kv.fixedStateBytes().toBytes()).isEqualTo(3 * statePerLayer * 4);
        assertThat(kv.bytesPerToken().toBytes()).isEqualTo(2.0 * 2 * 64 * 4); // the one attention layer
        assertThat(kv.sessionBytes(1000).toBytes()).isEqualTo(3 * statePerLayer * 4 + 1000 * 2.0 * 2 * 64 * 4);
    }

    @Test
    void theGraniteHybridGrowsOnlyWithItsFourAttentionLayers() {
        ModelSpec granite = ModelPresets.GRANITE_4_0_H_350M;
        assertThat(granite.numAttentionLayers()).isEqualTo(4);
        assertThat(granite.numLayers(AttentionKind.STATE_SPACE)).isEqualTo(28);
        assertThat(granite.hasMlp(0)).isTrue();
        assertThat(MAMBA.hasMlp(0)).isFalse();
        KvCache kv = KvCache.of(granite, Convention.EXACT, NumericFormat.BF16);
        // 4 layers x K and V x 4 KV heads x 64 x 2 bytes
        assertThat(kv.growthPerToken(123_456).toBytes()).isEqualTo(4 * 2 * 4 * 64 * 2.0);
        double state = 28 * (48.0 * 32 * 128 + 3.0 * (1536 + 256)) * 2;
        assertThat(kv.fixedStateBytes().toBytes()).isEqualTo(state);
        assertThat(kv.sessionBytes(32768).toBytes()).isEqualTo(state + 32768 * 4 * 2 * 4 * 64 * 2.0);
        assertThat(granite.parameters().totalParameters()).isEqualTo(340_332_224L);
    }

    @Test
    void qwen3NextGatesItsAttentionAndItsSharedExpert() {
        ModelSpec next = ModelPresets.QWEN3_NEXT_80B_A3B;
        FlopCounter exact = FlopCounter.of(next, Convention.EXACT);
        // gated attention on layer 3: q_proj 2048 -> 2 x 16 x 256 (queries and their output gate)
        assertThat(exact.tokenFlops(3, Operation.Q_PROJECTION)).isEqualTo(2.0 * 2048 * 2 * 16 * 256);
        assertThat(exact.tokenFlops(3, Operation.O_PROJECTION)).isEqualTo(2.0 * 16 * 256 * 2048);
        // router over 512 experts plus the shared expert's gate
        assertThat(exact.tokenFlops(0, Operation.ROUTER)).isEqualTo(2.0 * 2048 * 513);
        ParameterBreakdown p = next.parameters();
        assertThat(p.attentionParameters()).isEqualTo(12 * (2048L * 8192 + 2 * 2048L * 512 + 4096L * 2048));
        assertThat(p.routerParameters()).isEqualTo(48 * 2048L * 513);
        assertThat(p.totalParameters()).isEqualTo(79_674_391_296L);
        assertThat(p.activeParameters()).isEqualTo(3_874_929_408L);
        KvCache kv = KvCache.of(next, Convention.EXACT, NumericFormat.BF16);
        assertThat(kv.bytesPerToken().toBytes()).isEqualTo(12 * 2 * 2 * 256 * 2.0);
        // 36 DeltaNet layers: 32 value heads x 128 x 128, plus 3 taps x (2 x 2,048 + 4,096) channels
        assertThat(kv.fixedStateBytes().toBytes()).isEqualTo(36 * (32.0 * 128 * 128 + 3 * 8192) * 2);
        assertThatThrownBy(() -> MixtureOfExperts.builder()
                        .numExperts(8)
                        .expertsPerToken(2)
                        .expertIntermediateSize(64)
                        .sharedExpertGate(true)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sharedExpertGate (true) needs a shared expert; numSharedExperts is 0");
        assertThatThrownBy(() -> ModelSpec.builder()
                        .from(ModelPresets.DEEPSEEK_V3)
                        .attentionOutputGate(true)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attentionOutputGate (true) is not supported with latent attention");
    }

    @Test
    void shapesAndLayoutsAreValidatedWithTheirValues() {
        ModelSpec.Builder base = ModelSpec.builder()
                .name("m")
                .hiddenSize(64)
                .numLayers(2)
                .numAttentionHeads(4)
                .intermediateSize(128)
                .vocabSize(100);
        StateSpace ssm =
                StateSpace.builder().numHeads(4).headDim(32).stateSize(16).build();
        assertThatThrownBy(() ->
                        ModelSpec.builder().from(base.build()).stateSpace(ssm).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stateSpace is set but no layer is STATE_SPACE");
        assertThatThrownBy(() -> ModelSpec.builder()
                        .from(base.build())
                        .attentionKinds(AttentionKind.repeating(2, AttentionKind.STATE_SPACE))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stateSpace (empty) must be set when 2 layers are STATE_SPACE");
        assertThatThrownBy(() -> ModelSpec.builder()
                        .from(base.build())
                        .attentionKinds(AttentionKind.repeating(2, AttentionKind.LINEAR_ATTENTION))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linearAttention (empty) must be set when 2 layers are LINEAR_ATTENTION");
        assertThatThrownBy(() -> ModelSpec.builder()
                        .from(base.build())
                        .intermediateSize(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intermediateSize (0) must be > 0 when a layer has a dense MLP");
        assertThatThrownBy(() -> ModelSpec.builder()
                        .from(base.build())
                        .intermediateSize(-1)
                        .attentionKinds(AttentionKind.repeating(2, AttentionKind.STATE_SPACE))
                        .stateSpace(ssm)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intermediateSize (-1) must be >= 0");
        ModelSpec pure = ModelSpec.builder()
                .from(base.build())
                .intermediateSize(0)
                .attentionKinds(AttentionKind.repeating(2, AttentionKind.STATE_SPACE))
                .stateSpace(ssm)
                .build();
        assertThat(pure.numAttentionLayers()).isZero();
        assertThatThrownBy(() -> StateSpace.builder()
                        .numHeads(6)
                        .headDim(8)
                        .stateSize(16)
                        .numGroups(4)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numGroups (4) must divide numHeads (6) of the state space");
        assertThatThrownBy(() -> StateSpace.builder()
                        .numHeads(0)
                        .headDim(8)
                        .stateSize(16)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numHeads (0)");
        assertThatThrownBy(() -> LinearAttention.builder()
                        .numKeyHeads(3)
                        .numValueHeads(4)
                        .keyHeadDim(8)
                        .valueHeadDim(8)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numKeyHeads (3) must divide numValueHeads (4) of the linear attention");
        assertThatThrownBy(() -> LinearAttention.builder()
                        .numKeyHeads(1)
                        .numValueHeads(1)
                        .keyHeadDim(8)
                        .valueHeadDim(8)
                        .convolutionKernelSize(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("convolutionKernelSize (0)");
    }

    @Test
    void kindsSayWhetherTheyAttendOrKeepAState() {
        assertThat(AttentionKind.GLOBAL.attends()).isTrue();
        assertThat(AttentionKind.SLIDING_WINDOW.attends()).isTrue();
        for (AttentionKind kind :
                List.of(AttentionKind.NONE, AttentionKind.STATE_SPACE, AttentionKind.LINEAR_ATTENTION)) {
            assertThat(kind.attends()).as("%s", kind).isFalse();
            assertThat(kind.keepsFixedState()).as("%s", kind).isTrue();
        }
        assertThat(Operation.STATE_UPDATE.isQuadratic()).isFalse();
        assertThat(Operation.STATE_UPDATE.isAttentionProjection()).isFalse();
        StateSpace s = MAMBA.stateSpace().orElseThrow();
        assertThat(s.innerSize()).isEqualTo(5120);
        assertThat(s.convolutionChannels()).isEqualTo(5376);
        assertThat(s.inputProjectionWidth()).isEqualTo(10576);
        assertThat(s.recurrentStateValues()).isEqualTo(655360.0);
        assertThat(s.convolutionStateValues()).isEqualTo(16128.0);
        LinearAttention a = DELTA.linearAttention().orElseThrow();
        assertThat(a.keyWidth()).isEqualTo(64);
        assertThat(a.valueWidth()).isEqualTo(128);
        assertThat(a.convolutionChannels()).isEqualTo(256);
        assertThat(a.recurrentStateValues()).isEqualTo(4096.0);
        assertThat(a.convolutionStateValues()).isEqualTo(768.0);
    }
}
