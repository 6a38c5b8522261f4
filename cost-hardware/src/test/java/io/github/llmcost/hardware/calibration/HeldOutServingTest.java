package io.github.llmcost.hardware.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Max-load throughput the project has not fitted ({@link HeldOutMeasurements}: TensorRT-LLM's tables from v0.5 to
 * 1.x and NIM, larger models, tensor parallelism, H100, H200, A100 and L40S) against the serving model under the
 * default calibrations and scheduler: printed row by row, the median held to a committed baseline.
 */
class HeldOutServingTest {
    /** Committed baseline: median |error| of the saturated output throughput on these rows. */
    static final double MEDIAN_BASELINE = 0.15;

    @Test
    void maxLoadRowsAreWithinTheBaseline() {
        List<Double> errors = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Object o : HeldOutMeasurements.rows()) {
            Map<?, ?> row = (Map<?, ?>) Objects.requireNonNull(o);
            String metric = String.valueOf(row.get("metric"));
            boolean perGpu = metric.equals("output_throughput_per_gpu_tokens_per_s");
            if (!perGpu && !metric.equals("total_output_throughput_tokens_per_s")) {
                continue;
            }
            ModelSpec model = HeldOutMeasurements.model(String.valueOf(row.get("model")));
            HardwareSpec chip = HeldOutMeasurements.chip(String.valueOf(row.get("gpu")));
            Object pp = row.get("pp");
            if (model == null
                    || chip == null
                    || !(row.get("tp") instanceof Double tp)
                    || !(pp == null || Double.valueOf(1).equals(pp))) {
                continue;
            }
            Formats formats = HeldOutMeasurements.formats(
                    String.valueOf(row.get("precision")).toLowerCase(Locale.ROOT));
            if (formats.activations().bytesPerElement() < 2) {
                formats = formats.withKvCache(formats.activations()); // FP8 checkpoints quantise the cache too
            }
            double gpus = row.get("num_gpus") instanceof Double n ? n : tp;
            double measured = (Double) Objects.requireNonNull(row.get("value")) * (perGpu ? gpus : 1);
            Saturation s = ServingModel.of(
                            InferencePerformance.builder()
                                    .model(model)
                                    .hardware(chip)
                                    .tensorParallel(tp.intValue())
                                    .workload(Workload.of(1, 0))
                                    .formats(formats)
                                    .calibration(CalibratedEfficiencies.forHardware(chip))
                                    .build()
                                    .compiled(),
                            Scheduler.defaults())
                    .saturated(Traffic.of(
                            ((Double) Objects.requireNonNull(row.get("input_len"))).longValue(),
                            ((Double) Objects.requireNonNull(row.get("output_len"))).longValue()));
            double error = s.outputTokensPerSecond() / measured - 1;
            errors.add(Math.abs(error));
            table.append(String.format(
                    Locale.ROOT,
                    "%-5s %-14s %-16s tp %d %6s/%-6s measured %9.0f predicted %9.0f %+7.1f%% (%s)%n",
                    row.get("id"),
                    model.name(),
                    chip.name(),
                    tp.intValue(),
                    row.get("input_len"),
                    row.get("output_len"),
                    measured,
                    s.outputTokensPerSecond(),
                    100 * error,
                    s.concurrencyLimit()));
        }
        errors.sort(null);
        double median = errors.get(errors.size() / 2);
        System.out.println("Held-out max-load throughput:\n" + table);
        System.out.printf("median |error| %.1f%% over %d rows%n", 100 * median, errors.size());
        assertThat(errors).hasSizeGreaterThanOrEqualTo(30);
        assertThat(median).isLessThanOrEqualTo(MEDIAN_BASELINE);
    }
}
