package io.github.llmcost.examples;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.economics.compare.ContextFigures;
import io.github.llmcost.economics.compare.ContextFit;
import io.github.llmcost.economics.compare.Figure;
import io.github.llmcost.economics.compare.Scorecard;
import io.github.llmcost.economics.compare.ScorecardRow;
import io.github.llmcost.hardware.Limit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code compare}'s text: three tables read from the {@link Scorecard}: each model's weights, cache per token, fixed
 * state and largest context; its figures at each context; and how each figure grows from the first context to the
 * last. A context where the model does not run shows the limit that binds instead of times.
 */
final class CompareText {
    private CompareText() {}

    /**
     * The scorecard as text.
     *
     * @param card the scorecard
     * @return the tables, ending with a line break
     */
    static String of(Scorecard card) {
        List<ScorecardRow> rows = card.rows();
        int name = "model".length();
        for (ScorecardRow r : rows) {
            name = Math.max(name, r.model().name().length());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s, %s for each model (weights, activations, KV cache and state); weights %s, cache %s, %s%n%n",
                card.hardware().name(),
                decimal(card.memoryBudget()),
                card.weights(),
                card.kvCache(),
                card.convention()));
        String models = "%-" + name + "s  %-9s  %-12s  %-11s  %s%n";
        out.append(String.format(
                Locale.ROOT, models, "model", "weights", "KV per token", "fixed state", "largest context"));
        for (ScorecardRow r : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    models,
                    r.model().name(),
                    decimal(r.weightBytes()),
                    decimal(r.kvBytesPerToken()),
                    decimal(r.fixedStateBytes()),
                    fit(r.largestContext())));
        }
        String figures = "%-" + name + "s  %9s  %-11s  %9s  %-10s  %-8s  %-10s  %-11s  %s%n";
        out.append(System.lineSeparator())
                .append(String.format(
                        Locale.ROOT,
                        figures,
                        "model",
                        "context",
                        "prefill",
                        "quadratic",
                        "KV + state",
                        "memory",
                        "step moves",
                        "first token",
                        "tokens/s"));
        for (ScorecardRow r : rows) {
            for (ContextFigures c : r.contexts()) {
                out.append(String.format(
                        Locale.ROOT,
                        figures,
                        r.model().name(),
                        String.format(Locale.ROOT, "%,d", c.contextTokens()),
                        c.prefillFlops(),
                        String.format(Locale.ROOT, "%.1f%%", 100 * c.quadraticShare()),
                        decimal(c.stateBytes()),
                        decimal(c.memoryBytes()),
                        c.decodeStepBytes().map(CompareText::decimal).orElse("-"),
                        c.timeToFirstToken().map(Object::toString).orElse("-"),
                        c.isFeasible()
                                ? String.format(
                                        Locale.ROOT,
                                        "%.3g",
                                        c.decodeTokensPerSecond().orElseThrow())
                                : "does not run: "
                                        + c.feasibility()
                                                .bindingLimit()
                                                .map(CompareText::limit)
                                                .orElse("")));
            }
        }
        long[] contexts = card.contexts();
        if (contexts.length > 1) {
            out.append(String.format(
                    Locale.ROOT,
                    "%ngrowth from %,d to %,d tokens (last over first; - where the model does not run at both):%n",
                    contexts[0],
                    contexts[contexts.length - 1]));
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + name + "s", "model"));
            for (Figure f : Figure.values()) {
                header.append("  ").append(String.format(Locale.ROOT, "%-" + width(f) + "s", heading(f)));
            }
            out.append(header.toString().stripTrailing()).append(System.lineSeparator());
            for (ScorecardRow r : rows) {
                StringBuilder line = new StringBuilder(
                        String.format(Locale.ROOT, "%-" + name + "s", r.model().name()));
                for (Figure f : Figure.values()) {
                    line.append("  ").append(String.format(Locale.ROOT, "%-" + width(f) + "s", ratio(r.growth(f))));
                }
                out.append(line.toString().stripTrailing()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** The column heading of a figure in the growth table. */
    static String heading(Figure f) {
        return switch (f) {
            case PREFILL_FLOPS -> "prefill";
            case QUADRATIC_SHARE -> "quadratic";
            case STATE_BYTES -> "KV + state";
            case MEMORY_BYTES -> "memory";
            case DECODE_STEP_BYTES -> "step moves";
            case TIME_TO_FIRST_TOKEN_SECONDS -> "first token";
            case TIME_PER_OUTPUT_TOKEN_SECONDS -> "per token";
            case DECODE_TOKENS_PER_SECOND -> "tokens/s";
        };
    }

    private static int width(Figure f) {
        return Math.max(8, heading(f).length());
    }

    private static String ratio(OptionalDouble growth) {
        return growth.isPresent() ? String.format(Locale.ROOT, "%.3gx", growth.getAsDouble()) : "-";
    }

    /** The largest context and what stops it, in words. */
    private static String fit(ContextFit fit) {
        if (!fit.fitsAtAll()) {
            return "does not fit: " + fit.limit().map(CompareText::limit).orElse("");
        }
        if (fit.limit().isEmpty()) { // a fixed state and no maximum context: nothing grows
            return "unbounded (fits at 2^40 tokens, the search's end)";
        }
        return String.format(Locale.ROOT, "%,d", fit.tokens()) + " ("
                + limit(fit.limit().get()) + ")";
    }

    /** What a limit means on the scorecard. */
    static String limit(Limit limit) {
        return switch (limit) {
            case CONTEXT -> "the model's maximum context";
            case KV_CACHE -> "memory for the cache";
            case MEMORY -> "weights and activations exceed the budget";
            case COMPUTE_FORMAT -> "no compute path for the format";
            case INTERCONNECT -> "no interconnect";
            case TENSOR_PARALLEL -> "tensor parallelism";
            case PARALLELISM -> "pipeline or expert parallelism";
        };
    }

    /** An amount in decimal units only, as {@link Bytes#toString()} prints it before its binary form. */
    static String decimal(Bytes bytes) {
        String text = bytes.toString();
        int binary = text.indexOf(" (");
        return binary < 0 ? text : text.substring(0, binary);
    }
}
