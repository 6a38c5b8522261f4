package io.github.llmcost.economics;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.MemoryBudget;
import io.github.llmcost.hardware.PhaseAnalysis;
import java.util.Locale;

/**
 * Every figure of one configuration, computed once: FLOPs, roofline placement of both phases, time to first token,
 * time per output token, tokens per second, request latency, memory budget, maximum sessions, cost per million input
 * and output tokens, and energy. Build one with {@link LlmCost}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is a short report.
 */
public final class Estimate {
    private final InferencePerformance performance;
    private final GpuPricing pricing;
    private final Seconds timeToFirstToken;
    private final Seconds timePerOutputToken;
    private final Seconds requestLatency;
    private final MemoryBudget memory;
    private final Money costPerMillionInputTokens;
    private final Money costPerMillionOutputTokens;
    private final double joulesPerOutputToken;

    Estimate(InferencePerformance performance, GpuPricing pricing, double usdPerKwh) {
        this.performance = performance;
        this.pricing = pricing;
        this.timeToFirstToken = performance.timeToFirstToken();
        this.timePerOutputToken = performance.timePerOutputToken();
        long steps = Math.max(0, performance.workload().outputTokens() - 1);
        this.requestLatency = timeToFirstToken.plus(timePerOutputToken.multipliedBy((double) steps));
        this.memory = performance.memory();
        ServingCost cost = ServingCost.of(performance, pricing);
        this.costPerMillionInputTokens = cost.costPerMillionInputTokens();
        this.costPerMillionOutputTokens = cost.costPerMillionOutputTokens();
        this.joulesPerOutputToken = EnergyCost.of(performance, usdPerKwh, 1).joulesPerOutputToken();
    }

    /** {@return the configuration, for questions the estimate does not answer} */
    public InferencePerformance performance() {
        return performance;
    }

    /** {@return the model} */
    public ModelSpec model() {
        return performance.model();
    }

    /** {@return the chip} */
    public HardwareSpec hardware() {
        return performance.hardware();
    }

    /** {@return devices per replica} */
    public int gpus() {
        return performance.tensorParallel();
    }

    /** {@return the workload} */
    public Workload workload() {
        return performance.workload();
    }

    /** {@return the accounting convention} */
    public Convention convention() {
        return performance.convention();
    }

    /** {@return the pricing} */
    public GpuPricing pricing() {
        return pricing;
    }

    /** {@return FLOPs of the batch's prefill, all devices together} */
    public Flops prefillFlops() {
        return performance.prefill().flops().multipliedBy(performance.tensorParallel());
    }

    /** {@return FLOPs of one decode step of the batch at the generation's mean position, all devices together} */
    public Flops decodeStepFlops() {
        return performance.decode().flops().multipliedBy(performance.tensorParallel());
    }

    /** {@return prefill on one device, operation by operation (computed on first use)} */
    public PhaseAnalysis prefill() {
        return performance.prefill();
    }

    /** {@return a decode step at the generation's mean position on one device, operation by operation} */
    public PhaseAnalysis decode() {
        return performance.decode();
    }

    /** {@return time to first token} */
    public Seconds timeToFirstToken() {
        return timeToFirstToken;
    }

    /** {@return mean time per output token} */
    public Seconds timePerOutputToken() {
        return timePerOutputToken;
    }

    /** {@return output tokens per second one user sees} */
    public double decodeTokensPerSecondPerUser() {
        return 1 / timePerOutputToken.toSeconds();
    }

    /** {@return output tokens per second of the whole batch} */
    public double decodeTokensPerSecond() {
        return workload().batchSize() / timePerOutputToken.toSeconds();
    }

    /** {@return time from request to last token} */
    public Seconds requestLatency() {
        return requestLatency;
    }

    /** {@return the memory budget} */
    public MemoryBudget memory() {
        return memory;
    }

    /** {@return whole sessions at the workload's context that fit} */
    public long maxConcurrentSessions() {
        return memory.maxConcurrentSessions();
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
                timeToFirstToken,
                prefill().bound(),
                timePerOutputToken,
                decode().bound(),
                decodeTokensPerSecondPerUser(),
                decodeTokensPerSecond(),
                requestLatency,
                memory,
                pricing,
                costPerMillionInputTokens,
                costPerMillionOutputTokens,
                joulesPerOutputToken);
    }
}
