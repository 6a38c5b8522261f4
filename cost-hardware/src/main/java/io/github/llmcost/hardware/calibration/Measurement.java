package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * One published or measured figure: a configuration (model, chip, tensor-parallel degree, workload), the metric
 * measured, its value and where it comes from. The input of {@link Calibration}.
 *
 * <p>The workload carries the batch and the prompt and output lengths; {@link #formats()} the numeric formats.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Measurement m = Measurement.builder()
 *     .source("gpt-fast README, Llama-2-7b bf16")
 *     .model(ModelPresets.LLAMA_2_7B)
 *     .hardware(HardwarePresets.A100_80GB)
 *     .workload(Workload.of(5, 200))
 *     .decodeTokensPerSecondPerUser(104.9)
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class Measurement {
    /** What was measured, and how a prediction of it is read from an {@link InferencePerformance}. */
    public enum Metric {
        /** Time to first token: the prefill of the batch, in seconds. */
        TIME_TO_FIRST_TOKEN("s"),
        /** Output tokens per second one user sees while decoding (batch-1 decode speed), tokens/s. */
        DECODE_TOKENS_PER_SECOND_PER_USER("tokens/s"),
        /**
         * Output throughput of a static batch: {@code batch x outputTokens / (prefill + decode)}, tokens/s per model
         * replica (all its tensor-parallel devices together), as TensorRT-LLM's benchmark reports it; depends on both
         * phases.
         */
        STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND("tokens/s"),
        /**
         * The time of one decode step of the batch, each sequence appending one token to a KV cache that holds the
         * workload's {@link Workload#promptTokens()} (the new token attends to those and itself), in seconds.
         */
        DECODE_STEP_SECONDS("s"),
        /**
         * Output tokens per second at saturation (offline, requests offered faster than served) for requests of the
         * workload's prompt and output lengths, under continuous batching with the default {@link Scheduler}: what
         * {@code trtllm-bench throughput} reports, for the whole run.
         */
        SATURATED_OUTPUT_TOKENS_PER_SECOND("tokens/s");

        private final String unit;

        Metric(String unit) {
            this.unit = unit;
        }

        /** {@return whether the metric is a time (seconds), not a throughput} */
        public boolean isTime() {
            return unit.equals("s");
        }

        /** {@return the unit of {@link Measurement#value()} for this metric} */
        public String unit() {
            return unit;
        }

        /**
         * The metric as a prediction gives it.
         *
         * @param perf the prediction
         * @return the predicted value, in {@link #unit()}
         */
        public double predicted(InferencePerformance perf) {
            Workload w = perf.workload();
            return switch (this) {
                case TIME_TO_FIRST_TOKEN -> perf.timeToFirstToken().toSeconds();
                case DECODE_TOKENS_PER_SECOND_PER_USER -> perf.decodeTokensPerSecondPerUser();
                case STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND ->
                    w.batchSize()
                            * (double) w.outputTokens()
                            / perf.requestLatency().toSeconds();
                case DECODE_STEP_SECONDS ->
                    perf.timePerOutputToken(w.promptTokens() + 1).toSeconds();
                case SATURATED_OUTPUT_TOKENS_PER_SECOND ->
                    ServingModel.of(perf.compiled(), Scheduler.defaults())
                            .saturated(Traffic.of(w.promptTokens(), w.outputTokens()))
                            .outputTokensPerSecond();
            };
        }
    }

    Measurement() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return where the figure comes from: a row id, a document and commit, a command} */
    public abstract String source();

    /** {@return the model} */
    public abstract ModelSpec model();

    /** {@return the chip, one of {@link #tensorParallel()} identical devices} */
    public abstract HardwareSpec hardware();

    /** {@return devices the model was split over by tensor parallelism; 1 by default} */
    @Value.Default
    public int tensorParallel() {
        return 1;
    }

    /** {@return batch, prompt and output lengths} */
    public abstract Workload workload();

    /**
     * {@return the numeric formats: weight-only quantisation is a weight format narrower than the compute format, FP8
     * compute an FP8 activation format; BF16 by default}
     */
    @Value.Default
    public Formats formats() {
        return Formats.BF16;
    }

    /** {@return what was measured} */
    public abstract Metric metric();

    /** {@return the measured value, in {@link Metric#unit()} of {@link #metric()}} */
    public abstract double value();

    /**
     * The prediction of this configuration under calibrated factors.
     *
     * @param calibration the factors
     * @return the prediction
     */
    public InferencePerformance performance(ChipCalibration calibration) {
        return InferencePerformance.builder()
                .model(model())
                .hardware(hardware())
                .tensorParallel(tensorParallel())
                .workload(workload())
                .formats(formats())
                .calibration(calibration)
                .build();
    }

    /**
     * The predicted value of the metric under calibrated factors.
     *
     * @param calibration the factors
     * @return the predicted value, in the metric's unit
     */
    public double predicted(ChipCalibration calibration) {
        return metric().predicted(performance(calibration));
    }

    /** {@return a one-line description: source, model, chip, workload, metric and value} */
    @Override
    public String toString() {
        Workload w = workload();
        return String.format(
                Locale.ROOT,
                "%s: %s on %s%s, batch %d, %d in/%d out, weights %s, compute %s: %s %.6g %s",
                source(),
                model().name(),
                tensorParallel() > 1 ? tensorParallel() + " x " : "",
                hardware().name(),
                w.batchSize(),
                w.promptTokens(),
                w.outputTokens(),
                formats().weights(),
                formats().activations(),
                metric(),
                value(),
                metric().unit());
    }

    @Value.Check
    void check() {
        Check.positive("value", value());
        Check.positive("tensorParallel", tensorParallel());
        if (source().isBlank()) {
            throw new IllegalArgumentException("source (\"" + source() + "\") must not be blank");
        }
        if (metric() != Metric.TIME_TO_FIRST_TOKEN && workload().outputTokens() < 1) {
            throw new IllegalArgumentException(
                    "outputTokens (" + workload().outputTokens() + ") must be >= 1 to measure " + metric());
        }
        performance(ChipCalibration.UNCALIBRATED); // fails early on a chip without the format or an interconnect
    }

    /** Builds a {@link Measurement}; the metric setters set the metric and its value together. */
    public static final class Builder extends ImmutableMeasurement.Builder {
        Builder() {}

        /**
         * A measured time to first token.
         *
         * @param time the time
         * @return this builder
         */
        public Builder timeToFirstToken(Seconds time) {
            metric(Metric.TIME_TO_FIRST_TOKEN);
            value(time.toSeconds());
            return this;
        }

        /**
         * A measured decode speed one user sees.
         *
         * @param tokensPerSecond output tokens per second per user
         * @return this builder
         */
        public Builder decodeTokensPerSecondPerUser(double tokensPerSecond) {
            metric(Metric.DECODE_TOKENS_PER_SECOND_PER_USER);
            value(tokensPerSecond);
            return this;
        }

        /**
         * A measured static-batch output throughput.
         *
         * @param tokensPerSecond output tokens per second over the batch, per model replica
         * @return this builder
         */
        public Builder staticBatchOutputTokensPerSecond(double tokensPerSecond) {
            metric(Metric.STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND);
            value(tokensPerSecond);
            return this;
        }

        /**
         * A measured saturated output throughput.
         *
         * @param tokensPerSecond output tokens per second for the whole run
         * @return this builder
         */
        public Builder saturatedOutputTokensPerSecond(double tokensPerSecond) {
            metric(Metric.SATURATED_OUTPUT_TOKENS_PER_SECOND);
            value(tokensPerSecond);
            return this;
        }

        /**
         * A measured decode step: the workload's batch, each sequence appending one token to a cache of the
         * workload's prompt tokens.
         *
         * @param time the step's time
         * @return this builder
         */
        public Builder decodeStepTime(Seconds time) {
            metric(Metric.DECODE_STEP_SECONDS);
            value(time.toSeconds());
            return this;
        }
    }
}
