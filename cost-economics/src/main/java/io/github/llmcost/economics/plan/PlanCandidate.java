package io.github.llmcost.economics.plan;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.economics.ServingEstimate.TokenCosts;
import io.github.llmcost.hardware.Interval;
import io.github.llmcost.hardware.serving.LoadPoint;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One deployment a plan found feasible: {@link #replicas()} copies of a tensor-parallel {@link #deployment()} under a
 * batch cap, each taking an equal share of the traffic, with its latency, capacity and costs at the planned rate.
 *
 * <p>Immutable and thread-safe. Made by {@link PlanRequest#plan()}.
 */
public final class PlanCandidate {
    private final ServingEstimate serving;
    private final long replicas;
    private final LoadPoint load;
    private final double capacityPerReplica;
    private final CapacityLimit limit;
    private final TokenCosts costs;
    private final @Nullable Verification verification;

    PlanCandidate(
            ServingEstimate serving, long replicas, LoadPoint load, double capacityPerReplica, CapacityLimit limit) {
        this(serving, replicas, load, capacityPerReplica, limit, null);
    }

    private PlanCandidate(
            ServingEstimate serving,
            long replicas,
            LoadPoint load,
            double capacityPerReplica,
            CapacityLimit limit,
            @Nullable Verification verification) {
        this.serving = serving;
        this.replicas = replicas;
        this.load = load;
        this.capacityPerReplica = capacityPerReplica;
        this.limit = limit;
        this.costs = serving.costsAt(load);
        this.verification = verification;
    }

    /** A copy confirmed by simulation. */
    PlanCandidate withVerification(Verification v) {
        return new PlanCandidate(serving, replicas, load, capacityPerReplica, limit, v);
    }

    /** {@return the simulation that confirmed this candidate, if {@link Plan#verified(int)} ran it} */
    public Optional<Verification> verification() {
        return Optional.ofNullable(verification);
    }

    /** {@return one replica: the model on its tensor-parallel devices, formats and price} */
    public Deployment deployment() {
        return serving.deployment();
    }

    /** {@return one replica serving the traffic under the candidate's batch cap} */
    public ServingEstimate serving() {
        return serving;
    }

    /** {@return the batch cap: the most sequences in flight on one replica} */
    public int maxBatch() {
        return serving.scheduler().maxBatchSize();
    }

    /** {@return copies of the deployment, each taking an equal share of the requests} */
    public long replicas() {
        return replicas;
    }

    /** {@return every device paid for: replicas times tensor-parallel devices} */
    public long totalGpus() {
        return replicas * deployment().gpus();
    }

    /** {@return one replica at its planned share of the rate: latency, utilisation, throughput} */
    public LoadPoint load() {
        return load;
    }

    /** {@return the 90th percentile of time to first token at the planned rate} */
    public Seconds timeToFirstTokenP90() {
        return load.timeToFirstTokenP90();
    }

    /** {@return the 80% interval of {@link #timeToFirstTokenP90()}, from the calibration's band} */
    public Interval<Seconds> timeToFirstTokenP90Interval() {
        return serving.timeInterval(timeToFirstTokenP90());
    }

    /** {@return the 90th percentile of time per output token at the planned rate} */
    public Seconds timePerOutputTokenP90() {
        return load.timePerOutputTokenP90();
    }

    /** {@return the 80% interval of {@link #timePerOutputTokenP90()}, from the calibration's band} */
    public Interval<Seconds> timePerOutputTokenP90Interval() {
        return serving.timeInterval(timePerOutputTokenP90());
    }

    /** {@return the share of its saturated rate each replica runs at} */
    public double utilization() {
        return load.utilization();
    }

    /** {@return the highest rate the whole deployment sustains within the targets, requests per second} */
    public double requestsPerSecondCapacity() {
        return replicas * capacityPerReplica;
    }

    /** {@return what stops a replica from taking more requests} */
    public CapacityLimit capacityLimit() {
        return limit;
    }

    /** {@return the price per month: total devices x price per device-hour x {@value PlanRequest#HOURS_PER_MONTH} h} */
    public Money costPerMonth() {
        double usdPerHour = deployment().pricing().orElseThrow().usdPerDeviceHour();
        return Money.of(totalGpus() * usdPerHour * PlanRequest.HOURS_PER_MONTH);
    }

    /** {@return what input, output and blended tokens cost at the planned rate ({@link ServingEstimate#costsAt})} */
    public TokenCosts costs() {
        return costs;
    }

    /** {@return the 80% interval of the cost per million output tokens, from the calibration's band} */
    public Interval<Money> costPerMillionOutputTokensInterval() {
        return serving.costInterval(costs.perMillionOutputTokens());
    }

    /** {@return the candidate in a line} */
    @Override
    public String toString() {
        String verified = verification == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; simulated: p90 TTFT %s, p90 TPOT %s, %s%s",
                        verification.timeToFirstTokenP90(),
                        verification.timePerOutputTokenP90(),
                        verification.meetsTargets() ? "targets met" : "targets MISSED",
                        verification.replicasAdded() > 0
                                ? ", " + verification.replicasAdded() + " replicas added"
                                : "");
        return String.format(
                Locale.ROOT,
                "%d x %s, batch cap %d: %s per month (%d GPUs); p90 TTFT %s, p90 TPOT %s, utilisation %.0f%%, %s per"
                        + " million output tokens, capacity %.3g requests/s (%s)%s",
                replicas,
                Plan.describe(deployment()),
                maxBatch(),
                costPerMonth(),
                totalGpus(),
                timeToFirstTokenP90(),
                timePerOutputTokenP90(),
                100 * utilization(),
                costs.perMillionOutputTokens(),
                requestsPerSecondCapacity(),
                limit.id(),
                verified);
    }
}
