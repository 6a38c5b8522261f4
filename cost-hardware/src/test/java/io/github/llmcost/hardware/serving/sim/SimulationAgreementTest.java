package io.github.llmcost.hardware.serving.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulation against the steady-state serving model: throughput at saturation over a grid. */
class SimulationAgreementTest {
    static CompiledPerformance compiled(ModelSpec model, HardwareSpec chip, int gpus) {
        return InferencePerformance.builder()
                .model(model)
                .hardware(chip)
                .tensorParallel(gpus)
                .workload(Workload.of(1, 0))
                .formats(Formats.of(NumericFormat.FP8_E4M3, NumericFormat.FP8_E4M3, NumericFormat.FP8_E4M3))
                .calibration(CalibratedEfficiencies.H100_SXM)
                .build()
                .compiled();
    }

    static final CompiledPerformance LLAMA_8B_H100 = compiled(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 1);
    static final CompiledPerformance LLAMA_70B_H200 = compiled(ModelPresets.LLAMA_3_1_70B, HardwarePresets.H200, 2);

    @ParameterizedTest
    @CsvSource({
        "8b, 128, 128",
        "8b, 2000, 200",
        "8b, 512, 1024",
        "8b, 8000, 100",
        "70b, 2000, 300",
        "70b, 128, 512",
    })
    void atSaturationTheSimulatedThroughputIsTheSteadyState(String model, long in, long out) {
        CompiledPerformance c = model.equals("8b") ? LLAMA_8B_H100 : LLAMA_70B_H200;
        Traffic t = Traffic.of(in, out);
        Saturation sat = ServingModel.of(c, Scheduler.defaults()).saturated(t);
        double e2e = sat.concurrency() / sat.requestsPerSecond();
        double warmup = 4 * e2e;
        SimulationResult r = Simulation.builder(c, Scheduler.defaults(), t)
                .warmupSeconds(warmup)
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.constant(1.3 * sat.requestsPerSecond()))
                        .durationSeconds(warmup + 8 * e2e)
                        .input(Lengths.fixed(in))
                        .output(Lengths.fixed(out))
                        .build());
        System.out.printf(
                Locale.ROOT,
                "%s %d/%d: model %.4g req/s (%s, %.0f in flight), simulated %.4g (%.2f%%), steps %d%n",
                model,
                in,
                out,
                sat.requestsPerSecond(),
                sat.concurrencyLimit(),
                sat.concurrency(),
                r.steadyRequestsPerSecond(),
                100 * (r.steadyRequestsPerSecond() / sat.requestsPerSecond() - 1),
                r.steps());
        assertThat(r.steadyRequestsPerSecond()).isCloseTo(sat.requestsPerSecond(), withinPercentage(5));
    }
}
