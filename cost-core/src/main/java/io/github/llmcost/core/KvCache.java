package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * The memory a model keeps per sequence between decode steps: keys and values of attention layers, latents under
 * multi-head latent attention, and the fixed state of attention-free layers.
 *
 * <p>Under {@link Convention#ARTICLE}: {@code 2 x L_attn x g x d_k x n x B_p}, every attention layer growing with
 * the whole context, convolution layers caching nothing; state-space and linear-attention layers, for which the article
 * has no formula, keep their state as under EXACT. Under {@link Convention#EXACT}: global layers store
 * {@code 2 x g x d_k} values per token; sliding-window layers the same but for at most {@code w} tokens; latent
 * attention {@code kv_lora_rank + qk_rope_head_dim} values per token; layers that keep a fixed state a fixed number
 * of values per sequence, whatever the context: {@code d x kernel} for a gated convolution, the recurrent state plus
 * the convolution's history for state-space ({@link StateSpace}) and linear-attention ({@link LinearAttention})
 * layers. All values are stored in the KV format given; under a quantised {@link KvScheme} the growing entries also
 * carry their scales and zero points ({@link KvScheme#bitsPerValue(int)}), while fixed states stay in the scheme's
 * element format, without scales.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * KvCache kv = KvCache.of(ModelPresets.ARTICLE_1B_CLASS, Convention.ARTICLE, NumericFormat.INT8);
 * kv.bytesPerToken();        // 16.4 kB (16 KiB)
 * kv.sessionBytes(32768);    // 537 MB (512 MiB)
 * }</pre>
 */
public final class KvCache {
    private final ModelSpec model;
    private final Convention convention;
    private final KvScheme scheme;
    private final NumericFormat format;
    /** Values per token of one global (or, under ARTICLE, any attention) layer. */
    private final double valuesPerTokenPerLayer;
    /** Bits of each growing entry, scales included. */
    private final double bitsPerValue;

    private KvCache(ModelSpec model, Convention convention, KvScheme scheme) {
        this.model = model;
        this.convention = convention;
        this.scheme = scheme;
        this.format = scheme.elementFormat();
        if (convention == Convention.EXACT && model.latentAttention().isPresent()) {
            int latent = model.latentAttention().get().cachedValuesPerToken();
            valuesPerTokenPerLayer = latent;
            bitsPerValue = scheme.bitsPerValue(latent);
        } else {
            valuesPerTokenPerLayer = 2.0 * model.numKeyValueHeads() * model.headDim();
            bitsPerValue = scheme.bitsPerValue(model.headDim());
        }
    }

    /**
     * The cache of a model under a convention, stored in a format.
     *
     * @param model the model
     * @param convention the accounting convention
     * @param format the KV-cache format ({@code B_p})
     * @return the cache calculator
     */
    public static KvCache of(ModelSpec model, Convention convention, NumericFormat format) {
        return new KvCache(model, convention, KvScheme.plain(format));
    }

    /**
     * The cache of a model under a convention, stored in a scheme whose scales count in every figure.
     *
     * @param model the model
     * @param convention the accounting convention
     * @param scheme the KV-cache scheme; a plain one gives the same cache as {@link #of(ModelSpec, Convention,
     *     NumericFormat)}
     * @return the cache calculator
     */
    public static KvCache of(ModelSpec model, Convention convention, KvScheme scheme) {
        return new KvCache(model, convention, scheme);
    }

    /** {@return the model} */
    public ModelSpec model() {
        return model;
    }

    /** {@return the convention} */
    public Convention convention() {
        return convention;
    }

    /** {@return how cached values are stored, scales included} */
    public KvScheme scheme() {
        return scheme;
    }

    /** {@return the storage format of cached values, scales aside (the scheme's element format)} */
    public NumericFormat format() {
        return format;
    }

    /**
     * {@return bytes each token adds while every window is still filling: the article's {@code 2 x L_attn x g x d_k x
     * B_p}}
     */
    public Bytes bytesPerToken() {
        return entries(valuesPerTokenPerLayer * model.numAttentionLayers());
    }

    /**
     * {@return bytes per sequence that do not grow with context: the state of the layers that keep one (under ARTICLE,
     * of state-space and linear-attention layers only)}
     */
    public Bytes fixedStateBytes() {
        double values = 0;
        for (LayerGroup group : model.layerGroups()) {
            values += group.count() * stateValues(group.attentionKind());
        }
        return format.bytesFor(values);
    }

    /**
     * Values one layer of a kind keeps whatever the context: under ARTICLE none for the article's attention-free
     * (convolution) layers; the article has no formula for state-space and linear-attention layers, so both
     * conventions count their state, and no model keeps nothing per sequence.
     */
    private double stateValues(AttentionKind kind) {
        return convention == Convention.ARTICLE && kind == AttentionKind.NONE
                ? 0
                : RecurrentLayers.stateValues(model, kind);
    }

    /**
     * The cache of one sequence at a context length.
     *
     * @param contextTokens tokens in the sequence, {@code >= 0}
     * @return its bytes, fixed state included
     */
    public Bytes sessionBytes(long contextTokens) {
        Check.nonNegative("contextTokens", contextTokens);
        return entries(cachedTokenLayers(contextTokens) * valuesPerTokenPerLayer)
                .plus(fixedStateBytes());
    }

    /**
     * One layer's cache for one sequence: what a decode step of that layer reads.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param contextTokens tokens in the sequence, {@code >= 0}
     * @return the layer's bytes: growing entries for attention layers, the fixed state of the others
     */
    public Bytes layerBytes(int layer, long contextTokens) {
        Check.nonNegative("contextTokens", contextTokens);
        AttentionKind kind = model.attentionKind(layer);
        if (kind.keepsFixedState()) {
            return format.bytesFor(stateValues(kind));
        }
        double tokens = convention == Convention.EXACT && kind == AttentionKind.SLIDING_WINDOW
                ? Math.min(contextTokens, model.slidingWindow())
                : contextTokens;
        return entries(tokens * valuesPerTokenPerLayer);
    }

    /**
     * The bytes one more token adds to a sequence of {@code contextTokens}: {@link #bytesPerToken()} until sliding
     * windows fill, then only the global layers' share.
     *
     * @param contextTokens tokens already in the sequence, {@code >= 0}
     * @return the growth
     */
    public Bytes growthPerToken(long contextTokens) {
        Check.nonNegative("contextTokens", contextTokens);
        return sessionBytes(contextTokens + 1).minus(sessionBytes(contextTokens));
    }

    /**
     * The bytes of a shared prefix stored once for many sequences (prompt caching): the prefix's entries in global
     * and latent attention layers. Sliding-window entries and fixed states depend on each sequence's latest tokens and
     * stay private.
     *
     * @param prefixTokens tokens in the shared prefix, {@code >= 0}
     * @return the bytes stored once
     */
    public Bytes sharedPrefixBytes(long prefixTokens) {
        Check.nonNegative("prefixTokens", prefixTokens);
        double layers =
                convention == Convention.ARTICLE ? model.numAttentionLayers() : model.numLayers(AttentionKind.GLOBAL);
        return entries(layers * prefixTokens * valuesPerTokenPerLayer);
    }

    /**
     * How many whole sessions of a context length fit in a memory budget: {@code floor(budget / sessionBytes)}.
     *
     * @param budget bytes available for the cache
     * @param contextTokens tokens per session, {@code >= 1}
     * @return whole sessions, {@code >= 0}
     * @throws IllegalArgumentException if a session needs no memory, which would make the count unbounded
     */
    public long sessionsThatFit(Bytes budget, long contextTokens) {
        return sessionsThatFit(budget, contextTokens, 0);
    }

    /**
     * How many whole sessions fit when they share a prompt prefix stored once: {@code floor((budget - shared) /
     * (session - shared))}, 0 if the shared prefix alone does not fit.
     *
     * @param budget bytes available for the cache
     * @param contextTokens tokens per session, {@code >= 1}
     * @param sharedPrefixTokens tokens of each session that all sessions share, in {@code [0, contextTokens]}
     * @return whole sessions, {@code >= 0}
     * @throws IllegalArgumentException if a session needs no private memory, which would make the count unbounded
     */
    public long sessionsThatFit(Bytes budget, long contextTokens, long sharedPrefixTokens) {
        Check.positive("contextTokens", contextTokens);
        Check.nonNegative("sharedPrefixTokens", sharedPrefixTokens);
        if (!(sharedPrefixTokens <= contextTokens)) {
            throw new IllegalArgumentException(
                    "sharedPrefixTokens (" + sharedPrefixTokens + ") must be <= contextTokens (" + contextTokens + ")");
        }
        Bytes shared = sharedPrefixBytes(sharedPrefixTokens);
        Bytes perSession = sessionBytes(contextTokens).minus(shared);
        if (!(perSession.toBytes() > 0)) {
            throw new IllegalArgumentException(
                    "sessions are unbounded: a session of " + contextTokens + " tokens needs no private cache memory");
        }
        if (budget.compareTo(shared) < 0) {
            return 0;
        }
        double sessions = Math.floor(budget.minus(shared).toBytes() / perSession.toBytes());
        return sessions >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) sessions;
    }

    /** Bytes of growing entries, their scales included: the element format's bytes for a plain scheme. */
    private Bytes entries(double values) {
        return Bytes.of(values * bitsPerValue / 8.0);
    }

    /** Sum over caching layers of the tokens each holds at a context length. */
    private double cachedTokenLayers(long n) {
        if (convention == Convention.ARTICLE) {
            return (double) model.numAttentionLayers() * n;
        }
        double global = (double) model.numLayers(AttentionKind.GLOBAL) * n;
        double sliding = (double) model.numLayers(AttentionKind.SLIDING_WINDOW) * Math.min(n, model.slidingWindow());
        return global + sliding;
    }

    @Override
    public String toString() {
        return "KvCache[" + model.name() + ", " + convention + ", " + (scheme.isPlain() ? format.name() : scheme.id())
                + ", " + bytesPerToken() + " per token]";
    }
}
