package io.github.llmcost.benchmarks;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.economics.plan.Plan;
import io.github.llmcost.economics.plan.PlanRequest;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * (e) Capacity planning. {@link #candidateEvaluation()} is what the plan's search does for each (chip, GPUs, formats,
 * batch cap, replicas) it tests: one Poisson load point from a saturated state already found (Llama 3.1 70B on two
 * H100s, 2,000 in / 300 out). {@link #defaultPlan()} is the whole plan of README's first question: Llama 3.1 70B, 50
 * requests/s of 2,000 in / 300 out within 2 s p90 TTFT and 50 ms p90 TPOT, over every priced chip, BF16, in
 * microseconds; divide by {@link Plan#candidatesEvaluated()} (printed by {@code llm-cost plan}) for the rate of
 * evaluations.
 */
public class PlanBenchmark extends NanosecondBenchmark {
    private final ServingEstimate serving = LlmCost.model(ModelPresets.LLAMA_3_1_70B)
            .hardware(HardwarePresets.H100_SXM)
            .tensorParallel(2)
            .deployment()
            .serving(Traffic.of(2000, 300));
    private final double saturated = serving.saturation().requestsPerSecond();
    private final PlanRequest request = PlanRequest.builder()
            .model(ModelPresets.LLAMA_3_1_70B)
            .traffic(Traffic.of(2000, 300))
            .requestsPerSecond(50)
            .timeToFirstTokenP90(Seconds.of(2))
            .timePerOutputTokenP90(Seconds.of(0.05))
            .build();
    private int next;

    /** {@return one candidate's load point; the rate varies so nothing is reused across calls} */
    @Benchmark
    public LoadPoint candidateEvaluation() {
        next = (next + 1) % 16;
        return serving.atRate(saturated * (0.2 + 0.05 * next));
    }

    /** {@return the default plan over every priced chip} */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Plan defaultPlan() {
        return request.plan();
    }
}
