package io.github.llmcost.economics.plan;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.serving.Traffic;
import io.github.llmcost.hardware.serving.sim.Arrivals;
import io.github.llmcost.hardware.serving.sim.Lengths;
import io.github.llmcost.hardware.serving.sim.Router;
import io.github.llmcost.hardware.serving.sim.Simulation;
import io.github.llmcost.hardware.serving.sim.SimulationResult;
import io.github.llmcost.hardware.serving.sim.SyntheticSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link Plan#verified(int)}: the cheapest candidates simulated at the plan's rate, with replicas added one at a time
 * (at most {@value #MOST_ADDED}) where the plan's miss a target in simulation, until the cheapest {@code top} are all
 * confirmed; one that still misses a target is set aside with its simulated percentiles ({@link Exclusion}), never
 * priced.
 *
 * <p>Each simulation: Poisson arrivals at the plan's rate over all replicas for {@code max(}{@value #MIN_SECONDS} s,
 * {@value #REQUESTS} requests{@code )} (at most {@value #MAX_SECONDS} s), the first tenth a warm-up, least-loaded
 * routing, the plan's request lengths and shared prefix (one prefix group), seed {@value #SEED}.
 */
final class Verifier {
    static final double MIN_SECONDS = 120;
    static final double MAX_SECONDS = 1800;
    static final double REQUESTS = 20_000;
    static final long SEED = 1;
    static final int MOST_ADDED = 4;

    private Verifier() {}

    static Plan verify(Plan plan, int top) {
        if (top < 0) {
            throw new IllegalArgumentException("top (" + top + ") must be >= 0");
        }
        PlanRequest r = plan.request();
        Planner planner = new Planner(r);
        List<PlanCandidate> candidates = new ArrayList<>(plan.candidates());
        List<Exclusion> exclusions = new ArrayList<>(plan.exclusions());
        Comparator<PlanCandidate> order = Planner.ORDER;
        for (int round = 0; round < plan.candidates().size() + 1; round++) {
            candidates.sort(order);
            int next = -1;
            for (int i = 0; i < Math.min(top, candidates.size()); i++) {
                if (candidates.get(i).verification().isEmpty()) {
                    next = i;
                    break;
                }
            }
            if (next < 0) {
                break;
            }
            PlanCandidate c = confirmed(planner, r, candidates.get(next));
            Verification v = c.verification().orElseThrow();
            if (v.meetsTargets()) {
                candidates.set(next, c);
            } else {
                // more replicas do not help a target a lone request's steps miss: never priced
                candidates.remove(next);
                exclusions.add(new Exclusion(
                        Plan.describe(c.deployment()),
                        "misses a target in simulation even with " + MOST_ADDED + " more replicas (" + v.replicas()
                                + "): p90 time to first token " + v.timeToFirstTokenP90() + ", p90 time per output"
                                + " token " + v.timePerOutputTokenP90()));
            }
        }
        candidates.sort(order);
        return new Plan(r, candidates, plan.candidatesEvaluated(), plan.frontier(), plan.apiCosts(), exclusions);
    }

    private static PlanCandidate confirmed(Planner planner, PlanRequest r, PlanCandidate c) {
        long replicas = c.replicas();
        Verification v = simulate(r, c, replicas, 0);
        for (int added = 1; added <= MOST_ADDED && !v.meetsTargets(); added++) {
            v = simulate(r, c, replicas + added, added);
        }
        return planner.candidate(c.serving(), v.replicas()).withVerification(v);
    }

    /** One simulation of a candidate's deployment with some replicas at the plan's rate. */
    static Verification simulate(PlanRequest r, PlanCandidate c, long replicas, long added) {
        Traffic t = r.traffic();
        double rate = r.requestsPerSecond();
        double seconds = Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, REQUESTS / rate));
        Simulation.Builder b = Simulation.builder(
                        c.deployment().compiled(), c.serving().scheduler(), t)
                .replicas(Math.toIntExact(replicas))
                .router(Router.LEAST_LOADED)
                .warmupSeconds(seconds / 10);
        double ttft = r.timeToFirstTokenP90().map(Seconds::toSeconds).orElse(Double.MAX_VALUE);
        double tpot = r.timePerOutputTokenP90().map(Seconds::toSeconds).orElse(Double.MAX_VALUE);
        b.slo(ttft, tpot);
        SyntheticSource.Builder source = SyntheticSource.builder()
                .arrivals(Arrivals.poisson(rate))
                .input(Lengths.fixed(t.inputTokens()))
                .output(Lengths.fixed(t.outputTokens()))
                .durationSeconds(seconds)
                .seed(SEED);
        if (t.sharedPrefixTokens() > 0) {
            source.prefixGroups(1, t.sharedPrefixTokens());
        }
        SimulationResult s = b.build().run(source.build());
        boolean meets = s.completedRequests() > 0 && s.ttftSecondsP90() <= ttft && s.tpotSecondsP90() <= tpot;
        return new Verification(
                replicas,
                added,
                s.simulatedSeconds(),
                s.completedRequests(),
                Seconds.of(s.ttftSecondsP90()),
                Seconds.of(s.tpotSecondsP90()),
                s.sloAttainment(),
                meets);
    }
}
