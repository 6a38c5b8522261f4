package io.github.llmcost.economics;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.KvScheme;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwareSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Collects the axes of a {@link Sweep}; every axis needs at least one value. Not thread-safe. */
public final class SweepBuilder {
    private List<ModelSpec> models = List.of();
    private List<HardwareSpec> chips = List.of();
    private List<WeightScheme> weightFormats = List.of(WeightScheme.BF16);
    private List<KvScheme> kvCacheFormats = List.of(KvScheme.BF16);
    private long[] promptTokens = {1024};
    private long[] outputTokens = {256};
    private int[] batchSizes = {1};
    private Convention convention = Convention.EXACT;
    private @Nullable Efficiency efficiency;
    private @Nullable Double usdPerHour;
    private double utilization = 1;
    private Consumer<LlmCost.Builder> base = b -> {};

    SweepBuilder() {}

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
    public SweepBuilder configure(Consumer<LlmCost.Builder> configuration) {
        this.base = java.util.Objects.requireNonNull(configuration, "configuration");
        return this;
    }

    /**
     * The models to sweep.
     *
     * @param models at least one
     * @return this builder
     */
    public SweepBuilder models(ModelSpec... models) {
        this.models = List.of(models);
        return this;
    }

    /**
     * The models to sweep.
     *
     * @param models at least one
     * @return this builder
     */
    public SweepBuilder models(List<ModelSpec> models) {
        this.models = List.copyOf(models);
        return this;
    }

    /**
     * The chips to sweep.
     *
     * @param chips at least one
     * @return this builder
     */
    public SweepBuilder hardware(HardwareSpec... chips) {
        this.chips = List.of(chips);
        return this;
    }

    /**
     * The chips to sweep.
     *
     * @param chips at least one
     * @return this builder
     */
    public SweepBuilder hardware(List<HardwareSpec> chips) {
        this.chips = List.copyOf(chips);
        return this;
    }

    /**
     * Weight formats; BF16 by default.
     *
     * @param formats at least one
     * @return this builder
     */
    public SweepBuilder weightFormats(NumericFormat... formats) {
        List<WeightScheme> schemes = new ArrayList<>();
        for (NumericFormat f : formats) {
            schemes.add(WeightScheme.plain(f));
        }
        this.weightFormats = List.copyOf(schemes);
        return this;
    }

    /**
     * Weight schemes ({@code awq-int4}, {@code q4_k_m}, ...), in place of {@link #weightFormats}; BF16 by default.
     *
     * @param schemes at least one
     * @return this builder
     */
    public SweepBuilder weightSchemes(WeightScheme... schemes) {
        this.weightFormats = List.of(schemes);
        return this;
    }

    /**
     * KV-cache formats; BF16 by default.
     *
     * @param formats at least one
     * @return this builder
     */
    public SweepBuilder kvCacheFormats(NumericFormat... formats) {
        List<KvScheme> schemes = new ArrayList<>();
        for (NumericFormat f : formats) {
            schemes.add(KvScheme.plain(f));
        }
        this.kvCacheFormats = List.copyOf(schemes);
        return this;
    }

    /**
     * KV-cache schemes, their scales counted ({@code int8-head}, {@code int4-group}); BF16 by default.
     *
     * @param schemes at least one
     * @return this builder
     */
    public SweepBuilder kvCacheSchemes(KvScheme... schemes) {
        this.kvCacheFormats = List.of(schemes);
        return this;
    }

    /**
     * Prompt lengths; 1,024 by default.
     *
     * @param tokens at least one, each {@code >= 1}
     * @return this builder
     */
    public SweepBuilder promptTokens(long... tokens) {
        this.promptTokens = tokens.clone();
        return this;
    }

    /**
     * Output lengths; 256 by default.
     *
     * @param tokens at least one, each {@code >= 0}
     * @return this builder
     */
    public SweepBuilder outputTokens(long... tokens) {
        this.outputTokens = tokens.clone();
        return this;
    }

    /**
     * Batch sizes; 1 by default.
     *
     * @param sizes at least one, each {@code >= 1}
     * @return this builder
     */
    public SweepBuilder batchSizes(int... sizes) {
        this.batchSizes = sizes.clone();
        return this;
    }

    /**
     * The accounting convention; EXACT by default.
     *
     * @param convention the convention
     * @return this builder
     */
    public SweepBuilder convention(Convention convention) {
        this.convention = convention;
        return this;
    }

    /**
     * Times every point on the plain roofline at these efficiencies ({@link LlmCost.Builder#efficiency(Efficiency)});
     * by default each chip's own calibration.
     *
     * @param efficiency the efficiencies
     * @return this builder
     */
    public SweepBuilder efficiency(Efficiency efficiency) {
        this.efficiency = efficiency;
        return this;
    }

    /**
     * One price for every chip; by default each chip's preset rental price.
     *
     * @param usdPerDeviceHour US dollars per device-hour
     * @return this builder
     */
    public SweepBuilder pricePerHour(double usdPerDeviceHour) {
        this.usdPerHour = usdPerDeviceHour;
        return this;
    }

    /**
     * Utilisation; 1 by default.
     *
     * @param utilization in (0, 1]
     * @return this builder
     */
    public SweepBuilder utilization(double utilization) {
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
                for (WeightScheme weights : weightFormats) {
                    for (KvScheme kv : kvCacheFormats) {
                        LlmCost.Builder b = LlmCost.model(model)
                                .hardware(chip)
                                .convention(convention)
                                .utilization(utilization);
                        Efficiency e = efficiency;
                        if (e != null) {
                            b.efficiency(e);
                        }
                        if (usdPerHour != null) {
                            b.pricePerHour(usdPerHour);
                        }
                        base.accept(b);
                        // the axes last: they override whatever the base configuration set
                        deployments.add(
                                b.hardware(chip).weights(weights).kvCache(kv).deployment());
                        sharedPrefix = b.sharedPrefixTokens();
                    }
                }
            }
        }
        return Sweep.of(deployments, promptTokens, outputTokens, batchSizes, sharedPrefix);
    }

    private static void nonEmpty(String axis, int size) {
        if (size == 0) {
            throw new IllegalArgumentException(axis + " (empty) must have at least one value");
        }
    }
}
