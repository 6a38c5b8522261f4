package io.github.llmcost.economics.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Limit;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The section-8 scorecard reads every figure from its one home in the library: FLOPs and their quadratic share from
 * {@link FlopCounter}, cache and state from {@link KvCache}, bytes and times from the deployment's {@link Estimate};
 * the largest context is exact (it fits, one more token does not); what cannot run has no times.
 */
class ScorecardTest {
    /** Relative tolerance between the scorecard and the API it reads: the same computation, so rounding only. */
    private static final double SAME = 1e-12;

    /** Llama 3.2 1B (a transformer), LFM2-1.2B (a hybrid), Llama 3.2 3B and Gemma 2 9B on the phone, defaults. */
    private static final Scorecard PHONE = Scorecard.builder()
            .models(
                    ModelPresets.LLAMA_3_2_1B,
                    ModelPresets.LFM2_1_2B,
                    ModelPresets.LLAMA_3_2_3B,
                    ModelPresets.GEMMA_2_9B)
            .build();

    private static ScorecardRow row(int i) {
        return PHONE.rows().get(i);
    }

    @Test
    void defaultsAreTheArticlesEdgeSetup() {
        assertThat(PHONE.hardware()).isEqualTo(HardwarePresets.SNAPDRAGON_8_ELITE_CPU);
        assertThat(PHONE.memoryBudget()).isEqualTo(Bytes.ofGigabytes(4));
        assertThat(PHONE.weights()).isEqualTo(NumericFormat.INT4);
        assertThat(PHONE.kvCache()).isEqualTo(NumericFormat.INT8);
        assertThat(PHONE.convention()).isEqualTo(Convention.EXACT);
        assertThat(PHONE.contexts()).containsExactly(1024, 4096, 32768, 131072);
        assertThat(PHONE.rows())
                .extracting(ScorecardRow::model)
                .containsExactly(
                        ModelPresets.LLAMA_3_2_1B,
                        ModelPresets.LFM2_1_2B,
                        ModelPresets.LLAMA_3_2_3B,
                        ModelPresets.GEMMA_2_9B);
        Deployment d = row(0).deployment();
        assertThat(d.hardware().memoryCapacity()).isEqualTo(PHONE.memoryBudget());
        assertThat(d.frameworkOverheadPerDevice()).isEqualTo(Bytes.ZERO);
        assertThat(d.formats().weights()).isEqualTo(NumericFormat.INT4);
        assertThat(d.formats().kvCache()).isEqualTo(NumericFormat.INT8);
        assertThat(PHONE.toString()).contains("Snapdragon 8 Elite CPU", "4 GB", "INT4", "LFM2 1.2B");
    }

