package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Predictions at the default efficiencies against published measurements: the rows of {@code
 * shared/data/published-measurements.json} with fixed lengths (TensorRT-LLM's performance tables and gpt-fast's
 * README; ids as in that file). Each row's error is printed; the test fails if the median absolute error of the
 * batch-1 decode rows exceeds 25%.
 */
class PublishedMeasurementsTest {

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

    enum Metric {
        /** Static batch: batch x output / (prefill + decode), tokens per second. */
        THROUGHPUT,
        /** Time to first token, milliseconds. */
        TTFT_MS,
        /** Batch-1 decode tokens per second per user. */
        DECODE_PER_USER
    }

    record Row(
            int id,
            ModelSpec model,
            HardwareSpec gpu,
            int tp,
            NumericFormat weights,
            NumericFormat compute,
            int batch,
            long input,
            long output,
            Metric metric,
            double measured) {

        double predict() {
            InferencePerformance perf = InferencePerformance.builder()
                    .model(model)
                    .hardware(gpu)
                    .tensorParallel(tp)
                    .workload(Workload.builder()
                            .promptTokens(input)
                            .outputTokens(output)
                            .batchSize(batch)
                            .weightFormat(weights)
                            .activationFormat(compute)
                            .kvCacheFormat(compute)
                            .build())
                    .build();
            return switch (metric) {
                case THROUGHPUT ->
                    batch * (double) output / perf.requestLatency().toSeconds();
                case TTFT_MS -> perf.timeToFirstToken().toMillis();
                case DECODE_PER_USER -> perf.decodeTokensPerSecondPerUser();
            };
        }

        double error() {
            return predict() / measured - 1;
        }
    }

    static List<Row> rows() {
        NumericFormat fp8 = NumericFormat.FP8_E4M3;
        NumericFormat bf16 = NumericFormat.BF16;
        NumericFormat fp16 = NumericFormat.FP16;
        HardwareSpec h100 = HardwarePresets.H100_SXM;
        HardwareSpec a100 = HardwarePresets.A100_80GB;
        ModelSpec llama2 = ModelPresets.LLAMA_2_7B;
        return List.of(
                new Row(21, llama2, h100, 1, fp8, fp8, 768, 128, 128, Metric.THROUGHPUT, 19694),
                new Row(22, llama2, h100, 1, fp8, fp8, 112, 128, 2048, Metric.THROUGHPUT, 6818),
                new Row(25, llama2, a100, 1, fp16, fp16, 384, 128, 128, Metric.THROUGHPUT, 5586),
                new Row(26, llama2, a100, 1, fp16, fp16, 60, 128, 2048, Metric.THROUGHPUT, 1928),
                new Row(28, llama2, h100, 1, fp8, fp8, 1, 128, 1, Metric.TTFT_MS, 7),
                new Row(30, llama2, a100, 1, fp16, fp16, 1, 128, 1, Metric.TTFT_MS, 16),
                new Row(32, LLAMA_2_70B, h100, 4, fp8, fp8, 1, 128, 1, Metric.TTFT_MS, 26),
                new Row(34, LLAMA_2_70B, a100, 4, fp16, fp16, 1, 128, 1, Metric.TTFT_MS, 47),
                new Row(36, llama2, a100, 1, bf16, bf16, 1, 5, 200, Metric.DECODE_PER_USER, 104.9),
                new Row(37, ModelPresets.LLAMA_3_1_8B, a100, 1, bf16, bf16, 1, 5, 200, Metric.DECODE_PER_USER, 93.89),
                new Row(38, llama2, a100, 1, NumericFormat.INT8, bf16, 1, 5, 200, Metric.DECODE_PER_USER, 155.58),
                new Row(42, ModelPresets.LLAMA_3_1_70B, a100, 4, bf16, bf16, 1, 5, 200, Metric.DECODE_PER_USER, 37.45),
                new Row(44, ModelPresets.MIXTRAL_8X7B, a100, 2, bf16, bf16, 1, 5, 200, Metric.DECODE_PER_USER, 96.67));
    }

    @Test
    void batchOneDecodeMedianErrorIsAtMost25Percent() {
        List<Double> decodeErrors = new ArrayList<>();
        System.out.println("id  model            gpu                metric            measured   predicted   error");
        for (Row row : rows()) {
            double predicted = row.predict();
            double error = row.error();
            System.out.printf(
                    Locale.ROOT,
                    "%-3d %-16s %-18s %-16s %10.2f %11.2f %+7.1f%%%n",
                    row.id(),
                    row.model().name(),
                    row.gpu().name(),
                    row.metric(),
                    row.measured(),
                    predicted,
                    100 * error);
            assertThat(predicted).isFinite().isPositive();
            if (row.metric() == Metric.DECODE_PER_USER) {
                decodeErrors.add(Math.abs(error));
            }
        }
        decodeErrors.sort(null);
        double median = decodeErrors.get(decodeErrors.size() / 2);
        System.out.printf(Locale.ROOT, "median |error| of batch-1 decode rows: %.1f%%%n", 100 * median);
        assertThat(decodeErrors).hasSize(5);
        assertThat(median).isLessThanOrEqualTo(0.25);
    }

    @Test
    void llama2_70bMatchesItsPublishedCount() {
        assertThat(LLAMA_2_70B.parameters().totalParameters()).isEqualTo(68_976_648_192L);
    }
}
