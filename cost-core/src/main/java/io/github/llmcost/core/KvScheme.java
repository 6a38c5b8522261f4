package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a KV cache stores its keys and values: an element format plus the scales (and zero points) quantised caches
 * keep beside them. {@link KvCache#of(ModelSpec, Convention, KvScheme)} counts the scales in every figure it gives:
 * bytes per token, per session, per layer read by a decode step, and the sessions that fit.
 *
 * <ul>
 *   <li>plain formats ({@code bf16}, {@code fp16}, {@code fp32}, {@code fp8_e4m3}, {@code fp8_e5m2}, {@code int8},
 *       {@code int4}, {@code fp4}): every value in the element format, no scales (the article's {@code B_p});
 *   <li>{@code fp8-tensor}: FP8 E4M3 values with one FP32 scale per layer for keys and one for values, as vLLM's
 *       {@code --kv-cache-dtype fp8} stores them (docs.vllm.ai, "Quantized KV Cache", read 2026-11-30); a few bytes a
 *       layer, not counted;
 *   <li>{@code int8-head}: INT8 values with one 16-bit scale per token per KV head, for keys and for values, as
 *       per-token per-head INT8 caches do (LMDeploy's {@code quant_policy=8}; QServe, Lin et al., 2024, arXiv
 *       2405.04532): {@code 8 + 16 / d_k} bits a value;
 *   <li>{@code int4-group}: INT4 values with a 16-bit scale and a 16-bit zero point per group of 32 values, as KIVI
 *       quantises keys per channel and values per token (Liu et al., 2024, arXiv 2402.02750): {@code 4 + 32 / 32 = 5}
 *       bits a value.
 * </ul>
 *
 * <p>Under latent attention the per-token scale of {@code int8-head} covers the whole cached latent of a layer. Fixed
 * states of state-space and linear-attention layers stay in the element format, without scales.
 *
 * <pre>{@code
 * KvScheme.parse("int4-group").bitsPerValue(128);   // 5.0
 * KvScheme.INT8_HEAD.bitsPerValue(128);             // 8.125
 * }</pre>
 */
public enum KvScheme {
    /** bfloat16 values. */
    BF16("bf16", NumericFormat.BF16, 0, 0, 0),
    /** IEEE half-precision values. */
    FP16("fp16", NumericFormat.FP16, 0, 0, 0),
    /** IEEE single-precision values. */
    FP32("fp32", NumericFormat.FP32, 0, 0, 0),
    /** FP8 E4M3 values, no scales. */
    FP8_E4M3("fp8_e4m3", NumericFormat.FP8_E4M3, 0, 0, 0),
    /** FP8 E5M2 values, no scales. */
    FP8_E5M2("fp8_e5m2", NumericFormat.FP8_E5M2, 0, 0, 0),
    /** INT8 values, no scales (the article's INT8 cache). */
    INT8("int8", NumericFormat.INT8, 0, 0, 0),
    /** INT4 values, no scales. */
    INT4("int4", NumericFormat.INT4, 0, 0, 0),
    /** FP4 values, no scales. */
    FP4("fp4", NumericFormat.FP4, 0, 0, 0),
    /** FP8 E4M3 values with a per-layer scale (vLLM's FP8 cache); the scales are not counted. */
    FP8_TENSOR("fp8-tensor", NumericFormat.FP8_E4M3, 0, 0, 0),
    /** INT8 values with a 16-bit scale per token per KV head. */
    INT8_HEAD("int8-head", NumericFormat.INT8, 16, 0, 0),
    /** INT4 values with a 16-bit scale and a 16-bit zero point per group of 32 values (KIVI). */
    INT4_GROUP("int4-group", NumericFormat.INT4, 0, 32, 32);

    private final String id;
    private final NumericFormat elementFormat;
    private final int bitsPerVector;
    private final int groupSize;
    private final int bitsPerGroup;

    KvScheme(String id, NumericFormat elementFormat, int bitsPerVector, int groupSize, int bitsPerGroup) {
        this.id = id;
        this.elementFormat = elementFormat;
        this.bitsPerVector = bitsPerVector;
        this.groupSize = groupSize;
        this.bitsPerGroup = bitsPerGroup;
    }

    /** {@return the lowercase id the command line takes: {@code int8}, {@code int4-group}} */
    public String id() {
        return id;
    }

    /** {@return the format each cached value is stored in, scales aside} */
    public NumericFormat elementFormat() {
        return elementFormat;
    }

    /** {@return whether the scheme is a plain format ({@link #plain}), not a quantisation scheme with scales} */
    public boolean isPlain() {
        return this == plain(elementFormat);
    }

    /** {@return bits of scale per vector of one token's values (one KV head's keys or values); 0 if none} */
    public int scaleBitsPerVector() {
        return bitsPerVector;
    }

    /** {@return values that share a scale and zero point; 0 if the scheme has no groups} */
    public int groupSize() {
        return groupSize;
    }

    /** {@return bits of scale and zero point per group; 0 if the scheme has no groups} */
    public int scaleBitsPerGroup() {
        return bitsPerGroup;
    }

    /**
     * Bits each cached value occupies, its share of scales and zero points included: {@code bits + perVector /
     * vectorLength + perGroup / groupSize}.
     *
     * @param vectorLength values of one token that share a per-token scale: the head dimension {@code d_k}, or the
     *     cached latent's width under latent attention; {@code >= 1}
     * @return bits per value, at least the element format's
     * @throws IllegalArgumentException if {@code vectorLength < 1}
     */
    public double bitsPerValue(int vectorLength) {
        Check.positive("vectorLength", vectorLength);
        double bits = elementFormat.bitsPerElement();
        if (bitsPerVector > 0) {
            bits += (double) bitsPerVector / vectorLength;
        }
        if (groupSize > 0) {
            bits += (double) bitsPerGroup / groupSize;
        }
        return bits;
    }

    /**
     * The plain scheme of a format: every value in it, no scales.
     *
     * @param format the format
     * @return its scheme
     */
    public static KvScheme plain(NumericFormat format) {
        return switch (format) {
            case FP32 -> FP32;
            case BF16 -> BF16;
            case FP16 -> FP16;
            case FP8_E4M3 -> FP8_E4M3;
            case FP8_E5M2 -> FP8_E5M2;
            case INT8 -> INT8;
            case INT4 -> INT4;
            case FP4 -> FP4;
        };
    }

    /** {@return every id, comma-separated, in declaration order} */
    public static String ids() {
        List<String> ids = new ArrayList<>();
        for (KvScheme s : values()) {
            ids.add(s.id);
        }
        return String.join(", ", ids);
    }

    /**
     * Reads a scheme id, case-insensitively ({@code -} and {@code _} alike); any other name {@link NumericFormat#parse}
     * accepts ({@code fp8}, {@code half}) is its plain scheme.
     *
     * @param text the id
     * @return the scheme
     * @throws IllegalArgumentException naming the text and listing the accepted ids
     */
    public static KvScheme parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (KvScheme s : values()) {
            if (s.id.replace('_', '-').equals(key)) {
                return s;
            }
        }
        try {
            return plain(NumericFormat.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("KV-cache scheme (" + text + ") must be one of " + ids(), e);
        }
    }
}
