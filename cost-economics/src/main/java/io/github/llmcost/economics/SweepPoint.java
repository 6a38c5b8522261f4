package io.github.llmcost.economics;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.HardwareSpec;
import java.util.Objects;

/**
 * One configuration of a {@link Sweep} and its headline figures, as plain numbers whose names carry their units.
 *
 * <p>A configuration that cannot run is kept, marked: {@link #feasible()} is false, {@link #feasibility()} says why,
 * and its times, throughput and costs are absent: their accessors throw an {@link
 * io.github.llmcost.hardware.InfeasibleConfigurationException} and {@link #toCsv()} leaves their columns empty. A
 * point on a chip without a price has times but no costs ({@link #hasPrice()}). Filter before reading:
 * {@code sweep.stream().filter(p -> p.feasible() && p.hasPrice())}.
 *
 * @param model the model
 * @param hardware the chip
 * @param weightFormat the weight format
 * @param kvCacheFormat the KV-cache format
 * @param promptTokens prompt tokens per request
 * @param outputTokens output tokens per request
 * @param batchSize sequences decoded together
 * @param feasibility whether the configuration can run, and why not
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
        Feasibility feasibility,
        double timeToFirstTokenSeconds,
        double timePerOutputTokenSeconds,
        double decodeTokensPerSecond,
        long maxConcurrentSessions,
        double costPerMillionInputTokensUsd,
        double costPerMillionOutputTokensUsd) {

    /** Checks that every reference component is present. */
    public SweepPoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(weightFormat, "weightFormat");
        Objects.requireNonNull(kvCacheFormat, "kvCacheFormat");
        Objects.requireNonNull(feasibility, "feasibility");
    }

    /** The CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER = "model,hardware,weightFormat,kvCacheFormat,promptTokens,outputTokens,"
            + "batchSize,feasible,timeToFirstTokenSeconds,timePerOutputTokenSeconds,decodeTokensPerSecond,"
            + "maxConcurrentSessions,costPerMillionInputTokensUsd,costPerMillionOutputTokensUsd";

    /**
     * The point of an estimate: its figures where it can run, its costs where it also has a price.
     *
     * @param e the estimate
     * @return the point
     */
    public static SweepPoint of(Estimate e) {
        boolean runs = e.isFeasible();
        boolean priced = runs && e.pricing().isPresent();
        return new SweepPoint(
                e.model(),
                e.hardware(),
                e.formats().weights(),
                e.formats().kvCache(),
                e.workload().promptTokens(),
                e.workload().outputTokens(),
                e.workload().batchSize(),
                e.feasibility(),
                runs ? e.timeToFirstToken().toSeconds() : Double.NaN,
                runs ? e.timePerOutputToken().toSeconds() : Double.NaN,
                runs ? e.decodeTokensPerSecond() : Double.NaN,
                e.maxConcurrentSessions(),
                priced ? e.costPerMillionInputTokens().toUsd() : Double.NaN,
                priced ? e.costPerMillionOutputTokens().toUsd() : Double.NaN);
    }

    /** {@return whether the configuration can run} */
    public boolean feasible() {
        return feasibility.isFeasible();
    }

    /** {@return whether the point has costs: it can run and its chip has a price} */
    public boolean hasPrice() {
        return feasible() && !Double.isNaN(costPerMillionOutputTokensUsd);
    }

    @Override
    public double timeToFirstTokenSeconds() {
        feasibility.requireFeasible("time to first token");
        return timeToFirstTokenSeconds;
    }

    @Override
    public double timePerOutputTokenSeconds() {
        feasibility.requireFeasible("time per output token");
        return timePerOutputTokenSeconds;
    }

    @Override
    public double decodeTokensPerSecond() {
        feasibility.requireFeasible("decode tokens per second");
        return decodeTokensPerSecond;
    }

    @Override
    public double costPerMillionInputTokensUsd() {
        return cost(costPerMillionInputTokensUsd, "cost per million input tokens");
    }

    @Override
    public double costPerMillionOutputTokensUsd() {
        return cost(costPerMillionOutputTokensUsd, "cost per million output tokens");
    }

    private double cost(double value, String what) {
        feasibility.requireFeasible(what);
        if (Double.isNaN(value)) {
            throw new IllegalStateException(
                    "cannot give the " + what + ": " + hardware.name() + " has no rental price; set one");
        }
        return value;
    }

    /**
     * {@return one CSV line (no line break), fields in {@link #CSV_HEADER}'s order; the columns a point does not have
     * (times and costs of an infeasible point, costs without a price) are empty}
     */
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
                + feasible()
                + ','
                + number(timeToFirstTokenSeconds)
                + ','
                + number(timePerOutputTokenSeconds)
                + ','
                + number(decodeTokensPerSecond)
                + ','
                + maxConcurrentSessions
                + ','
                + number(costPerMillionInputTokensUsd)
                + ','
                + number(costPerMillionOutputTokensUsd);
    }

    /** A figure as CSV: its shortest round-trip form, or empty if the point does not have it. */
    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static String csv(String field) {
        return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
