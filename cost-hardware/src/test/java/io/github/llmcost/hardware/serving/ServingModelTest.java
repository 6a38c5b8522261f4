package io.github.llmcost.hardware.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import org.junit.jupiter.api.Test;

/** The serving model's consistency: its limits, its low- and high-load ends, Little's law, prefix caching. */
class ServingModelTest {
    static final CompiledPerformance LLAMA_8B_H100 = InferencePerformance.builder()
            .model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.H100_SXM)
            .workload(Workload.of(1, 0))
            .formats(Formats.of(NumericFormat.FP8_E4M3, NumericFormat.FP8_E4M3, NumericFormat.FP8_E4M3))
            .calibration(CalibratedEfficiencies.H100_SXM)
            .build()
            .compiled();

    static final ServingModel SERVING = ServingModel.of(LLAMA_8B_H100, Scheduler.defaults());

    @Test
    void aLoadPointFromAFoundSaturationIsTheSameAndItsStepTimeSolvesTheFixedPoint() {
        Traffic t = Traffic.of(2000, 200);
        Saturation sat = SERVING.saturated(t);
        assertThat(sat.traffic()).isEqualTo(t);
        double rate = 0.6 * sat.requestsPerSecond();
        LoadPoint p = SERVING.atRate(sat, rate);
        LoadPoint q = SERVING.atRate(t, rate);
        assertThat(p.timePerOutputToken()).isEqualTo(q.timePerOutputToken());
        assertThat(p.timeToFirstTokenP90()).isEqualTo(q.timeToFirstTokenP90());
        // tau = step(1 + rate (O - 1) tau decodes, rate I tau prefill tokens), to the root finder's tolerance
        double tau = p.timePerOutputToken().toSeconds();
        double step = SERVING.stepSeconds(t, 1 + rate * 199 * tau, rate * 2000 * tau, rate * tau);
        assertThat(step).isCloseTo(tau, withinPercentage(1e-6));
        ServingModel other =
                SERVING.withScheduler(Scheduler.builder().maxBatchSize(8).build());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> other.atRate(sat, rate))
                .withMessageStartingWith("saturation (saturated: ")
                .withMessageEndingWith(") is another serving model's");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SERVING.atRate(sat, 0))
                .withMessage("requestsPerSecond (0.0) must be finite and > 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SERVING.atRate(sat, Double.NaN))
                .withMessage("requestsPerSecond (NaN) must be finite and > 0");
    }

    @Test
    void atATrickleARequestIsAlone() {
        Traffic t = Traffic.of(2000, 200);
        LoadPoint p = SERVING.atRate(t, 1e-6);
        // time per output token: a batch-1 decode step at the generation's mean position
        double alone = LLAMA_8B_H100.step(Step.decode(1, 2000 + 100)).seconds();
        assertThat(p.timePerOutputToken().toSeconds()).isCloseTo(alone, withinPercentage(0.01));
        // time to first token: the prompt's prefill (one chunk here) and half a step to start
        double prefill = LLAMA_8B_H100.step(Step.prefill(1, 2000, 0)).seconds();
        assertThat(p.timeToFirstToken().toSeconds()).isCloseTo(prefill + alone / 2, withinPercentage(0.1));
        assertThat(p.utilization()).isLessThan(1e-6);
        assertThat(p.sustainable()).isTrue();
    }

    @Test
    void nearSaturationTheRateApproachesTheSaturatedThroughputAndLatencyGrows() {
        Traffic t = Traffic.of(1000, 500);
        Saturation sat = SERVING.saturated(t);
        double previousTtft = 0;
        double previousTpot = 0;
        for (double rho : new double[] {0.1, 0.5, 0.9, 0.99}) {
            LoadPoint p = SERVING.atRate(t, rho * sat.requestsPerSecond());
            assertThat(p.sustainable()).as("rho %s", rho).isTrue();
            assertThat(p.utilization()).isCloseTo(rho, withinPercentage(1e-6));
            assertThat(p.timeToFirstToken().toSeconds()).isGreaterThan(previousTtft);
            assertThat(p.timePerOutputToken().toSeconds()).isGreaterThanOrEqualTo(previousTpot);
            assertThat(p.timeToFirstTokenP90().toSeconds())
                    .isGreaterThanOrEqualTo(p.timeToFirstToken().toSeconds());
            assertThat(p.timePerOutputTokenP90().toSeconds())
                    .isGreaterThanOrEqualTo(p.timePerOutputToken().toSeconds());
            previousTtft = p.timeToFirstToken().toSeconds();
            previousTpot = p.timePerOutputToken().toSeconds();
        }
        // at 99% of saturation the system nearly fills: most of the saturated concurrency, a step no longer than the
        // saturated one (compute-bound here, so the last sequences admitted add little throughput)
        LoadPoint near = SERVING.atRate(t, 0.99 * sat.requestsPerSecond());
        assertThat(near.timePerOutputToken().toSeconds())
                .isLessThanOrEqualTo(sat.timePerOutputToken().toSeconds());
        assertThat(near.concurrency()).isBetween(0.8 * sat.concurrency(), 1.2 * sat.concurrency());
        assertThat(near.outputTokensPerSecond()).isCloseTo(0.99 * sat.outputTokensPerSecond(), withinPercentage(1e-6));
        LoadPoint over = SERVING.atRate(t, 1.01 * sat.requestsPerSecond());
        assertThat(over.sustainable()).isFalse();
        assertThatThrownBy(over::timeToFirstToken)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("queue grows without bound");
        assertThat(over.toString()).contains("not sustainable");
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call :
                java.util.List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                        over::timeToFirstTokenP90,
                        over::timePerOutputToken,
                        over::timePerOutputTokenP90,
                        over::concurrency)) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("101%");
        }
        assertThat(SERVING.atRate(t, 0.5 * sat.requestsPerSecond()).toString()).contains("(utilisation 50%)");
    }

    @Test
    void littlesLawHoldsBetweenRateConcurrencyAndLatency() {
        Traffic t = Traffic.of(500, 300);
        Saturation sat = SERVING.saturated(t);
        for (double rho : new double[] {0.2, 0.6, 0.9}) {
            double rate = rho * sat.requestsPerSecond();
            LoadPoint p = SERVING.atRate(t, rate);
            double latency = p.timeToFirstToken().toSeconds()
                    + 299 * p.timePerOutputToken().toSeconds();
            assertThat(p.concurrency()).isCloseTo(rate * latency, withinPercentage(1e-9));
        }
        // at saturation: requests per second times each request's time in flight is the concurrency
        double inFlight = (299 + 1) * sat.timePerOutputToken().toSeconds();
        assertThat(sat.concurrency()).isCloseTo(sat.requestsPerSecond() * inFlight, withinPercentage(1e-6));
    }

    @Test
    void theBindingLimitIsTheKvCacheTheBatchCapOrTheTokenBudget() {
        assertThat(SERVING.saturated(Traffic.of(128, 4096)).concurrencyLimit()).isEqualTo(ConcurrencyLimit.KV_CACHE);
        assertThat(SERVING.saturated(Traffic.of(128, 128)).concurrencyLimit()).isEqualTo(ConcurrencyLimit.MAX_BATCH);
        assertThat(SERVING.saturated(Traffic.of(8000, 16)).concurrencyLimit()).isEqualTo(ConcurrencyLimit.TOKEN_BUDGET);
        Saturation kv = SERVING.saturated(Traffic.of(128, 4096));
        long held = SERVING.kvSequences(Traffic.of(128, 4096));
        assertThat(kv.concurrency()).isCloseTo((double) held, withinPercentage(1e-9));
        // the cache holds whole 16-token blocks: 4,224 tokens are 264 blocks either way, 4,225 one more
        assertThat(SERVING.kvSequences(Traffic.of(128, 4096))).isEqualTo(SERVING.kvSequences(Traffic.of(127, 4096)));
        assertThat(SERVING.kvSequences(Traffic.of(129, 4096))).isLessThan(held);
        Scheduler onDemand = Scheduler.builder().reserveFullSequence(false).build();
        assertThat(SERVING.withScheduler(onDemand).kvSequences(Traffic.of(128, 4096)))
                .isGreaterThan(held);
    }

    @Test
    void prefixCachingNeverLowersThroughputAndRaisesItWithTheHitRate() {
        double previous = 0;
        for (double hit : new double[] {0, 0.25, 0.5, 0.9, 1}) {
            Traffic t = Traffic.of(4000, 200).withPrefix(3000, hit);
            double throughput = SERVING.saturated(t).requestsPerSecond();
            assertThat(throughput).as("hit rate %s", hit).isGreaterThanOrEqualTo(previous);
            previous = throughput;
        }
        Traffic none = Traffic.of(4000, 200);
        Traffic all = none.withPrefix(3000, 1);
        assertThat(SERVING.kvSequences(all)).isGreaterThan(SERVING.kvSequences(none));
        assertThat(all.computedInputTokens()).isEqualTo(1000);
        assertThat(SERVING.atRate(all, 1).timeToFirstToken())
                .isLessThan(SERVING.atRate(none, 1).timeToFirstToken());
    }

    @Test
    void theSloSearchFindsTheHighestRateAndACapThatMeetsBothTargets() {
        Traffic t = Traffic.of(2000, 200);
        Seconds ttft = Seconds.of(1.0);
        Seconds tpot = Seconds.of(0.030);
        SloResult r = SERVING.maxRateWithinSlo(t, ttft, tpot);
        assertThat(r.met()).isTrue();
        LoadPoint p = r.point().orElseThrow();
        assertThat(p.timeToFirstTokenP90().toSeconds()).isLessThanOrEqualTo(1.0);
        assertThat(p.timePerOutputTokenP90().toSeconds()).isLessThanOrEqualTo(0.030);
        // a little more traffic breaks a target under that cap
        ServingModel capped = SERVING.withScheduler(SERVING.scheduler().withMaxBatchSize(r.batchCap()));
        LoadPoint more = capped.atRate(t, r.maxRequestsPerSecond() * 1.05);
        assertThat(!more.sustainable()
                        || more.timeToFirstTokenP90().toSeconds() > 1.0
                        || more.timePerOutputTokenP90().toSeconds() > 0.030)
                .isTrue();
        // a target tighter than a lone request's step is never met
        SloResult never = SERVING.maxRateWithinSlo(t, ttft, Seconds.of(1e-4));
        assertThat(never.met()).isFalse();
        assertThat(never.toString()).isEqualTo("no rate meets the targets");
    }

    @Test
    void theCapFoundIsTheSmallestThatReachesTheBestRate() {
        Traffic t = Traffic.of(2000, 200);
        Seconds loose = Seconds.of(10);
        SloResult r = SERVING.maxRateWithinSlo(t, loose, loose);
        // the KV cache holds fewer sequences than 1,024, so a smaller cap reaches the same rate
        assertThat(SERVING.kvSequences(t)).isLessThan(Scheduler.DEFAULT_MAX_BATCH_SIZE);
        assertThat(r.batchCap()).isLessThan(Scheduler.DEFAULT_MAX_BATCH_SIZE);
        assertThat(Integer.bitCount(r.batchCap())).isEqualTo(1);
        SloResult half = SERVING.withScheduler(SERVING.scheduler().withMaxBatchSize(r.batchCap() / 2))
                .maxRateWithinSlo(t, loose, loose);
        assertThat(half.maxRequestsPerSecond()).isLessThan(r.maxRequestsPerSecond());
        assertThat(half.batchCap()).isLessThanOrEqualTo(r.batchCap() / 2);
    }

    @Test
    void aDeploymentThatCannotHoldOneRequestSaysWhichLimitBinds() {
        CompiledPerformance big = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_70B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(1, 0))
                .build()
                .compiled();
        assertThatThrownBy(() -> ServingModel.of(big, Scheduler.defaults()).saturated(Traffic.of(128, 128)))
                .isInstanceOf(InfeasibleConfigurationException.class)
                .satisfies(e -> assertThat(((InfeasibleConfigurationException) e)
                                .feasibility()
                                .bindingLimit())
                        .contains(Limit.MEMORY));
    }

    @Test
    void badInputIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Traffic.of(0, 1))
                .withMessageContaining("inputTokens (0)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Traffic.of(10, 1).withPrefix(3, 1.5))
                .withMessageContaining("prefixHitRate (1.5)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Traffic.of(10, 1).withPrefix(10, 0.5))
                .withMessageContaining("sharedPrefixTokens (10)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Scheduler.builder().maxBatchSize(0).build())
                .withMessageContaining("maxBatchSize (0)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SERVING.atRate(Traffic.of(10, 10), Double.NaN))
                .withMessageContaining("requestsPerSecond (NaN)");
    }
}
