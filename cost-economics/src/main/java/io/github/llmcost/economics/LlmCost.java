package io.github.llmcost.economics;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvScheme;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.NodeSpec;
import io.github.llmcost.hardware.Parallelism;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one place to start: the fluent way to build a {@link Deployment} (a model on a chip, with its parallelism,
 * formats, calibration, overheads and price) and to ask it things. Every knob of the library is here.
 *
 * <pre>{@code
 * Deployment d = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
 *     .hardware(HardwarePresets.H100_SXM).tensorParallel(2)
 *     .calibration(CalibratedEfficiencies.H100_SXM)
 *     .weights(NumericFormat.FP8_E4M3)
 *     .pricePerHour(2.50)
 *     .deployment();
 * Estimate e = d.estimate(Workload.of(4096, 512).withBatchSize(32));
 * // or, for one workload, in one line:
 * LlmCost.model(ModelPresets.LLAMA_3_1_8B).promptTokens(4096).outputTokens(512).batchSize(8).estimate();
 * }</pre>
 *
 * <p>Defaults: one device, the {@link Convention#EXACT} convention, the chip's calibration ({@link
 * CalibratedEfficiencies#forHardware(io.github.llmcost.hardware.HardwareSpec)}), BF16 throughout (FP8 and FP4 weights compute in their own format,
 * see {@link Formats#of(NumericFormat)}), the chip's rental price at full utilisation (none for chips without one, and
 * then no cost is given), electricity at $0.10 per kWh; for {@link Builder#estimate()}, a 1,024-token prompt, 256
 * output tokens and batch 1. Every setter checks its argument and names it as the setter does: {@code
 * tensorParallel(0)} fails with "tensorParallel (0) must be > 0".
 */
public final class LlmCost {
    private LlmCost() {}

    /**
     * Starts an estimate.
     *
     * @param model the model
     * @return a builder
     */
    public static Builder model(ModelSpec model) {
        return new Builder(Objects.requireNonNull(model, "model"));
    }

    /**
     * Collects a deployment, and one workload for {@link #estimate()}; {@link #deployment()} builds the deployment.
     * Not thread-safe; what it builds is.
     */
    public static final class Builder {
        private final ModelSpec model;
        private HardwareSpec hardware = io.github.llmcost.hardware.HardwarePresets.H100_SXM;
        private int tensorParallel = 1;
        private Parallelism parallelism = Parallelism.NONE;
        private @Nullable NodeSpec node;
        private Convention convention = Convention.EXACT;
        private @Nullable ChipCalibration calibration;
        private WeightScheme weights = WeightScheme.BF16;
        private @Nullable NumericFormat activations;
        private KvScheme kvCache = KvScheme.BF16;
        private final Workload.Builder workload =
                Workload.builder().promptTokens(1024).outputTokens(256);
        private Bytes frameworkOverhead = InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD;
        private int prefillChunkTokens = InferencePerformance.DEFAULT_PREFILL_CHUNK_TOKENS;
        private @Nullable Double usdPerHour;
        private double utilization = 1;
        private double usdPerKwh = 0.10;
        private long sharedPrefixTokens;
        private @Nullable SpeculativeDecoding speculativeDecoding;

        private Builder(ModelSpec model) {
            this.model = model;
        }

        /** {@return the model being deployed} */
        public ModelSpec model() {
            return model;
        }

        /**
         * Speculative decoding: a draft model or multi-token prediction proposing {@code k} tokens a round; none by
         * default.
         *
         * @param speculativeDecoding the drafter, {@code k} and the acceptance rate
         * @return this builder
         */
        public Builder speculativeDecoding(SpeculativeDecoding speculativeDecoding) {
            this.speculativeDecoding = Objects.requireNonNull(speculativeDecoding, "speculativeDecoding");
            return this;
        }

        /**
         * The chip; an H100 SXM by default.
         *
         * @param hardware the chip
         * @return this builder
         */
        public Builder hardware(HardwareSpec hardware) {
            this.hardware = Objects.requireNonNull(hardware, "hardware");
            return this;
        }

        /**
         * Devices per replica, tensor-parallel; 1 by default.
         *
         * @param tensorParallel devices, {@code >= 1}
         * @return this builder
         */
        public Builder tensorParallel(int tensorParallel) {
            this.tensorParallel = Check.positive("tensorParallel", tensorParallel);
            return this;
        }

        /**
         * Pipeline and expert parallelism, data-parallel attention and declared nodes ({@link Parallelism}); none by
         * default. A replica then holds {@code tensorParallel x parallelism.pipeline()} devices, every one priced.
         *
         * @param parallelism the parallelism beyond tensor
         * @return this builder
         */
        public Builder parallelism(Parallelism parallelism) {
            this.parallelism = Objects.requireNonNull(parallelism, "parallelism");
            return this;
        }

        /**
         * The node the devices sit in and the network between nodes; the chip's usual one ({@link
         * NodeSpec#forHardware}) by default.
         *
         * @param node the node
         * @return this builder
         */
        public Builder node(NodeSpec node) {
            this.node = Objects.requireNonNull(node, "node");
            return this;
        }

        /**
         * The accounting convention; EXACT by default.
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder convention(Convention convention) {
            this.convention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /**
         * Times on the plain roofline at these fractions of peak, with no fixed overheads (how the article reckons):
         * shorthand for {@code calibration(ChipCalibration.of(efficiency))}.
         *
         * @param efficiency the efficiencies
         * @return this builder
         */
        public Builder efficiency(Efficiency efficiency) {
            Objects.requireNonNull(efficiency, "efficiency");
            this.calibration = ChipCalibration.of(efficiency);
            return this;
        }

        /**
         * The factors of the step-time model: compute and bandwidth fractions, overheads per layer and per step, the
         * all-reduce latency, the error band. By default the chip's own ({@link
         * CalibratedEfficiencies#forHardware(io.github.llmcost.hardware.HardwareSpec)}: fitted to its measurements, or
         * the generic set); {@link ChipCalibration#UNCALIBRATED} is the plain roofline at {@link Efficiency#DEFAULT}.
         * Replaces what {@link #efficiency} set.
         *
         * @param calibration the factors, such as {@link CalibratedEfficiencies#H100_SXM}
         * @return this builder
         */
        public Builder calibration(ChipCalibration calibration) {
            this.calibration = Objects.requireNonNull(calibration, "calibration");
            return this;
        }

        /**
         * Tokens one forward pass holds activations for; 2,048 by default.
         *
         * @param tokens {@code >= 1}
         * @return this builder
         */
        public Builder prefillChunkTokens(int tokens) {
            this.prefillChunkTokens = Check.positive("prefillChunkTokens", tokens);
            return this;
        }

        /**
         * Replaces the whole workload.
         *
         * @param workload the workload
         * @return this builder
         */
        public Builder workload(Workload workload) {
            this.workload.from(Objects.requireNonNull(workload, "workload"));
            this.sharedPrefixTokens = workload.sharedPrefixTokens();
            return this;
        }

        /**
         * Prompt tokens per request; 1,024 by default.
         *
         * @param tokens {@code >= 1}
         * @return this builder
         */
        public Builder promptTokens(long tokens) {
            workload.promptTokens(tokens);
            return this;
        }

        /**
         * Output tokens per request; 256 by default.
         *
         * @param tokens {@code >= 0}
         * @return this builder
         */
        public Builder outputTokens(long tokens) {
            workload.outputTokens(tokens);
            return this;
        }

        /**
         * Sequences decoded together; 1 by default.
         *
         * @param batchSize {@code >= 1}
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            workload.batchSize(batchSize);
            return this;
        }

        /**
         * Prompt tokens all requests share and that are cached once; 0 by default.
         *
         * @param tokens {@code >= 0} and at most the prompt
         * @return this builder
         */
        public Builder sharedPrefixTokens(long tokens) {
            this.sharedPrefixTokens = tokens; // applied to the workload at estimate(), read by a Sweep
            return this;
        }

        /** {@return the shared prefix set, for a {@link Sweep} configured from this builder} */
        long sharedPrefixTokens() {
            return sharedPrefixTokens;
        }

        /**
         * Weight format; BF16 by default.
         *
         * @param format the format
         * @return this builder
         */
        public Builder weights(NumericFormat format) {
            this.weights = WeightScheme.plain(Objects.requireNonNull(format, "weights"));
            return this;
        }

        /**
         * Weight scheme: how the weights are stored ({@code awq-int4}, {@code q4_k_m}, {@code nvfp4}), which sets
         * their bytes and, through its element format, the compute path ({@link Formats#of(WeightScheme)}).
         *
         * @param scheme the scheme
         * @return this builder
         */
        public Builder weights(WeightScheme scheme) {
            this.weights = Objects.requireNonNull(scheme, "weights");
            return this;
        }

        /**
         * Activation (compute) format; by default the weights' for FP8 and FP4 weights, BF16 otherwise ({@link
         * Formats#of(NumericFormat)}).
         *
         * @param format the format
         * @return this builder
         */
        public Builder activations(NumericFormat format) {
            this.activations = Objects.requireNonNull(format, "activations");
            return this;
        }

        /**
         * {@return this builder, the KV cache in a plain format; BF16 by default}
         *
         * @param format the format
         */
        public Builder kvCache(NumericFormat format) {
            return kvCache(KvScheme.plain(Objects.requireNonNull(format, "kvCache")));
        }

        /**
         * {@return this builder, the KV cache in a scheme whose scales count ({@code int8-head}, {@code int4-group})}
         *
         * @param scheme the scheme
         */
        public Builder kvCache(KvScheme scheme) {
            this.kvCache = Objects.requireNonNull(scheme, "kvCache");
            return this;
        }

        /**
         * Memory each device loses to the framework; 1.5 GB by default.
         *
         * @param overhead the overhead
         * @return this builder
         */
        public Builder frameworkOverhead(Bytes overhead) {
            this.frameworkOverhead = Objects.requireNonNull(overhead, "frameworkOverhead");
            return this;
        }

        /**
         * Rental price per device-hour; the chip's preset price or the article's $2.50 by default.
         *
         * @param usdPerDeviceHour US dollars, finite and {@code > 0}
         * @return this builder
         */
        public Builder pricePerHour(double usdPerDeviceHour) {
            this.usdPerHour = Check.positive("pricePerHour", usdPerDeviceHour);
            return this;
        }

        /**
         * Fraction of paid hours doing useful work; 1 by default.
         *
         * @param utilization in (0, 1]
         * @return this builder
         */
        public Builder utilization(double utilization) {
            this.utilization = Check.fraction("utilization", utilization);
            return this;
        }

        /**
         * Price of electricity; $0.10 per kWh by default.
         *
         * @param usdPerKwh US dollars per kWh, finite and {@code >= 0}
         * @return this builder
         */
        public Builder electricityPerKwh(double usdPerKwh) {
            this.usdPerKwh = Check.nonNegative("electricityPerKwh", usdPerKwh);
            return this;
        }

        /**
         * Computes every figure.
         *
         * @return the estimate
         * @throws IllegalArgumentException naming the field and value of anything invalid
         */
        public Estimate estimate() {
            return deployment()
                    .estimate(workload.sharedPrefixTokens(sharedPrefixTokens).build());
        }

        /**
         * The deployment: everything set here but the workload.
         *
         * @return the deployment, compiled on its first use
         */
        public Deployment deployment() {
            Formats plain = Formats.of(weights).withKvScheme(kvCache);
            Formats formats = activations == null ? plain : plain.withActivations(activations);
            GpuPricing pricing = usdPerHour != null
                    ? GpuPricing.of(usdPerHour)
                    : hardware.rentalUsdPerHour().isPresent() ? GpuPricing.of(hardware) : null;
            return ImmutableDeployment.builder()
                    .model(model)
                    .hardware(hardware)
                    .tensorParallel(tensorParallel)
                    .parallelism(parallelism)
                    .chosenNode(Optional.ofNullable(node))
                    .convention(convention)
                    .formats(formats)
                    .chosenCalibration(Optional.ofNullable(calibration))
                    .frameworkOverheadPerDevice(frameworkOverhead)
                    .prefillChunkTokens(prefillChunkTokens)
                    .speculativeDecoding(Optional.ofNullable(speculativeDecoding))
                    .pricing(Optional.ofNullable(pricing).map(p -> p.withUtilization(utilization)))
                    .electricityUsdPerKwh(usdPerKwh)
                    .build();
        }
    }
}
