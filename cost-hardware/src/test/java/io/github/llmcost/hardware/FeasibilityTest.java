package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Which configurations can run, and how memory is shared out: the limits of {@link Feasibility}. */
class FeasibilityTest {
    /** QuickTheories' seed, fixed so that a failure replays: run again with this value. */
    private static final long SEED = 20261130L;

    private static final List<ModelSpec> MODELS = List.copyOf(ModelPresets.all().values());

    private static InferencePerformance perf(ModelSpec model, int gpus, Workload w) {
        return InferencePerformance.builder()
                .model(model)
                .hardware(HardwarePresets.H200)
                .tensorParallel(gpus)
                .workload(w)
                .build();
    }

    @Test
    void sessionsAndTheSharedPrefixFitTheBudgetAndOneMoreSessionDoesNot() {
        Gen<ModelSpec> models = integers().between(0, MODELS.size() - 1).map(MODELS::get);
        qt().withFixedSeed(SEED)
                .withExamples(400)
                .forAll(
                        models,
                        integers().between(0, 3),
                        longs().between(2, 60_000),
                        integers().between(0, 100))
                .checkAssert((model, log2Gpus, prompt, sharedPercent) -> {
                    int gpus = 1 << log2Gpus;
                    long shared = prompt * sharedPercent / 100;
                    Workload w = Workload.builder()
                            .promptTokens(prompt)
                            .outputTokens(256)
                            .sharedPrefixTokens(shared)
                            .build();
                    MemoryBudget m = InferencePerformance.builder()
                            .from(perf(model, gpus, w))
                            .formats(io.github.llmcost.core.Formats.of(NumericFormat.FP8_E4M3))
                            .build()
                            .memory();
                    String what = model.name() + " on " + gpus + " H200s, prompt " + prompt + ", shared " + shared
                            + " (seed " + SEED + ")";
                    double budget = m.kvCacheBudget().toBytes();
                    double used =
                            m.maxConcurrentSessions() * m.kvCachePerSession().toBytes()
                                    + m.sharedPrefix().toBytes();
                    if (m.maxConcurrentSessions() > 0) {
                        assertThat(used).as(what).isLessThanOrEqualTo(budget * (1 + 1e-12));
                    }
                    if (m.kvCachePerSession().toBytes() > 0 && m.maxConcurrentSessions() < Long.MAX_VALUE) {
                        assertThat(used + m.kvCachePerSession().toBytes())
                                .as(what + ": one more session")
                                .isGreaterThan(budget * (1 - 1e-12));
                    }
                });
    }

    @Test
    void theTensorParallelDegreeMustShardTheModel() {
        Workload w = Workload.of(1024, 256);
        assertThat(perf(ModelPresets.LLAMA_3_1_8B, 3, w).feasibility().summary())
                .isEqualTo("tensor parallel: tensor-parallel degree (3) must divide the 32 attention heads of"
                        + " Llama 3.1 8B");
        assertThat(perf(ModelPresets.FALCON_7B, 4, w).feasibility().bindingLimit())
                .contains(Limit.TENSOR_PARALLEL);
        assertThat(perf(ModelPresets.QWEN2_5_7B, 7, w).feasibility().summary()).contains("the 4 KV heads");
        assertThat(perf(ModelPresets.LLAMA_3_1_8B, 8, w).feasibility().isFeasible())
                .isTrue();
        assertThat(perf(ModelPresets.LLAMA_3_1_8B, 1024, w).feasibility().bindingLimit())
                .contains(Limit.TENSOR_PARALLEL);
    }

