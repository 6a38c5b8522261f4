package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.ATTENTION_TYPES;
import static io.github.llmcost.huggingface.FamilyParts.decoder;
import static io.github.llmcost.huggingface.FamilyParts.kvHeads;
import static io.github.llmcost.huggingface.FamilyParts.layerTypes;
import static io.github.llmcost.huggingface.FamilyParts.layers;
import static io.github.llmcost.huggingface.FamilyParts.layout;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.StateSpace;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The families of issue 20's section-8 comparison: a pure state-space model ({@code mamba2}), an attention +
 * state-space hybrid ({@code granitemoehybrid}) and Gemma 3's five-local-to-one-global text model ({@code
 * gemma3_text}).
 */
final class StateSpaceFamilies {
    private StateSpaceFamilies() {}

    /** Granite 4.0-H's {@code layer_types} vocabulary. */
    private static final Map<String, AttentionKind> GRANITE_TYPES =
            Map.of("attention", AttentionKind.GLOBAL, "mamba", AttentionKind.STATE_SPACE);

    /** {@code gemma3_text}: Gemma 2's layout with q/k norms and one global layer in {@code sliding_window_pattern}. */
    static final Family GEMMA3_TEXT = new Family(
            "gemma3_text",
            StateSpaceFamilies::gemma3Text,
            "As {@code gemma2}, with per-head q/k RMSNorms; {@code sliding_window} (required, null for none) on every "
                    + "layer but each {@code sliding_window_pattern}-th (default 6), or as {@code layer_types} says.");

    /** {@code mamba2}: transformers' {@code Mamba2Config}, every layer a Mamba-2 mixer with no MLP. */
    static final Family MAMBA2 = new Family(
            "mamba2",
            StateSpaceFamilies::mamba2,
            "Every layer a Mamba-2 mixer and no MLP, one RMSNorm per layer: {@code num_heads} heads of "
                    + "{@code head_dim} (their product must be {@code expand} x {@code hidden_size}), "
                    + "{@code state_size}, {@code n_groups}, {@code conv_kernel} taps, {@code use_conv_bias}, "
                    + "{@code use_bias}, a gated RMSNorm unless {@code rms_norm} is false; no attention heads are "
                    + "read; untied by default.");

    /** {@code granitemoehybrid}: Granite 4.0-H, Mamba-2 and attention layers, each followed by a dense MLP. */
    static final Family GRANITE_HYBRID = new Family(
            "granitemoehybrid",
            StateSpaceFamilies::granite,
            "Mamba-2 and attention layers as {@code layer_types} says ({@code \"mamba\"}, {@code \"attention\"}), "
                    + "each followed by a SwiGLU of {@code shared_intermediate_size}; the mixer from "
                    + "{@code mamba_n_heads}, {@code mamba_d_head}, {@code mamba_d_state}, {@code mamba_n_groups}, "
                    + "{@code mamba_d_conv}, {@code mamba_conv_bias}, {@code mamba_proj_bias}, with a gated RMSNorm; "
                    + "{@code attention_bias}. {@code num_local_experts} must be 0 (no routed experts).");

    private static ModelSpec.Builder gemma3Text(Config c) {
        c.string("hidden_activation");
        boolean attentionBias = c.bool("attention_bias", false);
        ModelSpec.Builder b = decoder(c, 4, 256, true)
                .normsPerLayer(4)
                .qkNorm(true)
                .qkvBias(attentionBias)
                .outputBias(attentionBias);
        int layers = layers(c);
        OptionalInt window = c.requiredNullable(
                "sliding_window", 1, MAX_SIZE, "(null for no window; transformers would assume 4096)");
        int pattern = c.optional("sliding_window_pattern", 1, MAX_SIZE).orElse(6);
        AttentionKind[] kinds = layerTypes(c, layers, ATTENTION_TYPES).orElseGet(() -> {
            // transformers' Gemma3TextConfig: layer i is global when (i + 1) is a multiple of the pattern
            AttentionKind[] cycle = new AttentionKind[layers];
            for (int layer = 0; layer < layers; layer++) {
                cycle[layer] = (layer + 1) % pattern == 0 ? AttentionKind.GLOBAL : AttentionKind.SLIDING_WINDOW;
            }
            return cycle;
        });
        layout(b, kinds, window);
        return b;
    }

