package io.github.llmcost.benchmarks;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * (d) Serving at load for Llama 3.1 8B on an H100, on a deployment compiled once: {@link #saturated()} is one
 * saturated-throughput answer (what a capacity planner calls many times), {@link #atRate()} one Poisson load point
 * (a fixed point by bisection over step times).
 */
public class ServingBenchmark extends NanosecondBenchmark {
    private final ServingModel serving = ServingModel.of(
            LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                    .hardware(HardwarePresets.H100_SXM)
                    .deployment()
                    .compiled(),
            Scheduler.defaults());
    private final Traffic[] traffic = {Traffic.of(2000, 200), Traffic.of(2001, 200)};
    private int next;

    /** {@return the saturated steady state; the prompt varies so nothing is reused across calls} */
    @Benchmark
    public Saturation saturated() {
        next ^= 1;
        return serving.saturated(traffic[next]);
    }

    /** {@return the load at 10 requests per second} */
    @Benchmark
    public LoadPoint atRate() {
        next ^= 1;
        return serving.atRate(traffic[next], 10);
    }
}
