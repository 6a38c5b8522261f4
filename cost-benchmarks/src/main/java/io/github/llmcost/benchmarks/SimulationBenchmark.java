package io.github.llmcost.benchmarks;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import io.github.llmcost.hardware.serving.sim.Arrivals;
import io.github.llmcost.hardware.serving.sim.Lengths;
import io.github.llmcost.hardware.serving.sim.Router;
import io.github.llmcost.hardware.serving.sim.Simulation;
import io.github.llmcost.hardware.serving.sim.SimulationResult;
import io.github.llmcost.hardware.serving.sim.SyntheticSource;
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
 * (e) The serving simulation's target: one hour of Poisson traffic at 100 requests/s (about 360,000 requests of 2,000
 * in / 300 out) over 8 replicas of Llama 3.1 8B on an H100, least-loaded routing, simulated on one core in under a
 * second. Each call runs the whole hour (single shot, in milliseconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class SimulationBenchmark {
    private final CompiledPerformance compiled = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.H100_SXM)
            .deployment()
            .compiled();

    /** {@return the hour's result} */
    @Benchmark
    public SimulationResult oneHourAt100PerSecondOn8Replicas() {
        return Simulation.builder(compiled, Scheduler.defaults(), Traffic.of(2000, 300))
                .replicas(8)
                .router(Router.LEAST_LOADED)
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.poisson(100))
                        .durationSeconds(3600)
                        .input(Lengths.fixed(2000))
                        .output(Lengths.fixed(300))
                        .seed(1)
                        .build());
    }
}
