package io.github.llmcost.economics;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.MemoryBudget;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one place to start: from a model, a chip and a workload to an {@link Estimate} holding every figure.
 *
 * <pre>{@code
 * Estimate e = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
 *     .hardware(HardwarePresets.H100_SXM)
 *     .promptTokens(4096).outputTokens(512).batchSize(8)
 *     .weights(NumericFormat.INT4).kvCache(NumericFormat.INT8)
 *     .pricePerHour(2.50).utilization(0.5)
 *     .estimate();
 * }</pre>
 *
 * <p>Defaults: one device, the {@link Convention#EXACT} convention, {@link Efficiency#DEFAULT}, a 1,024-token prompt
 * and 256 output tokens, batch 1, BF16 throughout (FP8 and FP4 weights compute in their own format, see {@link
 * Workload#activationFormat()}), the chip's rental price at full utilisation (none for chips without one, and then no
 * cost is given), electricity at $0.10 per kWh. Every setter checks its argument and names it as the setter does:
 * {@code gpus(0)} fails with "gpus (0) must be > 0".
 */
public final class LlmCost {
    /**
     * Configurations compiled before, so that estimates that differ only in token counts, batch size and prices
     * (a sweep, a loop in JShell) skip compiling. A small table keyed by the identity of model and chip: two
     * configurations that collide replace each other, and at most 256 are kept.
     */
    private static final Compiled[] COMPILED = new Compiled[256];

    private LlmCost() {}

    /** One entry of the table: everything an estimate's compiled performance depends on, and that performance. */
    private record Compiled(
            ModelSpec model,
            HardwareSpec hardware,
            Convention convention,
            Efficiency efficiency,
            int gpus,
            Bytes frameworkOverhead,
            NumericFormat weights,
            NumericFormat activations,
            NumericFormat kvCache,
            CompiledPerformance compiled) {}

    /**
     * Starts an estimate.
     *
     * @param model the model
     * @return a builder
     */
    public static Builder model(ModelSpec model) {
        return new Builder(Objects.requireNonNull(model, "model"));
    }

    /** Collects a configuration; {@link #estimate()} computes it. Not thread-safe; the estimate is. */
    public static final class Builder {
        private final ModelSpec model;
        private HardwareSpec hardware = io.github.llmcost.hardware.HardwarePresets.H100_SXM;
        private int gpus = 1;
        private Convention convention = Convention.EXACT;
        private Efficiency efficiency = Efficiency.DEFAULT;
        private final Workload.Builder workload =
                Workload.builder().promptTokens(1024).outputTokens(256);
        private Bytes frameworkOverhead = InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD;
        private @Nullable Double usdPerHour;
        private double utilization = 1;
        private double usdPerKwh = 0.10;

        private Builder(ModelSpec model) {
            this.model = model;
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
         * @param gpus devices, {@code >= 1}
         * @return this builder
         */
        public Builder gpus(int gpus) {
            this.gpus = Check.positive("gpus", gpus);
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
         * Fractions of peak reached; {@link Efficiency#DEFAULT} by default.
         *
         * @param efficiency the efficiencies
         * @return this builder
         */
        public Builder efficiency(Efficiency efficiency) {
            this.efficiency = Objects.requireNonNull(efficiency, "efficiency");
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
            workload.sharedPrefixTokens(tokens);
            return this;
        }

        /**
         * Weight format; BF16 by default.
         *
         * @param format the format
         * @return this builder
         */
        public Builder weights(NumericFormat format) {
            workload.weightFormat(Objects.requireNonNull(format, "weights"));
            return this;
        }

        /**
         * Activation (compute) format; BF16 by default.
         *
         * @param format the format
         * @return this builder
         */
        public Builder activations(NumericFormat format) {
            workload.activationFormat(Objects.requireNonNull(format, "activations"));
            return this;
        }

        /**
         * KV-cache format; BF16 by default.
         *
         * @param format the format
         * @return this builder
         */
        public Builder kvCache(NumericFormat format) {
            workload.kvCacheFormat(Objects.requireNonNull(format, "kvCache"));
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
            Workload w = workload.build();
            GpuPricing pricing = pricing();
            List<Feasibility.Reason> structural = Feasibility.structural(model, hardware, gpus, w.activationFormat());
            if (hasBlockingReason(structural)) {
                // no compute path or no interconnect: nothing can be timed, but memory can still be shown
                MemoryBudget memory = MemoryBudget.of(
                        model,
                        hardware,
                        gpus,
                        convention,
                        w,
                        frameworkOverhead,
                        InferencePerformance.DEFAULT_PREFILL_CHUNK_TOKENS);
                Feasibility feasibility = Feasibility.of(model, hardware, gpus, w, memory);
                return new Estimate(model, hardware, gpus, convention, w, memory, feasibility, pricing, usdPerKwh);
            }
            return new Estimate(compiled(w), w, pricing, usdPerKwh);
        }

        /** The price given, else the chip's rental price, at the utilisation given; null if there is none. */
        private @Nullable GpuPricing pricing() {
            Double given = usdPerHour;
            if (given != null) {
                return GpuPricing.of(given).withUtilization(utilization);
            }
            return hardware.rentalUsdPerHour().isPresent()
                    ? GpuPricing.of(hardware).withUtilization(utilization)
                    : null;
        }

        /** Whether a structural reason stops the configuration from being compiled at all. */
        private static boolean hasBlockingReason(List<Feasibility.Reason> reasons) {
            for (Feasibility.Reason r : reasons) {
                if (r.limit() != io.github.llmcost.hardware.Limit.TENSOR_PARALLEL) {
                    return true;
                }
            }
            return false;
        }

        /** The configuration compiled: from the table if it was compiled before, else built (and so checked) now. */
        @SuppressWarnings("ReferenceEquality") // models and chips are keyed by identity: cheap, and never wrong
        private CompiledPerformance compiled(Workload w) {
            int hash = System.identityHashCode(model);
            hash = 31 * hash + System.identityHashCode(hardware);
            hash = 31 * hash + efficiency.hashCode();
            hash = 31 * hash + frameworkOverhead.hashCode();
            hash = 31 * hash + convention.hashCode();
            hash = 31 * hash + w.weightFormat().hashCode();
            hash = 31 * hash + w.activationFormat().hashCode();
            hash = 31 * hash + w.kvCacheFormat().hashCode();
            hash = 31 * hash + gpus;
            int slot = (hash ^ (hash >>> 16)) & (COMPILED.length - 1);
            Compiled c = COMPILED[slot];
            if (c != null
                    && c.model == model
                    && c.hardware == hardware
                    && c.convention == convention
                    && c.efficiency.equals(efficiency)
                    && c.gpus == gpus
                    && c.frameworkOverhead.equals(frameworkOverhead)
                    && c.weights == w.weightFormat()
                    && c.activations == w.activationFormat()
                    && c.kvCache == w.kvCacheFormat()) {
                return c.compiled;
            }
            CompiledPerformance compiled = InferencePerformance.builder()
                    .model(model)
                    .hardware(hardware)
                    .workload(w)
                    .convention(convention)
                    .efficiency(efficiency)
                    .tensorParallel(gpus)
                    .frameworkOverheadPerDevice(frameworkOverhead)
                    .build()
                    .compiled();
            COMPILED[slot] = new Compiled(
                    model,
                    hardware,
                    convention,
                    efficiency,
                    gpus,
                    frameworkOverhead,
                    w.weightFormat(),
                    w.activationFormat(),
                    w.kvCacheFormat(),
                    compiled); // a racing thread may replace it with an equal entry: harmless
            return compiled;
        }
    }
}
