package io.github.llmcost.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a checkpoint stores its weights: more than bytes per element. A scheme says which tensors it quantises, to how
 * many bits, with which scales and zero points per group of weights, and which tensors it keeps wider; its {@link
 * #weightBytes(ModelSpec) weight bytes} are the one place the library computes what a model's weights occupy, and
 * they are what memory holds and what a decode step streams.
 *
 * <p>Three kinds:
 *
 * <ul>
 *   <li>plain formats ({@code bf16}, {@code fp16}, {@code fp32}, {@code fp8_e4m3}, {@code fp8_e5m2}, {@code int8},
 *       {@code int4}, {@code fp4}): every parameter in the element format, no scales (the article's {@code B_p});
 *   <li>safetensors schemes ({@code awq-int4}, {@code gptq-int4}, {@code fp8-tensor}, {@code fp8-block}, {@code nvfp4},
 *       {@code mxfp4}): the linear layers inside the blocks quantised with their group scales and zero points;
 *       embeddings, lm_head, norms and routers kept in 16 bits, as AutoAWQ, GPTQ, llm-compressor and ModelOpt write
 *       them (per-tensor scalars, a few bytes a tensor, and GPTQ's act-order index are not counted);
 *   <li>llama.cpp GGUF files ({@code q4_0}, {@code q4_k_m}, {@code q5_k_m}, {@code q6_k}, {@code q8_0}): every tensor
 *       typed by llama.cpp's rules ({@code llama_tensor_get_type} in {@code src/llama-quant.cpp}, ggml-org/llama.cpp,
 *       read 2026-11-30). {@code Q4_K_M} and {@code Q5_K_M} store {@code attn_v} and {@code ffn_down} in {@code Q6_K}
 *       on the layers {@code use_more_bits} picks (the first and last eighth, and every third layer between);
 *       {@code output} (the lm_head, or the tied embeddings) is {@code Q6_K} except in {@code Q8_0} files; models of
 *       exactly 8 experts keep {@code attn_k} and {@code attn_v} in {@code Q8_0} (and {@code attn_output} in {@code
 *       Q5_K} under {@code Q4_K_M}); norms and routers stay {@code F32}. Not modelled: the 70B bump of {@code attn_v}
 *       to {@code Q5_K}, latent-attention tensors' promotions, and fallbacks for rows not a multiple of the block.
 * </ul>
 *
 * <p>Each scheme has an {@link #elementFormat() element format}: the {@link NumericFormat} that decides the compute
 * path ({@link Formats#of(WeightScheme)}): FP8 schemes run W8A8, NVFP4 and MXFP4 W4A4 (on chips with an FP4 peak),
 * the integer and GGUF schemes weight-only with BF16 compute ({@code q5_k_m} and {@code q6_k} are carried as INT8).
 *
 * <pre>{@code
 * WeightScheme.parse("q4_k_m").weightBytes(ModelPresets.LLAMA_3_1_8B).total();   // 4.91 GB (4.58 GiB)
 * WeightScheme.AWQ_INT4.linearBitsPerWeight();                                  // 4.15625
 * }</pre>
 */
public enum WeightScheme {
    /** bfloat16 throughout. */
    BF16("bf16", NumericFormat.BF16),
    /** IEEE half precision throughout. */
    FP16("fp16", NumericFormat.FP16),
    /** IEEE single precision throughout. */
    FP32("fp32", NumericFormat.FP32),
    /** Every parameter in FP8 E4M3, no scales, embeddings included. */
    FP8_E4M3("fp8_e4m3", NumericFormat.FP8_E4M3),
    /** Every parameter in FP8 E5M2. */
    FP8_E5M2("fp8_e5m2", NumericFormat.FP8_E5M2),
    /** Every parameter in 8-bit integers, no scales. */
    INT8("int8", NumericFormat.INT8),
    /** Every parameter in 4-bit integers, no scales. */
    INT4("int4", NumericFormat.INT4),
    /** Every parameter in FP4 E2M1, no scales. */
    FP4("fp4", NumericFormat.FP4),
    /**
     * FP8 E4M3 linear layers with a per-tensor scale (llm-compressor / Neural Magic {@code -FP8} checkpoints),
     * embeddings and lm_head in BF16.
     */
    FP8_TENSOR("fp8-tensor", NumericFormat.FP8_E4M3, 8, 0, 0, 0),
    /** FP8 E4M3 linear layers with an FP32 scale per 128 x 128 block (DeepSeek-V3's format); embeddings in BF16. */
    FP8_BLOCK("fp8-block", NumericFormat.FP8_E4M3, 8, 128 * 128, 32, 0),
    /** AWQ (AutoAWQ GEMM): 4-bit weights, an FP16 scale and a 4-bit zero point per group of 128; W4A16. */
    AWQ_INT4("awq-int4", NumericFormat.INT4, 4, 128, 16, 4),
    /** GPTQ: 4-bit weights, an FP16 scale and a packed 4-bit zero point per group of 128; W4A16. */
    GPTQ_INT4("gptq-int4", NumericFormat.INT4, 4, 128, 16, 4),
    /** NVFP4: E2M1 values, an FP8 E4M3 scale per 16 (and an FP32 scale per tensor); W4A4 on FP4 chips. */
    NVFP4("nvfp4", NumericFormat.FP4, 4, 16, 8, 0),
    /** OCP MXFP4: E2M1 values with an E8M0 scale per 32; W4A4 on FP4 chips. */
    MXFP4("mxfp4", NumericFormat.FP4, 4, 32, 8, 0),
    /** llama.cpp Q4_0: Q4_0 tensors, output in Q6_K. */
    Q4_0("q4_0", NumericFormat.INT4, GgufType.Q4_0, GgufType.Q4_0, GgufType.Q6_K),
    /** llama.cpp Q4_K_M: Q4_K, some attn_v and ffn_down in Q6_K, output in Q6_K. */
    Q4_K_M("q4_k_m", NumericFormat.INT4, GgufType.Q4_K, GgufType.Q6_K, GgufType.Q6_K),
    /** llama.cpp Q5_K_M: Q5_K, some attn_v and ffn_down in Q6_K, output in Q6_K. */
    Q5_K_M("q5_k_m", NumericFormat.INT8, GgufType.Q5_K, GgufType.Q6_K, GgufType.Q6_K),
    /** llama.cpp Q6_K: every matrix in Q6_K. */
    Q6_K("q6_k", NumericFormat.INT8, GgufType.Q6_K, GgufType.Q6_K, GgufType.Q6_K),
    /** llama.cpp Q8_0: every matrix in Q8_0, output included. */
    Q8_0("q8_0", NumericFormat.INT8, GgufType.Q8_0, GgufType.Q8_0, GgufType.Q8_0);

    /** Bits of the tensors the safetensors schemes keep wide (BF16). */
    static final int WIDE_BITS = 16;

    private final String id;
    private final NumericFormat elementFormat;
    private final int bits;
    private final int groupSize;
    private final int scaleBits;
    private final int zeroPointBits;
    private final boolean plain;
    private final @Nullable GgufType ggufBase;
    private final @Nullable GgufType ggufPromoted;
    private final @Nullable GgufType ggufOutput;

    WeightScheme(String id, NumericFormat format) {
        this(id, format, format.bitsPerElement(), 0, 0, 0, true, null, null, null);
    }

    WeightScheme(String id, NumericFormat format, int bits, int groupSize, int scaleBits, int zeroPointBits) {
        this(id, format, bits, groupSize, scaleBits, zeroPointBits, false, null, null, null);
    }

    WeightScheme(String id, NumericFormat format, GgufType base, GgufType promoted, GgufType output) {
        this(id, format, base.bits(), base.blockWeights(), 0, 0, false, base, promoted, output);
    }

    WeightScheme(
            String id,
            NumericFormat format,
            int bits,
            int groupSize,
            int scaleBits,
            int zeroPointBits,
            boolean plain,
            @Nullable GgufType base,
            @Nullable GgufType promoted,
            @Nullable GgufType output) {
        this.id = id;
        this.elementFormat = format;
        this.bits = bits;
        this.groupSize = groupSize;
        this.scaleBits = scaleBits;
        this.zeroPointBits = zeroPointBits;
        this.plain = plain;
        this.ggufBase = base;
        this.ggufPromoted = promoted;
        this.ggufOutput = output;
    }

    /** {@return the lowercase id the command line takes: {@code awq-int4}, {@code q4_k_m}} */
    public String id() {
        return id;
    }

    /** {@return the format whose compute path the scheme runs on (the chip's peak, weight-only or not)} */
    public NumericFormat elementFormat() {
        return elementFormat;
    }

    /** {@return bits of each quantised value, without scales (for GGUF, the base type's)} */
    public int bits() {
        return bits;
    }

    /** {@return weights that share one scale (0 when one scale covers a whole tensor or there is none)} */
    public int groupSize() {
        return groupSize;
    }

    /** {@return bits of each group's scale (0 for plain formats; included in the block for GGUF types)} */
    public int scaleBits() {
        return scaleBits;
    }

    /** {@return bits of each group's zero point (0 for symmetric formats)} */
    public int zeroPointBits() {
        return zeroPointBits;
    }

    /** {@return whether every parameter is stored in the element format with no scales} */
    public boolean isPlain() {
        return plain;
    }

    /** {@return whether the scheme is a llama.cpp GGUF file type} */
    public boolean isGguf() {
        return ggufBase != null;
    }

    /**
     * {@return bits per weight of the quantised linear layers, scales and zero points included: {@code bits +
     * (scaleBits + zeroPointBits) / groupSize}; for GGUF the base type's ({@code Q4_K}: 4.5)}
     */
    public double linearBitsPerWeight() {
        GgufType base = ggufBase;
        if (base != null) {
            return base.bitsPerWeight();
        }
        return groupSize == 0 ? bits : bits + (double) (scaleBits + zeroPointBits) / groupSize;
    }

    /**
     * {@return whether tensors of a role stay in 16 bits: embeddings, lm_head, norms and routers of the safetensors
     * schemes (never for plain formats; GGUF types every tensor itself)}
     *
     * @param role the tensors
     */
    public boolean keepsSixteenBit(TensorRole role) {
        return !plain && !isGguf() && !role.isLinearLayer();
    }

    /**
     * The weight bytes of a model under {@link Convention#EXACT}, by tensor role.
     *
     * @param model the model
     * @return its weight bytes
     */
    public WeightBytes weightBytes(ModelSpec model) {
        return weightBytes(model, Convention.EXACT);
    }

    /**
     * The weight bytes of a model, by tensor role: the one home of the figure that memory holds and decode streams.
     *
     * @param model the model
     * @param convention whose parameter counts ({@link Convention#ARTICLE} counts only the blocks' matrices)
     * @return its weight bytes
     */
    public WeightBytes weightBytes(ModelSpec model, Convention convention) {
        ParameterBreakdown p = model.parameters(convention);
        Map<TensorRole, Double> bytes = new EnumMap<>(TensorRole.class);
        if (isGguf()) {
            Map<TensorRole, Map<GgufType, Long>> mix = GgufLayout.of(this, model, convention);
            for (TensorRole role : TensorRole.values()) {
                double sum = 0;
                for (Map.Entry<GgufType, Long> e :
                        java.util.Objects.requireNonNull(mix.get(role)).entrySet()) {
                    sum += e.getValue() * e.getKey().bitsPerWeight() / 8;
                }
                bytes.put(role, sum);
            }
        } else {
            for (TensorRole role : TensorRole.values()) {
                double bitsPerWeight = keepsSixteenBit(role)
                        ? WIDE_BITS
                        : plain ? elementFormat.bitsPerElement() : linearBitsPerWeight();
                bytes.put(role, role.parametersIn(p) * bitsPerWeight / 8);
            }
        }
        return new WeightBytes(this, p, bytes);
    }

    /**
     * The parameters a GGUF file of this type stores in each ggml tensor type, under {@link Convention#EXACT}.
     *
     * @param model the model
     * @return parameters by tensor type, only the types present
     * @throws IllegalStateException if the scheme is not a GGUF type
     */
    public Map<GgufType, Long> ggufParameters(ModelSpec model) {
        if (!isGguf()) {
            throw new IllegalStateException("weight scheme " + id + " is not a GGUF type");
        }
        Map<GgufType, Long> total = new EnumMap<>(GgufType.class);
        for (Map<GgufType, Long> byType :
                GgufLayout.of(this, model, Convention.EXACT).values()) {
            byType.forEach((type, count) -> total.merge(type, count, Long::sum));
        }
        total.values().removeIf(count -> count == 0);
        return total;
    }

    GgufType ggufBase() {
        return java.util.Objects.requireNonNull(ggufBase, id);
    }

    GgufType ggufPromoted() {
        return java.util.Objects.requireNonNull(ggufPromoted, id);
    }

    GgufType ggufOutput() {
        return java.util.Objects.requireNonNull(ggufOutput, id);
    }

    /**
     * The plain scheme of a format: every parameter in it, no scales.
     *
     * @param format the format
     * @return its scheme
     */
    public static WeightScheme plain(NumericFormat format) {
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
        for (WeightScheme s : values()) {
            ids.add(s.id);
        }
        return String.join(", ", ids);
    }

    /**
     * Reads a scheme id, case-insensitively; any other name {@link NumericFormat#parse} accepts ({@code fp8}, {@code
     * e4m3}, {@code float16}, {@code half}) is its plain scheme. {@code fp8} stays the plain format (every parameter in
     * one byte), as it always was on the command line; {@code fp8-tensor} is the checkpoints' per-tensor scheme, with
     * 16-bit embeddings and lm_head.
     *
     * @param text the id
     * @return the scheme
     * @throws IllegalArgumentException naming the text and listing the accepted ids
     */
    public static WeightScheme parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (WeightScheme s : values()) {
            if (s.id.equals(key) || s.id.equals(key.replace('_', '-')) || s.id.equals(key.replace('-', '_'))) {
                return s;
            }
        }
        try {
            return plain(NumericFormat.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weight scheme (" + text + ") must be one of " + ids(), e);
        }
    }
}
