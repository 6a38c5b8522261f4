package io.github.llmcost.examples;

import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.plan.ApiCost;
import io.github.llmcost.economics.plan.Exclusion;
import io.github.llmcost.economics.plan.FrontierPoint;
import io.github.llmcost.economics.plan.Plan;
import io.github.llmcost.economics.plan.PlanCandidate;
import io.github.llmcost.economics.plan.PlanRequest;
import io.github.llmcost.economics.plan.Verification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The text and JSON forms of {@code llm-cost plan}: every field reads one figure of the {@link Plan} (its candidates,
 * frontier, API costs and exclusions), none is computed here.
 */
final class PlanView {
    private final Plan plan;
    private final int top;
    private final @Nullable Path chart;

    PlanView(Plan plan, int top, @Nullable Path chart) {
        this.plan = plan;
        this.top = top;
        this.chart = chart;
    }

    Map<String, Object> json() {
        PlanRequest r = plan.request();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("feasible", plan.feasible());
        o.put("model", r.model().name());
        o.put("requestsPerSecond", r.requestsPerSecond());
        o.put("inputTokens", r.traffic().inputTokens());
        o.put("outputTokens", r.traffic().outputTokens());
        o.put("sharedPrefixTokens", r.traffic().sharedPrefixTokens());
        o.put("prefixHitRate", r.traffic().prefixHitRate());
        o.put(
                "ttftSloSeconds",
                r.timeToFirstTokenP90().map(s -> (Object) s.toSeconds()).orElse(null));
        o.put(
                "tpotSloSeconds",
                r.timePerOutputTokenP90().map(s -> (Object) s.toSeconds()).orElse(null));
        o.put("headroom", r.headroom());
        o.put("hoursPerMonth", PlanRequest.HOURS_PER_MONTH);
        o.put("best", plan.best().map(PlanView::candidate).orElse(null));
        List<Object> candidates = new ArrayList<>();
        plan.candidates().stream().limit(top).forEach(c -> candidates.add(candidate(c)));
        o.put("candidates", candidates);
        o.put("feasibleDeployments", plan.candidates().size());
        o.put("candidatesEvaluated", plan.candidatesEvaluated());
        List<Object> frontier = new ArrayList<>();
        for (FrontierPoint p : plan.frontier()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("hardware", p.hardware());
            f.put("tensorParallel", p.tensorParallel());
            f.put("weights", lower(p.formats().weights()));
            f.put("maxBatch", p.maxBatch());
            f.put("tokensPerSecondPerUser", p.tokensPerSecondPerUser());
            f.put("outputTokensPerSecondPerGpu", p.outputTokensPerSecondPerGpu());
            f.put(
                    "costPerMillionOutputTokensUsd",
                    p.costPerMillionOutputTokens().toUsd());
            frontier.add(f);
        }
        o.put("frontier", frontier);
        List<Object> apis = new ArrayList<>();
        for (ApiCost a : plan.apiCosts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", a.api().provider());
            m.put("model", a.api().model());
            m.put("priceAsOf", a.api().asOf().toString());
            m.put("costPerMonthUsd", a.perMonth().toUsd());
            m.put("costPerMillionTokensBlendedUsd", a.perMillionTokensBlended().toUsd());
            apis.add(m);
        }
        o.put("apiComparison", apis);
        List<Object> excluded = new ArrayList<>();
        for (Exclusion x : plan.exclusions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deployment", x.deployment());
            m.put("reason", x.reason());
            excluded.add(m);
        }
        o.put("excluded", excluded);
        if (chart != null) {
            o.put("chart", chart.toString());
        }
        return o;
    }

    private static Map<String, Object> candidate(PlanCandidate c) {
        Deployment d = c.deployment();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("hardware", d.hardware().name());
        o.put("tensorParallel", d.tensorParallel());
        if (d.parallelism().pipeline() > 1) {
            o.put("pipelineParallel", d.parallelism().pipeline());
        }
        if (d.parallelism().expert() > 1) {
            o.put("expertParallel", d.parallelism().expert());
        }
        o.put("replicas", c.replicas());
        o.put("totalGpus", c.totalGpus());
        o.put("weights", lower(d.formats().weights()));
        o.put("weightScheme", d.formats().weightScheme().id());
        o.put("activations", lower(d.formats().activations()));
        o.put("kvCache", lower(d.formats().kvCache()));
        o.put("maxBatch", c.maxBatch());
        o.put("requestsPerSecondCapacity", c.requestsPerSecondCapacity());
        o.put("capacityLimit", c.capacityLimit().id());
        o.put("utilization", c.utilization());
        Optional<Verification> v = c.verification();
        o.put("verified", v.isPresent());
        // verified: the simulated percentiles replace the model's, which stay beside them
        String model = v.isPresent() ? "modelTimeToFirstTokenSecondsP90" : "timeToFirstTokenSecondsP90";
        o.put(model, c.timeToFirstTokenP90().toSeconds());
        EstimateView.seconds(o, model, c.timeToFirstTokenP90Interval());
        model = v.isPresent() ? "modelTimePerOutputTokenSecondsP90" : "timePerOutputTokenSecondsP90";
        o.put(model, c.timePerOutputTokenP90().toSeconds());
        EstimateView.seconds(o, model, c.timePerOutputTokenP90Interval());
        v.ifPresent(s -> {
            o.put("timeToFirstTokenSecondsP90", s.timeToFirstTokenP90().toSeconds());
            o.put("timePerOutputTokenSecondsP90", s.timePerOutputTokenP90().toSeconds());
            o.put("meetsTargetsInSimulation", s.meetsTargets());
            o.put("replicasAddedInSimulation", s.replicasAdded());
            o.put("simulatedSeconds", s.simulatedSeconds());
            o.put("simulatedRequests", s.completedRequests());
            o.put("sloAttainment", s.sloAttainment());
        });
        o.put("pricePerGpuHourUsd", d.pricing().orElseThrow().usdPerDeviceHour());
        o.put("costPerMonthUsd", c.costPerMonth().toUsd());
        o.put("costPerMillionInputTokensUsd", c.costs().perMillionInputTokens().toUsd());
        o.put(
                "costPerMillionOutputTokensUsd",
                c.costs().perMillionOutputTokens().toUsd());
        EstimateView.money(o, "costPerMillionOutputTokensUsd", c.costPerMillionOutputTokensInterval());
        o.put(
                "costPerMillionTokensBlendedUsd",
                c.costs().perMillionTokensBlended().toUsd());
        o.put("calibration", d.calibration().source());
        return o;
    }