    @Test
    void pastTheKvHeadsEachDeviceKeepsAWholeHead() {
        Workload w = Workload.of(4096, 512);
        KvCache kv = KvCache.of(ModelPresets.LLAMA_3_1_8B, io.github.llmcost.core.Convention.EXACT, NumericFormat.BF16);
        double session = kv.sessionBytes(w.contextTokens()).toBytes();
        // 8 KV heads: on 8 devices one head each, the cache split; on 16, each keeps a head: two copies in all
        assertThat(perf(ModelPresets.LLAMA_3_1_8B, 8, w)
                        .memory()
                        .kvCachePerSession()
                        .toBytes())
                .isEqualTo(session);
        assertThat(perf(ModelPresets.LLAMA_3_1_8B, 16, w)
                        .memory()
                        .kvCachePerSession()
                        .toBytes())
                .isEqualTo(2 * session);
        // a latent cache has no heads: every device keeps it whole
        KvCache mla = KvCache.of(ModelPresets.DEEPSEEK_V3, io.github.llmcost.core.Convention.EXACT, NumericFormat.BF16);
        assertThat(perf(ModelPresets.DEEPSEEK_V3, 8, w)
                        .memory()
                        .kvCachePerSession()
                        .toBytes())
                .isEqualTo(8 * mla.sessionBytes(w.contextTokens()).toBytes());
        // and a decode step reads what each device holds: batch-1 decode on 16 devices reads more cache per device
        // than the even split would
        double sixteen = scoresBytes(perf(ModelPresets.LLAMA_3_1_8B, 16, w).decode());
        double eight = scoresBytes(perf(ModelPresets.LLAMA_3_1_8B, 8, w).decode());
        assertThat(sixteen).isGreaterThan(eight / 2);
    }

    private static double scoresBytes(PhaseAnalysis phase) {
        assertThat(phase.operations()).containsKey(io.github.llmcost.core.Operation.ATTENTION_SCORES);
        Placement scores = phase.operations().get(io.github.llmcost.core.Operation.ATTENTION_SCORES);
        return java.util.Objects.requireNonNull(scores).bytes().toBytes();
    }

    @Test
    void theModelsContextAndMemoryBind() {
        Feasibility longPrompt =
                perf(ModelPresets.LLAMA_3_1_8B, 1, Workload.of(131_000, 200)).feasibility();
        assertThat(longPrompt.bindingLimit()).contains(Limit.CONTEXT);
        assertThat(longPrompt.summary()).contains("131200 tokens exceed Llama 3.1 8B's maximum context of 131072");
        assertThat(perf(ModelPresets.LLAMA_3_1_8B, 1, Workload.of(130_000, 1072))
                        .feasibility()
                        .isFeasible())
                .isTrue();
        Feasibility big =
                perf(ModelPresets.LLAMA_3_1_405B, 1, Workload.of(1024, 256)).feasibility();
        assertThat(big.bindingLimit()).contains(Limit.MEMORY);
        assertThatThrownBy(() -> big.requireFeasible("cost"))
                .isInstanceOf(InfeasibleConfigurationException.class)
                .hasMessageStartingWith("cannot give the cost: the configuration cannot run: memory: weights 812 GB");
        Feasibility batch = perf(
                        ModelPresets.LLAMA_3_1_8B,
                        1,
                        Workload.builder()
                                .promptTokens(8192)
                                .outputTokens(256)
                                .batchSize(1000)
                                .build())
                .feasibility();
        assertThat(batch.bindingLimit()).contains(Limit.KV_CACHE);
        assertThat(Feasibility.of(List.of()).isFeasible()).isTrue();
        assertThat(Feasibility.feasible().summary()).isEqualTo("feasible");
    }

    @Test
    void theCompiledFormAgreesWithTheFullCheckAtEveryLimit() {
        List<InferencePerformance> cases = List.of(
                perf(ModelPresets.LLAMA_3_1_8B, 1, Workload.of(1024, 256)),
                perf(ModelPresets.LLAMA_3_1_8B, 1, Workload.of(131_000, 200)),
                perf(ModelPresets.LLAMA_3_1_405B, 1, Workload.of(1024, 256)),
                perf(ModelPresets.LLAMA_3_1_8B, 3, Workload.of(1024, 256)),
                perf(ModelPresets.LLAMA_3_1_8B, 1, Workload.of(8192, 256).withBatchSize(1000)));
        List<Boolean> feasible = List.of(true, false, false, false, false);
        for (int i = 0; i < cases.size(); i++) {
            InferencePerformance p = cases.get(i);
            Feasibility compiled = p.compiled().feasibility(p.workload());
            assertThat(compiled).as("%s", p.workload()).isEqualTo(p.feasibility());
            assertThat(compiled.hashCode()).isEqualTo(p.feasibility().hashCode());
            assertThat(compiled.isFeasible()).as("%s", p.workload()).isEqualTo(feasible.get(i));
            assertThat(compiled.reasons().isEmpty()).isEqualTo(feasible.get(i));
            assertThat(compiled).hasToString(compiled.summary());
        }
        assertThat(cases.get(1).feasibility()).isNotEqualTo(cases.get(2).feasibility());
        assertThat(cases.get(1).feasibility().reasons()).hasSize(1);
    }

