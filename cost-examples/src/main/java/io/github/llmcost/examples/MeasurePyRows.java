package io.github.llmcost.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.calibration.Measurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The output of the project's own harness, {@code shared/data/measure.py} ({@code {"meta": {...}, "rows": [...]}}, or
 * {@code "ceilings"} for {@code "meta"} as in {@code h200-measurements.json}), as measurement rows: a {@code prefill}
 * row of {@code batch x tokens} is a time to first token, a {@code decode} row one decode step at batch {@code batch}
 * over a cache of {@code context} tokens; {@code seconds} is the time. The models are the harness's shapes (its {@code
 * MODELS} table: no biases, untied embeddings); the chip is the preset whose name is the harness's {@code device},
 * else {@code --hardware}. A row marked {@code "representative": false} is kept out of the fit, its {@code note} the
 * reason.
 */
final class MeasurePyRows {
    /** measure.py's MODELS, as the shapes it times. */
    static final Map<String, ModelSpec> MODELS = models();

    private MeasurePyRows() {}

    private static Map<String, ModelSpec> models() {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        m.put("meta-llama/Llama-3.2-1B", shape("Llama 3.2 1B shape (untied)", 2048, 16, 32, 8, 8192, 128256));
        m.put("meta-llama/Llama-3.1-8B", ModelPresets.LLAMA_3_1_8B);
        m.put("Qwen/Qwen3-14B", shape("Qwen3 14B shape", 5120, 40, 40, 8, 17408, 151936));
        m.put("Qwen/Qwen2.5-32B", shape("Qwen2.5 32B shape", 5120, 64, 40, 8, 27648, 152064));
        return m;
    }

    private static ModelSpec shape(String name, int hidden, int layers, int heads, int kvHeads, int ff, int vocab) {
        return ModelSpec.builder()
                .name(name)
                .hiddenSize(hidden)
                .numLayers(layers)
                .numAttentionHeads(heads)
                .numKeyValueHeads(kvHeads)
                .intermediateSize(ff)
                .vocabSize(vocab)
                .build();
    }

    /**
     * Whether a JSON document is measure.py's output.
     *
     * @param root the document
     * @return whether it holds a {@code rows} array of objects with a {@code phase}
     */
    static boolean matches(JsonNode root) {
        JsonNode rows = root.get("rows");
        return rows != null && rows.isArray() && !rows.isEmpty() && rows.get(0).has("phase");
    }

    /**
     * The rows of measure.py's output.
     *
     * @param root the document
     * @param hardware the chip, or null for the preset named by the harness's device
     * @return the rows, in file order
     * @throws IllegalArgumentException naming the row and the field
     */
    static List<MeasurementRow> read(JsonNode root, @Nullable HardwareSpec hardware) {
        JsonNode meta = root.has("meta") ? root.get("meta") : root.path("ceilings");
        String device = meta.path("device").asText("");
        HardwareSpec chip = hardware != null ? hardware : chip(device);
        String engine = "measure.py (PyTorch " + meta.path("torch").asText("?") + ") on " + device;
        List<MeasurementRow> out = new ArrayList<>();
        int number = 0;
        for (JsonNode row : root.get("rows")) {
            number++;
            String id = "row " + number;
            String model = row.path("model").asText("");
            ModelSpec spec = MODELS.get(model);
            if (spec == null) {
                throw new IllegalArgumentException(
                        id + ": model (" + model + ") is not one of measure.py's shapes: " + MODELS.keySet());
            }
            String phase = row.path("phase").asText("");
            boolean prefill = phase.equals("prefill");
            if (!prefill && !phase.equals("decode")) {
                throw new IllegalArgumentException(id + ": phase (" + phase + ") must be prefill or decode");
            }
            long tokens = positive(row, prefill ? "tokens" : "context", id);
            Workload w = Workload.builder()
                    .batchSize((int) positive(row, "batch", id))
                    .promptTokens(tokens)
                    .outputTokens(prefill ? 0 : 1)
                    .build();
            double seconds = row.path("seconds").asDouble(Double.NaN);
            if (!(seconds > 0 && Double.isFinite(seconds))) {
                throw new IllegalArgumentException(id + ": seconds (" + row.get("seconds") + ") must be > 0");
            }
            Measurement.Builder b =
                    Measurement.builder().source(id).model(spec).hardware(chip).workload(w);
            Measurement m = prefill
                    ? b.timeToFirstToken(Seconds.of(seconds)).build()
                    : b.decodeStepTime(Seconds.of(seconds)).build();
            try {
                MeasurementColumns.runnable(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
            }
            String skipped = row.path("representative").asBoolean(true)
                    ? null
                    : row.path("note").asText("marked \"representative\": false");
            out.add(new MeasurementRow(id, number, m, engine, skipped));
        }
        return out;
    }

    private static HardwareSpec chip(String device) {
        for (Map.Entry<String, HardwareSpec> e : HardwarePresets.all().entrySet()) {
            if (e.getValue().name().equals(device)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException(
                "the harness's device (" + device + ") is not a hardware preset's name:" + " give --hardware");
    }

    private static long positive(JsonNode row, String key, String id) {
        JsonNode v = row.get(key);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1) {
            throw new IllegalArgumentException(id + ": " + key + " (" + v + ") must be a whole number >= 1");
        }
        return v.asLong();
    }
}
