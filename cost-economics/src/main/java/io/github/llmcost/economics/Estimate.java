package io.github.llmcost.economics;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.MemoryBudget;
import io.github.llmcost.hardware.PassCosts;
import io.github.llmcost.hardware.PhaseAnalysis;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every figure of one configuration, computed once: FLOPs, roofline placement of both phases, time to first token,
 * time per output token, tokens per second, request latency, memory budget, maximum sessions, cost per million input
 * and output tokens, and energy. Build one with {@link LlmCost}.
 *
 * <p>The headline figures are computed when the estimate is built, from a {@link CompiledPerformance}; the detail
 * objects ({@link #performance()}, {@link #memory()}, {@link #prefill()}, {@link #decode()}) on first use, from the
 * same computation.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is a short report.
 */
public final class Estimate {
    private final CompiledPerformance compiled;
    private final Workload workload;
    private final GpuPricing pricing;
    private final PassCosts prefillTotals;
    private final PassCosts decodeTotals;
    private final long maxConcurrentSessions;
    private final Money costPerMillionInputTokens;
    private final Money costPerMillionOutputTokens;
    private final double joulesPerOutputToken;
    // built on first use: a racy single check is enough, the objects are immutable and equal whichever thread wins
    private @Nullable InferencePerformance performance;
    private @Nullable MemoryBudget memory;

    Estimate(CompiledPerformance compiled, Workload workload, GpuPricing pricing, double usdPerKwh) {
        Check.nonNegative("usdPerKwh", usdPerKwh);
        this.compiled = compiled;
        this.workload = workload;
        this.pricing = pricing;
        this.prefillTotals = compiled.prefill(workload);
        this.decodeTotals = compiled.meanDecodeStep(workload);
        this.maxConcurrentSessions = compiled.maxConcurrentSessions(workload);
        int devices = compiled.template().tensorParallel();
        double prefillTokensPerSecond = workload.prefillTokens() / prefillTotals.seconds();
        double decodeTokensPerSecond = decodeTokensPerSecond();
        this.costPerMillionInputTokens = ServingCost.costPerMillionTokens(pricing, prefillTokensPerSecond, devices);
        this.costPerMillionOutputTokens = ServingCost.costPerMillionTokens(pricing, decodeTokensPerSecond, devices);
        this.joulesPerOutputToken =
                EnergyCost.joulesPerToken(devices, compiled.template().hardware(), decodeTokensPerSecond);
    }

    /** {@return the configuration, for questions the estimate does not answer (built on first use)} */
    public InferencePerformance performance() {
        InferencePerformance p = performance;
        if (p == null) {
            p = compiled.template().withWorkload(workload);
            performance = p;
        }
        return p;
    }

    /** {@return the configuration compiled, to cost other prompts, contexts and batch sizes quickly} */
    public CompiledPerformance compiled() {
        return compiled;
    }

    /** {@return the model} */
    public ModelSpec model() {
        return compiled.template().model();
    }

    /** {@return the chip} */
    public HardwareSpec hardware() {
        return compiled.template().hardware();
    }

    /** {@return devices per replica} */
    public int gpus() {
        return compiled.template().tensorParallel();
    }

    /** {@return the workload} */
    public Workload workload() {
        return workload;
    }

    /** {@return the accounting convention} */
    public Convention convention() {
        return compiled.template().convention();
    }

    /** {@return the pricing} */
    public GpuPricing pricing() {
        return pricing;
    }

    /** {@return FLOPs of the batch's prefill, all devices together} */
    public Flops prefillFlops() {
        return Flops.of(prefillTotals.flops()).multipliedBy(gpus());
    }

    /** {@return FLOPs of one decode step of the batch at the generation's mean position, all devices together} */
    public Flops decodeStepFlops() {
        return Flops.of(decodeTotals.flops()).multipliedBy(gpus());
    }

    /** {@return prefill on one device, operation by operation (computed on first use)} */
    public PhaseAnalysis prefill() {
        return performance().prefill();
    }

    /** {@return a decode step at the generation's mean position on one device, operation by operation} */
    public PhaseAnalysis decode() {
        return performance().decode();
    }

    /** {@return time to first token} */
    public Seconds timeToFirstToken() {
        return prefillTotals.time();
    }

    /** {@return mean time per output token} */
    public Seconds timePerOutputToken() {
        return decodeTotals.time();
    }

    /** {@return output tokens per second one user sees} */
    public double decodeTokensPerSecondPerUser() {
        return 1 / decodeTotals.seconds();
    }

    /** {@return output tokens per second of the whole batch} */
    public double decodeTokensPerSecond() {
        return workload.batchSize() / decodeTotals.seconds();
    }

    /** {@return time from request to last token} */
    public Seconds requestLatency() {
        long steps = Math.max(0, workload.outputTokens() - 1);
        return Seconds.of(prefillTotals.seconds() + decodeTotals.seconds() * steps);
    }

    /** {@return the memory budget} */
    public MemoryBudget memory() {
        MemoryBudget m = memory;
        if (m == null) {
            m = compiled.memory(workload);
            memory = m;
        }
        return m;
    }

    /** {@return whole sessions at the workload's context that fit} */
    public long maxConcurrentSessions() {
        return maxConcurrentSessions;
    }

    /** {@return the device cost of a million input tokens} */
    public Money costPerMillionInputTokens() {
        return costPerMillionInputTokens;
    }

    /** {@return the device cost of a million output tokens} */
    public Money costPerMillionOutputTokens() {
        return costPerMillionOutputTokens;
    }

    /** {@return joules per output token at the chip's TDP} */
    public double joulesPerOutputToken() {
        return joulesPerOutputToken;
    }

    @Override
    public String toString() {
        Workload w = workload();
        return String.format(
                Locale.ROOT,
                "%s on %s%s (%s): %d prompt + %d output tokens, batch %d, weights %s, KV %s%n"
                        + "  FLOPs: prefill %s, decode step %s%n"
                        + "  time to first token %s (%s-bound), per output token %s (%s-bound),"
                        + " %.1f tokens/s per user, %.0f in all, request %s%n"
                        + "  memory: %s%n"
                        + "  cost at %s: %s per million input, %s per million output tokens; %.3g J per output token",
                model().name(),
                gpus() > 1 ? gpus() + " x " : "",
                hardware().name(),
                convention(),
                w.promptTokens(),
                w.outputTokens(),
                w.batchSize(),
                w.weightFormat(),
                w.kvCacheFormat(),
                prefillFlops(),
                decodeStepFlops(),
                timeToFirstToken(),
                prefillTotals.bound(),
                timePerOutputToken(),
                decodeTotals.bound(),
                decodeTokensPerSecondPerUser(),
                decodeTokensPerSecond(),
                requestLatency(),
                memory(),
                pricing,
                costPerMillionInputTokens,
                costPerMillionOutputTokens,
                joulesPerOutputToken);
    }
}
