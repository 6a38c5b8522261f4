package io.github.llmcost.core;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The numeric formats a model runs in: its weights as stored, the format its matrix multiplications compute in (the
 * activations'), and its KV cache.
 *
 * <p>{@link #of(NumericFormat)} follows the weights as engines run them: 8- and 4-bit float weights (FP8, FP4) compute
 * in their own format (W8A8, W4A4); everything else computes in BF16, so integer weights (INT8, INT4) are weight-only
 * quantised (W8A16, W4A16, as AWQ and GPTQ kernels run). The KV cache is BF16 unless set.
 *
 * <p>A {@link WeightScheme} beyond the plain formats ({@code awq-int4}, {@code q4_k_m}, {@code nvfp4}) sets the weights'
 * bytes: {@link #weightScheme()} is the one source of what weights occupy and stream; its {@link
 * WeightScheme#elementFormat() element format} is {@link #weights()} and picks the compute path.
 *
 * <p>A {@link KvScheme} beyond the plain formats ({@code int8-head}, {@code int4-group}) sets the cache's bytes, scales
 * included: {@link #kvScheme()} is what the deployment's cache is built from; its element format is {@link #kvCache()}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Formats.of(NumericFormat.FP8_E4M3).scheme();                        // "W8A8"
 * Formats.of(NumericFormat.INT4).withKvCache(NumericFormat.INT8);     // INT4 weights, BF16 compute, INT8 cache
 * Formats.of(WeightScheme.Q4_K_M).weightScheme();                     // Q4_K_M's mix, weight-only (W4A16)
 * }</pre>
 */
@Value.Immutable
public abstract class Formats {
    /** BF16 weights, activations and cache: the default. */
    public static final Formats BF16 = of(NumericFormat.BF16);

    Formats() {}

    /**
     * The formats of a weight format, its compute format chosen as engines do and a BF16 cache.
     *
     * @param weights the weights' format
     * @return the formats
     */
    public static Formats of(NumericFormat weights) {
        return ImmutableFormats.builder().weights(weights).build();
    }

    /**
     * The formats of a weight scheme: its element format as the weights, the compute format chosen as for that format
     * ({@link #of(NumericFormat)}), a BF16 cache. A plain scheme gives the same value as {@link #of(NumericFormat)}.
     *
     * @param scheme the weights' scheme
     * @return the formats
     */
    public static Formats of(WeightScheme scheme) {
        return scheme.isPlain()
                ? of(scheme.elementFormat())
                : ImmutableFormats.builder()
                        .weights(scheme.elementFormat())
                        .chosenWeightScheme(scheme)
                        .build();
    }

    /**
     * Every format given.
     *
     * @param weights the weights' format
     * @param activations the compute format
     * @param kvCache the KV cache's format
     * @return the formats
     */
    public static Formats of(NumericFormat weights, NumericFormat activations, NumericFormat kvCache) {
        return ImmutableFormats.builder()
                .weights(weights)
                .activations(activations)
                .kvCache(kvCache)
                .build();
    }

    /** {@return the format weights are stored in: a scheme's element format} */
    public abstract NumericFormat weights();

    /** {@return the weight scheme set beyond a plain format, if one was} */
    public abstract Optional<WeightScheme> chosenWeightScheme();

    /**
     * {@return how the weights are stored, scales and wide tensors included: the chosen scheme, else the plain scheme
     * of {@link #weights()}; its {@link WeightScheme#weightBytes(ModelSpec, Convention) weight bytes} are what memory
     * holds and decode streams}
     */
    public WeightScheme weightScheme() {
        return chosenWeightScheme().orElseGet(() -> WeightScheme.plain(weights()));
    }

    /**
     * {@return the format matrix multiplications compute in: by default the weights' format for FP8 and FP4 weights,
     * BF16 otherwise}
     */
    @Value.Default
    public NumericFormat activations() {
        return switch (weights()) {
            case FP8_E4M3, FP8_E5M2, FP4 -> weights();
            default -> NumericFormat.BF16;
        };
    }

    /** {@return the format of the KV cache; BF16 by default} */
    @Value.Default
    public NumericFormat kvCache() {
        return NumericFormat.BF16;
    }

    /**
     * A copy with other weights in a plain format (a chosen scheme of another element format is dropped), the compute
     * format kept.
     *
     * @param weights the weights' format
     * @return the copy
     */
    public abstract Formats withWeights(NumericFormat weights);

    /**
     * A copy with weights in a scheme (its element format as the weights), the compute format kept.
     *
     * @param scheme the weights' scheme
     * @return the copy
     */
    public Formats withWeightScheme(WeightScheme scheme) {
        return scheme.isPlain()
                ? withWeights(scheme.elementFormat())
                : ImmutableFormats.builder()
                        .from(this)
                        .weights(scheme.elementFormat())
                        .chosenWeightScheme(scheme)
                        .build();
    }

    /**
     * A copy with another compute format.
     *
     * @param activations the compute format
     * @return the copy
     */
    public abstract Formats withActivations(NumericFormat activations);

    /** {@return the KV-cache scheme set beyond a plain format, if one was} */
    public abstract Optional<KvScheme> chosenKvScheme();

    /**
     * {@return how the KV cache is stored, scales included: the chosen scheme, else the plain scheme of {@link
     * #kvCache()}}
     */
    public KvScheme kvScheme() {
        return chosenKvScheme().orElseGet(() -> KvScheme.plain(kvCache()));
    }

    /**
     * A copy with the KV cache in a scheme (its element format as {@link #kvCache()}).
     *
     * @param scheme the cache's scheme
     * @return the copy
     */
    public Formats withKvScheme(KvScheme scheme) {
        return scheme.isPlain()
                ? withKvCache(scheme.elementFormat())
                : ImmutableFormats.builder()
                        .from(this)
                        .kvCache(scheme.elementFormat())
                        .chosenKvScheme(scheme)
                        .build();
    }

    /**
     * A copy with another KV-cache format (a chosen KV scheme of another element format is dropped).
     *
     * @param kvCache the cache's format
     * @return the copy
     */
    public abstract Formats withKvCache(NumericFormat kvCache);

    /**
     * {@return whether weights are stored narrower than the compute format and widened on the fly (weight-only
     * quantisation, such as W4A16)}
     */
    public boolean isWeightOnlyQuantized() {
        return weights().bitsPerElement() < activations().bitsPerElement();
    }

    /** {@return the scheme in the usual shorthand, such as {@code "W8A8"} or {@code "W4A16"}} */
    public String scheme() {
        return "W" + weights().bitsPerElement() + "A" + activations().bitsPerElement();
    }

    /**
     * Keeps a chosen scheme only while it is not plain and its element format is the weights' (the KV cache's for a KV
     * scheme): a copy with other weights ({@link #withWeights}) or another cache format drops it.
     *
     * @return this, or a copy without the scheme
     */
    @Value.Check
    Formats normalize() {
        Optional<WeightScheme> chosen = chosenWeightScheme();
        if (chosen.isPresent() && (chosen.get().isPlain() || chosen.get().elementFormat() != weights())) {
            return ImmutableFormats.builder()
                    .from(this)
                    .chosenWeightScheme(Optional.empty())
                    .build();
        }
        Optional<KvScheme> kv = chosenKvScheme();
        if (kv.isPresent() && (kv.get().isPlain() || kv.get().elementFormat() != kvCache())) {
            return ImmutableFormats.builder()
                    .from(this)
                    .chosenKvScheme(Optional.empty())
                    .build();
        }
        return this;
    }

    /** {@return the formats in a line: weights (and their scheme), activations (scheme), KV cache} */
    @Override
    public String toString() {
        return "weights "
                + chosenWeightScheme()
                        .map(s -> s.id() + " (" + weights() + ")")
                        .orElse(weights().name())
                + ", activations " + activations() + " (" + scheme()
                + (isWeightOnlyQuantized() ? ", weight-only" : "") + "), KV "
                + chosenKvScheme()
                        .map(s -> s.id() + " (" + kvCache() + ")")
                        .orElse(kvCache().name());
    }
}
