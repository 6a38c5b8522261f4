package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of {@code published-measurements.json} (a copy of {@code shared/data/published-measurements.json} in test
 * resources) as {@link Measurement}s: each row's model, GPU, precision and metric mapped to presets, formats and
 * metrics. Rows with variable lengths (ShareGPT serving benchmarks) are skipped: a static workload cannot stand for
 * them.
 */
final class PublishedMeasurements {
    static final String RESOURCE = "/published-measurements.json";

    /** Llama 2 70B ({@code meta-llama/Llama-2-70b-hf} config.json): 68,976,648,192 parameters. */
    static final ModelSpec LLAMA_2_70B = ModelSpec.builder()
            .name("Llama 2 70B")
            .hiddenSize(8192)
            .numLayers(80)
            .numAttentionHeads(64)
            .numKeyValueHeads(8)
            .intermediateSize(28672)
            .vocabSize(32000)
            .build();

    private PublishedMeasurements() {}

    /**
     * {@return every row with fixed lengths, in file order, with its id in {@link Measurement#source()}: a max-load
     * throughput row as a saturated throughput (its FP8 rows with an FP8 KV cache, as NVIDIA's ModelOpt FP8 checkpoints
     * quantise it)}
     */
    static List<Measurement> load() {
        List<Measurement> out = new ArrayList<>();
        for (Object o : rows()) {
            Map<?, ?> row = (Map<?, ?>) Objects.requireNonNull(o);
            boolean saturated = "total_output_throughput".equals(row.get("metric"));
            if (!(row.get("batch_size") instanceof Double || saturated) || !(row.get("input_len") instanceof Double)) {
                continue; // a serving benchmark over a dataset's lengths
            }
            out.add(measurement(row));
        }
        return out;
    }

    /** {@return the file's rows, parsed} */
    static List<?> rows() {
        try (InputStream in = PublishedMeasurements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            return (List<?>)
                    Objects.requireNonNull(MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the id of a measurement loaded here} */
    static int id(Measurement m) {
        return Integer.parseInt(m.source().substring(1, m.source().indexOf(' ')));
    }

    private static Measurement measurement(Map<?, ?> row) {
        int id = number(row, "id").intValue();
        String engine = text(row, "engine");
        String precision = text(row, "precision").toLowerCase(Locale.ROOT);
        NumericFormat compute;
        NumericFormat weights;
        if (precision.startsWith("fp8")) {
            compute = NumericFormat.FP8_E4M3;
            weights = compute;
        } else if (precision.startsWith("int8 weight-only")) {
            compute = NumericFormat.BF16;
            weights = NumericFormat.INT8;
        } else if (precision.startsWith("fp16")) {
            compute = NumericFormat.FP16;
            weights = compute;
        } else if (precision.startsWith("bf16")) {
            compute = NumericFormat.BF16;
            weights = compute;
        } else {
            throw new IllegalArgumentException("precision (" + precision + ") of row " + id + " is not mapped");
        }
        Workload workload = Workload.builder()
                .batchSize(row.get("batch_size") instanceof Double batch ? batch.intValue() : 1)
                .promptTokens(number(row, "input_len").longValue())
                .outputTokens(number(row, "output_len").longValue())
                .build();
        Measurement.Builder b = Measurement.builder()
                .source("#" + id + " " + engine.replaceAll(" \\(.*", ""))
                .model(model(text(row, "model")))
                .hardware(gpu(text(row, "gpu")))
                .tensorParallel(number(row, "tp").intValue())
                .workload(workload)
                .formats(io.github.llmcost.core.Formats.of(weights, compute, compute));
        String metric = text(row, "metric");
        double value = number(row, "value").doubleValue();
        String unit = text(row, "unit");
        if (metric.startsWith("first_token_latency") && unit.equals("ms")) {
            b.timeToFirstToken(Seconds.of(value / 1000));
        } else if (metric.equals("decode_tokens_per_second_per_user")) {
            b.decodeTokensPerSecondPerUser(value);
        } else if (metric.equals("output_throughput")) {
            b.staticBatchOutputTokensPerSecond(value);
        } else if (metric.equals("total_output_throughput")) {
            b.saturatedOutputTokensPerSecond(value); // offline max load, the engine's own batch
        } else {
            throw new IllegalArgumentException("metric (" + metric + ") of row " + id + " is not mapped");
        }
        return b.build();
    }

    private static ModelSpec model(String name) {
        if (name.startsWith("meta-llama/Llama-2-7b-hf")) {
            return ModelPresets.LLAMA_2_7B;
        }
        if (name.startsWith("meta-llama/Llama-2-70b-hf")) {
            return LLAMA_2_70B;
        }
        if (name.startsWith("meta-llama/Llama-3.1-8B")) {
            return ModelPresets.LLAMA_3_1_8B;
        }
        if (name.startsWith("meta-llama/Llama-3.1-70B")) {
            return ModelPresets.LLAMA_3_1_70B;
        }
        if (name.startsWith("mistralai/Mixtral-8x7B")) {
            return ModelPresets.MIXTRAL_8X7B;
        }
        throw new IllegalArgumentException("model (" + name + ") is not mapped");
    }

    private static HardwareSpec gpu(String name) {
        if (name.startsWith("H100 SXM")) {
            return HardwarePresets.H100_SXM;
        }
        if (name.startsWith("A100") && name.contains("80GB")) {
            return HardwarePresets.A100_80GB;
        }
        throw new IllegalArgumentException("gpu (" + name + ") is not mapped");
    }

    private static String text(Map<?, ?> row, String key) {
        if (!(row.get(key) instanceof String s)) {
            throw new IllegalArgumentException(key + " (" + row.get(key) + ") must be a string");
        }
        return s;
    }

    private static Double number(Map<?, ?> row, String key) {
        if (!(row.get(key) instanceof Double d)) {
            throw new IllegalArgumentException(key + " (" + row.get(key) + ") must be a number");
        }
        return d;
    }
}