    String text() {
        PlanRequest r = plan.request();
        StringBuilder s = new StringBuilder();
        line(
                s,
                "Plan for %s: %.4g requests/s of %d in / %d out%s%s, headroom %.0f%%",
                r.model().name(),
                r.requestsPerSecond(),
                r.traffic().inputTokens(),
                r.traffic().outputTokens(),
                r.timeToFirstTokenP90().map(t -> ", p90 TTFT <= " + t).orElse(""),
                r.timePerOutputTokenP90().map(t -> ", p90 TPOT <= " + t).orElse(""),
                100 * r.headroom());
        Optional<PlanCandidate> best = plan.best();
        if (best.isEmpty()) {
            line(s, "No deployment searched serves it. Why:");
            for (Exclusion x : plan.exclusions()) {
                line(s, "  %s", x);
            }
        } else {
            PlanCandidate b = best.get();
            line(
                    s,
                    "Cheapest: %d x %s, batch cap %d: %s per month (%d GPUs, a month = %.0f h)",
                    b.replicas(),
                    Plan.describe(b.deployment()),
                    b.maxBatch(),
                    b.costPerMonth(),
                    b.totalGpus(),
                    PlanRequest.HOURS_PER_MONTH);
            line(
                    s,
                    "  p90 time to first token %s (80%%: %s), p90 time per output token %s (%s)",
                    b.timeToFirstTokenP90(),
                    b.timeToFirstTokenP90Interval(),
                    b.timePerOutputTokenP90(),
                    b.timePerOutputTokenP90Interval());
            line(
                    s,
                    "  utilisation %.0f%%; capacity %.4g requests/s, bound by %s; %s per million output tokens (%s),"
                            + " %s per million input, %s blended",
                    100 * b.utilization(),
                    b.requestsPerSecondCapacity(),
                    b.capacityLimit().id(),
                    b.costs().perMillionOutputTokens(),
                    b.costPerMillionOutputTokensInterval(),
                    b.costs().perMillionInputTokens(),
                    b.costs().perMillionTokensBlended());
            line(s, "");
            line(
                    s,
                    "%-4s %-58s %8s %6s %5s %10s %10s %6s %12s %10s",
                    "rank",
                    "replica",
                    "replicas",
                    "GPUs",
                    "cap",
                    "p90 TTFT",
                    "p90 TPOT",
                    "util",
                    "per month",
                    "$/M out");
            int rank = 1;
            for (PlanCandidate c :
                    plan.candidates().subList(0, Math.min(top, plan.candidates().size()))) {
                line(
                        s,
                        "%-4d %-58s %8d %6d %5d %10s %10s %5.0f%% %12s %10s",
                        rank++,
                        Plan.describe(c.deployment()),
                        c.replicas(),
                        c.totalGpus(),
                        c.maxBatch(),
                        c.timeToFirstTokenP90(),
                        c.timePerOutputTokenP90(),
                        100 * c.utilization(),
                        c.costPerMonth(),
                        c.costs().perMillionOutputTokens());
            }
        }
        List<PlanCandidate> verified = plan.candidates().stream()
                .filter(c -> c.verification().isPresent())
                .toList();
        if (!verified.isEmpty()) {
            line(s, "");
            line(s, "Confirmed by simulation (Poisson arrivals at the rate, least-loaded routing, seed 1):");
            for (PlanCandidate c : verified) {
                Verification v = c.verification().orElseThrow();
                line(
                        s,
                        "  %d x %s: p90 TTFT %s, p90 TPOT %s over %d requests (%.0f s), %.0f%% within both"
                                + " targets: %s%s",
                        c.replicas(),
                        Plan.describe(c.deployment()),
                        v.timeToFirstTokenP90(),
                        v.timePerOutputTokenP90(),
                        v.completedRequests(),
                        v.simulatedSeconds(),
                        100 * v.sloAttainment(),
                        v.meetsTargets() ? "targets met" : "targets MISSED",
                        v.replicasAdded() > 0 ? " (" + v.replicasAdded() + " replicas added to the model's)" : "");
            }
        }
        line(s, "");
        line(s, "The same traffic through an API (list prices):");
        for (ApiCost a : plan.apiCosts()) {
            line(
                    s,
                    "  %-34s %12s per month, %s per million tokens blended (price of %s)",
                    a.api().provider() + " " + a.api().model(),
                    a.perMonth(),
                    a.perMillionTokensBlended(),
                    a.api().asOf());
        }
        line(
                s,
                "%d candidates evaluated; %d feasible deployments, %d set aside (--json lists why)%s",
                plan.candidatesEvaluated(),
                plan.candidates().size(),
                plan.exclusions().size(),
                chart == null ? "" : "; frontier drawn in " + chart);
        return s.toString().stripTrailing();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
