package io.github.llmcost.economics;

import io.github.llmcost.core.Workload;
import java.util.Locale;

/**
 * The text of an {@link Estimate}: its configuration in one line, then FLOPs, each time with its 80% interval and its
 * bound, memory, costs and the calibration used; what cannot run gives its reasons and memory only. Reads the
 * estimate's figures, computes none.
 */
final class EstimateText {
    private EstimateText() {}

    static String of(Estimate e) {
        Workload w = e.workload();
        String header = String.format(
                Locale.ROOT,
                "%s on %s%s (%s): %d prompt + %d output tokens, batch %d%s; %s%n",
                e.model().name(),
                e.gpus() > 1 ? e.gpus() + " x " : "",
                e.hardware().name(),
                e.convention(),
                w.promptTokens(),
                w.outputTokens(),
                w.batchSize(),
                w.sharedPrefixTokens() > 0 ? ", " + w.sharedPrefixTokens() + " shared prefix tokens" : "",
                e.formats());
        Deployment d = e.deployment();
        if (!d.parallelism().equals(io.github.llmcost.hardware.Parallelism.NONE)) {
            header += String.format(
                    Locale.ROOT,
                    "  parallelism: tp %d, %s; nodes: %d x %s%n",
                    d.tensorParallel(),
                    d.parallelism(),
                    d.parallelism().nodes(d.tensorParallel(), d.node()),
                    d.node());
        }
        header += e.deployment()
                .speculativeDecoding()
                .map(s -> "  " + s + System.lineSeparator())
                .orElse("");
        if (!e.isFeasible()) {
            return header + "  cannot run: " + e.feasibility().summary() + System.lineSeparator() + "  memory: "
                    + e.memory();
        }
        String money = e.pricing().isEmpty()
                ? "  no price for " + e.hardware().name() + ": set a price per hour to see costs"
                : String.format(
                        Locale.ROOT,
                        "  cost at %s: %s per million input tokens (%s per million computed), %s per million output"
                                + " tokens",
                        e.pricing().orElseThrow(),
                        e.costPerMillionInputTokens(),
                        e.costPerMillionUncachedInputTokens(),
                        e.costPerMillionOutputTokens());
        return header
                + String.format(
                        Locale.ROOT,
                        "  FLOPs: prefill %s, decode step %s%n"
                                + "  time to first token %s (%s, %s-bound), per output token %s (%s, %s-bound),"
                                + " %.1f tokens/s per user, %.0f in all, request %s%n"
                                + "  memory: %s%n"
                                + "%s; %.3g J per output token%n"
                                + "  calibration: %s; (low-high) is its 80%% interval",
                        e.prefillFlops(),
                        e.decodeStepFlops(),
                        e.timeToFirstToken(),
                        e.timeToFirstTokenInterval(),
                        e.prefill().bound(),
                        e.timePerOutputToken(),
                        e.timePerOutputTokenInterval(),
                        e.decode().bound(),
                        e.decodeTokensPerSecondPerUser(),
                        e.decodeTokensPerSecond(),
                        e.requestLatency(),
                        e.memory(),
                        money,
                        e.joulesPerOutputToken(),
                        e.calibration().source());
    }
}
