package io.github.llmcost.examples;

import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.hardware.serving.Traffic;
import io.github.llmcost.hardware.serving.sim.QueuePoint;
import io.github.llmcost.hardware.serving.sim.Router;
import io.github.llmcost.hardware.serving.sim.SimulationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The text and JSON forms of {@code llm-cost simulate}: every field reads one figure of the {@link SimulationResult},
 * and the cost is computed in one place here ({@link #costPerMillionOutputTokensUsd}).
 */
final class SimulateView {
    private final Deployment d;
    private final SimulationResult r;
    private final Traffic nominal;
    private final Router router;
    private final String arrival;
    private final int groups;
    private final long sharedPrefix;
    private final @Nullable String disaggregate;

    SimulateView(
            Deployment d,
            SimulationResult r,
            Traffic nominal,
            Router router,
            String arrival,
            int groups,
            long sharedPrefix,
            @Nullable String disaggregate) {
        this.d = d;
        this.r = r;
        this.nominal = nominal;
        this.router = router;
        this.arrival = arrival;
        this.groups = groups;
        this.sharedPrefix = sharedPrefix;
        this.disaggregate = disaggregate;
    }

    /**
     * What an output token cost: every device of every replica paid for the whole simulated time (idle time
     * included, so the pricing's utilisation is not applied again), over the output tokens served.
     *
     * @param d the deployment, whose price is per device-hour
     * @param r the simulation
     * @return US dollars per million output tokens; null without a price or without output
     */
    static @Nullable Double costPerMillionOutputTokensUsd(Deployment d, SimulationResult r) {
        Optional<GpuPricing> pricing = d.pricing();
        if (pricing.isEmpty() || r.outputTokens() == 0) {
            return null;
        }
        double devices = (double) d.gpus() * r.replicas();
        double usd = devices * pricing.get().usdPerDeviceHour() * r.simulatedSeconds() / 3600;
        return usd / r.outputTokens() * 1e6;
    }

    Map<String, Object> json() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("feasible", true);
        o.put("model", d.model().name());
        o.put("hardware", d.hardware().name());
        o.put("gpus", d.tensorParallel());
        o.put("replicas", r.replicas());
        if (disaggregate != null) {
            o.put("disaggregate", disaggregate);
        }
        o.put("kvBlocksPerReplica", r.kvBlocksPerReplica());
        o.put("router", router.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.put("arrival", arrival);
        o.put("inputTokens", nominal.inputTokens());
        o.put("outputTokens", nominal.outputTokens());
        o.put("prefixGroups", groups);
        o.put("sharedPrefixTokens", sharedPrefix);
        o.put("completedRequests", r.completedRequests());
        o.put("rejectedRequests", r.rejectedRequests());
        o.put("simulatedSeconds", r.simulatedSeconds());
        o.put("requestsPerSecond", r.requestsPerSecond());
        o.put("outputTokensPerSecond", r.outputTokensPerSecond());
        o.put("steadyRequestsPerSecond", r.steadyRequestsPerSecond());
        o.put("goodputRequestsPerSecond", r.goodputRequestsPerSecond());
        o.put("sloAttainment", r.sloAttainment());
        o.put("ttftSecondsP50", r.ttftSecondsP50());
        o.put("ttftSecondsP90", r.ttftSecondsP90());
        o.put("ttftSecondsP99", r.ttftSecondsP99());
        o.put("ttftSecondsMean", r.ttftSecondsMean());
        o.put("tpotSecondsP50", r.tpotSecondsP50());
        o.put("tpotSecondsP90", r.tpotSecondsP90());
        o.put("tpotSecondsP99", r.tpotSecondsP99());
        o.put("e2eSecondsP50", r.e2eSecondsP50());
        o.put("e2eSecondsP90", r.e2eSecondsP90());
        o.put("e2eSecondsP99", r.e2eSecondsP99());
        o.put("e2eSecondsMean", r.e2eSecondsMean());
        o.put("meanRequestsInSystem", r.meanRequestsInSystem());
        o.put("maxQueueLength", r.maxQueueLength());
        o.put("meanQueueLength", r.meanQueueLength());
        o.put("queueIntervalSeconds", r.queueIntervalSeconds());
        List<Map<String, Object>> queue = new ArrayList<>();
        for (QueuePoint p : r.queueLength()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("seconds", p.seconds());
            q.put("waiting", p.waiting());
            q.put("running", p.running());
            queue.add(q);
        }
        o.put("queueLength", queue);
        o.put("prefixCacheHitRate", r.prefixCacheHitRate());
        o.put("cachedPromptTokens", r.cachedPromptTokens());
        o.put("preemptions", r.preemptions());
        o.put("utilization", r.utilization());
        o.put("steps", r.steps());
        Double cost = costPerMillionOutputTokensUsd(d, r);
        if (cost != null) {
            o.put("costPerMillionOutputTokensUsd", cost);
        }
        return o;
    }

    String text() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "%s on %d x %s, %d replica(s)%s, %s routing; %s arrivals, %d in / %d out%s%n",
                d.model().name(),
                d.gpus(),
                d.hardware().name(),
                r.replicas(),
                disaggregate != null ? " (" + disaggregate + ")" : "",
                router.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                arrival,
                nominal.inputTokens(),
                nominal.outputTokens(),
                groups > 0
                        ? String.format(Locale.ROOT, ", %d prefix group(s) of %d tokens", groups, sharedPrefix)
                        : ""));
        t.append(String.format(
                Locale.ROOT,
                "completed: %d requests in %.1f s (%d rejected): %.4g requests/s, %.0f output tokens/s%n",
                r.completedRequests(),
                r.simulatedSeconds(),
                r.rejectedRequests(),
                r.requestsPerSecond(),
                r.outputTokensPerSecond()));
        t.append(line("time to first token", r.ttftSecondsP50(), r.ttftSecondsP90(), r.ttftSecondsP99()));
        t.append(line("time per output token", r.tpotSecondsP50(), r.tpotSecondsP90(), r.tpotSecondsP99()));
        t.append(line("end to end", r.e2eSecondsP50(), r.e2eSecondsP90(), r.e2eSecondsP99()));
        t.append(String.format(
                Locale.ROOT,
                "queue: at most %d waiting, %.4g on average; %.4g in the system on average%n",
                r.maxQueueLength(),
                r.meanQueueLength(),
                r.meanRequestsInSystem()));
        t.append(String.format(
                Locale.ROOT,
                "utilisation %.1f%%, prefix-cache hits %.1f%%, %d preempted, goodput %.4g requests/s (%.1f%% within"
                        + " targets)%n",
                100 * r.utilization(),
                100 * r.prefixCacheHitRate(),
                r.preemptions(),
                r.goodputRequestsPerSecond(),
                100 * r.sloAttainment()));
        Double cost = costPerMillionOutputTokensUsd(d, r);
        t.append(
                cost == null
                        ? "cost: no price"
                        : String.format(
                                Locale.ROOT,
                                "cost: $%.4f per million output tokens (%d devices paid for %.1f s)",
                                cost,
                                d.gpus() * r.replicas(),
                                r.simulatedSeconds()));
        return t.toString();
    }

    private static String line(String what, double p50, double p90, double p99) {
        return String.format(Locale.ROOT, "%s: p50 %.4g s, p90 %.4g s, p99 %.4g s%n", what, p50, p90, p99);
    }
}
