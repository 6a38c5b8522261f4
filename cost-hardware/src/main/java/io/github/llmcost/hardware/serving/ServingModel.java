package io.github.llmcost.hardware.serving;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.MemoryBudget;
import io.github.llmcost.hardware.PassCosts;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.internal.RegulaFalsi;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Continuous batching in steady state: what a deployment serves at saturation, at a Poisson request rate, and within
 * latency targets, each built from the time of one engine step ({@link CompiledPerformance#step(Step)}).
 *
 * <p>The model. Each request computes its prompt (less a cached prefix) in chunks and then one token per step; every
 * step carries every running sequence's decode plus prefill chunks, up to {@link Scheduler#maxBatchedTokens()} tokens.
 * Sequences in flight are capped by the KV cache (whole {@link Scheduler#blockTokens()}-token blocks, the prompt plus
 * the whole output reserved at admission unless told otherwise; a shared prefix stored once) and by {@link
 * Scheduler#maxBatchSize()}.
 *
 * <ul>
 *   <li><b>Saturation</b>: {@code r} requests start per step, {@code r = min(N / (O - 1 + c), M / (O - 1 + I))} for
 *       {@code N} sequences in flight, {@code M} tokens per step, {@code I} computed prompt tokens, {@code O} output
 *       tokens and {@code c} prefill steps per request; a step then holds {@code r (O - 1)} decodes (at the mean
 *       position {@code prompt + O/2}) and {@code r I} prefill tokens, and throughput is {@code r / step}.
 *   <li><b>At a rate</b> {@code λ}: a request's step time {@code τ} solves {@code τ = step(1 + min(λ (O - 1) τ, B - 1)
 *       decodes, λ I τ prefill tokens)} for a batch cap {@code B} (Poisson arrivals see the time average: Little's law
 *       for the others in flight; past the cap the excess waits for admission), so at
 *       {@code λ -> 0} it is a batch-1 decode step. Time to first token is its own prefill alongside the running
 *       decodes, half a step to start, and the queue of an M/D/1 server at utilisation {@code ρ = λ / λ_saturated}
 *       ({@code ρ S / (2 (1 - ρ))} for a prefill of {@code S}); its 90th percentile takes a whole step to start and
 *       the wait's exponential tail. The 90th percentile of time per output token is a step that carries a prefill
 *       chunk, once one step in ten does.
 * </ul>
 *
 * <p>With speculative decoding ({@link SpeculativeDecoding}) each step is a round ({@link CompiledPerformance#step}):
 * a request decodes in {@code (O - 1) / E} steps, each decoding sequence takes {@code k + 1} tokens of the step's
 * budget, and time per output token is the step over {@code E}.
 *
 * <p>The share of time prefill takes (how a paid second splits between input and output tokens) is, at saturation,
 * what the prefill tokens add to the steady step; at a rate, each prompt's chunks' extra time against the time decode
 * steps run (whenever any sequence decodes).
 *
 * <p>Fractional sequences (a fluid steady state) are priced by linear interpolation between whole steps. Figures are
 * for the whole deployment.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ServingModel serving = ServingModel.of(deployment.compiled(), Scheduler.defaults());
 * serving.saturated(Traffic.of(128, 128)).outputTokensPerSecond();
 * serving.atRate(Traffic.of(2000, 200), 5).timeToFirstTokenP90();
 * }</pre>
 */
public final class ServingModel {
    /** Most regula falsi steps for a step time: it converges in about ten. */
    private static final int ROOT_ITERATIONS = 200;
    /** Doublings of the bracket for a step time: 2^60 times a lone decode step is beyond any sustainable load. */
    private static final int DOUBLINGS = 60;

    private final CompiledPerformance compiled;
    private final Scheduler scheduler;
    /** Speculative decoding: tokens a decoding sequence gains per step ({@code E}) and computes in it ({@code k+1}). */
    private final double tokensPerStep;

    private final double verifiedTokens;

    private ServingModel(CompiledPerformance compiled, Scheduler scheduler) {
        this.compiled = compiled;
        this.scheduler = scheduler;
        Optional<SpeculativeDecoding> s = compiled.template().speculativeDecoding();
        this.tokensPerStep = s.map(SpeculativeDecoding::tokensPerTargetStep).orElse(1.0);
        this.verifiedTokens = s.map(x -> x.speculativeTokens() + 1.0).orElse(1.0);
    }

    /**
     * The serving model of a compiled deployment.
     *
     * @param compiled the deployment's step-time model
     * @param scheduler how the engine batches
     * @return the model
     */
    public static ServingModel of(CompiledPerformance compiled, Scheduler scheduler) {
        return new ServingModel(
                Objects.requireNonNull(compiled, "compiled"), Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** {@return the scheduler} */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * A copy under another scheduler.
     *
     * @param scheduler how the engine batches
     * @return the copy
     */
    public ServingModel withScheduler(Scheduler scheduler) {
        return of(compiled, scheduler);
    }

    /**
     * Sequences of this traffic the KV cache holds at once.
     *
     * @param traffic the requests
     * @return whole sequences, {@code >= 0}
     */
    public long kvSequences(Traffic traffic) {
        long held = traffic.inputTokens()
                + (scheduler.reserveFullSequence() ? traffic.outputTokens() : traffic.outputTokens() / 2);
        long block = scheduler.blockTokens();
        long blocks = (held + block - 1) / block * block;
        Workload w = Workload.builder()
                .promptTokens(blocks)
                .outputTokens(0)
                .sharedPrefixTokens(Math.min(traffic.sharedPrefixTokens(), blocks - 1))
                .build();
        MemoryBudget m = compiled.memory(w);
        double shared = traffic.prefixHitRate() > 0 ? m.sharedPrefix().toBytes() : 0;
        double perSequence = m.kvCachePerSession().toBytes()
                + (1 - traffic.prefixHitRate()) * m.sharedPrefix().toBytes();
        double left = m.kvCacheBudget().toBytes() - shared;
        return left <= 0 || perSequence <= 0 ? 0 : (long) Math.floor(left / perSequence);
    }

    /**
     * The steady state at saturation.
     *
     * @param traffic the requests
     * @return throughput, concurrency, the limit that binds, step time
     * @throws InfeasibleConfigurationException if the deployment cannot hold one request of this traffic
     */
    public Saturation saturated(Traffic traffic) {
        Shape s = shape(traffic);
        long kv = kvSequences(traffic);
        long n = Math.min(scheduler.maxBatchSize(), kv);
        double byConcurrency = n / (s.decodes + s.prefillSteps);
        double byBudget = scheduler.maxBatchedTokens() / (s.decodes * verifiedTokens + s.computed);
        double r = Math.min(byConcurrency, byBudget);
        ConcurrencyLimit limit = byBudget < byConcurrency
                ? ConcurrencyLimit.TOKEN_BUDGET
                : kv <= scheduler.maxBatchSize() ? ConcurrencyLimit.KV_CACHE : ConcurrencyLimit.MAX_BATCH;
        double step = stepSeconds(s, r * s.decodes, r * s.computed, r);
        double decodeOnly = stepSeconds(s, r * s.decodes, 0, 0);
        PassCosts bound = compiled.step(wholeStep(s, Math.max(1, Math.round(r * s.decodes)), r * s.computed, r));
        double requestsPerSecond = r / step;
        return new Saturation(
                this,
                traffic,
                requestsPerSecond,
                traffic.outputTokens(),
                traffic.inputTokens(),
                r * (s.decodes + s.prefillSteps),
                limit,
                bound.bound(),
                Seconds.of(step / tokensPerStep),
                Seconds.of(s.prefillSteps * step + step / 2),
                step > 0 ? 1 - decodeOnly / step : 0);
    }

    /**
     * The deployment serving Poisson arrivals.
     *
     * @param traffic the requests
     * @param requestsPerSecond the arrival rate, {@code > 0}
     * @return utilisation, latency and throughput; not sustainable at or above the saturated rate
     * @throws InfeasibleConfigurationException if the deployment cannot hold one request of this traffic
     */
    public LoadPoint atRate(Traffic traffic, double requestsPerSecond) {
        checkRate(requestsPerSecond);
        Saturation sat = saturated(traffic);
        return atRate(traffic, requestsPerSecond, sat);
    }

    /**
     * The deployment serving Poisson arrivals, from a steady state already found: the same figures as {@link
     * #atRate(Traffic, double)} without finding the saturated rate again (what a search over rates calls).
     *
     * @param saturation this model's steady state at saturation for the traffic
     * @param requestsPerSecond the arrival rate, {@code > 0}
     * @return utilisation, latency and throughput; not sustainable at or above the saturated rate
     * @throws IllegalArgumentException if the steady state is another model's, or the rate is not finite and positive
     */
    public LoadPoint atRate(Saturation saturation, double requestsPerSecond) {
        if (saturation.model() != this) {
            throw new IllegalArgumentException("saturation (" + saturation + ") is another serving model's");
        }
        checkRate(requestsPerSecond);
        return atRate(saturation.traffic(), requestsPerSecond, saturation);
    }

    private static void checkRate(double requestsPerSecond) {
        if (!(requestsPerSecond > 0 && Double.isFinite(requestsPerSecond))) {
            throw new IllegalArgumentException("requestsPerSecond (" + requestsPerSecond + ") must be finite and > 0");
        }
    }

    private LoadPoint atRate(Traffic traffic, double lambda, Saturation sat) {
        Shape s = shape(traffic);
        double rho = lambda / sat.requestsPerSecond();
        if (rho >= 1) {
            return new LoadPoint(
                    lambda,
                    false,
                    rho,
                    0,
                    Seconds.ZERO,
                    Seconds.ZERO,
                    Seconds.ZERO,
                    Seconds.ZERO,
                    traffic.outputTokens(),
                    traffic.inputTokens(),
                    0);
        }
        double tau = tau(s, lambda);
        double others = others(s, lambda, tau);
        double chunk = Math.min(s.computed, Math.max(1, scheduler.maxBatchedTokens() - others * verifiedTokens));
        double chunks = Math.max(1, Math.ceil(s.computed / chunk));
        double chunkStep = stepSeconds(s, others, chunk, Math.min(1, chunk / s.computed));
        double service = chunks * chunkStep;
        double wait = rho * service / (2 * (1 - rho));
        double ttft = service + tau / 2 + wait;
        double tail = rho > 0.1 ? wait / rho * Math.log(10 * rho) : 0;
        double ttftP90 = service + tau + tail;
        double withChunk = stepSeconds(s, 1 + others, chunk, Math.min(1, chunk / s.computed));
        double chunkShare = Math.min(1, lambda * tau * chunks);
        double tpotP90 = chunkShare >= 0.1 ? Math.max(tau, withChunk) : tau;
        // the split of busy time: each prompt's chunks add their steps' extra time; decode steps run whenever any
        // sequence is decoding (a Poisson count with mean λ (O - 1) τ, so busy 1 - e^-mean of the time)
        double decodeOnly = stepSeconds(s, 1 + others, 0, 0);
        double prefillBusy = lambda * chunks * Math.max(0, withChunk - decodeOnly);
        double decodeBusy = -Math.expm1(-others);
        double share = prefillBusy + decodeBusy > 0 ? prefillBusy / (prefillBusy + decodeBusy) : 1;
        return new LoadPoint(
                lambda,
                true,
                rho,
                lambda * (ttft + s.decodes * tau),
                Seconds.of(ttft),
                Seconds.of(Math.max(ttft, ttftP90)),
                Seconds.of(tau / tokensPerStep),
                Seconds.of(tpotP90 / tokensPerStep),
                traffic.outputTokens(),
                traffic.inputTokens(),
                share);
    }

    /**
     * The tagged request's step time: itself, the others decoding (Little), the prefill arriving meanwhile; the root of
     * {@link #residual}, bracketed from a lone decode step upwards by doubling, then found by {@link RegulaFalsi}
     * (superlinear; the bracket is kept, so a kink in the step time cannot throw it off).
     */
    private double tau(Shape s, double lambda) {
        double lo = stepSeconds(s, 1, 0, 0);
        double fLo = residual(s, lambda, lo);
        double hi = lo;
        double fHi = fLo;
        for (int i = 0; i < DOUBLINGS && fHi > 0; i++) {
            lo = hi;
            fLo = fHi;
            hi *= 2;
            fHi = residual(s, lambda, hi);
        }
        if (fLo <= 0) {
            return lo;
        }
        return RegulaFalsi.root(t -> residual(s, lambda, t), lo, fLo, hi, fHi, 1e-12, ROOT_ITERATIONS);
    }

    private double residual(Shape s, double lambda, double tau) {
        return stepSeconds(s, 1 + others(s, lambda, tau), lambda * s.computed * tau, lambda * tau) - tau;
    }

    /**
     * The other sequences decoding beside a request, by Little's law, at most the batch cap less the request: past the
     * cap the excess waits for admission (the queue at time to first token), so a lower cap shortens each step.
     */
    private double others(Shape s, double lambda, double tau) {
        return Math.min(lambda * s.decodes * tau, scheduler.maxBatchSize() - 1.0);
    }

    /**
     * The highest Poisson rate whose 90th-percentile latencies meet the targets, over batch caps of 1, 2, 4, ... up to
     * the scheduler's. In this steady-state model a cap binds only near its own saturated rate (it keeps the sequences
     * decoding in a step below it, the rest waiting for admission), so the cap found is the smallest that reaches the
     * best rate; bursts above the mean concurrency, which a cap also clips in a real engine, are not modelled.
     *
     * @param traffic the requests
     * @param ttftP90 the target for time to first token's 90th percentile
     * @param tpotP90 the target for time per output token's 90th percentile
     * @return the rate, the cap that achieves it and the load there; not met if no rate does
     * @throws InfeasibleConfigurationException if the deployment cannot hold one request of this traffic
     */
    public SloResult maxRateWithinSlo(Traffic traffic, Seconds ttftP90, Seconds tpotP90) {
        return SloSearch.maxRate(this, traffic, ttftP90, tpotP90);
    }

    /** A traffic's per-request figures, checked against what the deployment holds. */
    private Shape shape(Traffic traffic) {
        Workload one = Workload.of(traffic.inputTokens(), traffic.outputTokens());
        Feasibility f = compiled.feasibility(one);
        f.requireFeasible("serving");
        if (kvSequences(traffic) < 1) {
            throw new InfeasibleConfigurationException(
                    "serving",
                    Feasibility.of(List.of(new Feasibility.Reason(
                            Limit.KV_CACHE,
                            "the KV cache holds no whole request of " + traffic.inputTokens() + " + "
                                    + traffic.outputTokens() + " tokens in " + scheduler.blockTokens()
                                    + "-token blocks"))));
        }
        double computed = traffic.computedInputTokens();
        double cached = traffic.inputTokens() - computed;
        double prefillSteps = Math.max(1, Math.ceil(computed / scheduler.maxBatchedTokens()));
        return new Shape(
                (traffic.outputTokens() - 1) / tokensPerStep, // steps: speculation gains E tokens a step
                computed,
                Math.round(cached),
                prefillSteps,
                traffic.inputTokens() + Math.max(1, traffic.outputTokens() / 2));
    }

    /**
     * One step's seconds for a traffic's fractional decodes and prompts (what every figure here is built from), for
     * tests.
     */
    double stepSeconds(Traffic traffic, double decodes, double prefillTokens, double prompts) {
        return stepSeconds(shape(traffic), decodes, prefillTokens, prompts);
    }

    /**
     * One step's seconds for fractional decodes and prompts: linear between the whole steps around them.
     *
     * @param decodes sequences decoding
     * @param prefillTokens prompt tokens computed in the step
     * @param prompts prompts they belong to
     */
    private double stepSeconds(Shape s, double decodes, double prefillTokens, double prompts) {
        double whole = Math.floor(decodes);
        double f = decodes - whole;
        double below = seconds(s, (long) whole, prefillTokens, prompts);
        return f == 0 ? below : (1 - f) * below + f * seconds(s, (long) whole + 1, prefillTokens, prompts);
    }

    private double seconds(Shape s, long decodes, double prefillTokens, double prompts) {
        if (decodes == 0 && prefillTokens < 0.5) {
            return 0;
        }
        return compiled.step(wholeStep(s, decodes, prefillTokens, prompts)).seconds();
    }

    /** A whole step: decodes at the mean position, prefill tokens as whole prompts (or part of one) after the cache. */
    private static Step wholeStep(Shape s, long decodes, double prefillTokens, double prompts) {
        Step.Builder b = Step.builder();
        if (decodes > 0) {
            b.decode(Math.toIntExact(Math.min(decodes, Integer.MAX_VALUE)), s.decodePosition);
        }
        if (prefillTokens >= 0.5) {
            if (prompts >= 1) {
                int k = (int) Math.floor(prompts);
                b.prefill(k, Math.max(1, Math.round(prefillTokens / k)), s.cached);
            } else {
                // part of one prompt: on average its middle
                long tokens = Math.max(1, Math.round(prefillTokens));
                b.prefill(1, tokens, s.cached + Math.max(0, Math.round((s.computed - tokens) / 2)));
            }
        }
        return b.build();
    }

    /**
     * One request's shape: decode steps after the first token, prompt tokens computed, tokens cached before them,
     * prefill steps, and the mean position of its decodes.
     */
    private record Shape(double decodes, double computed, long cached, double prefillSteps, long decodePosition) {}

    @Override
    public String toString() {
        return "ServingModel[" + compiled + ", " + scheduler + "]";
    }
}
