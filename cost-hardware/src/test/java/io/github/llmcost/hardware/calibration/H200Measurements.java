package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of {@code h200-measurements.json} (a copy of {@code shared/data/h200-measurements.json} in test resources)
 * as {@link Measurement}s: a prefill of {@code batch x tokens} is a time to first token, a decode step at {@code
 * context} a {@link Measurement.Metric#DECODE_STEP_SECONDS}. Rows marked {@code "representative": false} (the
 * harness's own limit, not the chip's) are left out.
 */
final class H200Measurements {
    static final String RESOURCE = "/h200-measurements.json";

    /** The harness's 32B shape: Qwen2.5 32B without the biases. */
    static final ModelSpec QWEN_2_5_32B_SHAPE = ModelSpec.builder()
            .name("Qwen2.5 32B shape")
            .hiddenSize(5120)
            .numLayers(64)
            .numAttentionHeads(40)
            .numKeyValueHeads(8)
            .intermediateSize(27648)
            .vocabSize(152064)
            .build();

    private H200Measurements() {}

    /** {@return the representative rows, in file order} */
    static List<Measurement> load() {
        Map<?, ?> root;
        try (InputStream in = H200Measurements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            root = (Map<?, ?>)
                    Objects.requireNonNull(MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Measurement> out = new ArrayList<>();
        int index = 0;
        for (Object o : (List<?>) Objects.requireNonNull(root.get("rows"))) {
            Map<?, ?> row = (Map<?, ?>) Objects.requireNonNull(o);
            index++;
            if (Boolean.FALSE.equals(row.get("representative"))) {
                continue;
            }
            String model = (String) Objects.requireNonNull(row.get("model"));
            boolean prefill = "prefill".equals(row.get("phase"));
            int batch = ((Double) Objects.requireNonNull(row.get("batch"))).intValue();
            long tokens = ((Double) Objects.requireNonNull(row.get(prefill ? "tokens" : "context"))).longValue();
            Seconds seconds = Seconds.of((Double) Objects.requireNonNull(row.get("seconds")));
            Measurement.Builder b = Measurement.builder()
                    .source("h200 row " + index)
                    .model(model.contains("Llama") ? ModelPresets.LLAMA_3_1_8B : QWEN_2_5_32B_SHAPE)
                    .hardware(HardwarePresets.H200)
                    .workload(Workload.builder()
                            .batchSize(batch)
                            .promptTokens(tokens)
                            .outputTokens(prefill ? 0 : 1)
                            .build());
            out.add(
                    prefill
                            ? b.timeToFirstToken(seconds).build()
                            : b.decodeStepTime(seconds).build());
        }
        return out;
    }
}
