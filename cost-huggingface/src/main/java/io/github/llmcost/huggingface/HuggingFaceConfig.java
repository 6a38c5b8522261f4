package io.github.llmcost.huggingface;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmcost.core.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelSpec}, exactly as transformers would build the model.
 *
 * <pre>{@code
 * jshell> ModelSpec llama = HuggingFaceConfig.read(Path.of("Llama-3.1-8B/config.json"), "Llama 3.1 8B")
 * jshell> llama.equals(ModelPresets.LLAMA_3_1_8B)
 * $2 ==> true
 * jshell> HuggingFaceConfig.parse("{\"model_type\": \"llama\", \"hidden_size\": -1}")
 * |  Exception io.github.llmcost.huggingface.ConfigException: hidden_size (-1) must be > 0
 * }</pre>
 *
 * <h2>Supported families</h2>
 *
 * <p>The {@code model_type} key picks the mapping; {@link #supportedModelTypes()} lists them. Every family reads
 * {@code hidden_size}, {@code num_hidden_layers}, {@code num_attention_heads}, {@code num_key_value_heads},
 * {@code head_dim}, {@code intermediate_size}, {@code vocab_size} and {@code tie_word_embeddings}, except where the
 * table says otherwise. Keys a family's transformers implementation ignores are not read. The model's maximum
 * context ({@link ModelSpec#maxContextTokens()}) is {@code max_position_embeddings} (GPT-2: {@code n_positions};
 * Falcon, where configs omit it: 2,048, transformers' default), left unset where a config gives none.
 *
 * <table class="striped">
 *   <caption>What each family adds</caption>
 *   <thead><tr><th>model_type</th><th>Mapping</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code llama}</td><td>{@code attention_bias} on Q, K, V and O; {@code mlp_bias}.</td></tr>
 *   <tr><td>{@code mistral}</td><td>{@code sliding_window} (required, null for none) on every layer.</td></tr>
 *   <tr><td>{@code mixtral}</td><td>{@code num_local_experts} (or {@code num_experts}) experts of
 *       {@code intermediate_size} on every layer, {@code num_experts_per_tok} per token; {@code sliding_window} on
 *       every layer if not null.</td></tr>
 *   <tr><td>{@code qwen2}</td><td>Biases on Q, K and V (hard-coded in transformers). A window only when
 *       {@code use_sliding_window} is true: then {@code sliding_window} on the layers from
 *       {@code max_window_layers} on, or as {@code layer_types} says.</td></tr>
 *   <tr><td>{@code qwen3}</td><td>As {@code qwen2}, with per-head q/k RMSNorms, {@code attention_bias} on Q, K, V
 *       and O, and a required {@code head_dim}.</td></tr>
 *   <tr><td>{@code qwen3_moe}</td><td>As {@code qwen3} ({@code head_dim} optional), with {@code num_experts} (or
 *       {@code num_local_experts}) experts of {@code moe_intermediate_size}, {@code num_experts_per_tok} per token, on
 *       the layers {@code mlp_only_layers} and {@code decoder_sparse_step} leave routed (they must be a tail); with
 *       {@code use_sliding_window}, {@code sliding_window} on every layer.</td></tr>
 *   <tr><td>{@code gemma2}</td><td>Four RMSNorms per layer, tied by default, required {@code head_dim};
 *       {@code sliding_window} (required, null for none) on even layers, or as {@code layer_types} says;
 *       {@code attention_bias} on Q, K, V and O.</td></tr>
 *   <tr><td>{@code lfm2}</td><td>Gated short-convolution layers of {@code conv_L_cache} taps and attention layers
 *       with q/k norms, from {@code layer_types} ({@code "conv"}, {@code "full_attention"}) or the original
 *       {@code full_attn_idxs}; the feed-forward width {@code block_ff_dim} (or {@code intermediate_size})
 *       auto-adjusted as transformers' {@code Lfm2MLP} does: {@code int(2 * ff / 3)}, times
 *       {@code block_ffn_dim_multiplier}, rounded up to {@code block_multiple_of}; {@code tie_embedding} or
 *       {@code tie_word_embeddings}, tied by default. {@code conv_bias} must be false.</td></tr>
 *   <tr><td>{@code deepseek_v3}</td><td>Multi-head latent attention from {@code q_lora_rank} (null: direct
 *       queries), {@code kv_lora_rank}, {@code qk_nope_head_dim}, {@code qk_rope_head_dim}, {@code v_head_dim}
 *       ({@code num_key_value_heads} and {@code head_dim} are not read); {@code n_routed_experts} experts of
 *       {@code moe_intermediate_size} (null: dense), {@code num_experts_per_tok}, {@code n_shared_experts},
 *       {@code first_k_dense_replace} dense layers, a router with a correction bias. The multi-token-prediction
 *       module ({@code num_nextn_predict_layers}) is not part of the model.</td></tr>
 *   <tr><td>{@code phi3}</td><td>{@code sliding_window} on every layer if not null.</td></tr>
 *   <tr><td>{@code falcon}</td><td>Plain GELU MLP of {@code ffn_hidden_size} (default {@code 4d}), LayerNorms, tied by
 *       default, {@code bias} on every linear layer, {@code head_dim = d / h}. Without
 *       {@code new_decoder_architecture}: one KV head if {@code multi_query}, else {@code h}; one norm per layer if
 *       {@code parallel_attn}, else two. With it: {@code num_kv_heads} KV heads and
 *       {@code num_ln_in_parallel_attn} norms (default 2).</td></tr>
 *   <tr><td>{@code gpt2}</td><td>Its own names: {@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_inner}
 *       (null: {@code 4d}), {@code n_positions} learned positions; plain MLP, biases everywhere, LayerNorms, tied
 *       by default.</td></tr>
 *   <tr><td>{@code gemma3_text}</td><td>As {@code gemma2}, with per-head q/k RMSNorms; {@code sliding_window}
 *       (required, null for none) on every layer but each {@code sliding_window_pattern}-th (default 6), or as
 *       {@code layer_types} says.</td></tr>
 *   <tr><td>{@code mamba2}</td><td>Every layer a Mamba-2 mixer and no MLP, one RMSNorm per layer: {@code num_heads}
 *       heads of {@code head_dim} (their product must be {@code expand} x {@code hidden_size}), {@code state_size},
 *       {@code n_groups}, {@code conv_kernel} taps, {@code use_conv_bias}, {@code use_bias}, a gated RMSNorm unless
 *       {@code rms_norm} is false; no attention heads are read; untied by default.</td></tr>
 *   <tr><td>{@code granitemoehybrid}</td><td>Mamba-2 and attention layers as {@code layer_types} says
 *       ({@code "mamba"}, {@code "attention"}), each followed by a SwiGLU of {@code shared_intermediate_size}; the
 *       mixer from {@code mamba_n_heads}, {@code mamba_d_head}, {@code mamba_d_state}, {@code mamba_n_groups},
 *       {@code mamba_d_conv}, {@code mamba_conv_bias}, {@code mamba_proj_bias}, with a gated RMSNorm;
 *       {@code attention_bias}. {@code num_local_experts} must be 0 (no routed experts).</td></tr>
 *   <tr><td>{@code qwen3_next}</td><td>Gated DeltaNet layers ({@code linear_num_key_heads},
 *       {@code linear_num_value_heads}, {@code linear_key_head_dim}, {@code linear_value_head_dim},
 *       {@code linear_conv_kernel_dim}) and gated attention with q/k norms on each {@code full_attention_interval}-th
 *       layer (required), or as {@code layer_types} says; {@code num_experts} experts of
 *       {@code moe_intermediate_size}, {@code num_experts_per_tok} per token, plus a gated shared expert of
 *       {@code shared_expert_intermediate_size} (0 or the expert size), on the layers {@code mlp_only_layers} and
 *       {@code decoder_sparse_step} leave routed (a tail).</td></tr>
 *   </tbody>
 * </table>
 *
 * <h2>Absent and null keys</h2>
 *
 * <p>A key whose value is {@code null} means "none", as in transformers: {@code num_key_value_heads} null is
 * multi-head attention, {@code head_dim} null is {@code hidden_size / num_attention_heads}, {@code sliding_window}
 * null is no window. An absent key means the same where transformers' default is neutral in that way. Where
 * transformers would fill an absent key with one checkpoint's number instead (MistralConfig's 8 key-value heads and
 * 4,096-token window, Qwen3's {@code head_dim} of 128, Gemma 2's 256, DeepSeek-V3's expert and latent sizes,
 * Falcon's {@code multi_query}), the key is required, so that no config is read as a model other than the one
 * transformers builds from it. {@code tie_word_embeddings} takes the family's default: tied for {@code gemma2},
 * {@code lfm2}, {@code falcon} and {@code gpt2}, untied for the others.
 *
 * <h2>Names</h2>
 *
 * <p>The methods without a name use the config's {@code _name_or_path} when it is a non-blank string, else its
 * {@code model_type}. The overloads that take a display name use it instead, so that an imported model can equal a
 * preset: {@code read(path, ModelPresets.LLAMA_3_1_8B.name())} equals {@link
 * io.github.llmcost.core.ModelPresets#LLAMA_3_1_8B}.
 *
 * <h2>Errors and limits</h2>
 *
 * <p>Every problem with the content is a {@link ConfigException} naming the key and its value, or the problem:
 * malformed JSON (with its line and column), an empty input, a top level other than an object, duplicate keys, an
 * unsupported {@code model_type} (the message lists the supported ones), a missing required key, a value of the wrong
 * type (a string, a fraction, {@code NaN} where an integer belongs), a value out of range, or a combination the model
 * does not allow ({@code num_key_value_heads} that does not divide {@code num_attention_heads}, a parameter count
 * that overflows a {@code long}). No other runtime exception escapes, whatever the content (a test fuzzes the reader with mutated, truncated and random input to show it). The methods that take a {@link
 * Path} or an {@link InputStream} also throw {@link IOException} when reading fails.
 *
 * <p>Limits: the input may hold at most {@value #MAX_CONFIG_BYTES} bytes (16 MiB; for a {@link String}, that many
 * chars), one million JSON tokens and 64 levels of nesting. Sizes and counts (dimensions, vocabulary, heads, experts,
 * windows) may be at most 2<sup>24</sup> = 16,777,216 and layers at most 65,536; larger values are rejected as
 * absurd.
 *
 * <p>This class holds only static methods and is thread-safe.
 */
public final class HuggingFaceConfig {
    private HuggingFaceConfig() {}

    /** The largest input accepted, in bytes (for a {@link String}, in chars): 16 MiB. */
    public static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

    private static final int MAX_TOKENS = 1_000_000;
    private static final int MAX_NESTING = 64;
    private static final int MAX_MESSAGE = 300;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_CONFIG_BYTES)
                            .maxTokenCount(MAX_TOKENS)
                            .maxNestingDepth(MAX_NESTING)
                            .build())
                    // Python's json module writes NaN and Infinity; accept them, and reject them where a number
                    // must be finite.
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /**
     * {@return the supported {@code model_type} values, sorted: {@code deepseek_v3}, {@code falcon}, {@code gemma2},
     * {@code gemma3_text}, {@code gpt2}, {@code granitemoehybrid}, {@code lfm2}, {@code llama}, {@code mamba2},
     * {@code mistral}, {@code mixtral}, {@code phi3}, {@code qwen2}, {@code qwen3}, {@code qwen3_moe},
     * {@code qwen3_next}}
     */
    public static List<String> supportedModelTypes() {
        return Families.SUPPORTED;
    }

    /**
     * Reads a {@code config.json} file, naming the model after its {@code _name_or_path} or {@code model_type}.
     *
     * @param path the file
     * @return the model
     * @throws ConfigException if the content is not a supported, valid config; the message starts with the path
     * @throws IOException if the file cannot be read
     */
    public static ModelSpec read(Path path) throws IOException {
        return readFile(path, null);
    }

    /**
     * Reads a {@code config.json} file under a display name.
     *
     * @param path the file
     * @param name the model's display name, not blank
     * @return the model
     * @throws ConfigException if the content is not a supported, valid config; the message starts with the path
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the name is blank
     */
    public static ModelSpec read(Path path, String name) throws IOException {
        return readFile(path, checkName(name));
    }

    /**
     * Reads a {@code config.json} from a stream, naming the model after its {@code _name_or_path} or {@code
     * model_type}. Reads at most {@link #MAX_CONFIG_BYTES} + 1 bytes and does not close the stream.
     *
     * @param in the JSON, UTF-8 (or UTF-16 or UTF-32, detected)
     * @return the model
     * @throws ConfigException if the content is not a supported, valid config
     * @throws IOException if the stream cannot be read
     */
    public static ModelSpec read(InputStream in) throws IOException {
        return fromBytes(readLimited(in), null);
    }

    /**
     * Reads a {@code config.json} from a stream under a display name. Reads at most {@link #MAX_CONFIG_BYTES} + 1
     * bytes and does not close the stream.
     *
     * @param in the JSON, UTF-8 (or UTF-16 or UTF-32, detected)
     * @param name the model's display name, not blank
     * @return the model
     * @throws ConfigException if the content is not a supported, valid config
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if the name is blank
     */
    public static ModelSpec read(InputStream in, String name) throws IOException {
        return fromBytes(readLimited(in), checkName(name));
    }

    /**
     * Parses the text of a {@code config.json}, naming the model after its {@code _name_or_path} or {@code
     * model_type}.
     *
     * @param json the JSON text
     * @return the model
     * @throws ConfigException if the text is not a supported, valid config
     */
    public static ModelSpec parse(String json) {
        return fromString(json, null);
    }

    /**
     * Parses the text of a {@code config.json} under a display name.
     *
     * @param json the JSON text
     * @param name the model's display name, not blank
     * @return the model
     * @throws ConfigException if the text is not a supported, valid config
     * @throws IllegalArgumentException if the name is blank
     */
    public static ModelSpec parse(String json, String name) {
        return fromString(json, checkName(name));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String checkName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name (\"" + name + "\") must not be blank");
        }
        return name;
    }

    private static ModelSpec readFile(Path path, @Nullable String name) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = readLimited(in);
        } catch (ConfigException e) {
            throw new ConfigException(e.key().orElse(null), path + ": " + e.getMessage(), e);
        }
        try {
            return fromBytes(bytes, name);
        } catch (ConfigException e) {
            throw new ConfigException(e.key().orElse(null), path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new ConfigException(
                    null, "the config is larger than the limit of 16 MiB (" + MAX_CONFIG_BYTES + " bytes)");
        }
        return bytes;
    }

    private static ModelSpec fromBytes(byte[] bytes, @Nullable String name) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            // No I/O happens on a byte array: every IOException here is about the content.
            throw malformed(e);
        }
        return fromTree(tree, name);
    }

    private static ModelSpec fromString(String json, @Nullable String name) {
        if (json.length() > MAX_CONFIG_BYTES) {
            throw new ConfigException(
                    null, "the config is larger than the limit of 16 MiB (" + MAX_CONFIG_BYTES + " chars)");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        return fromTree(tree, name);
    }

    private static ConfigException malformed(IOException e) {
        String detail;
        if (e instanceof JsonProcessingException jackson) {
            detail = jackson.getOriginalMessage();
            JsonLocation location = jackson.getLocation();
            if (location != null && location.getLineNr() > 0) {
                detail += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            }
        } else {
            detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (detail.length() > MAX_MESSAGE) {
            detail = detail.substring(0, MAX_MESSAGE) + "...";
        }
        return new ConfigException(null, "malformed JSON: " + detail, e);
    }

    private static ModelSpec fromTree(@Nullable JsonNode tree, @Nullable String name) {
        if (tree == null || tree.isMissingNode()) {
            throw new ConfigException(null, "the config is empty: it holds no JSON value");
        }
        if (!tree.isObject()) {
            throw new ConfigException(
                    null,
                    "the config must be a JSON object, not " + Config.describe(tree) + " (" + Config.show(tree) + ")");
        }
        ObjectNode root = (ObjectNode) tree;
        JsonNode type = root.get("model_type");
        if (type == null || type.isNull()) {
            throw new ConfigException("model_type", "model_type is missing; supported: " + Families.SUPPORTED);
        }
        if (!type.isTextual()) {
            throw new ConfigException(
                    "model_type",
                    "model_type (" + Config.show(type) + ") must be a string, not " + Config.describe(type));
        }
        Family family =
                Families.find(type.textValue()).orElseThrow(() -> Families.unsupportedModelType(Config.show(type)));
        Config config = new Config(root, type.textValue());
        try {
            ModelSpec.Builder builder = family.mapping().apply(config);
            family.context().read(config).ifPresent(builder::maxContextTokens);
            Optional<String> nameOrPath = config.string("_name_or_path").filter(s -> !s.isBlank());
            builder.name(name != null ? name : nameOrPath.orElse(config.modelType()));
            return builder.build();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // cost-core's own checks: combinations of keys, parameter counts that overflow a long
            throw new ConfigException(null, "the config describes an invalid model: " + e.getMessage(), e);
        }
    }
}
