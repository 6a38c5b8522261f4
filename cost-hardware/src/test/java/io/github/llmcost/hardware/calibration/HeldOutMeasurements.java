package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Formats;
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
import org.jspecify.annotations.Nullable;

/**
 * The held-out set: {@code held-out-measurements.json} (test resources; 128 published rows gathered on 2026-11-30,
 * none of them in {@code shared/data}, sources in {@code docs/research/holdout-notes.md}). No calibration is fitted to
 * them. Read here: the rows a single request's step times predict directly (time to first token, time per output
 * token, batch-1 decode speed, a static batch's end-to-end latency) on chips and models the library has presets for,
 * at a known tensor-parallel degree and at batch 1 or light load; the max-load throughput rows are the serving model's.
 */
final class HeldOutMeasurements {
    static final String RESOURCE = "/held-out-measurements.json";

    private HeldOutMeasurements() {}

    /** {@return the file's rows, parsed} */
    static List<?> rows() {
        try (InputStream in = HeldOutMeasurements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            Object root = Objects.requireNonNull(MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return root instanceof Map<?, ?> m ? (List<?>) Objects.requireNonNull(m.get("rows")) : (List<?>) root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the rows a request's step times predict, as measurements} */
    static List<Measurement> direct() {
        List<Measurement> out = new ArrayList<>();
        for (Object o : rows()) {
            Measurement m = direct((Map<?, ?>) Objects.requireNonNull(o));
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static @Nullable Measurement direct(Map<?, ?> row) {
        String metric = String.valueOf(row.get("metric"));
        ModelSpec model = model(String.valueOf(row.get("model")));
        HardwareSpec chip = chip(String.valueOf(row.get("gpu")));
        if (model == null || chip == null || !(row.get("tp") instanceof Double tp)) {
            return null;
        }
        Object b = row.get("batch_size");
        int batch;
        if (b instanceof Double d) {
            batch = d.intValue();
        } else if (String.valueOf(b).matches("(?s).*concurrency 1(\\D.*)?")
                || String.valueOf(b).contains("2 req/s")) {
            batch = 1; // one request at a time, or light load: each request nearly alone
        } else {
            return null;
        }
        if (!(row.get("input_len") instanceof Double in) || !(row.get("output_len") instanceof Double outLen)) {
            return null;
        }
        long input = in.longValue();
        long output = outLen.longValue();
        double value = (Double) Objects.requireNonNull(row.get("value"));
        Measurement.Builder m = Measurement.builder()
                .source(row.get("id") + " " + String.valueOf(row.get("engine")).replaceAll(" \\(.*", ""))
                .model(model)
                .hardware(chip)
                .tensorParallel(tp.intValue())
                .formats(formats(String.valueOf(row.get("precision")).toLowerCase(Locale.ROOT)));
        switch (metric) {
            case "ttft_ms" ->
                m.workload(workload(batch, input, Math.max(1, output))).timeToFirstToken(Seconds.of(value / 1000));
            case "tpot_ms" ->
                m.workload(workload(batch, input + output / 2, 1)).decodeStepTime(Seconds.of(value / 1000));
            case "decode_tokens_per_s_per_user" ->
                m.workload(workload(batch, input, output)).decodeTokensPerSecondPerUser(value);
            case "e2e_latency_ms" ->
                m.workload(workload(batch, input, output))
                        .staticBatchOutputTokensPerSecond(batch * (double) output / (value / 1000));
            default -> {
                return null;
            }
        }
        return m.build();
    }

    private static Workload workload(int batch, long prompt, long output) {
        return Workload.builder()
                .batchSize(batch)
                .promptTokens(prompt)
                .outputTokens(output)
                .build();
    }

    static Formats formats(String precision) {
        if (precision.startsWith("fp8")) {
            return Formats.of(NumericFormat.FP8_E4M3);
        }
        if (precision.contains("int8 weight-only")) {
            return Formats.of(NumericFormat.INT8, NumericFormat.BF16, NumericFormat.BF16);
        }
        if (precision.contains("int4 weight-only")) {
            return Formats.of(NumericFormat.INT4, NumericFormat.BF16, NumericFormat.BF16);
        }
        if (precision.startsWith("fp16")) {
            return Formats.of(NumericFormat.FP16);
        }
        return Formats.BF16;
    }

    static @Nullable ModelSpec model(String name) {
        if (name.startsWith("meta-llama/Llama-2-7b")) {
            return ModelPresets.LLAMA_2_7B;
        }
        if (name.startsWith("meta-llama/Llama-2-70b")) {
            return PublishedMeasurements.LLAMA_2_70B;
        }
        if (name.startsWith("meta-llama/Llama-3.1-8B") || name.startsWith("meta-llama/Meta-Llama-3-8B")) {
            return ModelPresets.LLAMA_3_1_8B;
        }
        if (name.startsWith("meta-llama/Llama-3.1-70B")
                || name.startsWith("meta-llama/Meta-Llama-3-70B")
                || name.startsWith("meta-llama/Llama-3.3-70B")) {
            return ModelPresets.LLAMA_3_1_70B;
        }
        if (name.startsWith("meta-llama/Llama-3.1-405B")) {
            return ModelPresets.LLAMA_3_1_405B;
        }
        if (name.startsWith("mistralai/Mixtral-8x7B")) {
            return ModelPresets.MIXTRAL_8X7B;
        }
        if (name.startsWith("mistralai/Mistral-7B")) {
            return ModelPresets.MISTRAL_7B_V0_1;
        }
        return null;
    }

    static @Nullable HardwareSpec chip(String gpu) {
        if (gpu.startsWith("H100")) {
            return HardwarePresets.H100_SXM;
        }
        if (gpu.startsWith("H200")) {
            return HardwarePresets.H200;
        }
        if (gpu.startsWith("A100")) {
            return HardwarePresets.A100_80GB;
        }
        if (gpu.startsWith("L40S")) {
            return HardwarePresets.L40S;
        }
        return null;
    }
}
