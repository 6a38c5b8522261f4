package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * What is asked of a model: prompt and output lengths, batch size, numeric formats of weights, activations and KV
 * cache, and how many prompt tokens the requests share (a cached prefix, as prompt caching provides).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()} or {@link #of(long, long)}; defaults are batch 1, BF16
 * everywhere and no shared prefix.
 *
 * <pre>{@code
 * Workload w = Workload.builder().promptTokens(4096).outputTokens(512).batchSize(8)
 *     .weightFormat(NumericFormat.INT4).kvCacheFormat(NumericFormat.INT8).build();
 * }</pre>
 */
@Value.Immutable
public abstract class Workload {
    Workload() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A batch-1 BF16 workload.
     *
     * @param promptTokens tokens in the prompt, {@code >= 1}
     * @param outputTokens tokens generated, {@code >= 0}
     * @return the workload
     */
    public static Workload of(long promptTokens, long outputTokens) {
        return builder().promptTokens(promptTokens).outputTokens(outputTokens).build();
    }

    /** {@return tokens in each prompt} */
    public abstract long promptTokens();

    /** {@return tokens generated per sequence} */
    public abstract long outputTokens();

    /** {@return sequences processed together; 1 by default} */
    @Value.Default
    public int batchSize() {
        return 1;
    }

    /** {@return the format weights are stored in; BF16 by default} */
    @Value.Default
    public NumericFormat weightFormat() {
        return NumericFormat.BF16;
    }

    /**
     * {@return the format activations are computed in, which is the format matrix multiplications run in. By default
     * it follows the weights as engines run them: 8- and 4-bit float weights (FP8, FP4) compute in their own format
     * (W8A8, W4A4), everything else in BF16, so integer weights (INT8, INT4) are weight-only quantised (W8A16,
     * W4A16, as AWQ and GPTQ kernels run). Set it to say otherwise, such as BF16 for FP8 weights on a chip without FP8
     * compute}
     */
    @Value.Default
    public NumericFormat activationFormat() {
        return switch (weightFormat()) {
            case FP8_E4M3, FP8_E5M2, FP4 -> weightFormat();
            default -> NumericFormat.BF16;
        };
    }

    /**
     * {@return whether weights are stored narrower than the compute format and widened on the fly (weight-only
     * quantisation, such as W4A16)}
     */
    public boolean isWeightOnlyQuantized() {
        return weightFormat().bitsPerElement() < activationFormat().bitsPerElement();
    }

    /** {@return the scheme in the usual shorthand, such as {@code "W8A8"} or {@code "W4A16"}} */
    public String quantizationScheme() {
        return "W" + weightFormat().bitsPerElement() + "A" + activationFormat().bitsPerElement();
    }

    /** {@return the format of the KV cache; BF16 by default} */
    @Value.Default
    public NumericFormat kvCacheFormat() {
        return NumericFormat.BF16;
    }

    /** {@return leading prompt tokens every request shares and that are cached once; 0 by default} */
    @Value.Default
    public long sharedPrefixTokens() {
        return 0;
    }

    /**
     * {@return the prompt tokens actually served from the shared cache: {@code min(sharedPrefixTokens, promptTokens -
     * 1)}. The last prompt token is always computed, since its logits give the first output token (serving engines
     * recompute it even on a full cache hit)}
     */
    public long cachedPrefixTokens() {
        return Math.min(sharedPrefixTokens(), promptTokens() - 1);
    }

    /**
     * {@return the prompt tokens the batch's prefill computes: {@code (promptTokens - cachedPrefixTokens) x batchSize}}
     *
     * @throws IllegalArgumentException if the product overflows a long
     */
    public long prefillTokens() {
        return Check.multiply(
                "prompt tokens of the batch (prompt x batch size)", promptTokens() - cachedPrefixTokens(), batchSize());
    }

    /** {@return prompt plus output tokens: the context a sequence reaches} */
    public long contextTokens() {
        return Check.add("contextTokens", promptTokens(), outputTokens());
    }

    @Value.Check
    void check() {
        Check.positive("promptTokens", promptTokens());
        Check.nonNegative("outputTokens", outputTokens());
        Check.positive("batchSize", batchSize());
        Check.nonNegative("sharedPrefixTokens", sharedPrefixTokens());
        if (!(sharedPrefixTokens() <= promptTokens())) {
            throw new IllegalArgumentException("sharedPrefixTokens (" + sharedPrefixTokens()
                    + ") must be <= promptTokens (" + promptTokens() + ")");
        }
        contextTokens();
    }

    /** Builds a {@link Workload}; {@link #build()} checks every field. */
    public static final class Builder extends ImmutableWorkload.Builder {
        Builder() {}
    }
}
