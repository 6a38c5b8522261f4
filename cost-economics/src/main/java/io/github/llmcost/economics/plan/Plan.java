package io.github.llmcost.economics.plan;

import io.github.llmcost.core.Formats;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.Money;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer to a {@link PlanRequest}: every feasible deployment found, cheapest per month first, with the Pareto
 * frontier of the deployments searched, the traffic's cost through each hosted API, and why the rest were excluded.
 *
 * <p>Every candidate meets the targets at {@code 1 / headroom} times its planned load according to the serving
 * model ({@link io.github.llmcost.hardware.serving.ServingModel}); no cheaper deployment exists in the searched space
 * (chips x tensor-parallel degrees x formats x batch caps x replicas). A month is {@value PlanRequest#HOURS_PER_MONTH}
 * hours.
 *
 * <p>Immutable and thread-safe.
 */
public final class Plan {
    private final PlanRequest request;
    private final List<PlanCandidate> candidates;
    private final long evaluated;
    private final List<FrontierPoint> frontier;
    private final List<ApiCost> apiCosts;
    private final List<Exclusion> exclusions;

    Plan(
            PlanRequest request,
            List<PlanCandidate> candidates,
            long evaluated,
            List<FrontierPoint> frontier,
            List<ApiCost> apiCosts,
            List<Exclusion> exclusions) {
        this.request = request;
        this.candidates = List.copyOf(candidates);
        this.evaluated = evaluated;
        this.frontier = List.copyOf(frontier);
        this.apiCosts = List.copyOf(apiCosts);
        this.exclusions = List.copyOf(exclusions);
    }

    /** {@return what was asked} */
    public PlanRequest request() {
        return request;
    }

    /** {@return whether any deployment serves the traffic within the targets} */
    public boolean feasible() {
        return !candidates.isEmpty();
    }

    /** {@return the cheapest deployment per month, if any is feasible} */
    public Optional<PlanCandidate> best() {
        return candidates.stream().findFirst();
    }

    /** {@return one candidate per feasible (chip, devices, formats), cheapest per month first} */
    public List<PlanCandidate> candidates() {
        return candidates;
    }

    /** {@return how many (chip, devices, formats, batch cap, replicas) combinations were tested against the targets} */
    public long candidatesEvaluated() {
        return evaluated;
    }

    /**
     * {@return the saturated points (one per deployment and batch cap searched) that no other beats on both tokens per
     * second per user and output tokens per second per device, fastest per user first}
     */
    public List<FrontierPoint> frontier() {
        return frontier;
    }

    /** {@return the same traffic's cost per month through each API in the price book} */
    public List<ApiCost> apiCosts() {
        return apiCosts;
    }

    /** {@return the deployments searched and set aside, each with its reason} */
    public List<Exclusion> exclusions() {
        return exclusions;
    }

    /**
     * A deployment in a line: devices, chip, formats.
     *
     * @param d the deployment
     * @return such as {@code "2 x NVIDIA H200, W8A8 (fp8_e4m3 weights), KV bf16"}
     */
    public static String describe(Deployment d) {
        Formats f = d.formats();
        return (d.gpus() > 1 ? d.gpus() + " x " : "")
                + d.hardware().name()
                + (d.gpus() > d.tensorParallel() ? " (" + d.parallelism().pipeline() + " stages)" : "")
                + (d.parallelism().expert() > 1 ? " (EP " + d.parallelism().expert() + ")" : "")
                + ", " + f.scheme() + " (" + lower(f.weights()) + " weights), KV "
                + lower(f.kvCache())
                + d.speculativeDecoding()
                        .map(s -> ", speculating k = " + s.speculativeTokens()
                                + s.draftModel().map(m -> " with " + m.name()).orElse(" by MTP"))
                        .orElse("");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** {@return the plan as a short report: the question, the best deployment, the runners-up, the APIs} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        PlanRequest r = request;
        s.append(String.format(
                Locale.ROOT,
                "Plan for %s: %.4g requests/s of %d in / %d out",
                r.model().name(),
                r.requestsPerSecond(),
                r.traffic().inputTokens(),
                r.traffic().outputTokens()));
        r.timeToFirstTokenP90().ifPresent(t -> s.append(", p90 TTFT <= ").append(t));
        r.timePerOutputTokenP90().ifPresent(t -> s.append(", p90 TPOT <= ").append(t));
        s.append(String.format(Locale.ROOT, ", headroom %.0f%%%n", 100 * r.headroom()));
        Optional<PlanCandidate> best = best();
        if (best.isEmpty()) {
            s.append("No deployment searched serves it:").append(System.lineSeparator());
            exclusions.forEach(x -> s.append("  ").append(x).append(System.lineSeparator()));
        } else {
            s.append("Best: ").append(best.get()).append(System.lineSeparator());
            candidates.stream()
                    .skip(1)
                    .limit(4)
                    .forEach(c -> s.append("  then ").append(c).append(System.lineSeparator()));
        }
        for (ApiCost a : apiCosts) {
            s.append(String.format(
                    Locale.ROOT,
                    "  via %s %s: %s per month%n",
                    a.api().provider(),
                    a.api().model(),
                    a.perMonth()));
        }
        s.append(String.format(
                Locale.ROOT,
                "%d candidates evaluated; %d deployments set aside; a month is %.0f hours",
                evaluated,
                exclusions.size(),
                PlanRequest.HOURS_PER_MONTH));
        return s.toString();
    }

    /**
     * The plan with its cheapest candidates confirmed by simulation: each is run request by request at the plan's rate
     * ({@link io.github.llmcost.hardware.serving.sim.Simulation}: Poisson arrivals, least-loaded routing, a warm-up,
     * a fixed seed), its measured 90th percentiles recorded ({@link PlanCandidate#verification()}); where they miss a
     * target, replicas are added one at a time (at most four) and the candidate re-costed; one that still misses is set
     * aside ({@link #exclusions()}); the ranking is redone until the cheapest {@code top} are all confirmed.
     *
     * @param top how many of the cheapest to confirm, {@code >= 0}
     * @return the verified plan
     */
    public Plan verified(int top) {
        return Verifier.verify(this, top);
    }

    /**
     * The cheapest monthly cost among the candidates.
     *
     * @return the cost, if any candidate is feasible
     */
    public Optional<Money> cheapestPerMonth() {
        return best().map(PlanCandidate::costPerMonth);
    }
}
