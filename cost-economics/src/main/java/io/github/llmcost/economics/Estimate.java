package io.github.llmcost.economics;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Interval;
import io.github.llmcost.hardware.MemoryBudget;
import io.github.llmcost.hardware.PassCosts;
import io.github.llmcost.hardware.PhaseAnalysis;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every figure of one configuration, computed once: feasibility, FLOPs, roofline placement of both phases, time to
 * first token, time per output token, tokens per second, request latency, memory budget, maximum sessions, cost per
 * million input and output tokens, and energy, of one workload on one {@link Deployment}: {@code
 * deployment.estimate(workload)}, or {@link LlmCost} in one line.
 *
 * <p><b>What cannot run is never priced.</b> {@link #feasibility()} says whether the configuration can run: the
 * weights and overhead fit, the batch's KV cache fits, prompt plus output stay within the model's context, the
 * tensor-parallel degree shards the heads, the chip computes in the chosen format. When it cannot, every figure but the
 * inputs, {@link #memory()}, {@link #maxConcurrentSessions()} and {@link #feasibility()} throws an {@link
 * io.github.llmcost.hardware.InfeasibleConfigurationException} naming the binding limit.
 *
 * <p><b>Prices.</b> Costs need a price per device-hour: the one given to {@link LlmCost.Builder#pricePerHour(double)}
 * or the chip preset's rental price. A chip without one (consumer and edge devices) gives no cost: {@link
 * #pricing()} is empty and the cost methods throw an {@link IllegalStateException} saying so.
 *
 * <p><b>Time to first token of a batch</b> is the prefill of all the batch's prompts at once (less a shared prefix
 * already cached), as a static batch runs: it grows with the batch. Input tokens cost the prefill's device time
 * over the prompt tokens: {@link #costPerMillionUncachedInputTokens()} over those computed, {@link
 * #costPerMillionInputTokens()} over every prompt token, cached ones included (a blended figure that falls as more of
 * the prompt is cached); cached tokens themselves need no compute.
 *
 * <p>The headline figures are computed when the estimate is built, from a {@link CompiledPerformance}; the detail
 * objects ({@link #performance()}, {@link #memory()}, {@link #prefill()}, {@link #decode()}) on first use, from the
 * same computation.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is a short report.
 */
public final class Estimate {
    private final Deployment deployment;
    private final @Nullable CompiledPerformance compiled;
    private final Workload workload;
    private final @Nullable GpuPricing pricing;
    private final Feasibility feasibility;
    private final @Nullable PassCosts prefillTotals;
    private final @Nullable PassCosts decodeTotals;
    private final long maxConcurrentSessions;
    // built on first use: a racy single check is enough, the objects are immutable and equal whichever thread wins
    private @Nullable InferencePerformance performance;
    private @Nullable MemoryBudget memory;

    /** An estimate on a deployment that compiles; the workload may still be unable to run (memory, context). */
    Estimate(Deployment deployment, Workload workload) {
        CompiledPerformance compiled = deployment.compiled();
        this.deployment = deployment;
        this.compiled = compiled;
        this.workload = workload;
        this.pricing = deployment.pricingOrNull();
        this.maxConcurrentSessions = compiled.maxConcurrentSessions(workload);
        this.feasibility = compiled.feasibility(workload);
        boolean runs = feasibility.isFeasible();
        this.prefillTotals = runs ? compiled.prefill(workload) : null;
        this.decodeTotals = runs ? compiled.meanDecodeStep(workload) : null;
    }

    /** An estimate on a deployment that cannot be compiled at all (no compute path, no interconnect). */
    Estimate(Deployment deployment, Workload workload, MemoryBudget memory) {
        this.deployment = deployment;
        this.compiled = null;
        this.workload = workload;
        this.pricing = deployment.pricingOrNull();
        this.feasibility = deployment.feasibility(workload);
        if (feasibility.isFeasible()) {
            throw new IllegalArgumentException("an estimate without a compiled deployment must be infeasible");
        }
        this.memory = memory;
        this.maxConcurrentSessions = memory.maxConcurrentSessions();
        this.prefillTotals = null;
        this.decodeTotals = null;
    }

    /** {@return the deployment estimated} */
    public Deployment deployment() {
        return deployment;
    }

    /**
     * The same deployment with another workload: an estimate that reuses the compiled deployment.
     *
     * @param workload the requests' shape
     * @return the estimate
     */
    public Estimate withWorkload(Workload workload) {
        return deployment.estimate(workload);
    }

    /**
     * The same deployment and workload at another batch size.
     *
     * @param batchSize sequences run together, {@code >= 1}
     * @return the estimate
     */
    public Estimate withBatchSize(int batchSize) {
        return withWorkload(workload.withBatchSize(batchSize));
    }

    /**
     * The same deployment and workload with another prompt length.
     *
     * @param tokens tokens in each prompt, {@code >= 1}
     * @return the estimate
     */
    public Estimate withPromptTokens(long tokens) {
        return withWorkload(workload.withPromptTokens(tokens));
    }

    /**
     * The same deployment and workload with another output length.
     *
     * @param tokens tokens generated per request, {@code >= 0}
     * @return the estimate
     */
    public Estimate withOutputTokens(long tokens) {
        return withWorkload(workload.withOutputTokens(tokens));
    }

    /** {@return whether the configuration can run and, if not, every limit that binds} */
    public Feasibility feasibility() {
        return feasibility;
    }

    /** {@return whether the configuration can run: {@code feasibility().isFeasible()}} */
    public boolean isFeasible() {
        return feasibility.isFeasible();
    }

    private CompiledPerformance runnable(String what) {
        feasibility.requireFeasible(what);
        return Objects.requireNonNull(compiled);
    }

    private PassCosts prefillTotals(String what) {
        feasibility.requireFeasible(what);
        return Objects.requireNonNull(prefillTotals);
    }

    private PassCosts decodeTotals(String what) {
        feasibility.requireFeasible(what);
        return Objects.requireNonNull(decodeTotals);
    }

    /** {@return the configuration, for questions the estimate does not answer (built on first use)} */
    public InferencePerformance performance() {
        InferencePerformance p = performance;
        if (p == null) {
            runnable("performance");
            p = deployment.performance(workload);
            performance = p;
        }
        return p;
    }

    /** {@return the configuration compiled, to cost other prompts, contexts and batch sizes quickly} */
    public CompiledPerformance compiled() {
        return runnable("compiled configuration");
    }

    /** {@return the model} */
    public ModelSpec model() {
        return deployment.model();
    }

    /** {@return the chip} */
    public HardwareSpec hardware() {
        return deployment.hardware();
    }

    /** {@return tensor-parallel devices per replica (per pipeline stage)} */
    public int tensorParallel() {
        return deployment.tensorParallel();
    }

    /** {@return devices per replica, every one paid for: {@link Deployment#gpus()}} */
    public int gpus() {
        return deployment.gpus();
    }

    /** {@return the workload} */
    public Workload workload() {
        return workload;
    }

    /** {@return the accounting convention} */
    public Convention convention() {
        return deployment.convention();
    }

    /** {@return the numeric formats} */
    public Formats formats() {
        return deployment.formats();
    }

    /** {@return the pricing: the price given, or the chip's rental price; empty if the chip has none} */
    public Optional<GpuPricing> pricing() {
        return Optional.ofNullable(pricing);
    }

    /**
     * {@return FLOPs of the batch's prefill, all devices together: the busiest device's times the devices (above the
     * model's count where pipeline stages are unequal or expert load is imbalanced)}
     */
    public Flops prefillFlops() {
        return Flops.of(prefillTotals("prefill FLOPs").flops()).multipliedBy(gpus());
    }

    /** {@return expected tokens a sequence gains per target step: 1, or {@code E} with speculative decoding} */
    public double tokensPerTargetStep() {
        SpeculativeDecoding s = deployment.speculativeDecoding().orElse(null);
        return s == null ? 1 : s.tokensPerTargetStep();
    }

    /**
     * {@return FLOPs of one decode step of the batch at the generation's mean position, all devices together (the
     * busiest device's times the devices; with speculative decoding, per output token)}
     */
    public Flops decodeStepFlops() {
        return Flops.of(decodeTotals("decode FLOPs").flops()).multipliedBy(gpus());
    }

    /** {@return prefill on one device, operation by operation (computed on first use)} */
    public PhaseAnalysis prefill() {
        return performance().prefill();
    }

    /** {@return a decode step at the generation's mean position on one device, operation by operation} */
    public PhaseAnalysis decode() {
        return performance().decode();
    }

    /** {@return time to first token: the prefill of the whole batch's prompts} */
    public Seconds timeToFirstToken() {
        return prefillTotals("time to first token").time();
    }

    /** {@return mean time per output token} */
    public Seconds timePerOutputToken() {
        return decodeTotals("time per output token").time();
    }

    /** {@return output tokens per second one user sees} */
    public double decodeTokensPerSecondPerUser() {
        return 1 / decodeTotals("decode tokens per second per user").seconds();
    }

    /** {@return output tokens per second of the whole batch} */
    public double decodeTokensPerSecond() {
        return workload.batchSize() / decodeTotals("decode tokens per second").seconds();
    }

    /** {@return prompt tokens per second the batch's prefill computes (cached prefix tokens are not computed)} */
    public double prefillTokensPerSecond() {
        return workload.prefillTokens()
                / prefillTotals("prefill tokens per second").seconds();
    }

    /** {@return time from request to last token} */
    public Seconds requestLatency() {
        long steps = Math.max(0, workload.outputTokens() - 1);
        return Seconds.of(prefillTotals("request latency").seconds()
                + decodeTotals("request latency").seconds() * steps);
    }

    /** {@return the memory budget} */
    public MemoryBudget memory() {
        MemoryBudget m = memory;
        if (m == null) {
            m = deployment.memory(workload);
            memory = m;
        }
        return m;
    }

    /** {@return whole sessions at the workload's context that fit} */
    public long maxConcurrentSessions() {
        return maxConcurrentSessions;
    }

    private GpuPricing priced(String what) {
        feasibility.requireFeasible(what);
        if (pricing == null) {
            throw new IllegalStateException("cannot give the " + what + ": "
                    + hardware().name() + " has no rental price; set one with pricePerHour(...)");
        }
        return pricing;
    }

    /**
     * {@return the device cost of a million prompt tokens, over every prompt token (cached prefix tokens included, as
     * a blended figure): the batch's prefill time priced, over all the batch's prompt tokens}
     */
    public Money costPerMillionInputTokens() {
        GpuPricing p = priced("cost per million input tokens");
        double promptTokens = (double) workload.promptTokens() * workload.batchSize();
        return ServingCost.costPerMillionTokens(
                p, promptTokens / prefillTotals("cost").seconds(), gpus());
    }

    /** {@return the device cost of a million prompt tokens the prefill computes (those not served from a cache)} */
    public Money costPerMillionUncachedInputTokens() {
        GpuPricing p = priced("cost per million uncached input tokens");
        return ServingCost.costPerMillionTokens(p, prefillTokensPerSecond(), gpus());
    }

    /** {@return the device cost of a million output tokens} */
    public Money costPerMillionOutputTokens() {
        GpuPricing p = priced("cost per million output tokens");
        return ServingCost.costPerMillionTokens(p, decodeTokensPerSecond(), gpus());
    }

    /** {@return the calibration the times come from: its factors, provenance ({@link ChipCalibration#source()}) and band} */
    public ChipCalibration calibration() {
        return deployment.calibration();
    }

    /** {@return the 80% interval of {@link #timeToFirstToken()}, from the calibration's held-out errors} */
    public Interval<Seconds> timeToFirstTokenInterval() {
        return Bands.time(deployment.calibration(), timeToFirstToken());
    }

    /** {@return the 80% interval of {@link #timePerOutputToken()}} */
    public Interval<Seconds> timePerOutputTokenInterval() {
        return Bands.time(deployment.calibration(), timePerOutputToken());
    }

    /** {@return the 80% interval of {@link #requestLatency()}} */
    public Interval<Seconds> requestLatencyInterval() {
        return Bands.time(deployment.calibration(), requestLatency());
    }

    /** {@return the 80% interval of {@link #decodeTokensPerSecondPerUser()}: a slower run gives fewer tokens} */
    public Interval<Double> decodeTokensPerSecondPerUserInterval() {
        return Bands.rate(deployment.calibration(), decodeTokensPerSecondPerUser());
    }

    /** {@return the 80% interval of {@link #decodeTokensPerSecond()}} */
    public Interval<Double> decodeTokensPerSecondInterval() {
        return Bands.rate(deployment.calibration(), decodeTokensPerSecond());
    }

    /** {@return the 80% interval of {@link #prefillTokensPerSecond()}} */
    public Interval<Double> prefillTokensPerSecondInterval() {
        return Bands.rate(deployment.calibration(), prefillTokensPerSecond());
    }

    /** {@return the 80% interval of {@link #costPerMillionInputTokens()}: a cost scales with the time it buys} */
    public Interval<Money> costPerMillionInputTokensInterval() {
        return Bands.cost(deployment.calibration(), costPerMillionInputTokens());
    }

    /** {@return the 80% interval of {@link #costPerMillionUncachedInputTokens()}} */
    public Interval<Money> costPerMillionUncachedInputTokensInterval() {
        return Bands.cost(deployment.calibration(), costPerMillionUncachedInputTokens());
    }

    /** {@return the 80% interval of {@link #costPerMillionOutputTokens()}} */
    public Interval<Money> costPerMillionOutputTokensInterval() {
        return Bands.cost(deployment.calibration(), costPerMillionOutputTokens());
    }

    /** {@return joules per output token at the chip's TDP} */
    public double joulesPerOutputToken() {
        return EnergyCost.joulesPerToken(gpus(), hardware(), decodeTokensPerSecond());
    }

    /** {@return the electricity cost of a million output tokens at the deployment's price per kWh} */
    public Money electricityCostPerMillionOutputTokens() {
        return EnergyCost.electricityCostPerMillionTokens(joulesPerOutputToken(), deployment.electricityUsdPerKwh(), 1);
    }

    /** {@return every figure in a few lines, each time with its 80% interval; see {@link EstimateText}} */
    @Override
    public String toString() {
        return EstimateText.of(this);
    }
}
