package io.github.llmcost.benchmarks;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (b) One full estimate of Llama 3.1 8B on an H100: FLOPs, roofline placement per phase, time to first token, time per
 * output token, memory budget, maximum sessions, cost per million tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EstimateBenchmark {
    private long prompt = 4096;

    /** {@return an estimate; the prompt varies so nothing is cached across calls} */
    @Benchmark
    public Estimate fullEstimate() {
        prompt = prompt == 4096 ? 4097 : 4096;
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(prompt)
                .outputTokens(512)
                .estimate();
    }
}
