package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.StateSpace;
import java.util.Collections;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Issue 20's families beyond their real configs: defaults, switches and the keys they refuse. */
class StateSpaceFamiliesTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            String file, Consumer<ObjectNode> edit, String key) {
        return assertThatThrownBy(() -> read(file, edit))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).contains(key));
    }

    @Test
    void gemma3PlacesOneGlobalLayerInEachPattern() {
        ModelSpec gemma = read("gemma-3-1b.json", c -> {});
        assertThat(gemma.numLayers(AttentionKind.GLOBAL)).isEqualTo(4);
        assertThat(gemma.attentionKind(5)).isEqualTo(AttentionKind.GLOBAL);
        assertThat(gemma.attentionKind(6)).isEqualTo(AttentionKind.SLIDING_WINDOW);
        assertThat(gemma.qkNorm()).isTrue();
        // transformers' default pattern is 6; a pattern of 2 alternates
        assertThat(read("gemma-3-1b.json", c -> c.remove("sliding_window_pattern")))
                .isEqualTo(gemma);
        assertThat(read("gemma-3-1b.json", c -> c.put("sliding_window_pattern", 2))
                        .numLayers(AttentionKind.GLOBAL))
                .isEqualTo(13);
        assertThat(read("gemma-3-1b.json", c -> c.putNull("sliding_window")).attentionKinds())
                .as("no window: every layer attends globally")
                .isEmpty();
        assertThat(read(
                                "gemma-3-1b.json",
                                c -> c.set(
                                        "layer_types",
                                        Configs.JSON.valueToTree(Collections.nCopies(26, "full_attention"))))
                        .attentionKinds())
                .isEmpty();
        assertRejected("gemma-3-1b.json", c -> c.remove("sliding_window"), "sliding_window");
        assertRejected("gemma-3-1b.json", c -> c.remove("head_dim"), "head_dim");
        assertThat(read("gemma-3-1b.json", c -> c.put("attention_bias", true)).qkvBias())
                .isTrue();
    }

    @Test
    void mamba2ReadsTheMixerAndChecksItsWidth() {
        ModelSpec mamba = read("mamba2-2.7b.json", c -> {});
        StateSpace s = mamba.stateSpace().orElseThrow();
        assertThat(s.innerSize()).isEqualTo(2 * 2560);
        assertThat(mamba.numAttentionLayers()).isZero();
        assertThat(mamba.hasMlp(0)).isFalse();
        assertThat(mamba.maxContextTokens()).isEmpty();
        assertThat(read("mamba2-2.7b.json", c -> c.put("rms_norm", false))
                        .stateSpace()
                        .orElseThrow()
                        .gatedNorm())
                .isFalse();
        assertThat(read("mamba2-2.7b.json", c -> c.put("use_bias", true))
                        .stateSpace()
                        .orElseThrow()
                        .projectionBias())
                .isTrue();
        assertThat(read("mamba2-2.7b.json", c -> c.remove("tie_word_embeddings"))
                        .tieWordEmbeddings())
                .as("Mamba2Config unties by default")
                .isFalse();
        ModelSpec defaults = read("mamba2-2.7b.json", c -> {
            c.remove("n_groups");
            c.remove("conv_kernel");
            c.remove("expand");
            c.remove("use_conv_bias");
        });
        assertThat(defaults).isEqualTo(mamba);
        assertRejected("mamba2-2.7b.json", c -> c.put("head_dim", 32), "head_dim")
                .hasMessage("head_dim (32) x heads (80) must equal expand (2) x hidden_size (2560)");
        assertRejected("mamba2-2.7b.json", c -> c.remove("state_size"), "state_size");
        assertThatThrownBy(() -> read("mamba2-2.7b.json", c -> c.put("n_groups", 3)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("numGroups (3) must divide numHeads (80)");
    }

    @Test
    void graniteHybridReadsItsLayersAndRefusesExperts() {
        ModelSpec granite = read("granite-4.0-h-350m.json", c -> {});
        assertThat(granite.numLayers(AttentionKind.STATE_SPACE)).isEqualTo(28);
        assertThat(granite.numAttentionLayers()).isEqualTo(4);
        assertThat(granite.hasMlp(0)).isTrue();
        assertThat(granite.intermediateSize()).isEqualTo(2048);
        assertThat(read(
                                "granite-4.0-h-350m.json",
                                c -> c.set(
                                        "layer_types", Configs.JSON.valueToTree(Collections.nCopies(32, "attention"))))
                        .stateSpace())
                .as("no Mamba layer, no mixer")
                .isEmpty();
        assertRejected("granite-4.0-h-350m.json", c -> c.put("num_local_experts", 8), "num_local_experts")
                .hasMessageContaining("num_local_experts (8) is not supported");
        assertRejected("granite-4.0-h-350m.json", c -> c.remove("layer_types"), "layer_types")
                .hasMessageContaining("\"mamba\" or \"attention\"");
        assertRejected("granite-4.0-h-350m.json", c -> c.put("mamba_d_head", 64), "mamba_d_head")
                .hasMessage("mamba_d_head (64) x heads (48) must equal mamba_expand (2) x hidden_size (768)");
        assertRejected(
                        "granite-4.0-h-350m.json",
                        c -> c.set("layer_types", Configs.JSON.valueToTree(Collections.nCopies(32, "conv"))),
                        "layer_types")
                .hasMessageContaining("expected one of [attention, mamba]");
        assertThat(read("granite-4.0-h-350m.json", c -> c.put("mamba_conv_bias", false))
                        .stateSpace()
                        .orElseThrow()
                        .convolutionBias())
                .isFalse();
    }

    @Test
    void qwen3NextReadsItsHybridLayoutAndSharedExpert() {
        ModelSpec next = read("qwen3-next-80b-a3b.json", c -> {});
        assertThat(next.numLayers(AttentionKind.LINEAR_ATTENTION)).isEqualTo(36);
        assertThat(next.attentionKind(3)).isEqualTo(AttentionKind.GLOBAL);
        assertThat(next.attentionOutputGate()).isTrue();
        assertThat(next.mixtureOfExperts().orElseThrow().sharedExpertGate()).isTrue();
        java.util.List<String> types = new java.util.ArrayList<>();
        for (int layer = 0; layer < 48; layer++) {
            types.add(layer % 4 == 3 ? "full_attention" : "linear_attention");
        }
        assertThat(read("qwen3-next-80b-a3b.json", c -> {
                    c.remove("full_attention_interval");
                    c.set("layer_types", Configs.JSON.valueToTree(types));
                }))
                .as("layer_types spells the same layout")
                .isEqualTo(next);
        ModelSpec noShared = read("qwen3-next-80b-a3b.json", c -> c.put("shared_expert_intermediate_size", 0));
        assertThat(noShared.mixtureOfExperts().orElseThrow().numSharedExperts()).isZero();
        assertThat(noShared.mixtureOfExperts().orElseThrow().sharedExpertGate()).isFalse();
        assertThat(read("qwen3-next-80b-a3b.json", c -> c.put("num_experts", 0)).mixtureOfExperts())
                .isEmpty();
        assertThat(read(
                                "qwen3-next-80b-a3b.json",
                                c -> c.set("mlp_only_layers", Configs.JSON.valueToTree(java.util.List.of(0, 1))))
                        .mixtureOfExperts()
                        .orElseThrow()
                        .firstDenseLayers())
                .isEqualTo(2);
        assertRejected(
                        "qwen3-next-80b-a3b.json",
                        c -> c.put("shared_expert_intermediate_size", 1024),
                        "shared_expert_intermediate_size")
                .hasMessageStartingWith("shared_expert_intermediate_size (1024) must be 0 or moe_intermediate_size");
        assertRejected("qwen3-next-80b-a3b.json", c -> c.remove("full_attention_interval"), "full_attention_interval");
        assertRejected("qwen3-next-80b-a3b.json", c -> c.remove("linear_num_value_heads"), "linear_num_value_heads");
        assertThat(read("qwen3-next-80b-a3b.json", c -> c.put("full_attention_interval", 1))
                        .linearAttention())
                .as("every layer attends: no linear attention")
                .isEmpty();
    }
}
