package io.github.llmcost.hardware.serving.sim;

import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.Writer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A discrete-event simulation of {@code R} replicas of a deployment serving a stream of requests. Each replica runs a
 * vLLM-like engine: continuous batching, every running sequence decoding one token per step, prompts prefilled in
 * chunks under {@link Scheduler#maxBatchedTokens()} tokens per step (decodes first, then the running prefills, then
 * admissions), at most {@link Scheduler#maxBatchSize()} sequences running, FCFS admission while KV blocks of {@link
 * Scheduler#blockTokens()} tokens are free, and preemption by recompute (the latest admitted sequence back to the head
 * of the queue) when a decoding sequence needs a block and none is left. Under {@link
 * Scheduler#reserveFullSequence()} a sequence takes its prompt's and whole output's blocks at admission and is never
 * preempted; otherwise it takes its prompt's and one more block each time its output fills one.
 *
 * <p>A step's time is {@link CompiledPerformance#step} of one {@link io.github.llmcost.hardware.Step}: the decoding
 * sequences as one group at their mean position, and each prefill chunk after the tokens its sequence already has
 * cached. A prompt's first token comes at the end of the step that computes its last chunk.
 *
 * <p>The KV cache's blocks per replica are the ones {@link ServingModel#kvSequences} finds for the nominal traffic
 * (the same memory budget): {@code kvSequences(nominal) x} the nominal request's blocks. A request whose whole
 * sequence exceeds them is rejected (counted), never run.
 *
 * <p>Not thread-safe; {@link #run} runs once. Deterministic: the same source (and seed) gives the same result.
 *
 * <pre>{@code
 * SimulationResult r = Simulation.builder(compiled, Scheduler.defaults(), Traffic.of(2000, 300))
 *     .replicas(8).router(Router.LEAST_LOADED)
 *     .build()
 *     .run(SyntheticSource.builder().arrivals(Arrivals.poisson(100)).durationSeconds(3600)
 *         .input(Lengths.fixed(2000)).output(Lengths.fixed(300)).seed(1).build());
 * }</pre>
 */
public final class Simulation {
    /**
     * Prefix affinity's load bound: a replica holding the prefix is chosen while its outstanding requests are at most
     * this many times one more than the least loaded replica's.
     */
    public static final double AFFINITY_BOUND = 1.5;

    /** Loop iterations between progress reports. */
    private static final int PROGRESS_EVERY = 1 << 16;

    private final CompiledPerformance compiled;
    private final Scheduler scheduler;
    private final int replicas;
    private final int prefillReplicas;
    private final Router router;
    private final long capacityBlocks;
    private final double warmup;
    private final double ttftSlo;
    private final double tpotSlo;
    private final @Nullable Writer csv;
    private final @Nullable DoubleConsumer progress;
    private boolean ran;

    private Simulation(Builder b) {
        this.compiled = b.compiled;
        this.scheduler = b.scheduler;
        this.replicas = b.replicas;
        this.prefillReplicas = b.prefillReplicas;
        if (prefillReplicas > 0 && !scheduler.reserveFullSequence()) {
            throw new IllegalArgumentException("disaggregation needs a scheduler that reserves each sequence's whole"
                    + " cache at admission (reserveFullSequence): a decode replica cannot recompute a prompt");
        }
        this.router = b.router;
        this.warmup = b.warmup;
        this.ttftSlo = b.ttftSlo;
        this.tpotSlo = b.tpotSlo;
        this.csv = b.csv;
        this.progress = b.progress;
        this.capacityBlocks = kvBlocks(compiled, scheduler, b.nominal);
    }

    /**
     * A new builder.
     *
     * @param compiled one replica's step-time model
     * @param scheduler how each replica batches
     * @param nominal the typical request, which sizes the KV cache's blocks and is checked to fit
     * @return the builder
     */
    public static Builder builder(CompiledPerformance compiled, Scheduler scheduler, Traffic nominal) {
        return new Builder(compiled, scheduler, nominal);
    }

    /**
     * The KV blocks one replica holds: the sequences {@link ServingModel#kvSequences} finds for a traffic (without its
     * prefix), times each one's blocks.
     *
     * @param compiled one replica's step-time model
     * @param scheduler how it batches
     * @param nominal the typical request
     * @return blocks, {@code >= 1}
     * @throws InfeasibleConfigurationException if the replica cannot hold one such request
     */
    public static long kvBlocks(CompiledPerformance compiled, Scheduler scheduler, Traffic nominal) {
        Traffic plain = Traffic.of(nominal.inputTokens(), nominal.outputTokens());
        ServingModel model = ServingModel.of(compiled, scheduler);
        model.saturated(plain); // throws, naming the limit, if one request cannot run
        long held = plain.inputTokens()
                + (scheduler.reserveFullSequence() ? plain.outputTokens() : plain.outputTokens() / 2);
        long blocks = (held + scheduler.blockTokens() - 1) / scheduler.blockTokens();
        return Math.multiplyExact(model.kvSequences(plain), blocks);
    }

    /** {@return the KV blocks of each replica} */
    public long capacityBlocks() {
        return capacityBlocks;
    }

    /**
     * Runs the requests to the last one's completion.
     *
     * @param source the requests, in order of arrival
     * @return what was measured
     * @throws IllegalStateException if run twice
     */
    public SimulationResult run(RequestSource source) {
        if (ran) {
            throw new IllegalStateException("a simulation runs once");
        }
        ran = true;
        Metrics metrics = new Metrics(warmup, ttftSlo, tpotSlo, csv, source.horizonSeconds());
        StepTimes times = new StepTimes(compiled);
        PriorityQueue<Sequence> transfers = new PriorityQueue<>(
                Comparator.<Sequence>comparingDouble(s -> s.transferDone).thenComparingLong(s -> s.order));
        Replica[] pool = new Replica[replicas];
        int front = prefillReplicas > 0 ? prefillReplicas : replicas;
        KvTransfer link = new KvTransfer(compiled);
        for (int i = 0; i < replicas; i++) {
            if (prefillReplicas == 0) {
                pool[i] = new Replica(i, scheduler, capacityBlocks, times, metrics);
            } else if (i < front) {
                pool[i] = new Replica(i, scheduler, capacityBlocks, times, metrics, Replica.Role.PREFILL, (s, now) -> {
                    s.handedOff();
                    s.transferDone = now + link.seconds(s.prompt);
                    transfers.add(s);
                });
            } else {
                pool[i] = new Replica(i, scheduler, capacityBlocks, times, metrics, Replica.Role.DECODE, null);
            }
        }
        Dispatcher dispatcher = new Dispatcher(router, Arrays.copyOfRange(pool, 0, front));
        Dispatcher decoders = new Dispatcher(Router.LEAST_LOADED, Arrays.copyOfRange(pool, front, replicas));
        double horizon = source.horizonSeconds();
        Request pending = source.next();
        long order = 0;
        long iterations = 0;
        while (true) {
            Replica next = pool[0];
            for (int i = 1; i < replicas; i++) {
                if (pool[i].stepEnd() < next.stepEnd()) {
                    next = pool[i];
                }
            }
            double end = next.stepEnd();
            Sequence moving = transfers.peek();
            double moved = moving == null ? Double.POSITIVE_INFINITY : moving.transferDone;
            if (pending != null && pending.arrivalSeconds() <= Math.min(end, moved)) {
                double now = pending.arrivalSeconds();
                Replica to = pool[dispatcher.route(pending)];
                if (to.fits(pending)) {
                    metrics.arrived(now);
                    to.arrive(new Sequence(pending, order++), now);
                } else {
                    metrics.rejected++;
                }
                pending = source.next();
                if (pending == null) {
                    metrics.windowEnd = now;
                }
            } else if (moving != null && moved <= end) {
                transfers.poll();
                pool[front + decoders.route(moving.request)].arrive(moving, moved);
            } else if (end < Double.POSITIVE_INFINITY) {
                next.finish(end);
                next.start(end);
            } else {
                break;
            }
            DoubleConsumer p = progress;
            if (p != null && ++iterations % PROGRESS_EVERY == 0 && horizon > 0) {
                p.accept(Math.min(1, Math.min(end, pending == null ? horizon : pending.arrivalSeconds()) / horizon));
            }
        }
        double busy = 0;
        for (Replica r : pool) {
            busy += r.busySeconds();
        }
        double seconds = Math.max(horizon, metrics.lastEvent);
        metrics.end(seconds);
        return new SimulationResult(metrics, seconds, busy, replicas, capacityBlocks, warmup, times.steps());
    }

    /** Builds a {@link Simulation}. Not thread-safe. */
    public static final class Builder {
        private final CompiledPerformance compiled;
        private final Scheduler scheduler;
        private final Traffic nominal;
        private int replicas = 1;
        private int prefillReplicas;
        private Router router = Router.ROUND_ROBIN;
        private double warmup;
        private double ttftSlo = Double.POSITIVE_INFINITY;
        private double tpotSlo = Double.POSITIVE_INFINITY;
        private @Nullable Writer csv;
        private @Nullable DoubleConsumer progress;

        Builder(CompiledPerformance compiled, Scheduler scheduler, Traffic nominal) {
            this.compiled = Objects.requireNonNull(compiled, "compiled");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.nominal = Objects.requireNonNull(nominal, "nominal");
        }

        /**
         * Sets the replicas; 1 by default.
         *
         * @param replicas copies of the deployment, in {@code [1, 100000]}
         * @return this builder
         */
        public Builder replicas(int replicas) {
            if (replicas < 1 || replicas > 100_000) {
                throw new IllegalArgumentException("replicas (" + replicas + ") must be in [1, 100000]");
            }
            this.replicas = replicas;
            this.prefillReplicas = 0;
            return this;
        }

        /**
         * Disaggregates: {@code prefill} replicas compute prompts (the router spreads requests over them, and their
         * prefix caches serve), then each sequence's KV cache crosses the interconnect ({@link KvTransfer}) to the
         * least loaded of {@code decode} replicas, which generate the rest; replaces {@link #replicas}. Needs a
         * scheduler that reserves each sequence's whole cache at admission.
         *
         * @param prefill prefill replicas, {@code >= 1}
         * @param decode decode replicas, {@code >= 1}
         * @return this builder
         */
        public Builder disaggregate(int prefill, int decode) {
            if (prefill < 1) {
                throw new IllegalArgumentException("prefill (" + prefill + ") must be >= 1");
            }
            if (decode < 1) {
                throw new IllegalArgumentException("decode (" + decode + ") must be >= 1");
            }
            replicas(Math.addExact(prefill, decode));
            this.prefillReplicas = prefill;
            return this;
        }

        /**
         * Sets the router; round-robin by default.
         *
         * @param router how requests are spread
         * @return this builder
         */
        public Builder router(Router router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Sets a warm-up: latency statistics count requests arriving from then on, and the steady throughput counts
         * completions from then until the last arrival; 0 by default.
         *
         * @param seconds the warm-up, finite and {@code >= 0}
         * @return this builder
         */
        public Builder warmupSeconds(double seconds) {
            if (!(seconds >= 0 && Double.isFinite(seconds))) {
                throw new IllegalArgumentException("warmupSeconds (" + seconds + ") must be finite and >= 0");
            }
            this.warmup = seconds;
            return this;
        }

        /**
         * Sets latency targets for goodput: a request counts if its time to first token and its time per output token
         * are within both; none by default (every request counts).
         *
         * @param ttftSeconds the target for time to first token, {@code > 0}
         * @param tpotSeconds the target for time per output token, {@code > 0}
         * @return this builder
         */
        public Builder slo(double ttftSeconds, double tpotSeconds) {
            if (!(ttftSeconds > 0)) {
                throw new IllegalArgumentException("ttftSeconds (" + ttftSeconds + ") must be > 0");
            }
            if (!(tpotSeconds > 0)) {
                throw new IllegalArgumentException("tpotSeconds (" + tpotSeconds + ") must be > 0");
            }
            this.ttftSlo = ttftSeconds;
            this.tpotSlo = tpotSeconds;
            return this;
        }

        /**
         * Streams one CSV row per finished request ({@value Metrics#CSV_HEADER}) to a writer, which the caller
         * flushes and closes; none by default.
         *
         * @param writer the writer
         * @return this builder
         */
        public Builder requestLog(Writer writer) {
            this.csv = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /**
         * Reports progress now and then: the fraction of the source's horizon simulated.
         *
         * @param listener called with a fraction in {@code [0, 1]}
         * @return this builder
         */
        public Builder progress(DoubleConsumer listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * {@return the simulation}
         *
         * @throws InfeasibleConfigurationException if one replica cannot hold one nominal request
         */
        public Simulation build() {
            return new Simulation(this);
        }
    }
}