    @Test
    void aBatchOfExactlyTheSessionsThatFitRunsAndOneMoreDoesNot() {
        Workload one = Workload.of(8192, 256);
        long sessions = perf(ModelPresets.LLAMA_3_1_8B, 1, one).maxConcurrentSessions();
        assertThat(sessions).isBetween(2L, (long) Integer.MAX_VALUE);
        // the batch's own prefill adds activations up to one chunk: check at the batch itself
        int batch = (int) sessions;
        while (perf(ModelPresets.LLAMA_3_1_8B, 1, one.withBatchSize(batch)).maxConcurrentSessions() < batch) {
            batch--;
        }
        InferencePerformance fits = perf(ModelPresets.LLAMA_3_1_8B, 1, one.withBatchSize(batch));
        assertThat(fits.maxConcurrentSessions()).isEqualTo(batch);
        assertThat(fits.feasibility().isFeasible()).isTrue();
        assertThat(fits.compiled().feasibility(fits.workload()).isFeasible()).isTrue();
        InferencePerformance over = perf(ModelPresets.LLAMA_3_1_8B, 1, one.withBatchSize(batch + 1));
        assertThat(over.feasibility().bindingLimit()).contains(Limit.KV_CACHE);
        assertThat(over.compiled().feasibility(over.workload()).bindingLimit()).contains(Limit.KV_CACHE);
    }

    private static ModelSpec shaped(int heads, int kvHeads, int intermediate) {
        return ModelSpec.builder()
                .name("shaped")
                .hiddenSize(heads * 64)
                .numLayers(2)
                .numAttentionHeads(heads)
                .numKeyValueHeads(kvHeads)
                .intermediateSize(intermediate)
                .vocabSize(1000)
                .build();
    }

    @Test
    void shardingNamesTheDimensionThatDoesNotSplit() {
        assertThat(TensorSharding.problem(shaped(24, 6, 1024), 1)).isNull();
        assertThat(TensorSharding.problem(shaped(24, 6, 1024), 2)).isNull();
        assertThat(TensorSharding.problem(shaped(24, 6, 1024), 4))
                .isEqualTo("tensor-parallel degree (4) must divide the 6 KV heads of shaped, or be a multiple of"
                        + " them (to replicate each)");
        assertThat(TensorSharding.problem(shaped(24, 4, 1024), 6)).contains("the 4 KV heads");
        assertThat(TensorSharding.problem(shaped(24, 4, 1024), 5)).contains("the 24 attention heads");
        assertThat(TensorSharding.problem(shaped(24, 4, 1024), 8)).isNull();
        assertThat(TensorSharding.problem(shaped(32, 8, 1001), 8))
                .isEqualTo("tensor-parallel degree (8) must divide the MLP's intermediate size (1001) of shaped");
        assertThat(TensorSharding.problem(shaped(32, 8, 1024), 16)).isNull();
        ModelSpec moe = ModelSpec.builder()
                .from(shaped(32, 8, 1024))
                .mixtureOfExperts(io.github.llmcost.core.MixtureOfExperts.of(8, 2, 100))
                .build();
        assertThat(TensorSharding.problem(moe, 8)).contains("experts' intermediate size (100)");
        assertThat(TensorSharding.problem(moe, 4)).isNull();
        assertThat(TensorSharding.problem(ModelPresets.DEEPSEEK_V3, 8)).isNull();
        assertThat(TensorSharding.kvShare(shaped(24, 6, 1024), 1)).isEqualTo(1);
        assertThat(TensorSharding.kvShare(shaped(24, 6, 1024), 2)).isEqualTo(0.5);
        assertThat(TensorSharding.kvShare(shaped(24, 4, 1024), 8)).isEqualTo(0.25);
        assertThat(TensorSharding.kvShare(ModelPresets.DEEPSEEK_V3, 8)).isEqualTo(1);
    }

