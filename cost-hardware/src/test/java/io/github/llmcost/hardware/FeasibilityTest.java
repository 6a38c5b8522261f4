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
                            .weightFormat(NumericFormat.FP8_E4M3)
                            .build();
                    MemoryBudget m = perf(model, gpus, w).memory();
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
        Placement scores = phase.operations().get(io.github.llmcost.core.Operation.ATTENTION_SCORES);
        assertThat(scores).isNotNull();
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
}
