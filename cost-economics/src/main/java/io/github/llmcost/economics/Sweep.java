package io.github.llmcost.economics;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwareSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collector;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A design-space sweep: deployments crossed with prompt lengths, output lengths and batch sizes, each point an
 * {@link Estimate} reduced to a {@link SweepPoint}. Over one deployment, {@link #over(Deployment)}; over every
 * combination of models, chips, weight and KV formats, {@link #builder()}.
 *
 * <p>Points are computed as they are consumed, never held all at once: a sweep of millions streams. Each deployment
 * compiles once, and all its points reuse it. {@link #stream()} runs on the calling thread, {@link #parallelStream()} on
 * the common fork-join pool; both give the points in the same order (deployments outermost, batch sizes innermost) and
 * the same values.
 *
 * <pre>{@code
 * Sweep.over(deployment).batchSizes(1, 8, 64).promptTokens(1024, 8192).stream().filter(SweepPoint::feasible).count();
 *
 * Sweep sweep = Sweep.builder()
 *     .models(ModelPresets.LLAMA_3_1_8B, ModelPresets.QWEN3_14B)
 *     .hardware(HardwarePresets.H100_SXM, HardwarePresets.A100_80GB)
 *     .weightFormats(NumericFormat.BF16, NumericFormat.INT4)
 *     .promptTokens(1024, 8192, 32768)
 *     .batchSizes(1, 8, 64)
 *     .build();
 * sweep.size();                                    // 72
 * sweep.stream().filter(p -> p.feasible() && p.hasPrice())
 *     .min(Comparator.comparingDouble(SweepPoint::costPerMillionOutputTokensUsd));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Sweep {
    private final List<Deployment> deployments;
    private final long[] promptTokens;
    private final long[] outputTokens;
    private final int[] batchSizes;
    private final long sharedPrefixTokens;

    private Sweep(
            List<Deployment> deployments,
            long[] promptTokens,
            long[] outputTokens,
            int[] batchSizes,
            long sharedPrefixTokens) {
        nonEmpty("deployments", deployments.size());
        nonEmpty("promptTokens", promptTokens.length);
        nonEmpty("outputTokens", outputTokens.length);
        nonEmpty("batchSizes", batchSizes.length);
        for (long p : promptTokens) {
            Check.positive("promptTokens", p);
        }
        for (long o : outputTokens) {
            Check.nonNegative("outputTokens", o);
        }
        for (int b : batchSizes) {
            Check.positive("batchSizes", b);
        }
        Check.nonNegative("sharedPrefixTokens", sharedPrefixTokens);
        this.deployments = List.copyOf(deployments);
        this.promptTokens = promptTokens.clone();
        this.outputTokens = outputTokens.clone();
        this.batchSizes = batchSizes.clone();
        this.sharedPrefixTokens = sharedPrefixTokens;
        long size = (long) batchSizes.length * outputTokens.length * promptTokens.length;
        if (size / batchSizes.length / outputTokens.length != promptTokens.length
                || Long.MAX_VALUE / size < deployments.size()) {
            throw new IllegalArgumentException("sweep size overflows a long");
        }
    }

    /**
     * A sweep of one deployment: one 1,024-token prompt, 256 output tokens and batch 1 until the axes are set.
     *
     * @param deployment the deployment
     * @return the sweep
     */
    public static Sweep over(Deployment deployment) {
        return new Sweep(
                List.of(Objects.requireNonNull(deployment, "deployment")),
                new long[] {1024},
                new long[] {256},
                new int[] {1},
                0);
    }

    /** {@return a builder with one output length (256), batch 1, BF16 weights and KV cache} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy with other prompt lengths.
     *
     * @param tokens at least one, each {@code >= 1}
     * @return the copy
     */
    public Sweep promptTokens(long... tokens) {
        return new Sweep(deployments, tokens, outputTokens, batchSizes, sharedPrefixTokens);
    }

    /**
     * A copy with other output lengths.
     *
     * @param tokens at least one, each {@code >= 0}
     * @return the copy
     */
    public Sweep outputTokens(long... tokens) {
        return new Sweep(deployments, promptTokens, tokens, batchSizes, sharedPrefixTokens);
    }

    /**
     * A copy with other batch sizes.
     *
     * @param sizes at least one, each {@code >= 1}
     * @return the copy
     */
    public Sweep batchSizes(int... sizes) {
        return new Sweep(deployments, promptTokens, outputTokens, sizes, sharedPrefixTokens);
    }

    /**
     * A copy whose requests share a cached prompt prefix.
     *
     * @param tokens leading prompt tokens every request shares, {@code >= 0} and at most every prompt
     * @return the copy
     */
    public Sweep sharedPrefixTokens(long tokens) {
        return new Sweep(deployments, promptTokens, outputTokens, batchSizes, tokens);
    }

    /** {@return how many points the sweep has} */
    public long size() {
        return (long) deployments.size() * promptTokens.length * outputTokens.length * batchSizes.length;
    }

    /** {@return the points, computed one at a time on the calling thread} */
    public Stream<SweepPoint> stream() {
        return LongStream.range(0, size()).mapToObj(this::point);
    }

    /** {@return the points, computed in parallel on the common fork-join pool, in the same order} */
    public Stream<SweepPoint> parallelStream() {
        return LongStream.range(0, size()).parallel().mapToObj(this::point);
    }

    /**
     * Collects every point.
     *
     * @param collector how to reduce the points
     * @param <R> the result
     * @return the collected result
     */
    public <R> R collect(Collector<? super SweepPoint, ?, R> collector) {
        return stream().collect(collector);
    }

    /**
     * Writes every point as CSV, a header line first.
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    public void writeCsv(Appendable out) throws IOException {
        out.append(SweepPoint.CSV_HEADER).append('\n');
        java.util.Iterator<SweepPoint> points = stream().iterator();
        while (points.hasNext()) {
            out.append(points.next().toCsv()).append('\n');
        }
    }

    /**
     * The point at an index, batch sizes varying fastest, then output lengths, prompt lengths and deployments.
     *
     * @param index in {@code [0, size())}
     * @return the point
     */
    public SweepPoint point(long index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("index (" + index + ") must be in [0, " + size() + ")");
        }
        long i = index;
        int batch = batchSizes[(int) (i % batchSizes.length)];
        i /= batchSizes.length;
        long output = outputTokens[(int) (i % outputTokens.length)];
        i /= outputTokens.length;
        long prompt = promptTokens[(int) (i % promptTokens.length)];
        i /= promptTokens.length;
        Deployment deployment = deployments.get((int) i);
        Workload w = Workload.builder()
                .promptTokens(prompt)
                .outputTokens(output)
                .batchSize(batch)
                .sharedPrefixTokens(sharedPrefixTokens)
                .build();
        return SweepPoint.of(deployment.estimate(w));
    }

    private static void nonEmpty(String axis, int size) {
        if (size == 0) {
            throw new IllegalArgumentException(axis + " (empty) must have at least one value");
        }
    }

    /** Collects the axes of a {@link Sweep}; every axis needs at least one value. Not thread-safe. */
    public static final class Builder {
        private List<ModelSpec> models = List.of();
        private List<HardwareSpec> chips = List.of();
        private List<NumericFormat> weightFormats = List.of(NumericFormat.BF16);
        private List<NumericFormat> kvCacheFormats = List.of(NumericFormat.BF16);
        private long[] promptTokens = {1024};
        private long[] outputTokens = {256};
        private int[] batchSizes = {1};
        private Convention convention = Convention.EXACT;
        private Efficiency efficiency = Efficiency.DEFAULT;
        private @Nullable Double usdPerHour;
        private double utilization = 1;
        private Consumer<LlmCost.Builder> base = b -> {};

        private Builder() {}

        /**
         * Everything else about each point's configuration, applied to its {@link LlmCost.Builder} before the axes
         * (which then override what it set): tensor-parallel GPUs, activation format, shared prefix, framework
         * overhead, electricity. One function both an estimate and a sweep can be configured with, so they agree.
         *
         * <pre>{@code
         * Sweep.builder().models(ModelPresets.LLAMA_3_1_70B).hardware(HardwarePresets.H100_SXM)
         *     .configure(b -> b.tensorParallel(4).sharedPrefixTokens(512))
         *     .promptTokens(2000).batchSizes(8)
         *     .build();
         * }</pre>
         *
         * @param configuration applied to each point's builder; it must not keep it
         * @return this builder
         */
        public Builder configure(Consumer<LlmCost.Builder> configuration) {
            this.base = java.util.Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * The models to sweep.
         *
         * @param models at least one
         * @return this builder
         */
        public Builder models(ModelSpec... models) {
            this.models = List.of(models);
            return this;
        }

        /**
         * The models to sweep.
         *
         * @param models at least one
         * @return this builder
         */
        public Builder models(List<ModelSpec> models) {
            this.models = List.copyOf(models);
            return this;
        }

        /**
         * The chips to sweep.
         *
         * @param chips at least one
         * @return this builder
         */
        public Builder hardware(HardwareSpec... chips) {
            this.chips = List.of(chips);
            return this;
        }

        /**
         * The chips to sweep.
         *
         * @param chips at least one
         * @return this builder
         */
        public Builder hardware(List<HardwareSpec> chips) {
            this.chips = List.copyOf(chips);
            return this;
        }

        /**
         * Weight formats; BF16 by default.
         *
         * @param formats at least one
         * @return this builder
         */
        public Builder weightFormats(NumericFormat... formats) {
            this.weightFormats = List.of(formats);
            return this;
        }

        /**
         * KV-cache formats; BF16 by default.
         *
         * @param formats at least one
         * @return this builder
         */
        public Builder kvCacheFormats(NumericFormat... formats) {
            this.kvCacheFormats = List.of(formats);
            return this;
        }

        /**
         * Prompt lengths; 1,024 by default.
         *
         * @param tokens at least one, each {@code >= 1}
         * @return this builder
         */
        public Builder promptTokens(long... tokens) {
            this.promptTokens = tokens.clone();
            return this;
        }

        /**
         * Output lengths; 256 by default.
         *
         * @param tokens at least one, each {@code >= 0}
         * @return this builder
         */
        public Builder outputTokens(long... tokens) {
            this.outputTokens = tokens.clone();
            return this;
        }

        /**
         * Batch sizes; 1 by default.
         *
         * @param sizes at least one, each {@code >= 1}
         * @return this builder
         */
        public Builder batchSizes(int... sizes) {
            this.batchSizes = sizes.clone();
            return this;
        }

        /**
         * The accounting convention; EXACT by default.
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder convention(Convention convention) {
            this.convention = convention;
            return this;
        }

        /**
         * Efficiencies; {@link Efficiency#DEFAULT} by default.
         *
         * @param efficiency the efficiencies
         * @return this builder
         */
        public Builder efficiency(Efficiency efficiency) {
            this.efficiency = efficiency;
            return this;
        }

        /**
         * One price for every chip; by default each chip's preset rental price.
         *
         * @param usdPerDeviceHour US dollars per device-hour
         * @return this builder
         */
        public Builder pricePerHour(double usdPerDeviceHour) {
            this.usdPerHour = usdPerDeviceHour;
            return this;
        }

        /**
         * Utilisation; 1 by default.
         *
         * @param utilization in (0, 1]
         * @return this builder
         */
        public Builder utilization(double utilization) {
            this.utilization = utilization;
            return this;
        }

        /**
         * Checks every axis and builds the sweep; points are computed later, as they are consumed.
         *
         * @return the sweep
         * @throws IllegalArgumentException naming an empty axis or an invalid value
         */
        public Sweep build() {
            nonEmpty("models", models.size());
            nonEmpty("hardware", chips.size());
            nonEmpty("weightFormats", weightFormats.size());
            nonEmpty("kvCacheFormats", kvCacheFormats.size());
            Check.fraction("utilization", utilization);
            if (usdPerHour != null) {
                Check.positive("pricePerHour", usdPerHour);
            }
            List<Deployment> deployments = new ArrayList<>();
            long sharedPrefix = 0;
            for (ModelSpec model : models) {
                for (HardwareSpec chip : chips) {
                    for (NumericFormat weights : weightFormats) {
                        for (NumericFormat kv : kvCacheFormats) {
                            LlmCost.Builder b = LlmCost.model(model)
                                    .hardware(chip)
                                    .convention(convention)
                                    .efficiency(efficiency)
                                    .utilization(utilization);
                            if (usdPerHour != null) {
                                b.pricePerHour(usdPerHour);
                            }
                            base.accept(b);
                            // the axes last: they override whatever the base configuration set
                            deployments.add(b.hardware(chip)
                                    .weights(weights)
                                    .kvCache(kv)
                                    .deployment());
                            sharedPrefix = b.sharedPrefixTokens();
                        }
                    }
                }
            }
            return new Sweep(deployments, promptTokens, outputTokens, batchSizes, sharedPrefix);
        }
    }
}
