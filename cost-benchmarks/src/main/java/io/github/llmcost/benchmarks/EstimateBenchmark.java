package io.github.llmcost.benchmarks;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwarePresets;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * (b) One full estimate of Llama 3.1 8B on an H100: FLOPs, roofline placement per phase, time to first token, time per
 * output token, memory budget, maximum sessions, cost per million tokens.
 *
 * <p>{@link #fullEstimate()} is the API's path: a {@link Deployment} built once (it compiles on first use and keeps it),
 * asked for an estimate per workload. {@link #deploymentAndEstimate()} is the one-line {@code
 * LlmCost.model(...)...estimate()}: a new deployment, compiled, then estimated. {@link #compileDeployment()} is what a
 * deployment's first use costs on top. {@link #compiledPoint()} costs one point (prefill, decode step, sessions) on a
 * {@link CompiledPerformance} directly, as sweeps can.
 */
public class EstimateBenchmark extends NanosecondBenchmark {
    private long prompt = 4096;

    private final Deployment deployment = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.H100_SXM)
            .deployment();
    private final CompiledPerformance compiled = deployment.compiled();
    private final Workload[] workloads = {Workload.of(4096, 512), Workload.of(4097, 512)};

    /** {@return an estimate on a deployment built once; the prompt varies so nothing is reused across calls} */
    @Benchmark
    public Estimate fullEstimate() {
        prompt = prompt == 4096 ? 4097 : 4096;
        return deployment.estimate(workloads[(int) (prompt - 4096)]);
    }

    /** {@return an estimate as the one-liner types it: a new deployment, compiled, estimated} */
    @Benchmark
    public Estimate deploymentAndEstimate() {
        prompt = prompt == 4096 ? 4097 : 4096;
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(prompt)
                .outputTokens(512)
                .estimate();
    }

    /** {@return a deployment compiled from scratch: what its first use costs} */
    @Benchmark
    public CompiledPerformance compileDeployment() {
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .deployment()
                .compiled();
    }

    /** {@return time to first token, time per output token and sessions of one point, on a compiled configuration} */
    @Benchmark
    public double compiledPoint() {
        prompt = prompt == 4096 ? 4097 : 4096;
        Workload w = workloads[(int) (prompt - 4096)];
        return compiled.prefill(w).seconds() + compiled.meanDecodeStep(w).seconds() + compiled.maxConcurrentSessions(w);
    }
}
