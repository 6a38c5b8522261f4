package io.github.llmcost.hardware.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import org.junit.jupiter.api.Test;

/**
 * The serving model with speculative decoding, by hand from its formulas: a request decodes in {@code (O - 1) / E}
 * steps, each decoding sequence takes {@code k + 1} tokens of a step's budget, and time per output token is the step
 * over {@code E}. Relative tolerance 1e-12 where the same steps are summed, 1e-6 where a root is found.
 */
class SpeculativeServingTest {
    private static final double E = 1 + 0.7 + 0.49 + 0.343;
    private static final CompiledPerformance SPECULATING = InferencePerformance.builder()
            .model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.H100_SXM)
            .workload(Workload.of(1, 0))
            .formats(Formats.of(NumericFormat.FP8_E4M3))
            .calibration(CalibratedEfficiencies.H100_SXM)
            .speculativeDecoding(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7))
            .build()
            .compiled();

    @Test
    void theTokenBudgetCountsKPlusOneTokensPerDecodingSequence() {
        Scheduler tight = Scheduler.builder().maxBatchedTokens(512).build();
        ServingModel serving = ServingModel.of(SPECULATING, tight);
        Traffic t = Traffic.of(128, 65);
        Saturation s = serving.saturated(t);
        double decodes = 64 / E;
        double r = 512 / (decodes * 4 + 128); // requests started per step
        assertThat(s.concurrencyLimit()).isEqualTo(ConcurrencyLimit.TOKEN_BUDGET);
        assertThat(s.concurrency()).isCloseTo(r * (decodes + 1), within(1e-12 * s.concurrency()));
        double step = serving.stepSeconds(t, r * decodes, r * 128, r);
        assertThat(s.requestsPerSecond()).isCloseTo(r / step, within(1e-12 * s.requestsPerSecond()));
        assertThat(s.timePerOutputToken().toSeconds()).isCloseTo(step / E, within(1e-12 * step));
        assertThat(s.timeToFirstToken().toSeconds()).isCloseTo(step * 1.5, within(1e-12 * step));
        assertThat(s.outputTokensPerSecond()).isCloseTo(65 * r / step, within(1e-9 * r / step));
    }

    @Test
    void aLoneRequestWaitsTheBatchOneRoundOverE() {
        ServingModel serving = ServingModel.of(SPECULATING, Scheduler.defaults());
        Traffic t = Traffic.of(1024, 256);
        LoadPoint p = serving.atRate(t, 1e-6);
        double round = SPECULATING.step(Step.decode(1, 1024 + 128)).seconds();
        assertThat(p.timePerOutputToken().toSeconds()).isCloseTo(round / E, within(1e-6 * round));
        assertThat(p.timePerOutputTokenP90().toSeconds()).isCloseTo(round / E, within(1e-6 * round));
        assertThat(SPECULATING.decodeStep(1024 + 128, 1).seconds()).isCloseTo(round / E, within(1e-12 * round));
        // Little's law: 255 / E rounds of decoding
        assertThat(p.concurrency())
                .isCloseTo(1e-6 * (p.timeToFirstToken().toSeconds() + 255 / E * round), within(1e-9));
    }
}
