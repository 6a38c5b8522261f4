package io.github.llmcost.examples;

import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.WeightFit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The views of {@code llm-cost fit}: one JSON object, or a table with a row per weight scheme. Both read every figure
 * from {@link WeightFit}.
 */
final class FitView {
    private FitView() {}

    static Map<String, Object> of(Deployment d, long context, List<WeightFit> fits) {
        Map<String, Object> o = header(d, context);
        List<Object> rows = new ArrayList<>();
        for (WeightFit f : fits) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scheme", f.scheme().id());
            row.put("elementFormat", f.scheme().elementFormat().name());
            row.put("computeFormat", f.deployment().formats().activations().name());
            row.put("runnable", f.isRunnable());
            row.put("blockedBy", f.blockedBy().orElse(null));
            row.put("weightBytes", f.weightBytes().toBytes());
            row.put("weightsFit", f.weightsFit());
            row.put("longestContextTokens", f.longestContextTokens());
            row.put("largestBatch", f.largestBatch());
            row.put("decodeContextTokens", f.decodeContextTokens());
            row.put(
                    "decodeTokensPerSecond",
                    f.decodeTokensPerSecond().isPresent()
                            ? f.decodeTokensPerSecond().getAsDouble()
                            : null);
            rows.add(row);
        }
        o.put("schemes", rows);
        return o;
    }

    private static Map<String, Object> header(Deployment d, long context) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", d.model().name());
        o.put("hardware", d.hardware().name());
        o.put("gpus", d.tensorParallel());
        o.put(
                "memoryBytes",
                d.hardware().memoryCapacity().multipliedBy(d.tensorParallel()).toBytes());
        o.put(
                "maxContextTokens",
                d.model().maxContextTokens().isPresent()
                        ? d.model().maxContextTokens().getAsLong()
                        : null);
        o.put("kvCacheFormat", d.formats().kvCache().name());
        d.formats().chosenKvScheme().ifPresent(s -> o.put("kvScheme", s.id()));
        o.put("contextTokens", context);
        o.put("calibration", d.calibration().source());
        return o;
    }

    static String table(Deployment d, long context, List<WeightFit> fits) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s on %s%s (%s), KV cache %s%n",
                d.model().name(),
                d.tensorParallel() > 1 ? d.tensorParallel() + " x " : "",
                d.hardware().name(),
                d.hardware().memoryCapacity().multipliedBy(d.tensorParallel()),
                d.formats().kvCache()));
        out.append(String.format(
                Locale.ROOT,
                "%-10s %-9s %-22s %-5s %15s %12s %13s%n",
                "scheme",
                "compute",
                "weights",
                "fits",
                "longest context",
                "batch @ " + context,
                "decode tok/s"));
        for (WeightFit f : fits) {
            String compute =
                    f.scheme().elementFormat() == f.deployment().formats().activations()
                            ? "W" + f.scheme().elementFormat().bitsPerElement() + "A"
                                    + f.deployment().formats().activations().bitsPerElement()
                            : f.deployment().formats().scheme();
            if (!f.isRunnable()) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-10s %-9s %-22s %s%n",
                        f.scheme().id(),
                        compute,
                        f.weightBytes(),
                        "cannot run: " + f.blockedBy().orElse("")));
                continue;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%-10s %-9s %-22s %-5s %,15d %,12d %13s%n",
                    f.scheme().id(),
                    compute,
                    f.weightBytes(),
                    f.weightsFit() ? "yes" : "no",
                    f.longestContextTokens(),
                    f.largestBatch(),
                    f.decodeTokensPerSecond().isPresent()
                            ? String.format(
                                            Locale.ROOT,
                                            "%.1f",
                                            f.decodeTokensPerSecond().getAsDouble())
                                    + (f.decodeContextTokens() < context ? "*" : "")
                            : "-"));
        }
        out.append("Longest context: one sequence, capped at the model's maximum; batch: sequences of ")
                .append(context)
                .append(" tokens at once; decode: one sequence at ")
                .append(context)
                .append(" tokens (* at the longest context that fits).")
                .append(System.lineSeparator());
        return out.toString();
    }
}