    @Test
    void aChipHasAPeakForAFormatOrItsStandIn() {
        HardwareSpec bf16Only = HardwareSpec.builder()
                .name("bf16 only")
                .putPeakFlops(NumericFormat.BF16, io.github.llmcost.core.FlopRate.ofTeraflops(100))
                .memoryBandwidth(io.github.llmcost.core.Bandwidth.ofGigabytesPerSecond(1000))
                .memoryCapacity(io.github.llmcost.core.Bytes.ofGigabytes(24))
                .tdpWatts(300)
                .build();
        assertThat(bf16Only.hasPeak(NumericFormat.BF16)).isTrue();
        assertThat(bf16Only.hasPeak(NumericFormat.FP16)).isTrue();
        assertThat(bf16Only.hasPeak(NumericFormat.FP8_E4M3)).isFalse();
        assertThat(HardwarePresets.A100_80GB.hasPeak(NumericFormat.FP8_E4M3)).isFalse();
        assertThat(HardwarePresets.H100_SXM.hasPeak(NumericFormat.FP8_E5M2)).isTrue();
        List<Feasibility.Reason> reasons =
                Feasibility.structural(ModelPresets.LLAMA_3_1_8B, HardwarePresets.A100_80GB, 1, NumericFormat.FP8_E4M3);
        assertThat(reasons).extracting(Feasibility.Reason::limit).containsExactly(Limit.COMPUTE_FORMAT);
        assertThat(reasons.get(0).toString()).startsWith("compute format: NVIDIA A100 80GB has no FP8_E4M3");
        assertThat(Feasibility.structural(
                        ModelPresets.LLAMA_3_1_8B, HardwarePresets.APPLE_M2_ULTRA, 2, NumericFormat.BF16))
                .extracting(Feasibility.Reason::limit)
                .containsExactly(Limit.INTERCONNECT);
        assertThat(Feasibility.structural(
                        ModelPresets.LLAMA_3_1_8B, HardwarePresets.APPLE_M2_ULTRA, 1, NumericFormat.BF16))
                .isEmpty();
    }

    @Test
    void memoryWithoutACompiledFormIsTheCompiledFormsMemory() {
        for (int gpus : new int[] {1, 2, 16}) {
            Workload w = Workload.of(4096, 512).withBatchSize(8).withSharedPrefixTokens(1000);
            InferencePerformance p = perf(ModelPresets.LLAMA_3_1_8B, gpus, w);
            assertThat(MemoryBudget.of(
                            ModelPresets.LLAMA_3_1_8B,
                            HardwarePresets.H200,
                            gpus,
                            io.github.llmcost.core.Convention.EXACT,
                            io.github.llmcost.core.Formats.BF16,
                            w,
                            InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD,
                            InferencePerformance.DEFAULT_PREFILL_CHUNK_TOKENS))
                    .as("%d devices", gpus)
                    .isEqualTo(p.memory());
        }
        MemoryBudget tight =
                perf(ModelPresets.LLAMA_3_1_405B, 1, Workload.of(1024, 256)).memory();
        assertThat(tight.fits()).isFalse();
        assertThat(tight.kvCacheBudget().isZero()).isTrue();
        try {
            Feasibility.of(List.of(new Feasibility.Reason(Limit.MEMORY, "too big")))
                    .requireFeasible("cost");
            org.assertj.core.api.Assertions.fail("an infeasible configuration must throw");
        } catch (InfeasibleConfigurationException e) {
            assertThat(e.feasibility().bindingLimit()).contains(Limit.MEMORY);
            assertThat(e).hasMessage("cannot give the cost: the configuration cannot run: memory: too big");
        }
    }
}
