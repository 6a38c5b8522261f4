package io.github.llmcost.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.hardware.HardwareSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of a serving benchmark as measurement rows: the JSON file of vLLM's {@code
 * benchmarks/benchmark_serving.py --save-result} (read at vllm-project/vllm commit {@code 0049e29c}, the script of the
 * vLLM 0.8 releases; {@code vllm bench serve} writes the same keys), or a line of the JSONL file SGLang's {@code
 * python -m sglang.bench_serving} appends to (read at sgl-project/sglang commit {@code 0033168f}; forked from vLLM's, the
 * same keys without {@code model_id}, and {@code request_rate} a number, {@code Infinity} at saturation). A result
 * names neither the chip ({@code --hardware}) nor the parallelism; the model is {@code --model}, else the preset whose
 * id is vLLM's {@code model_id}'s last segment without {@code -Instruct}; {@code --metadata gpus=2 weights=fp8
 * kv=fp8 compute=fp8 version=0.8.5} keys, where given, set the rest. Lengths are the run's means ({@code
 * total_input_tokens} and {@code total_output_tokens} over {@code completed}: use fixed-length prompts). What a run
 * measures depends on how it was driven:
 *
 * <ul>
 *   <li>{@code --request-rate inf} without {@code --max-concurrency}: saturation, {@code output_throughput} a
 *       saturated_throughput row;
 *   <li>{@code --max-concurrency 1}: one request at a time, {@code mean_ttft_ms} a ttft row and {@code mean_tpot_ms} a
 *       tpot row at batch 1;
 *   <li>{@code --max-concurrency N}: {@code mean_tpot_ms} a tpot row at batch N (its time to first token includes
 *       queueing and is not used);
 *   <li>a finite request rate measures queueing as much as the engine and gives no row.
 * </ul>
 */
final class VllmServingResult {
    private VllmServingResult() {}

    /**
     * Whether a JSON document is a benchmark_serving.py result.
     *
     * @param root the document
     * @return whether it has the result's keys
     */
    static boolean matches(JsonNode root) {
        return root.isObject()
                && root.has("mean_ttft_ms")
                && root.has("completed")
                && root.has("total_input_tokens")
                && root.has("output_throughput");
    }

    /**
     * The rows of a result.
     *
     * @param root the result
     * @param base the directory a config.json path is read from
     * @param hardware the chip (the result does not name it)
     * @param model a preset id or config.json path, or null to match {@code model_id} to a preset
     * @param where the result's place in its file ({@code "result"}, {@code "line 3"}), the start of each row's id
     * @param number the number {@code --exclude} takes for its rows
     * @return one to two rows
     * @throws IllegalArgumentException naming the key and the value
     */
    static List<MeasurementRow> read(
            JsonNode root,
            Path base,
            @Nullable HardwareSpec hardware,
            @Nullable String model,
            String where,
            int number) {
        if (hardware == null) {
            throw new IllegalArgumentException(
                    where + ": a serving benchmark's result does not name the chip: give" + " --hardware");
        }
        long completed = whole(root, "completed");
        Map<String, String> row = new LinkedHashMap<>();
        if (model == null && !root.hasNonNull("model_id")) {
            throw new IllegalArgumentException(
                    where + ": the result does not name the model: give --model (a preset id" + " or a config.json)");
        }
        row.put("model", model != null ? model : preset(root.path("model_id").asText("")));
        for (String key : List.of("gpus", "weights", "kv", "compute")) {
            if (root.hasNonNull(key)) {
                row.put(key, root.get(key).asText());
            }
        }
        row.put("input_tokens", Long.toString(Math.round(whole(root, "total_input_tokens") / (double) completed)));
        row.put("output_tokens", Long.toString(Math.round(whole(root, "total_output_tokens") / (double) completed)));
        String engine = (root.has("model_id") ? "vLLM benchmark_serving.py" : "SGLang bench_serving") + ", backend "
                + root.path("backend").asText("?")
                + (root.hasNonNull("version") ? ", " + root.get("version").asText() : "");
        JsonNode concurrency = root.path("max_concurrency");
        JsonNode rate = root.path("request_rate");
        boolean unlimited = rate.asText("").equals("inf") || (rate.isNumber() && Double.isInfinite(rate.asDouble()));
        List<Map<String, String>> rows = new ArrayList<>();
        if (concurrency.isNull() || concurrency.isMissingNode()) {
            if (!unlimited) {
                throw new IllegalArgumentException("request_rate (" + root.get("request_rate") + ") is finite: such a"
                        + " run measures queueing as much as the engine; run with --request-rate inf, or"
                        + " --max-concurrency N");
            }
            rows.add(with(row, "saturated_throughput", "1", number(root, "output_throughput"), "tokens/s"));
        } else {
            long c = whole(root, "max_concurrency");
            if (c == 1) {
                rows.add(with(row, "ttft", "1", number(root, "mean_ttft_ms"), "ms"));
            }
            rows.add(with(row, "tpot", Long.toString(c), number(root, "mean_tpot_ms"), "ms"));
        }
        List<MeasurementRow> out = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String id = rows.size() > 1 ? where + " " + r.get("metric") : where;
            out.add(new MeasurementRow(
                    id, number, MeasurementColumns.measurement(r, id, base, hardware), engine, null));
        }
        return out;
    }

    private static Map<String, String> with(
            Map<String, String> row, String metric, String batch, String value, String unit) {
        Map<String, String> r = new LinkedHashMap<>(row);
        r.put("metric", metric);
        r.put("batch", batch);
        r.put("value", value);
        r.put("unit", unit);
        return r;
    }

    /** The preset a model id names: its last path segment, lower case, without {@code -instruct}. */
    static String preset(String modelId) {
        String last = modelId.substring(modelId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String id = last.endsWith("-instruct") ? last.substring(0, last.length() - "-instruct".length()) : last;
        if (!ModelPresets.ids().contains(id)) {
            throw new IllegalArgumentException(
                    "model_id (" + modelId + ") is not a model preset: give --model (a preset id or a config.json)");
        }
        return id;
    }

    private static long whole(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.isIntegralNumber() || v.asLong() < 1) {
            throw new IllegalArgumentException(key + " (" + v + ") must be a whole number >= 1");
        }
        return v.asLong();
    }

    private static String number(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(key + " (" + v + ") must be a number");
        }
        return Double.toString(v.asDouble());
    }
}