    @Test
    void theDefaultBudgetIsThePhonesFourGigabytesElseMemoryLessTheFrameworkOverhead() {
        assertThat(Scorecard.defaultMemoryBudget(HardwarePresets.SNAPDRAGON_8_ELITE_CPU)
                        .toBytes())
                .isEqualTo(4e9);
        assertThat(Scorecard.defaultMemoryBudget(HardwarePresets.H100_SXM).toBytes())
                .isEqualTo(HardwarePresets.H100_SXM.memoryCapacity().toBytes()
                        - InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD.toBytes());
        assertThat(Scorecard.defaultMemoryBudget(
                        HardwarePresets.L4.withMemoryCapacity(InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD)))
                .isEqualTo(Bytes.ZERO);
        // a GPU's card costs the model exactly as a default deployment does, on the chip's own calibration
        Scorecard gpu = Scorecard.builder()
                .models(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .weights(NumericFormat.BF16)
                .kvCache(NumericFormat.BF16)
                .contexts(4096)
                .build();
        Estimate plain = io.github.llmcost.economics.LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .deployment()
                .estimate(Workload.of(4096, 0));
        ContextFigures at = gpu.rows().get(0).contexts().get(0);
        assertThat(at.timeToFirstToken().orElseThrow().toSeconds())
                .isCloseTo(plain.timeToFirstToken().toSeconds(), within(1e-12));
        assertThat(at.decodeTokensPerSecond().orElseThrow())
                .isCloseTo(plain.decodeTokensPerSecondPerUser(), within(1e-9));
        assertThat(gpu.rows().get(0).growth(Figure.STATE_BYTES)).isEmpty(); // one context: no growth
    }

    @Test
    void everyFigureIsTheLibrarysOwn() {
        for (ScorecardRow r : PHONE.rows()) {
            ModelSpec m = r.model();
            FlopCounter flops = FlopCounter.of(m, Convention.EXACT);
            KvCache kv = KvCache.of(m, Convention.EXACT, NumericFormat.INT8);
            assertThat(r.weightBytes()).isEqualTo(m.parameters().weightBytes(NumericFormat.INT4));
            assertThat(r.kvBytesPerToken()).isEqualTo(kv.bytesPerToken());
            assertThat(r.fixedStateBytes()).isEqualTo(kv.fixedStateBytes());
            for (ContextFigures c : r.contexts()) {
                long n = c.contextTokens();
                Workload w = Workload.of(n, 0);
                assertThat(c.prefillFlops()).isEqualTo(flops.prefill(n).total());
                assertThat(c.quadraticShare()).isEqualTo(flops.quadraticShare(n));
                assertThat(c.stateBytes().toBytes())
                        .isCloseTo(kv.sessionBytes(n).toBytes(), within(SAME * 1e12));
                assertThat(c.decodeStepBytes().orElseThrow())
                        .isEqualTo(r.deployment().performance(w).decode().bytes());
                Estimate e = r.deployment().estimate(w);
                assertThat(c.memoryBytes())
                        .isEqualTo(e.memory()
                                .weights()
                                .plus(e.memory().activations())
                                .plus(e.memory().kvCachePerSession()));
                if (n <= m.maxContextTokens().orElse(Long.MAX_VALUE)) {
                    // within the model's context, it runs exactly where what it needs is within the budget
                    assertThat(c.isFeasible()).isEqualTo(c.memoryBytes().compareTo(PHONE.memoryBudget()) <= 0);
                }
                assertThat(c.isFeasible()).isEqualTo(e.isFeasible());
                assertThat(c.feasibility()).isEqualTo(e.feasibility());
                if (e.isFeasible()) {
                    assertThat(c.prefillFlops().toFlops())
                            .isCloseTo(
                                    e.prefillFlops().toFlops(),
                                    within(SAME * e.prefillFlops().toFlops()));
                    assertThat(c.timeToFirstToken()).contains(e.timeToFirstToken());
                    assertThat(c.timePerOutputToken()).contains(e.timePerOutputToken());
                    assertThat(c.decodeTokensPerSecond().orElseThrow()).isEqualTo(e.decodeTokensPerSecondPerUser());
                    assertThat(c.value(Figure.DECODE_TOKENS_PER_SECOND).orElseThrow())
                            .isEqualTo(1
                                    / c.value(Figure.TIME_PER_OUTPUT_TOKEN_SECONDS)
                                            .orElseThrow());
                } else {
                    // what cannot run is never timed
                    assertThat(c.timeToFirstToken()).isEmpty();
                    assertThat(c.timePerOutputToken()).isEmpty();
                    assertThat(c.decodeTokensPerSecond()).isEmpty();
                    for (Figure f : Figure.values()) {
                        assertThat(c.value(f).isPresent()).as("%s", f).isEqualTo(!f.needsFeasibility());
                    }
                }
            }
        }
    }

    @Test
    void theArticlesWorkedNumbersComeOut() {
        // section 5.3: 16 KB a token for the 1B transformer, 6 KB for a hybrid with 6 attention layers of 16
        assertThat(row(0).kvBytesPerToken().toBytes()).isEqualTo(2.0 * 16 * 8 * 64);
        assertThat(row(1).kvBytesPerToken().toBytes()).isEqualTo(2.0 * 6 * 8 * 64);
        // LFM2's ten convolution layers keep d x kernel values each, whatever the context
        assertThat(row(1).fixedStateBytes().toBytes()).isEqualTo(10.0 * 2048 * 3);
        assertThat(row(0).fixedStateBytes()).isEqualTo(Bytes.ZERO);
        assertThat(row(1).contexts().get(2).stateBytes().toBytes()).isEqualTo(6144.0 * 32768 + 61440);
        // growth from 1K to 128K: a transformer's cache 128x; the hybrid's a little less, its fixed state does not grow
        assertThat(row(0).growth(Figure.STATE_BYTES)).hasValue(128.0);
        assertThat(row(1).growth(Figure.STATE_BYTES).orElseThrow())
                .isCloseTo((6144.0 * 131072 + 61440) / (6144.0 * 1024 + 61440), within(1e-12));
        assertThat(row(0).growth(Figure.QUADRATIC_SHARE).orElseThrow())
                .isEqualTo(row(0).contexts().get(3).quadraticShare()
                        / row(0).contexts().get(0).quadraticShare());
        // the hybrid's quadratic share is below the transformer's at every context: fewer attention layers
        for (int i = 0; i < 4; i++) {
            assertThat(row(1).contexts().get(i).quadraticShare())
                    .isLessThan(row(0).contexts().get(i).quadraticShare());
        }
        // the transformer runs at 128K, so its times grow; LFM2 stops at 128,000 tokens, so its times have no ratio
        assertThat(row(0).growth(Figure.TIME_PER_OUTPUT_TOKEN_SECONDS).orElseThrow())
                .isGreaterThan(1);
        assertThat(row(0).growth(Figure.DECODE_TOKENS_PER_SECOND).orElseThrow()).isLessThan(1);
        assertThat(row(1).growth(Figure.TIME_TO_FIRST_TOKEN_SECONDS)).isEmpty();
        assertThat(row(1).growth(Figure.PREFILL_FLOPS)).isPresent();
    }

    @Test
    void theLargestContextFitsAndOneMoreTokenDoesNot() {
        // Llama 3.2 1B and LFM2 fit to the model's own maximum
        assertThat(row(0).largestContext().tokens()).isEqualTo(131072);
        assertThat(row(0).largestContext().limit()).contains(Limit.CONTEXT);
        assertThat(row(0).largestContext()).isEqualTo(ContextFit.of(row(0).deployment()));
        assertThat(row(0).largestContext()).isNotEqualTo(row(1).largestContext());
        assertThat(row(0).largestContext().hashCode())
                .isEqualTo(ContextFit.of(row(0).deployment()).hashCode());
        assertThat(row(1).largestContext().tokens()).isEqualTo(128000);
        assertThat(row(1).largestContext().limit()).contains(Limit.CONTEXT);
        // Llama 3.2 3B runs out of memory first, in the 3-4 GB for AI: exact to the token
        ContextFit three = row(2).largestContext();
        assertThat(three.limit()).contains(Limit.KV_CACHE);
        assertThat(three.tokens()).isBetween(32768L, 131072L);
        Deployment d = row(2).deployment();
        assertThat(d.estimate(Workload.of(three.tokens(), 0)).isFeasible()).isTrue();
        assertThat(d.feasibility(Workload.of(three.tokens() + 1, 0)).bindingLimit())
                .contains(Limit.KV_CACHE);
        // weights + activations + cache of the largest context within the budget, one more token's beyond it
        Bytes at = d.memory(Workload.of(three.tokens(), 0)).kvCachePerSession();
        Bytes left = d.memory(Workload.of(three.tokens(), 0)).kvCacheBudget();
        assertThat(at.toBytes()).isLessThanOrEqualTo(left.toBytes());
        assertThat(at.plus(row(2).kvBytesPerToken()).toBytes()).isGreaterThan(left.toBytes());
        assertThat(three.fitsAtAll()).isTrue();
        assertThat(three.toString()).contains("tokens (KV_CACHE)");
        // Gemma 2 9B's INT4 weights alone exceed 4 GB: nothing fits, nothing is timed
        assertThat(row(3).largestContext().tokens()).isZero();
        assertThat(row(3).largestContext().limit()).contains(Limit.MEMORY);
        assertThat(row(3).fitsAtAll()).isFalse();
        assertThat(row(3).contexts())
                .allSatisfy(c -> assertThat(c.timeToFirstToken()).isEmpty());
        assertThat(row(3).contexts())
                .allSatisfy(c -> assertThat(c.decodeStepBytes()).isPresent());
        assertThat(PHONE.anyRuns()).isTrue();
    }

    @Test
    void aModelWithAFixedStateAndNoMaximumFitsToTheSearchLimit() {
        // every layer a convolution (no cache that grows) and no maximum context: nothing bounds the context
        ModelSpec stateOnly = ModelSpec.builder()
                .from(ModelPresets.LFM2_1_2B)
                .name("convolutions only")
                .attentionKinds(AttentionKind.at(16, AttentionKind.NONE, AttentionKind.NONE))
                .maxContextTokens(OptionalLong.empty())
                .build();
        Scorecard card =
                Scorecard.builder().models(stateOnly).contexts(1024, 131072).build();
        ScorecardRow r = card.rows().get(0);
        assertThat(r.kvBytesPerToken()).isEqualTo(Bytes.ZERO);
        assertThat(r.growth(Figure.STATE_BYTES)).hasValue(1.0);
        assertThat(r.largestContext().tokens()).isEqualTo(ContextFit.SEARCH_LIMIT_TOKENS);
        assertThat(r.largestContext().limit()).isEmpty();
        assertThat(r.largestContext().toString()).contains("search limit");
        assertThat(r.contexts().get(1).quadraticShare()).isZero();
        assertThat(r.growth(Figure.QUADRATIC_SHARE)).isEmpty(); // no ratio over a zero first value
        assertThat(r.growth(Figure.PREFILL_FLOPS)).isPresent();
    }

    @Test
    void aDeviceWithoutTheFormatsComputePathIsNeverTimed() {
        // FP8 weights compute in FP8, which the phone has no path for: the model cannot be timed at all
        Scorecard card = Scorecard.builder()
                .models(ModelPresets.LLAMA_3_2_1B)
                .weights(NumericFormat.FP8_E4M3)
                .contexts(1024)
                .build();
        ScorecardRow r = card.rows().get(0);
        assertThat(r.fitsAtAll()).isFalse();
        assertThat(r.largestContext().limit()).contains(Limit.COMPUTE_FORMAT);
        assertThat(r.contexts().get(0).decodeStepBytes()).isEmpty();
        assertThat(r.contexts().get(0).value(Figure.DECODE_STEP_BYTES)).isEmpty();
        assertThat(r.contexts().get(0).toString()).contains("no compute path", "does not run");
        assertThat(card.anyRuns()).isFalse();
    }

    @Test
    void aSmallerBudgetShortensTheLargestContext() {
        Scorecard small = Scorecard.builder()
                .models(ModelPresets.LLAMA_3_2_1B)
                .memoryBudget(Bytes.ofGigabytes(1))
                .contexts(1024, 32768)
                .build();
        ContextFit fit = small.rows().get(0).largestContext();
        assertThat(small.memoryBudget()).isEqualTo(Bytes.ofGigabytes(1));
        assertThat(fit.limit()).contains(Limit.KV_CACHE);
        assertThat(fit.tokens()).isLessThan(32768L).isGreaterThan(1024L);
        assertThat(small.rows().get(0).contexts().get(1).isFeasible()).isFalse();
        assertThat(small.rows().get(0).toString()).contains("Llama 3.2 1B", "largest context");
    }

    @Test
    void eachFigureIsItsAccessorsValue() {
        for (ScorecardRow r : PHONE.rows()) {
            for (ContextFigures c : r.contexts()) {
                assertThat(c.value(Figure.PREFILL_FLOPS))
                        .hasValue(c.prefillFlops().toFlops());
                assertThat(c.value(Figure.QUADRATIC_SHARE)).hasValue(c.quadraticShare());
                assertThat(c.value(Figure.STATE_BYTES)).hasValue(c.stateBytes().toBytes());
                assertThat(c.value(Figure.MEMORY_BYTES))
                        .hasValue(c.memoryBytes().toBytes());
                assertThat(c.value(Figure.DECODE_STEP_BYTES))
                        .hasValue(c.decodeStepBytes().orElseThrow().toBytes());
                if (c.isFeasible()) {
                    assertThat(c.value(Figure.TIME_TO_FIRST_TOKEN_SECONDS))
                            .hasValue(c.timeToFirstToken().orElseThrow().toSeconds());
                    assertThat(c.value(Figure.TIME_PER_OUTPUT_TOKEN_SECONDS))
                            .hasValue(c.timePerOutputToken().orElseThrow().toSeconds());
                    assertThat(c.value(Figure.DECODE_TOKENS_PER_SECOND))
                            .hasValue(c.decodeTokensPerSecond().orElseThrow());
                    assertThat(c.toString()).contains("tokens/s", "first token in", "quadratic");
                } else {
                    assertThat(c.toString()).contains("does not run: ");
                }
            }
        }
    }

    @Test
    void aDeploymentWithoutAnInterconnectIsNeverTimed() {
        // two phones in tensor parallel have no interconnect between them: nothing can be timed or moved
        Deployment twoPhones = io.github.llmcost.economics.LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                .hardware(HardwarePresets.SNAPDRAGON_8_ELITE_CPU)
                .tensorParallel(2)
                .weights(NumericFormat.INT4)
                .deployment();
        ContextFigures c = ContextFigures.of(twoPhones, 1);
        assertThat(c.contextTokens()).isEqualTo(1);
        assertThat(c.feasibility().bindingLimit()).contains(Limit.INTERCONNECT);
        assertThat(c.decodeStepBytes()).isEmpty();
        assertThat(c.timeToFirstToken()).isEmpty();
        assertThat(ContextFit.of(twoPhones).limit()).contains(Limit.INTERCONNECT);
    }

    @Test
    void boundariesJustInsideAreAccepted() {
        Scorecard whole = Scorecard.builder()
                .models(ModelPresets.LLAMA_3_2_1B)
                .memoryBudget(HardwarePresets.SNAPDRAGON_8_ELITE_CPU.memoryCapacity())
                .contexts(1, 2)
                .build();
        assertThat(whole.memoryBudget()).isEqualTo(HardwarePresets.SNAPDRAGON_8_ELITE_CPU.memoryCapacity());
        assertThat(whole.contexts()).containsExactly(1, 2);
        assertThat(whole.rows().get(0).growth(Figure.STATE_BYTES)).hasValue(2.0);
        assertThat(ContextFigures.of(whole.rows().get(0).deployment(), 1)
                        .stateBytes()
                        .toBytes())
                .isEqualTo(16384);
    }

    @Test
    void figureKeysAreCamelCase() {
        assertThat(Figure.PREFILL_FLOPS.key()).isEqualTo("prefillFlops");
        assertThat(Figure.TIME_TO_FIRST_TOKEN_SECONDS.key()).isEqualTo("timeToFirstTokenSeconds");
        assertThat(Figure.QUADRATIC_SHARE.needsFeasibility()).isFalse();
        assertThat(Figure.DECODE_STEP_BYTES.needsFeasibility()).isFalse();
        assertThat(Figure.TIME_TO_FIRST_TOKEN_SECONDS.needsFeasibility()).isTrue();
        assertThat(Figure.TIME_PER_OUTPUT_TOKEN_SECONDS.needsFeasibility()).isTrue();
        assertThat(Figure.DECODE_TOKENS_PER_SECOND.needsFeasibility()).isTrue();
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        Scorecard.Builder b = Scorecard.builder();
        assertThatThrownBy(() -> b.models(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models ([])");
        assertThatThrownBy(() -> b.contexts())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contexts ([])");
        assertThatThrownBy(() -> b.contexts(1024, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contexts (0) must be > 0");
        assertThatThrownBy(() -> b.contexts(4096, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contexts (4096, 1024) must be strictly increasing");
        assertThatThrownBy(() -> b.contexts(4096, 4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> b.memoryBudget(Bytes.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryBudget (0 B) must be > 0");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("models");
        assertThatThrownBy(() -> Scorecard.builder()
                        .models(ModelPresets.LLAMA_3_2_1B)
                        .memoryBudget(Bytes.ofGigabytes(13))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryBudget (13 GB")
                .hasMessageContaining("Snapdragon 8 Elite CPU's memory");
        assertThatThrownBy(() -> Scorecard.builder()
                        .models(ModelPresets.LLAMA_3_2_1B)
                        .hardware(HardwarePresets.L4.withMemoryCapacity(Bytes.ofGigabytes(1)))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryBudget (0 B) must be > 0");
        assertThatThrownBy(() -> ContextFigures.of(row(0).deployment(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contextTokens (0) must be > 0");
    }
}
