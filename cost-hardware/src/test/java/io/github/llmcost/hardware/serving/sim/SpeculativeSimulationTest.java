package io.github.llmcost.hardware.serving.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import org.junit.jupiter.api.Test;

/**
 * The simulator with speculative decoding: each step advances a decoding sequence one token at the round's expected
 * pace ({@link CompiledPerformance#stepPerToken}), so at a light load its time per output token is the serving model's
 * (the round over {@code E}) and half the plain deployment's.
 */
class SpeculativeSimulationTest {
    private static final CompiledPerformance PLAIN =
            SimulationAgreementTest.compiled(ModelPresets.LLAMA_3_1_70B, HardwarePresets.H200, 2);
    private static final CompiledPerformance SPECULATING = InferencePerformance.builder()
            .from(PLAIN.template())
            .speculativeDecoding(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7))
            .build()
            .compiled();

    private static SimulationResult lightLoad(CompiledPerformance c) {
        return Simulation.builder(c, Scheduler.defaults(), Traffic.of(1024, 256))
                .build()
                .run(SyntheticSource.builder()
                        .arrivals(Arrivals.constant(0.2))
                        .durationSeconds(60)
                        .input(Lengths.fixed(1024))
                        .output(Lengths.fixed(256))
                        .build());
    }

    @Test
    void atALightLoadTheSimulatedTimePerOutputTokenIsTheRoundOverE() {
        SimulationResult spec = lightLoad(SPECULATING);
        SimulationResult plain = lightLoad(PLAIN);
        double model = ServingModel.of(SPECULATING, Scheduler.defaults())
                .atRate(Traffic.of(1024, 256), 0.2)
                .timePerOutputToken()
                .toSeconds();
        assertThat(spec.tpotSecondsP50()).isCloseTo(model, withinPercentage(5));
        assertThat(plain.tpotSecondsP50() / spec.tpotSecondsP50()).isBetween(1.5, 2.5);
        StepTimes times = new StepTimes(SPECULATING);
        assertThat(times.decode(1, 1200))
                .isCloseTo(SPECULATING.step(Step.decode(1, 1200)).seconds() / 2.533, withinPercentage(1));
    }
}
