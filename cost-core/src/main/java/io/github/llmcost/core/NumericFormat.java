package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import java.util.Locale;

/**
 * A numeric format for weights, activations or the KV cache, with its storage size per element.
 *
 * <p>Sizes are the element's own bits; block scales that quantised formats carry (a 16-bit scale per group of 32 or
 * 128 values in GPTQ, AWQ or MXFP4) are not included, as the article's {@code B_p} does not include them.
 */
public enum NumericFormat {
    /** IEEE 754 single precision: 4 bytes. */
    FP32(32, true),
    /** bfloat16: 2 bytes. */
    BF16(16, true),
    /** IEEE 754 half precision: 2 bytes. */
    FP16(16, true),
    /** 8-bit float with 4 exponent and 3 mantissa bits (OCP FP8), used for weights and activations: 1 byte. */
    FP8_E4M3(8, true),
    /** 8-bit float with 5 exponent and 2 mantissa bits (OCP FP8), used for gradients and some KV caches: 1 byte. */
    FP8_E5M2(8, true),
    /** 8-bit integer: 1 byte. */
    INT8(8, false),
    /** 4-bit integer: half a byte. */
    INT4(4, false),
    /** 4-bit float (E2M1, as in MXFP4 and NVFP4): half a byte. */
    FP4(4, true);

    private final int bits;
    private final boolean floatingPoint;

    NumericFormat(int bits, boolean floatingPoint) {
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    /** {@return bits per element} */
    public int bitsPerElement() {
        return bits;
    }

    /** {@return bytes per element, the article's {@code B_p}: 0.5 for INT4} */
    public double bytesPerElement() {
        return bits / 8.0;
    }

    /** {@return whether the format is a floating-point format} */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /**
     * The storage of a number of elements in this format.
     *
     * @param elements how many values, finite and {@code >= 0}
     * @return their size
     */
    public Bytes bytesFor(double elements) {
        Check.nonNegative("elements", elements);
        return Bytes.of(elements * bits / 8.0);
    }

    /**
     * Reads a format name, case-insensitively: the constant names, plus {@code fp8} for {@link #FP8_E4M3},
     * {@code e4m3}, {@code e5m2}, {@code float32}, {@code float16}, {@code half}, {@code bfloat16}.
     *
     * @param text the name
     * @return the format
     * @throws IllegalArgumentException naming the text and the accepted names if it matches none
     */
    public static NumericFormat parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "FP8", "E4M3" -> FP8_E4M3;
            case "E5M2" -> FP8_E5M2;
            case "FLOAT32", "F32" -> FP32;
            case "FLOAT16", "HALF", "F16" -> FP16;
            case "BFLOAT16" -> BF16;
            default -> {
                for (NumericFormat format : values()) {
                    if (format.name().equals(key)) {
                        yield format;
                    }
                }
                throw new IllegalArgumentException("numeric format (" + text + ") must be one of fp32, bf16, fp16,"
                        + " fp8 (= fp8_e4m3), fp8_e5m2, int8, int4, fp4");
            }
        };
    }
}
