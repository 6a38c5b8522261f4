package io.github.llmcost.examples;

import io.github.llmcost.economics.SweepPoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a sweep point: the fields of its CSV line; a point that cannot run has its reasons instead of
 * times and costs, and one without a price has no costs.
 */
final class SweepView {
    private SweepView() {}

    static Map<String, Object> of(SweepPoint p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", p.model().name());
        row.put("hardware", p.hardware().name());
        row.put("weightFormat", p.weightFormat().name());
        row.put("kvCacheFormat", p.kvCacheFormat().name());
        row.put("promptTokens", p.promptTokens());
        row.put("outputTokens", p.outputTokens());
        row.put("batchSize", p.batchSize());
        row.put("feasible", p.feasible());
        row.put("maxConcurrentSessions", p.maxConcurrentSessions());
        if (!p.feasible()) {
            row.put("bindingLimit", p.feasibility().bindingLimit().orElseThrow().name());
            row.put("reasons", EstimateView.reasons(p.feasibility()));
            return row;
        }
        row.put("timeToFirstTokenSeconds", p.timeToFirstTokenSeconds());
        row.put("timePerOutputTokenSeconds", p.timePerOutputTokenSeconds());
        row.put("decodeTokensPerSecond", p.decodeTokensPerSecond());
        if (p.hasPrice()) {
            row.put("costPerMillionInputTokensUsd", p.costPerMillionInputTokensUsd());
            row.put("costPerMillionOutputTokensUsd", p.costPerMillionOutputTokensUsd());
        }
        return row;
    }
}
