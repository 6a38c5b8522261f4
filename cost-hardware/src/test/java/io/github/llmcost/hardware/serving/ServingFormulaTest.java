package io.github.llmcost.hardware.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Bound;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.MemoryBudget;
import io.github.llmcost.hardware.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The serving model's figures against its documented formulas (the class comment of {@link ServingModel}), each
 * computed here from the step times it is built on: the sequences the cache holds, the saturated steady state, the
 * tagged request's fixed point, the queue, the percentiles and the split of time between prefill and decode.
 */
class ServingFormulaTest {
    static final CompiledPerformance C = ServingModelTest.LLAMA_8B_H100;
    static final ServingModel M = ServingModelTest.SERVING;
    static final List<Traffic> TRAFFIC = List.of(
            Traffic.of(2000, 200),
            Traffic.of(128, 2048),
            Traffic.of(12000, 300),
            Traffic.of(4000, 100).withPrefix(3000, 0.6));

    @Test
    void theCacheHoldsWholeBlocksOfEachSequenceAndThePrefixOnce() {
        for (Traffic t : TRAFFIC) {
            long held = t.inputTokens() + t.outputTokens();
            long block = Scheduler.DEFAULT_BLOCK_TOKENS;
            long blocks = (held + block - 1) / block * block;
            MemoryBudget m = C.memory(Workload.builder()
                    .promptTokens(blocks)
                    .outputTokens(0)
                    .sharedPrefixTokens(Math.min(t.sharedPrefixTokens(), blocks - 1))
                    .build());
            double shared = m.sharedPrefix().toBytes();
            double perSequence = m.kvCachePerSession().toBytes() + (1 - t.prefixHitRate()) * shared;
            double left = m.kvCacheBudget().toBytes() - (t.prefixHitRate() > 0 ? shared : 0);
            assertThat(M.kvSequences(t)).as("%s", t).isEqualTo((long) Math.floor(left / perSequence));
        }
    }

    @Test
    void saturationIsTheDocumentedSteadyState() {
        for (Traffic t : TRAFFIC) {
            Saturation s = M.saturated(t);
            double decodes = t.outputTokens() - 1;
            double computed = t.computedInputTokens();
            double budget = Scheduler.DEFAULT_MAX_BATCHED_TOKENS;
            double chunks = Math.max(1, Math.ceil(computed / budget));
            long n = Math.min(Scheduler.DEFAULT_MAX_BATCH_SIZE, M.kvSequences(t));
            double r = Math.min(n / (decodes + chunks), budget / (decodes + computed));
            double step = M.stepSeconds(t, r * decodes, r * computed, r);
            String what = t.toString();
            assertThat(s.timePerOutputToken().toSeconds()).as(what).isEqualTo(step);
            assertThat(s.requestsPerSecond()).as(what).isCloseTo(r / step, withinPercentage(1e-9));
            assertThat(s.concurrency()).as(what).isCloseTo(r * (decodes + chunks), withinPercentage(1e-9));
            assertThat(s.timeToFirstToken().toSeconds())
                    .as(what)
                    .isCloseTo(chunks * step + step / 2, withinPercentage(1e-9));
            assertThat(s.prefillShare())
                    .as(what)
                    .isCloseTo(1 - M.stepSeconds(t, r * decodes, 0, 0) / step, withinPercentage(1e-9));
            assertThat(s.outputTokensPerSecond()).as(what).isEqualTo(s.requestsPerSecond() * t.outputTokens());
            assertThat(s.inputTokensPerSecond()).as(what).isEqualTo(s.requestsPerSecond() * t.inputTokens());
            assertThat(s.stepBound()).as(what).isIn(Bound.COMPUTE, Bound.MEMORY);
            assertThat(s.toString()).contains("saturated:", s.concurrencyLimit().name());
        }
        assertThat(M.saturated(Traffic.of(12000, 300)).timeToFirstToken().toSeconds())
                .as("a 12,000-token prompt takes two 8,192-token chunks")
                .isCloseTo(
                        2.5
                                * M.saturated(Traffic.of(12000, 300))
                                        .timePerOutputToken()
                                        .toSeconds(),
                        withinPercentage(1e-9));
    }

