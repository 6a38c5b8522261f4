package io.github.llmcost.core;

import java.util.Locale;

/**
 * The llama.cpp (ggml) tensor types a GGUF file of the {@link WeightScheme}s here holds, with their storage per
 * weight including block scales.
 *
 * <p>Block layouts, from ggml's {@code ggml-common.h} (ggml-org/llama.cpp, read 2026-11-30): {@code Q4_0} is 32
 * weights in 18 bytes (an FP16 scale and 16 bytes of nibbles: 4.5 bits per weight); {@code Q8_0} 32 weights in 34
 * bytes (8.5); the K-quants use super-blocks of 256 weights: {@code Q4_K} 144 bytes (4.5), {@code Q5_K} 176 bytes
 * (5.5), {@code Q6_K} 210 bytes (6.5625).
 */
public enum GgufType {
    /** 32-bit float: norms and routers. */
    F32(32, 1, 4),
    /** 16-bit float. */
    F16(16, 1, 2),
    /** 4-bit, a scale per block of 32: 18 bytes per 32 weights. */
    Q4_0(4, 32, 18),
    /** 8-bit, a scale per block of 32: 34 bytes per 32 weights. */
    Q8_0(8, 32, 34),
    /** 4-bit K-quant: 144 bytes per super-block of 256 weights. */
    Q4_K(4, 256, 144),
    /** 5-bit K-quant: 176 bytes per super-block of 256 weights. */
    Q5_K(5, 256, 176),
    /** 6-bit K-quant: 210 bytes per super-block of 256 weights. */
    Q6_K(6, 256, 210);

    private final int bits;
    private final int blockWeights;
    private final int blockBytes;

    GgufType(int bits, int blockWeights, int blockBytes) {
        this.bits = bits;
        this.blockWeights = blockWeights;
        this.blockBytes = blockBytes;
    }

    /** {@return the bits of each quantised value, without the block's scales} */
    public int bits() {
        return bits;
    }

    /** {@return weights per block} */
    public int blockWeights() {
        return blockWeights;
    }

    /** {@return bytes per block, scales included} */
    public int blockBytes() {
        return blockBytes;
    }

    /** {@return bits per weight, scales included: 4.5 for Q4_K, 6.5625 for Q6_K} */
    public double bitsPerWeight() {
        return 8.0 * blockBytes / blockWeights;
    }

    /** {@return the name as llama.cpp prints it: {@code q4_K}, {@code f32}} */
    public String ggmlName() {
        String lower = name().toLowerCase(Locale.ROOT);
        return lower.endsWith("_k") ? lower.substring(0, lower.length() - 1) + "K" : lower;
    }
}
