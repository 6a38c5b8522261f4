package io.github.llmcost.examples;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.Measurement;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a measurement file (CSV header or JSONL keys), one observation a row, turned into a {@link
 * Measurement}: the one mapping both formats share. Units are converted and checked: a time in {@code s}, {@code ms}
 * or {@code us}, a throughput in {@code tokens/s} (the model replica's, all its GPUs together) or {@code tokens/s/gpu};
 * a value more than {@value #IMPLAUSIBLE} times off the shipped calibration's prediction is refused as a likely unit
 * mistake.
 */
final class MeasurementColumns {
    /** Every column a file may have. */
    static final List<String> COLUMNS = List.of(
            "model",
            "hardware",
            "gpus",
            "weights",
            "kv",
            "compute",
            "metric",
            "batch",
            "input_tokens",
            "output_tokens",
            "value",
            "unit",
            "engine");

    /** The columns every row needs (hardware too, unless {@code --hardware} gives it). */
    static final List<String> REQUIRED = List.of("model", "metric", "input_tokens", "value", "unit");

    /** Measured over predicted time beyond which (or below its inverse) a row is refused as a unit mistake. */
    static final double IMPLAUSIBLE = 20;

    /** The metrics a file names, and what each is. */
    static final Map<String, String> METRICS = Map.of(
            "ttft", "time to first token of the batch's prompts (prefill)",
            "tpot", "mean time per output token while decoding (the decode step at input + output/2 tokens)",
            "decode_step", "the time of one decode step over a cache of input_tokens",
            "decode_tokens_per_second_per_user", "output tokens/s one user sees while decoding",
            "static_batch_throughput", "batch x output tokens over the whole static batch's time",
            "saturated_throughput", "output tokens/s at saturation under continuous batching");

    private static final Set<String> TIME_METRICS = Set.of("ttft", "tpot", "decode_step");

    private MeasurementColumns() {}

    /**
     * One row as a measurement.
     *
     * @param row column to text (absent or blank: the column's default)
     * @param id the row's id, for messages
     * @param base the directory a relative config.json path is read from
     * @param hardware the chip for rows that do not name one, or null
     * @return the measurement
     * @throws IllegalArgumentException naming the row, the column and the value
     */
    static Measurement measurement(Map<String, String> row, String id, Path base, @Nullable HardwareSpec hardware) {
        for (String key : row.keySet()) {
            if (!COLUMNS.contains(key)) {
                throw new IllegalArgumentException(
                        id + ": column " + key + " is not known; known: " + String.join(", ", COLUMNS));
            }
        }
        try {
            return build(row, id, base, hardware);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(message.startsWith(id + ": ") ? message : id + ": " + message, e);
        }
    }

    private static Measurement build(
            Map<String, String> row, String id, Path base, @Nullable HardwareSpec defaultHardware) {
        for (String key : REQUIRED) {
            if (get(row, key) == null) {
                throw new IllegalArgumentException("column " + key + " is missing or empty");
            }
        }
        String hardwareId = get(row, "hardware");
        if (hardwareId == null && defaultHardware == null) {
            throw new IllegalArgumentException("column hardware is missing or empty (or give --hardware)");
        }
        HardwareSpec hardware = hardwareId == null ? defaultHardware : HardwarePresets.byId(hardwareId);
        String metric = required(row, "metric").toLowerCase(Locale.ROOT);
        if (!METRICS.containsKey(metric)) {
            throw new IllegalArgumentException(
                    "metric (" + metric + ") is not known; known: " + String.join(", ", METRICS.keySet()));
        }
        int gpus = (int) whole(row, "gpus", 1, 1, Integer.MAX_VALUE);
        int batch = (int) whole(row, "batch", 1, 1, Integer.MAX_VALUE);
        long input = whole(row, "input_tokens", 0, 0, Long.MAX_VALUE);
        long output = whole(row, "output_tokens", metric.equals("ttft") ? 0 : 1, 0, Long.MAX_VALUE);
        double value = number(row, "value");
        String unit = required(row, "unit").toLowerCase(Locale.ROOT);
        double converted = convert(metric, value, unit, gpus);
        Workload.Builder w = Workload.builder().batchSize(batch);
        Measurement.Builder b = Measurement.builder()
                .source(id)
                .model(model(required(row, "model"), base))
                .hardware(java.util.Objects.requireNonNull(hardware))
                .tensorParallel(gpus)
                .formats(formats(row));
        switch (metric) {
            case "ttft" ->
                b.metric(Measurement.Metric.TIME_TO_FIRST_TOKEN)
                        .workload(w.promptTokens(input).outputTokens(output).build());
            case "decode_step" ->
                b.metric(Measurement.Metric.DECODE_STEP_SECONDS)
                        .workload(w.promptTokens(input).outputTokens(1).build());
            case "tpot" ->
                b.metric(Measurement.Metric.DECODE_STEP_SECONDS)
                        .workload(w.promptTokens(input + output / 2)
                                .outputTokens(1)
                                .build());
            case "decode_tokens_per_second_per_user" ->
                b.metric(Measurement.Metric.DECODE_TOKENS_PER_SECOND_PER_USER)
                        .workload(w.promptTokens(input).outputTokens(output).build());
            case "static_batch_throughput" ->
                b.metric(Measurement.Metric.STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND)
                        .workload(w.promptTokens(input).outputTokens(output).build());
            default ->
                b.metric(Measurement.Metric.SATURATED_OUTPUT_TOKENS_PER_SECOND)
                        .workload(w.promptTokens(input).outputTokens(output).build());
        }
        Measurement m = b.value(converted).build();
        runnable(m);
        plausible(m, metric, value, unit);
        return m;
    }

    /**
     * Refuses a configuration that cannot run (tensor parallelism the heads do not divide, weights over memory, a
     * context over the model's), naming every limit that binds, the binding one first.
     *
     * @param m the measurement
     * @throws IllegalArgumentException "cannot run: " and {@link Feasibility#summary()}
     */
    static void runnable(Measurement m) {
        Feasibility f =
                m.performance(CalibratedEfficiencies.forHardware(m.hardware())).feasibility();
        if (!f.isFeasible()) {
            throw new IllegalArgumentException("this configuration cannot run, so it cannot be fitted: " + f.summary());
        }
    }

    /** The value in the measurement's unit (seconds, or tokens/s per replica), or a refusal naming the unit. */
    static double convert(String metric, double value, String unit, int gpus) {
        boolean time = TIME_METRICS.contains(metric);
        if (time) {
            return switch (unit) {
                case "s" -> value;
                case "ms" -> value / 1e3;
                case "us" -> value / 1e6;
                default ->
                    throw new IllegalArgumentException(
                            "unit (" + unit + ") does not fit metric " + metric + ": use s, ms or us");
            };
        }
        return switch (unit) {
            case "tokens/s" -> value;
            case "tokens/s/gpu" -> value * gpus;
            default ->
                throw new IllegalArgumentException(
                        "unit (" + unit + ") does not fit metric " + metric + ": use tokens/s or tokens/s/gpu");
        };
    }

    /** Refuses a value so far from the shipped calibration's prediction that its unit or batch is likely wrong. */
    private static void plausible(Measurement m, String metric, double value, String unit) {
        double predicted = m.predicted(CalibratedEfficiencies.forHardware(m.hardware()));
        double ratio = m.value() / predicted;
        if (!(ratio <= IMPLAUSIBLE && ratio >= 1 / IMPLAUSIBLE)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s (%s %s) is %.3g times the model's %.4g %s for this configuration: check the unit, the batch"
                            + " and the GPU count",
                    metric,
                    value,
                    unit,
                    ratio,
                    predicted * value / m.value(),
                    unit));
        }
    }

    private static Formats formats(Map<String, String> row) {
        Formats f = Formats.of(format(row, "weights")).withKvCache(format(row, "kv"));
        String compute = get(row, "compute");
        return compute == null ? f : f.withActivations(parse("compute", compute));
    }

    private static NumericFormat format(Map<String, String> row, String key) {
        String text = get(row, key);
        return text == null ? NumericFormat.BF16 : parse(key, text);
    }

    private static NumericFormat parse(String key, String text) {
        try {
            return NumericFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    key + " (" + text + ") is not a format: " + DeploymentOptions.FORMATS, e);
        }
    }

    private static ModelSpec model(String text, Path base) {
        if (ModelPresets.ids().contains(text.toLowerCase(Locale.ROOT))) {
            return ModelPresets.byId(text);
        }
        if (text.endsWith(".json")) {
            return ConfigModels.read(base.resolve(text));
        }
        throw new IllegalArgumentException(
                "model (" + text + ") is neither a preset id (see `llm-cost presets`) nor a config.json path");
    }

    private static @Nullable String get(Map<String, String> row, String key) {
        String v = row.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String required(Map<String, String> row, String key) {
        String v = get(row, key);
        if (v == null) {
            throw new IllegalArgumentException("column " + key + " is missing or empty");
        }
        return v;
    }

    private static long whole(Map<String, String> row, String key, long otherwise, long min, long max) {
        String v = get(row, key);
        if (v == null) {
            return otherwise;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " (" + v + ") must be a whole number", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " (" + v + ") must be >= " + min);
        }
        return n;
    }

    private static double number(Map<String, String> row, String key) {
        String v = required(row, key);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " (" + v + ") must be a number", e);
        }
        if (!(d > 0 && Double.isFinite(d))) {
            throw new IllegalArgumentException(key + " (" + v + ") must be finite and > 0");
        }
        return d;
    }
}