    private static ModelSpec.Builder mamba2(Config c) {
        int d = c.required("hidden_size", 1, MAX_SIZE);
        int layers = layers(c);
        int heads = c.required("num_heads", 1, MAX_SIZE);
        StateSpace mixer = mixer(
                c,
                d,
                heads,
                new String[] {"head_dim", "state_size", "n_groups", "conv_kernel", "expand", "use_conv_bias"},
                c.bool("use_bias", false),
                c.bool("rms_norm", true));
        AttentionKind[] kinds = new AttentionKind[layers];
        Arrays.fill(kinds, AttentionKind.STATE_SPACE);
        return ModelSpec.builder()
                .hiddenSize(d)
                .numLayers(layers)
                .numAttentionHeads(heads) // no attention: the mixer's heads, for tensor parallelism
                .intermediateSize(0)
                .vocabSize(c.required("vocab_size", 1, MAX_SIZE))
                .tieWordEmbeddings(c.bool("tie_word_embeddings", false))
                .normsPerLayer(1)
                .attentionKinds(Arrays.asList(kinds))
                .stateSpace(mixer);
    }

    private static ModelSpec.Builder granite(Config c) {
        OptionalInt experts = c.optional("num_local_experts", 0, MAX_SIZE);
        if (experts.isPresent() && experts.getAsInt() > 0) {
            throw new ConfigException(
                    "num_local_experts",
                    "num_local_experts (" + experts.getAsInt() + ") is not supported: only dense Granite 4.0-H "
                            + "models (0 routed experts) are");
        }
        int d = c.required("hidden_size", 1, MAX_SIZE);
        int layers = layers(c);
        int heads = c.required("num_attention_heads", 1, MAX_SIZE);
        boolean attentionBias = c.bool("attention_bias", false);
        AttentionKind[] kinds = layerTypes(c, layers, GRANITE_TYPES)
                .orElseThrow(() -> new ConfigException(
                        "layer_types",
                        "layer_types is missing: Granite 4.0-H names each layer \"mamba\" or \"attention\""));
        ModelSpec.Builder b = ModelSpec.builder()
                .hiddenSize(d)
                .numLayers(layers)
                .numAttentionHeads(heads)
                .numKeyValueHeads(kvHeads(c, "num_key_value_heads", heads, null))
                .intermediateSize(c.required("shared_intermediate_size", 1, MAX_SIZE))
                .vocabSize(c.required("vocab_size", 1, MAX_SIZE))
                .tieWordEmbeddings(c.bool("tie_word_embeddings", false))
                .qkvBias(attentionBias)
                .outputBias(attentionBias);
        if (Arrays.asList(kinds).contains(AttentionKind.STATE_SPACE)) {
            b.stateSpace(StateSpace.builder()
                    .from(mixer(
                            c,
                            d,
                            c.required("mamba_n_heads", 1, MAX_SIZE),
                            new String[] {
                                "mamba_d_head",
                                "mamba_d_state",
                                "mamba_n_groups",
                                "mamba_d_conv",
                                "mamba_expand",
                                "mamba_conv_bias"
                            },
                            c.bool("mamba_proj_bias", false),
                            true))
                    .hasMlp(true)
                    .build());
        }
        layout(b, kinds, OptionalInt.empty());
        return b;
    }

    /**
     * A Mamba-2 mixer from a family's keys for head dimension, state size, groups, convolution taps, expansion and
     * convolution bias, in that order; the heads times their dimension must be the expansion times {@code d}.
     */
    private static StateSpace mixer(
            Config c, int d, int heads, String[] keys, boolean projectionBias, boolean gatedNorm) {
        int headDim = c.required(keys[0], 1, MAX_SIZE);
        int expand = c.optional(keys[4], 1, MAX_SIZE).orElse(2);
        if ((long) heads * headDim != (long) expand * d) {
            throw new ConfigException(
                    keys[0],
                    keys[0] + " (" + headDim + ") x heads (" + heads + ") must equal " + keys[4] + " (" + expand
                            + ") x hidden_size (" + d + ")");
        }
        return StateSpace.builder()
                .numHeads(heads)
                .headDim(headDim)
                .stateSize(c.required(keys[1], 1, MAX_SIZE))
                .numGroups(c.optional(keys[2], 1, MAX_SIZE).orElse(1))
                .convolutionKernelSize(c.optional(keys[3], 1, MAX_SIZE).orElse(4))
                .convolutionBias(c.bool(keys[5], true))
                .projectionBias(projectionBias)
                .gatedNorm(gatedNorm)
                .build();
    }
}
