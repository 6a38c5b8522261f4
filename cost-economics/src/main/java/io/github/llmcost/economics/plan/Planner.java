package io.github.llmcost.economics.plan;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.ApiPrice;
import io.github.llmcost.economics.ApiPriceBook;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The exhaustive search behind {@link PlanRequest#plan()}.
 *
 * <p>For every chip, tensor-parallel degree (1, 2, 4, ... up to the request's maximum) and format set, the deployment
 * is checked (the model fits, the chip computes the format, the degree divides the model) and its latency at the
 * lowest load is compared with the targets. Then, for every batch cap (1, 2, 4, ... up to the scheduler's), the
 * fewest replicas {@code n} are found such that one replica still meets the targets at {@code 1 / headroom} times its
 * share {@code rate / n}: from the saturated bound {@code n >= rate / (headroom x saturated rate)} upwards, doubling
 * then bisecting (latency grows with load, so the test is monotone in {@code n}). Each test of one (chip, degree,
 * formats, cap, replicas) is one candidate evaluation. The cap with the fewest replicas (the largest cap among equals)
 * is the deployment's candidate; candidates are ranked by cost per month, then devices, then time per output token.
 */
final class Planner {
    /** More replicas than this are not planned. */
    static final long MAX_REPLICAS = 1_000_000;

    /** The load at which latency floors are read, as a share of the saturated rate. */
    static final double LOWEST_LOAD = 1e-9;

    /** Halvings of the capacity's bracket: 2^-30 of the saturated rate. */
    private static final int BISECTIONS = 30;

    private final PlanRequest request;
    private final Traffic traffic;
    private final double rate;
    private final double ttftTarget;
    private final double tpotTarget;
    private final List<PlanCandidate> candidates = new ArrayList<>();
    private final List<Exclusion> exclusions = new ArrayList<>();
    private final List<FrontierPoint> points = new ArrayList<>();
    private long evaluations;

    /** Cheapest per month first, then fewer devices, then faster tokens, then by name. */
    static final Comparator<PlanCandidate> ORDER = Comparator.comparing(PlanCandidate::costPerMonth)
            .thenComparingLong(PlanCandidate::totalGpus)
            .thenComparing(PlanCandidate::timePerOutputTokenP90)
            .thenComparing(c -> Plan.describe(c.deployment()));

    Planner(PlanRequest request) {
        this.request = request;
        this.traffic = request.traffic();
        this.rate = request.requestsPerSecond();
        this.ttftTarget = request.timeToFirstTokenP90().map(Seconds::toSeconds).orElse(Double.POSITIVE_INFINITY);
        this.tpotTarget =
                request.timePerOutputTokenP90().map(Seconds::toSeconds).orElse(Double.POSITIVE_INFINITY);
    }

    static Plan plan(PlanRequest request) {
        Planner p = new Planner(request);
        for (HardwareSpec h : request.candidateHardware()) {
            Optional<Double> price = request.pricePerHour(h);
            if (price.isEmpty()) {
                p.exclusions.add(new Exclusion(h.name(), "no rental price: give one per device-hour"));
                continue;
            }
            for (int tp = 1; tp <= request.maxGpusPerReplica(); tp *= 2) {
                for (Formats f : request.candidateFormats()) {
                    p.search(deployment(request, h, tp, f, price.get()));
                }
            }
        }
        p.candidates.sort(ORDER);
        return new Plan(request, candidates(p), p.evaluations, frontier(p.points), apiCosts(request), p.exclusions);
    }

    private static List<PlanCandidate> candidates(Planner p) {
        return List.copyOf(p.candidates);
    }

    private static Deployment deployment(PlanRequest r, HardwareSpec h, int tp, Formats f, double price) {
        LlmCost.Builder b = LlmCost.model(r.model());
        r.speculativeDecoding().ifPresent(b::speculativeDecoding);
        return b.hardware(h)
                .tensorParallel(tp)
                .parallelism(r.parallelism())
                .weights(f.weightScheme())
                .activations(f.activations())
                .kvCache(f.kvCache())
                .pricePerHour(price)
                .deployment();
    }

    /** One deployment: checked, its floor read, then every batch cap searched for the fewest replicas. */
    private void search(Deployment d) {
        String label = Plan.describe(d);
        Feasibility f = d.feasibility(Workload.of(traffic.inputTokens(), traffic.outputTokens()));
        if (!f.isFeasible()) {
            exclusions.add(new Exclusion(label, f.summary()));
            return;
        }
        Scheduler scheduler = request.scheduler();
        ServingEstimate base;
        try {
            base = d.serving(traffic, scheduler);
        } catch (InfeasibleConfigurationException x) {
            exclusions.add(new Exclusion(label, x.feasibility().summary()));
            return;
        }
        LoadPoint floor = base.atRate(base.saturation().requestsPerSecond() * LOWEST_LOAD);
        if (floor.timeToFirstTokenP90().toSeconds() > ttftTarget) {
            exclusions.add(new Exclusion(
                    label,
                    "time to first token is " + floor.timeToFirstTokenP90() + " at the 90th percentile with no other"
                            + " request, above the target " + Seconds.of(ttftTarget)));
            return;
        }
        if (floor.timePerOutputTokenP90().toSeconds() > tpotTarget) {
            exclusions.add(new Exclusion(
                    label,
                    "one decode step takes " + floor.timePerOutputTokenP90() + " with no other request, above the"
                            + " time-per-output-token target " + Seconds.of(tpotTarget)));
            return;
        }
        @Nullable ServingEstimate best = null;
        long bestReplicas = 0;
        List<Integer> caps = caps(scheduler.maxBatchSize());
        for (int i = caps.size() - 1; i >= 0; i--) {
            int cap = caps.get(i);
            ServingEstimate e =
                    cap == scheduler.maxBatchSize() ? base : d.serving(traffic, scheduler.withMaxBatchSize(cap));
            points.add(point(e));
            long n = replicas(e);
            if (n > 0 && (best == null || n < bestReplicas)) {
                best = e;
                bestReplicas = n;
            }
        }
        if (best == null) {
            exclusions.add(new Exclusion(label, "needs more than " + MAX_REPLICAS + " replicas"));
            return;
        }
        candidates.add(candidate(best, bestReplicas));
    }

    /** Batch caps 1, 2, 4, ... below a maximum, then the maximum ({@link Scheduler#batchCaps()}). */
    static List<Integer> caps(int max) {
        return Scheduler.builder().maxBatchSize(max).build().batchCaps();
    }

    /** The fewest replicas of a deployment under a cap that meet the targets with headroom; 0 if none up to the most. */
    long replicas(ServingEstimate e) {
        double need = rate / (request.headroom() * e.saturation().requestsPerSecond());
        if (!(need < MAX_REPLICAS)) {
            return 0;
        }
        long ok = Math.max(1, (long) Math.ceil(need));
        // fewer replicas than the bound would each take more than the saturated rate
        long failed = ok - 1;
        while (!meets(e, ok)) {
            if (ok == MAX_REPLICAS) {
                return 0;
            }
            failed = ok;
            ok = Math.min(MAX_REPLICAS, 2 * ok);
        }
        while (ok - failed > 1) {
            long mid = failed + (ok - failed) / 2;
            if (meets(e, mid)) {
                ok = mid;
            } else {
                failed = mid;
            }
        }
        return ok;
    }

    /** One candidate evaluation: whether a replica meets the targets at its share of the rate, over the headroom. */
    private boolean meets(ServingEstimate e, long replicas) {
        evaluations++;
        return within(e.atRate(rate / replicas / request.headroom()));
    }

    private boolean within(LoadPoint p) {
        return p.sustainable()
                && p.timeToFirstTokenP90().toSeconds() <= ttftTarget
                && p.timePerOutputTokenP90().toSeconds() <= tpotTarget;
    }

    /** The chosen replicas under a cap, with the replica's capacity within the targets and what bounds it. */
    PlanCandidate candidate(ServingEstimate e, long replicas) {
        Saturation sat = e.saturation();
        double lo = rate / replicas / request.headroom();
        double hi = sat.requestsPerSecond();
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = (lo + hi) / 2;
            if (within(e.atRate(mid))) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        LoadPoint beyond = e.atRate(hi);
        CapacityLimit limit;
        if (!beyond.sustainable()) {
            limit = switch (sat.concurrencyLimit()) {
                case KV_CACHE -> CapacityLimit.KV_CACHE;
                case MAX_BATCH -> CapacityLimit.MAX_BATCH;
                case TOKEN_BUDGET -> CapacityLimit.TOKEN_BUDGET;
            };
        } else if (beyond.timeToFirstTokenP90().toSeconds() > ttftTarget) {
            limit = CapacityLimit.TTFT_SLO;
        } else {
            limit = CapacityLimit.TPOT_SLO;
        }
        return new PlanCandidate(e, replicas, e.atRate(rate / replicas), lo, limit);
    }

    private static FrontierPoint point(ServingEstimate e) {
        Saturation s = e.saturation();
        Deployment d = e.deployment();
        return new FrontierPoint(
                d.hardware().name(),
                d.gpus(),
                d.formats(),
                e.scheduler().maxBatchSize(),
                1 / s.timePerOutputToken().toSeconds(),
                s.outputTokensPerSecond() / d.gpus(),
                e.costs().perMillionOutputTokens());
    }

    /** The points no other beats on both axes, fastest per user first. */
    static List<FrontierPoint> frontier(List<FrontierPoint> points) {
        List<FrontierPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(FrontierPoint::tokensPerSecondPerUser)
                .reversed()
                .thenComparing(Comparator.comparingDouble(FrontierPoint::outputTokensPerSecondPerGpu)
                        .reversed()));
        List<FrontierPoint> frontier = new ArrayList<>();
        double most = Double.NEGATIVE_INFINITY;
        for (FrontierPoint p : sorted) {
            if (p.outputTokensPerSecondPerGpu() > most) {
                frontier.add(p);
                most = p.outputTokensPerSecondPerGpu();
            }
        }
        return List.copyOf(frontier);
    }

    /** The traffic's cost through every API in the price book. */
    static List<ApiCost> apiCosts(PlanRequest r) {
        Traffic t = r.traffic();
        double cached = t.sharedPrefixTokens() * t.prefixHitRate();
        double requestsPerMonth = r.requestsPerSecond() * 3600 * PlanRequest.HOURS_PER_MONTH;
        List<ApiCost> costs = new ArrayList<>();
        for (ApiPrice api : ApiPriceBook.all()) {
            double cachedPrice = api.cachedInputUsdPerMillion().orElse(api.inputUsdPerMillion());
            double perRequest = ((t.inputTokens() - cached) * api.inputUsdPerMillion()
                            + cached * cachedPrice
                            + t.outputTokens() * api.outputUsdPerMillion())
                    / 1e6;
            costs.add(new ApiCost(
                    api,
                    Money.of(perRequest * requestsPerMonth),
                    Money.of(perRequest * 1e6 / (t.inputTokens() + t.outputTokens()))));
        }
        return List.copyOf(costs);
    }
}
