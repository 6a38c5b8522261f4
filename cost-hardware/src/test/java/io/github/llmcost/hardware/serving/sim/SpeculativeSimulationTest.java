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
 * pace ({@link StepTimes}: a decode-only step is the round over {@code E}, a mixed one the round less {@code 1 - 1/E}
 * of its decodes' round), so at a light load its time per output token is the serving model's and half the plain
 * deployment's.
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

    @Test
    void aMixedStepIsTheRoundLessTheDecodesShareAbovePerToken() {
        StepTimes times = new StepTimes(SPECULATING);
        Step mixed = Step.builder().decode(10, 1500).prefill(1, 512, 1024).build();
        double round = SPECULATING.step(mixed).seconds();
        double decodes = SPECULATING.step(Step.decode(10, 1500)).seconds();
        double expected = round - (1 - 1 / 2.533) * decodes;
        assertThat(times.seconds(mixed, 10, 1500)).isCloseTo(expected, withinPercentage(1e-10));
        Step prompt = Step.prefill(1, 512, 0);
        assertThat(times.seconds(prompt, 0, 0))
                .isEqualTo(SPECULATING.step(prompt).seconds());
        // without speculation a step is the step
        assertThat(new StepTimes(PLAIN).seconds(mixed, 10, 1500))
                .isEqualTo(PLAIN.step(mixed).seconds());
        assertThat(new StepTimes(PLAIN).decode(10, 1500))
                .isCloseTo(PLAIN.step(Step.decode(10, 1500)).seconds(), withinPercentage(1));
        assertThat(times.steps()).isEqualTo(2);
    }
}
