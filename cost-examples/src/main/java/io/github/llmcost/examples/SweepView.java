package io.github.llmcost.examples;

import io.github.llmcost.economics.SweepPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a sweep point: the columns of its CSV line, named and ordered by {@link SweepPoint#CSV_HEADER} (the
 * one list of them), each read from the point. A point that cannot run has no times or costs and has its binding
 * limit and reasons instead; one without a price has no costs. A column this class cannot read is a bug caught by the
 * tests, never a silently missing field.
 */
final class SweepView {
    /** The fields, in order: the CSV header's columns. */
    static final List<String> COLUMNS = List.of(SweepPoint.CSV_HEADER.split(","));

    private SweepView() {}

    static Map<String, Object> of(SweepPoint p) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            Object value = value(p, column);
            if (value != null) {
                row.put(column, value);
            }
        }
        if (!p.feasible()) {
            row.put("bindingLimit", p.feasibility().bindingLimit().orElseThrow().name());
            row.put("reasons", EstimateView.reasons(p.feasibility()));
        }
        return row;
    }

    /**
     * One column of a point.
     *
     * @param p the point
     * @param column the column's name in {@link SweepPoint#CSV_HEADER}
     * @return its value, or null where the point does not have it (times and costs of a point that cannot run, costs
     *     without a price)
     * @throws IllegalStateException for a column this class does not know
     */
    static @Nullable Object value(SweepPoint p, String column) {
        return switch (column) {
            case "model" -> p.model().name();
            case "hardware" -> p.hardware().name();
            case "weightFormat" -> p.weightFormat().name();
            case "kvCacheFormat" -> p.kvCacheFormat().name();
            case "promptTokens" -> p.promptTokens();
            case "outputTokens" -> p.outputTokens();
            case "batchSize" -> p.batchSize();
            case "feasible" -> p.feasible();
            case "maxConcurrentSessions" -> p.maxConcurrentSessions();
            case "timeToFirstTokenSeconds" -> p.feasible() ? p.timeToFirstTokenSeconds() : null;
            case "timePerOutputTokenSeconds" -> p.feasible() ? p.timePerOutputTokenSeconds() : null;
            case "decodeTokensPerSecond" -> p.feasible() ? p.decodeTokensPerSecond() : null;
            case "costPerMillionInputTokensUsd" -> p.hasPrice() ? p.costPerMillionInputTokensUsd() : null;
            case "costPerMillionOutputTokensUsd" -> p.hasPrice() ? p.costPerMillionOutputTokensUsd() : null;
            default -> throw new IllegalStateException("the sweep's JSON has no field for the CSV column " + column);
        };
    }
}
