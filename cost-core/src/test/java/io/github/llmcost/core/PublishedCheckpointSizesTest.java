package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The library's weight bytes against the sizes of published checkpoints, each within 2%. Sizes in GiB are what the
 * loaders print (llama.cpp's {@code file size = X GiB (B BPW)} counts tensor data, in units of 2^30 bytes; vLLM's
 * {@code Loading model weights took X GB} is also bytes / 2^30). Llama 3 8B and Llama 3.1 8B have the same tensors
 * (vocabulary 128,256, 32 layers, d 4,096, MLP 14,336, 8 KV heads), so a Llama 3 8B file stands for the 3.1 preset.
 */
class PublishedCheckpointSizesTest {
    private static final double GIB = 1L << 30;
    private static final double TOLERANCE = 0.02;

    private static double bytes(WeightScheme scheme, ModelSpec model) {
        return scheme.weightBytes(model).total().toBytes();
    }

    /**
     * {@code Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf} (https://huggingface.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF,
     * also Ollama's {@code llama3.1:8b}): llama.cpp prints {@code file size = 4.58 GiB (4.89 BPW)} and {@code type
     * f32: 66 tensors, type q4_K: 193 tensors, type q6_K: 33 tensors}; an Ollama load of it puts 281.81 MiB
     * (token_embd) on the CPU and 4,403.49 MiB on the GPU. Logs quoted in public GitHub files, found 2026-11-30.
     */
    @Test
    void llama31_8bQ4KM() {
        double ours = bytes(WeightScheme.Q4_K_M, ModelPresets.LLAMA_3_1_8B);
        assertThat(ours / (4.58 * GIB)).isCloseTo(1, within(TOLERANCE));
        assertThat(ours / ((281.81 + 4403.49) * (1 << 20))).isCloseTo(1, within(0.001));
        assertThat(WeightScheme.Q4_K_M.weightBytes(ModelPresets.LLAMA_3_1_8B).bitsPerWeight())
                .isCloseTo(4.89, within(0.01));
        // 33 Q6_K tensors: output, 16 attn_v, 16 ffn_down
        Map<GgufType, Long> mix = WeightScheme.Q4_K_M.ggufParameters(ModelPresets.LLAMA_3_1_8B);
        assertThat(mix.get(GgufType.Q6_K)).isEqualTo(128_256L * 4096 + 16L * 4096 * 1024 + 16L * 14_336 * 4096);
        assertThat(mix.get(GgufType.F32)).isEqualTo(2L * 32 * 4096 + 4096);
    }

    /** {@code Meta-Llama-3.1-8B-Instruct-Q4_0.gguf}: llama.cpp prints {@code file size = 4.33 GiB (4.64 BPW)}. */
    @Test
    void llama31_8bQ4_0() {
        assertThat(bytes(WeightScheme.Q4_0, ModelPresets.LLAMA_3_1_8B) / (4.33 * GIB))
                .isCloseTo(1, within(TOLERANCE));
    }

    /** {@code Meta-Llama-3.1-8B-Instruct-Q6_K.gguf}: llama.cpp prints {@code file size = 6.14 GiB (6.56 BPW)}. */
    @Test
    void llama31_8bQ6K() {
        assertThat(bytes(WeightScheme.Q6_K, ModelPresets.LLAMA_3_1_8B) / (6.14 * GIB))
                .isCloseTo(1, within(TOLERANCE));
    }

    /**
     * {@code Meta-Llama-3-8B-Instruct-Q8_0.gguf}: llama.cpp prints {@code file size = 7.95 GiB (8.50 BPW)} and
     * {@code type q8_0: 226 tensors} (the output included).
     */
    @Test
    void llama3_8bQ8_0() {
        assertThat(bytes(WeightScheme.Q8_0, ModelPresets.LLAMA_3_1_8B) / (7.95 * GIB))
                .isCloseTo(1, within(TOLERANCE));
    }

    /**
     * {@code Llama-3.2-3B-Instruct-Q4_K_M.gguf}, tied embeddings (token_embd takes Q6_K as the output): a {@code wget}
     * of it saved 2,019,377,696 bytes, metadata included (https://github.com/geerlingguy/ai-benchmarks/issues/53);
     * llama-bench prints 1.87 GiB.
     */
    @Test
    void llama32_3bQ4KM() {
        double ours = bytes(WeightScheme.Q4_K_M, ModelPresets.LLAMA_3_2_3B);
        assertThat(ours / 2_019_377_696.0).isCloseTo(1, within(TOLERANCE));
        assertThat(ours / (1.87 * GIB)).isCloseTo(1, within(TOLERANCE));
    }

    /**
     * {@code Meta-Llama-3-8B-Instruct-FP8} (per-tensor FP8, embeddings and lm_head in BF16; AutoFP8,
     * https://github.com/neuralmagic/AutoFP8 README, and vLLM's FP8 documentation): vLLM prints {@code Loading model
     * weights took 8.4596 GB} (bytes / 2^30).
     */
    @Test
    void llama3_8bFp8() {
        assertThat(bytes(WeightScheme.FP8_TENSOR, ModelPresets.LLAMA_3_1_8B) / (8.4596 * GIB))
                .isCloseTo(1, within(TOLERANCE));
    }

    /**
     * {@code hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4}
     * (https://huggingface.co/hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4): two safetensors files of 4.68 GB and
     * 1.05 GB (the second the BF16 lm_head, 525,336,576 x 2 bytes), 5.73 GB in all; vLLM loading an AWQ Llama 8B
     * prints {@code Loading model weights took 5.3440 GB} (bytes / 2^30).
     */
    @Test
    void llama31_8bAwqInt4() {
        double ours = bytes(WeightScheme.AWQ_INT4, ModelPresets.LLAMA_3_1_8B);
        assertThat(ours / 5.73e9).isCloseTo(1, within(TOLERANCE));
        assertThat(ours / (5.3440 * GIB)).isCloseTo(1, within(TOLERANCE));
        assertThat(WeightScheme.AWQ_INT4
                        .weightBytes(ModelPresets.LLAMA_3_1_8B)
                        .bytes(TensorRole.LM_HEAD)
                        .toBytes())
                .isEqualTo(128_256.0 * 4096 * 2);
    }
}
