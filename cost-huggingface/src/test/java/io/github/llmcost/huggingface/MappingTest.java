package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.LatentAttention;
import io.github.llmcost.core.MixtureOfExperts;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NormKind;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How each family's keys map to a {@link ModelSpec}, beyond the real configs: absent and null keys, sliding-window
 * switches and layouts, Mixture-of-Experts layouts, LFM2's feed-forward adjustment, Falcon's variants, names.
 */
class MappingTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            String file, Consumer<ObjectNode> edit, String key) {
        return assertThatThrownBy(() -> read(file, edit))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).contains(key));
    }

    private static ArrayNode array(Object... values) {
        ArrayNode array = Configs.JSON.createArrayNode();
        for (Object value : values) {
            if (value instanceof Integer i) {
                array.add(i);
            } else {
                array.add((String) value);
            }
        }
        return array;
    }

    @Nested
    class KeyValueHeadsAndHeadDim {
        @Test
        void absentOrNullKeyValueHeadsMeanMultiHeadAttentionForLlama() {
            assertThat(read("llama-3.1-8b.json", c -> c.remove("num_key_value_heads"))
                            .numKeyValueHeads())
                    .isEqualTo(32);
            assertThat(read("llama-3.1-8b.json", c -> c.putNull("num_key_value_heads"))
                            .numKeyValueHeads())
                    .isEqualTo(32);
            assertThat(read("phi-3-mini-4k.json", c -> c.remove("num_key_value_heads"))
                            .numKeyValueHeads())
                    .isEqualTo(32);
        }

        @Test
        void whereTransformersWouldAssumeACheckpointsNumberTheKeyIsRequired() {
            assertRejected("mistral-7b-v0.1.json", c -> c.remove("num_key_value_heads"), "num_key_value_heads")
                    .hasMessageContaining("num_key_value_heads is missing")
                    .hasMessageContaining("transformers would assume 8");
            assertRejected("qwen2.5-7b.json", c -> c.remove("num_key_value_heads"), "num_key_value_heads")
                    .hasMessageContaining("transformers would assume 32");
            assertThat(read("mistral-7b-v0.1.json", c -> c.putNull("num_key_value_heads"))
                            .numKeyValueHeads())
                    .isEqualTo(32);
        }

        @Test
        void absentHeadDimIsHiddenOverHeads() {
            assertThat(read("llama-3.2-1b.json", c -> c.remove("head_dim")))
                    .isEqualTo(ModelPresets.LLAMA_3_2_1B.withName("llama"));
            assertThat(read("llama-3.2-1b.json", c -> c.putNull("head_dim")).headDim())
                    .isEqualTo(64);
            assertThat(read("qwen3-30b-a3b.json", c -> c.remove("head_dim")).headDim())
                    .isEqualTo(2048 / 32);
        }

        @Test
        void anExplicitHeadDimWins() {
            ModelSpec wide = read("llama-3.2-1b.json", c -> c.put("head_dim", 128));
            assertThat(wide.headDim()).isEqualTo(128);
            assertThat(wide.parameters().totalParameters())
                    .isGreaterThan(ModelPresets.LLAMA_3_2_1B.parameters().totalParameters());
        }

        @Test
        void headDimIsRequiredForQwen3AndGemma2() {
            assertRejected("qwen3-14b.json", c -> c.remove("head_dim"), "head_dim")
                    .hasMessageContaining("transformers would assume 128");
            assertRejected("gemma-2-9b.json", c -> c.remove("head_dim"), "head_dim")
                    .hasMessageContaining("transformers would assume 256");
            assertThat(read("qwen3-14b.json", c -> c.putNull("head_dim")))
                    .isEqualTo(ModelPresets.QWEN3_14B.withName("qwen3"));
        }

        @Test
        void aHeadDimThatCannotBeDerivedIsAnError() {
            assertRejected(
                            "llama-3.1-8b.json",
                            c -> c.put("hidden_size", 4000).put("num_attention_heads", 24),
                            "head_dim")
                    .hasMessage("head_dim is not given and hidden_size (4000) is not a multiple of"
                            + " num_attention_heads (24)");
        }

        @Test
        void keyValueHeadsMustDivideHeads() {
            assertRejected("llama-3.1-8b.json", c -> c.put("num_key_value_heads", 5), "num_key_value_heads")
                    .hasMessage("num_key_value_heads (5) must divide num_attention_heads (32)");
            assertRejected("llama-3.1-8b.json", c -> c.put("num_key_value_heads", 64), "num_key_value_heads")
                    .hasMessage("num_key_value_heads (64) must be <= num_attention_heads (32)");
        }
    }

    @Nested
    class BiasesAndTies {
        @Test
        void llamaBiases() {
            ModelSpec biased =
                    read("llama-3.1-8b.json", c -> c.put("attention_bias", true).put("mlp_bias", true));
            assertThat(biased.qkvBias()).isTrue();
            assertThat(biased.outputBias()).isTrue();
            assertThat(biased.mlpBias()).isTrue();
        }

        @Test
        void qwen2HasQkvBiasesWhateverItsConfigSays() {
            ModelSpec qwen = read("qwen2.5-7b.json", c -> c.put("attention_bias", false));
            assertThat(qwen.qkvBias()).isTrue();
            assertThat(qwen.outputBias()).isFalse();
        }

        @Test
        void mistralAndPhi3IgnoreAttentionBiasAsTransformersDoes() {
            assertThat(read("mistral-7b-v0.1.json", c -> c.put("attention_bias", true))
                            .qkvBias())
                    .isFalse();
            assertThat(read("phi-3-mini-4k.json", c -> c.put("attention_bias", true))
                            .qkvBias())
                    .isFalse();
        }

        @Test
        void anAbsentTieTakesTheFamilysDefault() {
            assertThat(read("llama-3.2-1b.json", c -> c.remove("tie_word_embeddings"))
                            .tieWordEmbeddings())
                    .isFalse();
            assertThat(read("gemma-2-9b.json", c -> {}).tieWordEmbeddings()).isTrue();
            assertThat(read("gemma-2-9b.json", c -> c.put("tie_word_embeddings", false))
                            .tieWordEmbeddings())
                    .isFalse();
            assertThat(read("falcon-7b.json", c -> {}).tieWordEmbeddings()).isTrue();
            assertThat(read("gpt-2.json", c -> c.put("tie_word_embeddings", false))
                            .tieWordEmbeddings())
                    .isFalse();
        }
    }

    @Nested
    class SlidingWindows {
        @Test
        void mistralSlidesOnEveryLayerUnlessTheWindowIsNull() {
            assertThat(read("mistral-7b-v0.1.json", c -> c.putNull("sliding_window")))
                    .isEqualTo(ModelPresets.ARTICLE_7B_CLASS.withName("mistral").withMaxContextTokens(32768));
            assertRejected("mistral-7b-v0.1.json", c -> c.remove("sliding_window"), "sliding_window")
                    .hasMessageContaining("transformers would assume 4096");
            assertRejected("mistral-7b-v0.1.json", c -> c.put("sliding_window", 0), "sliding_window")
                    .hasMessage("sliding_window (0) must be > 0");
        }

        @Test
        void mixtralAndPhi3SlideOnEveryLayerWhenAWindowIsGiven() {
            ModelSpec mixtral = read("mixtral-8x7b.json", c -> c.put("sliding_window", 4096));
            assertThat(mixtral.numLayers(AttentionKind.SLIDING_WINDOW)).isEqualTo(32);
            assertThat(mixtral.slidingWindow()).isEqualTo(4096);
            ModelSpec phi = read("phi-3-mini-4k.json", c -> c.remove("sliding_window"));
            assertThat(phi.attentionKinds()).isEmpty();
            assertThat(phi.slidingWindow()).isZero();
        }

        @Test
        void qwenSlidesOnlyWithUseSlidingWindowAndFromMaxWindowLayersOn() {
            ModelSpec qwen = read(
                    "qwen2.5-7b.json",
                    c -> c.put("use_sliding_window", true)
                            .put("sliding_window", 4096)
                            .put("max_window_layers", 20));
            assertThat(qwen.slidingWindow()).isEqualTo(4096);
            assertThat(qwen.attentionKind(19)).isEqualTo(AttentionKind.GLOBAL);
            assertThat(qwen.attentionKind(20)).isEqualTo(AttentionKind.SLIDING_WINDOW);
            assertThat(qwen.numLayers(AttentionKind.SLIDING_WINDOW)).isEqualTo(8);
            // max_window_layers = num_hidden_layers: no layer slides, as in Qwen2.5's own config
            assertThat(read("qwen2.5-7b.json", c -> c.put("use_sliding_window", true))
                            .attentionKinds())
                    .isEmpty();
            assertRejected(
                            "qwen2.5-7b.json",
                            c -> c.put("use_sliding_window", true).remove("max_window_layers"),
                            "max_window_layers")
                    .hasMessageContaining("transformers would assume 28");
        }

        @Test
        void qwenLayerTypesWin() {
            ModelSpec qwen = read("qwen3-14b.json", c -> {
                ArrayNode types = c.putArray("layer_types");
                for (int i = 0; i < 40; i++) {
                    types.add(i % 4 == 3 ? "full_attention" : "sliding_attention");
                }
                c.put("use_sliding_window", true).put("sliding_window", 1024);
            });
            assertThat(qwen.numLayers(AttentionKind.SLIDING_WINDOW)).isEqualTo(30);
            assertThat(qwen.attentionKind(3)).isEqualTo(AttentionKind.GLOBAL);
            assertThat(qwen.slidingWindow()).isEqualTo(1024);
        }

        @Test
        void aSlidingLayerWithoutAWindowAttendsGlobally() {
            ModelSpec qwen = read("qwen3-14b.json", c -> {
                ArrayNode types = c.putArray("layer_types");
                for (int i = 0; i < 40; i++) {
                    types.add("sliding_attention");
                }
            });
            assertThat(qwen).isEqualTo(ModelPresets.QWEN3_14B.withName("qwen3"));
        }

        @Test
        void gemma2SlidesOnEvenLayers() {
            ModelSpec gemma = read("gemma-2-9b.json", c -> {});
            assertThat(gemma.attentionKind(0)).isEqualTo(AttentionKind.SLIDING_WINDOW);
            assertThat(gemma.attentionKind(1)).isEqualTo(AttentionKind.GLOBAL);
            assertThat(gemma.attentionKind(41)).isEqualTo(AttentionKind.GLOBAL);
            assertThat(gemma.numLayers(AttentionKind.SLIDING_WINDOW)).isEqualTo(21);
            assertThat(read("gemma-2-9b.json", c -> c.putNull("sliding_window")).attentionKinds())
                    .isEmpty();
            assertRejected("gemma-2-9b.json", c -> c.remove("sliding_window"), "sliding_window");
        }

        @Test
        void layerTypesAreChecked() {
            assertRejected("gemma-2-9b.json", c -> c.set("layer_types", array("full_attention")), "layer_types")
                    .hasMessage("layer_types (1 entries) must have num_hidden_layers (42) entries");
            assertRejected(
                            "qwen3-14b.json",
                            c -> c.set(
                                    "layer_types",
                                    Configs.JSON.valueToTree(Collections.nCopies(40, "linear_attention"))),
                            "layer_types")
                    .hasMessage("layer_types[0] (\"linear_attention\") is not supported; expected one of"
                            + " [full_attention, sliding_attention]");
            assertRejected("qwen3-14b.json", c -> c.set("layer_types", array(1, 2)), "layer_types")
                    .hasMessage("layer_types[0] (1) must be a string, not an integer");
        }
    }

    @Nested
    class MixtureOfExpertsLayouts {
        @Test
        void mixtralExpertsUnderEitherName() {
            ModelSpec alias = read("mixtral-8x7b.json", c -> {
                c.remove("num_local_experts");
                c.put("num_experts", 8);
            });
            assertThat(alias).isEqualTo(ModelPresets.MIXTRAL_8X7B.withName("mixtral"));
            assertRejected("mixtral-8x7b.json", c -> c.put("num_experts", 16), "num_local_experts")
                    .hasMessage("num_local_experts (8) and num_experts (16) disagree");
            assertRejected("mixtral-8x7b.json", c -> c.put("num_experts_per_tok", 9), "num_experts_per_tok")
                    .hasMessage("num_experts_per_tok (9) must be <= the number of experts (8)");
        }

        @Test
        void qwen3MoeLeadingDenseLayers() {
            ModelSpec model = read("qwen3-30b-a3b.json", c -> c.set("mlp_only_layers", array(0, 1)));
            assertThat(model.mixtureOfExperts().map(MixtureOfExperts::firstDenseLayers))
                    .contains(2);
            assertThat(model.isExpertLayer(1)).isFalse();
            assertThat(model.isExpertLayer(2)).isTrue();
        }

        @Test
        void qwen3MoeDenseLayersOutsideTheStartAreRejected() {
            assertThatThrownBy(() -> read("qwen3-30b-a3b.json", c -> c.set("mlp_only_layers", array(5))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("layer 0 routes to experts but layer 5 does not: mlp_only_layers and"
                            + " decoder_sparse_step must leave dense layers only at the start");
            assertThatThrownBy(() -> read("qwen3-30b-a3b.json", c -> c.put("decoder_sparse_step", 2)))
                    .isInstanceOf(ConfigException.class);
            assertRejected("qwen3-30b-a3b.json", c -> c.set("mlp_only_layers", array(48)), "mlp_only_layers")
                    .hasMessage("mlp_only_layers[0] (48) must be a layer index in [0, 48)");
        }

        @Test
        void qwen3MoeWithoutExpertsOrWithOnlyDenseLayersIsDense() {
            assertThat(read("qwen3-30b-a3b.json", c -> c.put("num_experts", 0)).mixtureOfExperts())
                    .isEmpty();
            ArrayNode all = Configs.JSON.createArrayNode();
            for (int i = 0; i < 48; i++) {
                all.add(i);
            }
            assertThat(read("qwen3-30b-a3b.json", c -> c.set("mlp_only_layers", all))
                            .mixtureOfExperts())
                    .isEmpty();
        }

        @Test
        void qwen3MoeSlidingWindowCoversEveryLayer() {
            ModelSpec model = read(
                    "qwen3-30b-a3b.json", c -> c.put("use_sliding_window", true).put("sliding_window", 4096));
            assertThat(model.numLayers(AttentionKind.SLIDING_WINDOW)).isEqualTo(48);
        }

        @Test
        void deepSeekVariants() {
            ModelSpec dense = read("deepseek-v3.json", c -> c.putNull("n_routed_experts"));
            assertThat(dense.mixtureOfExperts()).isEmpty();
            assertThat(read("deepseek-v3.json", c -> c.put("first_k_dense_replace", 61))
                            .mixtureOfExperts())
                    .isEmpty();
            assertThat(read("deepseek-v3.json", c -> c.putNull("n_shared_experts"))
                            .mixtureOfExperts()
                            .map(MixtureOfExperts::numSharedExperts))
                    .contains(0);
            assertThat(read("deepseek-v3.json", c -> c.putNull("q_lora_rank"))
                            .latentAttention()
                            .map(LatentAttention::qLoraRank))
                    .contains(0);
            // transformers writes head_dim = qk_rope_head_dim into newer DeepSeek configs; it does not size heads
            assertThat(read("deepseek-v3.json", c -> c.put("head_dim", 64).put("num_key_value_heads", 1)))
                    .isEqualTo(ModelPresets.DEEPSEEK_V3.withName("deepseek_v3"));
            assertRejected("deepseek-v3.json", c -> c.put("moe_layer_freq", 2), "moe_layer_freq");
            assertRejected("deepseek-v3.json", c -> c.put("attention_bias", true), "attention_bias");
            assertRejected("deepseek-v3.json", c -> c.remove("kv_lora_rank"), "kv_lora_rank");
            assertRejected("deepseek-v3.json", c -> c.remove("q_lora_rank"), "q_lora_rank");
        }
    }

    @Nested
    class Lfm2 {
        @Test
        void feedForwardAdjustment() {
            assertThat(read("lfm2-1.2b.json", c -> c.put("block_auto_adjust_ff_dim", false))
                            .intermediateSize())
                    .isEqualTo(12288);
            assertThat(read("lfm2-1.2b.json", c -> c.put("block_ffn_dim_multiplier", 1.3))
                            .intermediateSize())
                    .isEqualTo(10752); // int(1.3 * 8192) = 10649, up to a multiple of 256
            assertThat(read("lfm2-1.2b.json", c -> c.putNull("block_ffn_dim_multiplier"))
                            .intermediateSize())
                    .isEqualTo(8192);
            assertThat(read("lfm2-1.2b.json", c -> c.put("block_multiple_of", 1000))
                            .intermediateSize())
                    .isEqualTo(9000);
            assertThat(read("lfm2-1.2b.json", c -> c.put("block_ff_dim", 1000)).intermediateSize())
                    .isEqualTo(768); // int(2000 / 3) = 666, up to 768
            assertThat(read("lfm2-1.2b-layer-types.json", c -> c.put("block_ff_dim", 3000))
                            .intermediateSize())
                    .isEqualTo(2048); // block_ff_dim wins over intermediate_size, as in transformers
            assertThatThrownBy(() -> read("lfm2-1.2b.json", c -> c.put("block_ffn_dim_multiplier", 1e300)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("above the limit");
            assertThatThrownBy(() -> read("lfm2-1.2b.json", c -> c.put("block_ffn_dim_multiplier", 1e-300)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("auto-adjusted from block_ff_dim (12288) is 0");
        }

        @Test
        void layersAndTies() {
            ModelSpec allAttention = read("lfm2-1.2b.json", c -> c.remove("full_attn_idxs"));
            assertThat(allAttention.attentionKinds()).isEmpty();
            assertThat(allAttention.convolutionKernelSize()).isZero();
            assertThat(read("lfm2-1.2b.json", c -> c.put("tie_embedding", false))
                            .tieWordEmbeddings())
                    .isFalse();
            assertThat(read("lfm2-1.2b.json", c -> c.put("conv_L_cache", 4)).convolutionKernelSize())
                    .isEqualTo(4);
            assertRejected("lfm2-1.2b.json", c -> c.put("conv_bias", true), "conv_bias");
            assertRejected("lfm2-1.2b.json", c -> c.put("conv_dim", 1024), "conv_dim")
                    .hasMessageStartingWith("conv_dim (1024) must equal hidden_size (2048)");
            assertRejected("lfm2-1.2b.json", c -> c.set("full_attn_idxs", array(2, 16)), "full_attn_idxs")
                    .hasMessage("full_attn_idxs[1] (16) must be a layer index in [0, 16)");
            assertRejected("lfm2-1.2b.json", c -> c.remove("conv_L_cache"), "conv_L_cache");
            assertRejected(
                            "lfm2-1.2b-layer-types.json",
                            c -> c.set("layer_types", Configs.JSON.valueToTree(Collections.nCopies(16, "mamba"))),
                            "layer_types")
                    .hasMessageContaining("expected one of [conv, full_attention]");
        }
    }

    @Nested
    class FalconAndGpt2 {
        @Test
        void falconNewDecoderArchitecture() {
            ModelSpec falcon40b = HuggingFaceConfig.parse(
                    "{\"model_type\": \"falcon\", \"hidden_size\": 8192, \"num_hidden_layers\": 60,"
                            + " \"num_attention_heads\": 128, \"num_kv_heads\": 8, \"new_decoder_architecture\": true,"
                            + " \"parallel_attn\": true, \"bias\": false, \"vocab_size\": 65024}");
            assertThat(falcon40b.numKeyValueHeads()).isEqualTo(8);
            assertThat(falcon40b.normsPerLayer()).isEqualTo(2);
            assertThat(falcon40b.headDim()).isEqualTo(64);
            assertThat(falcon40b.intermediateSize()).isEqualTo(4 * 8192);
        }

        @Test
        void falconVariants() {
            ModelSpec sequential = read(
                    "falcon-7b.json",
                    c -> c.put("parallel_attn", false)
                            .put("multi_query", false)
                            .put("bias", true)
                            .put("ffn_hidden_size", 1000));
            assertThat(sequential.normsPerLayer()).isEqualTo(2);
            assertThat(sequential.numKeyValueHeads()).isEqualTo(71);
            assertThat(sequential.qkvBias()).isTrue();
            assertThat(sequential.outputBias()).isTrue();
            assertThat(sequential.mlpBias()).isTrue();
            assertThat(sequential.intermediateSize()).isEqualTo(1000);
            assertThat(sequential.normKind()).isEqualTo(NormKind.LAYER_NORM);
            assertRejected("falcon-7b.json", c -> c.remove("multi_query"), "multi_query");
            assertRejected("falcon-7b.json", c -> c.put("num_attention_heads", 70), "num_attention_heads")
                    .hasMessage("hidden_size (4544) must be a multiple of num_attention_heads (70)");
        }

        @Test
        void gpt2Variants() {
            assertThat(read("gpt-2.json", c -> c.put("n_inner", 1000)).intermediateSize())
                    .isEqualTo(1000);
            assertThat(read("gpt-2.json", c -> c.putNull("n_inner")).intermediateSize())
                    .isEqualTo(3072);
            assertRejected("gpt-2.json", c -> c.put("add_cross_attention", true), "add_cross_attention");
            assertRejected("gpt-2.json", c -> c.put("n_head", 7), "n_head")
                    .hasMessage("n_embd (768) must be a multiple of n_head (7)");
            assertRejected("gpt-2.json", c -> c.remove("n_positions"), "n_positions");
            // GPT-2's names only: a Llama-style key is not read
            assertThat(read("gpt-2.json", c -> c.put("hidden_size", 1))).isEqualTo(ModelPresets.GPT_2.withName("gpt2"));
        }
    }

    @Nested
    class Names {
        @Test
        void nameOrPathElseModelType() {
            assertThat(read("gpt-2.json", c -> c.put("_name_or_path", "openai-community/gpt2"))
                            .name())
                    .isEqualTo("openai-community/gpt2");
            assertThat(read("gpt-2.json", c -> c.put("_name_or_path", "  ")).name())
                    .isEqualTo("gpt2");
            assertRejected("gpt-2.json", c -> c.put("_name_or_path", 7), "_name_or_path")
                    .hasMessage("_name_or_path (7) must be a string, not an integer");
        }

        @Test
        void aGivenNameWins() {
            String text = Configs.edited("llama-2-7b.json", c -> {});
            assertThat(HuggingFaceConfig.parse(text, "Llama 2 7B")).isEqualTo(ModelPresets.LLAMA_2_7B);
            assertThatThrownBy(() -> HuggingFaceConfig.parse(text, " "))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name (\" \") must not be blank");
        }
    }

    @Test
    void unsupportedModelTypesListTheSupportedOnes() {
        assertRejected("llama-3.1-8b.json", c -> c.put("model_type", "gemma3"), "model_type")
                .hasMessage("model_type (\"gemma3\") is not supported; supported: [deepseek_v3, falcon, gemma2,"
                        + " gemma3_text, gpt2, granitemoehybrid, lfm2, llama, mamba2, mistral, mixtral, phi3, qwen2,"
                        + " qwen3, qwen3_moe, qwen3_next]");
        assertThat(HuggingFaceConfig.supportedModelTypes())
                .isSorted()
                .hasSize(16)
                .isEqualTo(List.copyOf(HuggingFaceConfig.supportedModelTypes()));
    }
}
