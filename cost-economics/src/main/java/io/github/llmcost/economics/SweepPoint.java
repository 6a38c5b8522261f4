package io.github.llmcost.economics;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.hardware.HardwareSpec;

/**
 * One configuration of a {@link Sweep} and its headline figures, as plain numbers whose names carry their units.
 *
 * @param model the model
 * @param hardware the chip
 * @param weightFormat the weight format
 * @param kvCacheFormat the KV-cache format
 * @param promptTokens prompt tokens per request
 * @param outputTokens output tokens per request
 * @param batchSize sequences decoded together
 * @param timeToFirstTokenSeconds prefill of the batch
 * @param timePerOutputTokenSeconds mean decode step
 * @param decodeTokensPerSecond output tokens per second of the batch
 * @param maxConcurrentSessions whole sessions memory holds
 * @param costPerMillionInputTokensUsd device cost of a million input tokens
 * @param costPerMillionOutputTokensUsd device cost of a million output tokens
 */
public record SweepPoint(
        ModelSpec model,
        HardwareSpec hardware,
        NumericFormat weightFormat,
        NumericFormat kvCacheFormat,
        long promptTokens,
        long outputTokens,
        int batchSize,
        double timeToFirstTokenSeconds,
        double timePerOutputTokenSeconds,
        double decodeTokensPerSecond,
        long maxConcurrentSessions,
        double costPerMillionInputTokensUsd,
        double costPerMillionOutputTokensUsd) {

    /** Checks that every reference component is present. */
    public SweepPoint {
        java.util.Objects.requireNonNull(model, "model");
        java.util.Objects.requireNonNull(hardware, "hardware");
        java.util.Objects.requireNonNull(weightFormat, "weightFormat");
        java.util.Objects.requireNonNull(kvCacheFormat, "kvCacheFormat");
    }

    /** The CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER = "model,hardware,weightFormat,kvCacheFormat,promptTokens,outputTokens,"
            + "batchSize,timeToFirstTokenSeconds,timePerOutputTokenSeconds,decodeTokensPerSecond,"
            + "maxConcurrentSessions,costPerMillionInputTokensUsd,costPerMillionOutputTokensUsd";

    static SweepPoint of(Estimate e) {
        return new SweepPoint(
                e.model(),
                e.hardware(),
                e.workload().weightFormat(),
                e.workload().kvCacheFormat(),
                e.workload().promptTokens(),
                e.workload().outputTokens(),
                e.workload().batchSize(),
                e.timeToFirstToken().toSeconds(),
                e.timePerOutputToken().toSeconds(),
                e.decodeTokensPerSecond(),
                e.maxConcurrentSessions(),
                e.costPerMillionInputTokens().toUsd(),
                e.costPerMillionOutputTokens().toUsd());
    }

    /** {@return one CSV line (no line break), fields in {@link #CSV_HEADER}'s order} */
    public String toCsv() {
        return csv(model.name())
                + ','
                + csv(hardware.name())
                + ','
                + weightFormat
                + ','
                + kvCacheFormat
                + ','
                + promptTokens
                + ','
                + outputTokens
                + ','
                + batchSize
                + ','
                + timeToFirstTokenSeconds
                + ','
                + timePerOutputTokenSeconds
                + ','
                + decodeTokensPerSecond
                + ','
                + maxConcurrentSessions
                + ','
                + costPerMillionInputTokensUsd
                + ','
                + costPerMillionOutputTokensUsd;
    }

    private static String csv(String field) {
        return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