    @Test
    void aLoadPointIsTheDocumentedFixedPointQueueAndPercentiles() {
        for (Traffic t : TRAFFIC) {
            double saturated = M.saturated(t).requestsPerSecond();
            for (double rho : new double[] {0.05, 0.3, 0.7, 0.95}) {
                double lambda = rho * saturated;
                LoadPoint p = M.atRate(t, lambda);
                String what = t + " at " + rho;
                double decodes = t.outputTokens() - 1;
                double computed = t.computedInputTokens();
                double tau = p.timePerOutputToken().toSeconds();
                // the tagged request's step: itself, the others (Little), the prefill arriving meanwhile
                double others = Math.min(lambda * decodes * tau, Scheduler.DEFAULT_MAX_BATCH_SIZE - 1);
                double fixedPoint = M.stepSeconds(t, 1 + others, lambda * computed * tau, lambda * tau);
                assertThat(fixedPoint).as(what).isCloseTo(tau, withinPercentage(1e-6));
                double chunk = Math.min(computed, Math.max(1, Scheduler.DEFAULT_MAX_BATCHED_TOKENS - others));
                double chunks = Math.max(1, Math.ceil(computed / chunk));
                double prompts = Math.min(1, chunk / computed);
                double service = chunks * M.stepSeconds(t, others, chunk, prompts);
                double wait = rho * service / (2 * (1 - rho));
                double ttft = service + tau / 2 + wait;
                assertThat(p.utilization()).as(what).isCloseTo(rho, withinPercentage(1e-9));
                assertThat(p.timeToFirstToken().toSeconds()).as(what).isCloseTo(ttft, withinPercentage(1e-6));
                double tail = rho > 0.1 ? wait / rho * Math.log(10 * rho) : 0;
                assertThat(p.timeToFirstTokenP90().toSeconds())
                        .as(what)
                        .isCloseTo(Math.max(ttft, service + tau + tail), withinPercentage(1e-6));
                double withChunk = M.stepSeconds(t, 1 + others, chunk, prompts);
                double tpotP90 = Math.min(1, lambda * tau * chunks) >= 0.1 ? Math.max(tau, withChunk) : tau;
                assertThat(p.timePerOutputTokenP90().toSeconds()).as(what).isCloseTo(tpotP90, withinPercentage(1e-6));
                double decodeOnly = M.stepSeconds(t, 1 + others, 0, 0);
                double prefillBusy = lambda * chunks * Math.max(0, withChunk - decodeOnly);
                double decodeBusy = -Math.expm1(-others);
                assertThat(p.prefillShare())
                        .as(what)
                        .isCloseTo(prefillBusy / (prefillBusy + decodeBusy), withinPercentage(1e-6));
                assertThat(p.concurrency()).as(what).isCloseTo(lambda * (ttft + decodes * tau), withinPercentage(1e-6));
                assertThat(p.outputTokensPerSecond()).as(what).isEqualTo(lambda * t.outputTokens());
                assertThat(p.inputTokensPerSecond()).as(what).isEqualTo(lambda * t.inputTokens());
                assertThat(p.requestsPerSecond()).as(what).isEqualTo(lambda);
                assertThat(p.toString()).contains("utilisation", "time to first token");
            }
        }
    }

    @Test
    void aFluidStepInterpolatesBetweenWholeStepsAndPricesPartialPrompts() {
        Traffic t = Traffic.of(2000, 200);
        long position = 2000 + 100;
        double one = C.step(Step.decode(1, position)).seconds();
        double two = C.step(Step.decode(2, position)).seconds();
        assertThat(M.stepSeconds(t, 1.25, 0, 0)).isCloseTo(0.75 * one + 0.25 * two, withinPercentage(1e-12));
        assertThat(M.stepSeconds(t, 0, 0.4, 0)).isZero(); // nothing to compute
        // part of one prompt: its middle, after the cache
        assertThat(M.stepSeconds(t, 1, 500, 0.25))
                .isEqualTo(C.step(Step.builder()
                                .decode(1, position)
                                .prefill(1, 500, 750)
                                .build())
                        .seconds());
        // two whole prompts and a fraction: the whole ones, each taking its share of the tokens
        assertThat(M.stepSeconds(t, 1, 5000, 2.5))
                .isEqualTo(C.step(Step.builder()
                                .decode(1, position)
                                .prefill(2, 2500, 0)
                                .build())
                        .seconds());
    }

    @Test
    void theSloSearchTriesCapsInPowersOfTwoUpToTheScheduler() {
        ServingModel capped =
                M.withScheduler(Scheduler.builder().maxBatchSize(48).build());
        SloResult r = capped.maxRateWithinSlo(Traffic.of(2000, 200), Seconds.of(2), Seconds.of(1));
        assertThat(r.met()).isTrue();
        assertThat(List.of(1, 2, 4, 8, 16, 32, 48)).contains(r.batchCap());
        assertThat(r.toString()).contains("batch cap " + r.batchCap());
        assertThat(capped.scheduler().maxBatchSize()).isEqualTo(48);
        assertThat(capped.toString()).contains("ServingModel[");
    }

    @Test
    void stepsAreValuesThatGrowAsGroupsAreAdded() {
        Step.Builder b = Step.builder();
        for (int g = 1; g <= 5; g++) {
            b.decode(g, 100 * g);
        }
        Step five = b.build();
        assertThat(five.groups()).isEqualTo(5);
        assertThat(five.sequences()).isEqualTo(15);
        assertThat(five.tokens()).isEqualTo(15);
        assertThat(five.toString()).endsWith("5 x 1 new after 499]");
        Step again = Step.builder()
                .decode(1, 100)
                .decode(2, 200)
                .decode(3, 300)
                .decode(4, 400)
                .decode(5, 500)
                .build();
        assertThat(five).isEqualTo(again).hasSameHashCodeAs(again);
        assertThat(five).isNotEqualTo(Step.decode(1, 100)).isNotEqualTo("a step");
        assertThat(Step.prefill(2, 10, 0)).isNotEqualTo(Step.prefill(2, 10, 1)).isNotEqualTo(Step.prefill(2, 11, 0));
        assertThat(Step.prefill(2, 10, 0)).isNotEqualTo(Step.prefill(3, 10, 0));
        assertThat(Step.prefill(2, 10, 0).hashCode())
                .isNotEqualTo(Step.prefill(2, 10, 1).hashCode());
        assertThat(new io.github.llmcost.hardware.Interval<>(1, 2)).hasToString("1-2");
    }
}
