package io.github.llmcost.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real {@code config.json} of every checkpoint among cost-core's presets, read back: each equals its preset, and
 * its parameter count equals the checkpoint's published count.
 *
 * <p>The files under {@code src/test/resources/configs} are transcribed from the configs on the Hugging Face Hub
 * ({@code https://huggingface.co/<repo>/blob/main/config.json}). LFM2-1.2B comes twice: as first released
 * ({@code block_ff_dim}, {@code full_attn_idxs}, {@code tie_embedding}) and in the spelling transformers writes today
 * ({@code intermediate_size}, {@code layer_types}, {@code tie_word_embeddings}). The published counts are the model
 * parameter counts the presets' javadoc cites (for GPT-2, Falcon-7B, Llama 2 7B and DeepSeek-V3 the Hub's safetensors
 * total also counts stored buffers, a stored copy of the tied head or the multi-token-prediction module; see {@link
 * ModelPresets}).
 *
 * <p>Issue 20's files, and how close each is to its source: {@code granite-4.0-h-350m.json} is the config of {@code
 * https://huggingface.co/ibm-granite/granite-4.0-h-350m/blob/main/config.json} as transformers 5.1 saves it (copied
 * from a public mirror of the checkpoint's files); 340,332,224 is the Hub's parameter count. {@code gemma-3-1b.json}
 * is transcribed from {@code https://huggingface.co/google/gemma-3-1b-it/blob/main/config.json} ({@code eos_token_id}
 * shortened to one id; nothing read depends on it); 999,885,952 is the Hub's safetensors total. {@code
 * lfm2-2.6b.json} holds the keys of {@code https://huggingface.co/LiquidAI/LFM2-2.6B/blob/main/config.json} that
 * decide the shapes (its {@code block_ff_dim} 10,752 used as is, its {@code layer_types}), as a published study of
 * the LFM2 configs quotes them, not a byte copy; 2,569,272,320 is the model card's count. {@code mamba2-2.7b.json} is
 * {@code https://huggingface.co/state-spaces/mamba2-2.7b/blob/main/config.json} written in transformers' {@code
 * Mamba2Config} keys: the original uses mamba_ssm's ({@code d_model} 2,560, {@code n_layer} 64, {@code vocab_size}
 * 50,277 padded to a multiple of 16, {@code ssm_cfg} Mamba2 with its defaults: state 128, head 64, expand 2, 1 group,
 * 4 taps) and has no {@code model_type}; 2,702,599,680 is the count from the config, as no exact count is published
 * (the card says 2.7B; a public conversion of the checkpoint reports the same number). {@code
 * qwen3-next-80b-a3b.json} holds the shape keys of {@code
 * https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct/blob/main/config.json} as transcribed (not a byte copy); its
 * count, 79,674,391,296, is the main model's from the config (the Hub's "81.3B" adds the multi-token-prediction
 * layer), which an independent count of Qwen3-Coder-Next's identical config also gives.
 */
class PresetConfigsTest {
    static final Path CONFIGS = Path.of("src", "test", "resources", "configs");

    /** One checkpoint: its config file, its preset and its published parameter count. */
    record Checkpoint(String file, String presetId, long publishedParameters, String defaultName) {
        Path path() {
            return CONFIGS.resolve(file);
        }

        ModelSpec preset() {
            return ModelPresets.byId(presetId);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static final List<Checkpoint> CHECKPOINTS = List.of(
            new Checkpoint("llama-3.2-1b.json", "llama-3.2-1b", 1_235_814_400L, "llama"),
            new Checkpoint("llama-3.2-3b.json", "llama-3.2-3b", 3_212_749_824L, "llama"),
            new Checkpoint("llama-3.1-8b.json", "llama-3.1-8b", 8_030_261_248L, "llama"),
            new Checkpoint("llama-3.1-70b.json", "llama-3.1-70b", 70_553_706_496L, "llama"),
            new Checkpoint("llama-3.1-405b.json", "llama-3.1-405b", 405_853_388_800L, "llama"),
            new Checkpoint("llama-2-7b.json", "llama-2-7b", 6_738_415_616L, "meta-llama/Llama-2-7b-hf"),
            new Checkpoint("qwen3-14b.json", "qwen3-14b", 14_768_307_200L, "qwen3"),
            new Checkpoint("qwen3-30b-a3b.json", "qwen3-30b-a3b", 30_532_122_624L, "qwen3_moe"),
            new Checkpoint("qwen2.5-7b.json", "qwen2.5-7b", 7_615_616_512L, "qwen2"),
            new Checkpoint("mistral-7b-v0.1.json", "mistral-7b-v0.1", 7_241_732_096L, "mistral"),
            new Checkpoint("mixtral-8x7b.json", "mixtral-8x7b", 46_702_792_704L, "mixtral"),
            new Checkpoint("gemma-2-9b.json", "gemma-2-9b", 9_241_705_984L, "gemma2"),
            new Checkpoint("lfm2-1.2b.json", "lfm2-1.2b", 1_170_340_608L, "lfm2"),
            new Checkpoint("lfm2-1.2b-layer-types.json", "lfm2-1.2b", 1_170_340_608L, "lfm2"),
            new Checkpoint("deepseek-v3.json", "deepseek-v3", 671_026_419_200L, "deepseek_v3"),
            new Checkpoint("phi-3-mini-4k.json", "phi-3-mini-4k", 3_821_079_552L, "phi3"),
            new Checkpoint("falcon-7b.json", "falcon-7b", 6_921_720_704L, "falcon"),
            new Checkpoint("gpt-2.json", "gpt-2", 124_439_808L, "gpt2"),
            new Checkpoint("lfm2-2.6b.json", "lfm2-2.6b", 2_569_272_320L, "lfm2"),
            new Checkpoint("gemma-3-1b.json", "gemma-3-1b", 999_885_952L, "gemma3_text"),
            new Checkpoint("mamba2-2.7b.json", "mamba-2-2.7b", 2_702_599_680L, "mamba2"),
            new Checkpoint("granite-4.0-h-350m.json", "granite-4.0-h-350m", 340_332_224L, "granitemoehybrid"),
            new Checkpoint("qwen3-next-80b-a3b.json", "qwen3-next-80b-a3b", 79_674_391_296L, "qwen3_next"));

    static Stream<Arguments> checkpoints() {
        return CHECKPOINTS.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void importedModelEqualsItsPreset(Checkpoint checkpoint) throws IOException {
        ModelSpec imported =
                HuggingFaceConfig.read(checkpoint.path(), checkpoint.preset().name());
        assertThat(imported).isEqualTo(checkpoint.preset());
        assertThat(imported.hashCode()).isEqualTo(checkpoint.preset().hashCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void parameterCountEqualsThePublishedCount(Checkpoint checkpoint) throws IOException {
        ModelSpec imported = HuggingFaceConfig.read(checkpoint.path());
        assertThat(imported.parameters().totalParameters()).isEqualTo(checkpoint.publishedParameters());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void withoutANameTheModelIsNamedAfterNameOrPathElseModelType(Checkpoint checkpoint) throws IOException {
        ModelSpec imported = HuggingFaceConfig.read(checkpoint.path());
        assertThat(imported.name()).isEqualTo(checkpoint.defaultName());
        assertThat(imported).isEqualTo(checkpoint.preset().withName(checkpoint.defaultName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void pathStreamAndStringGiveTheSameModel(Checkpoint checkpoint) throws IOException {
        ModelSpec fromPath = HuggingFaceConfig.read(checkpoint.path());
        String text = Files.readString(checkpoint.path(), StandardCharsets.UTF_8);
        try (InputStream in = Files.newInputStream(checkpoint.path())) {
            assertThat(HuggingFaceConfig.read(in)).isEqualTo(fromPath);
        }
        try (InputStream in = Files.newInputStream(checkpoint.path())) {
            assertThat(HuggingFaceConfig.read(in, "x")).isEqualTo(fromPath.withName("x"));
        }
        assertThat(HuggingFaceConfig.parse(text)).isEqualTo(fromPath);
        assertThat(HuggingFaceConfig.parse(text, "x")).isEqualTo(fromPath.withName("x"));
    }

    @Test
    void everyRealCheckpointPresetHasAConfigAndEveryConfigIsTested() throws IOException {
        Set<String> tested = CHECKPOINTS.stream().map(Checkpoint::presetId).collect(Collectors.toSet());
        Set<String> real = ModelPresets.ids().stream()
                .filter(id -> !id.startsWith("article-"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(tested).isEqualTo(real);
        try (Stream<Path> files = Files.list(CONFIGS)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(CHECKPOINTS.stream().map(Checkpoint::file).collect(Collectors.toSet()));
        }
    }

    @Test
    void everySupportedModelTypeHasARealConfig() throws IOException {
        Set<String> types = new TreeSet<>();
        for (Checkpoint checkpoint : CHECKPOINTS) {
            String text = Files.readString(checkpoint.path(), StandardCharsets.UTF_8);
            types.add(text.replaceAll("(?s).*\"model_type\": \"([a-z0-9_]+)\".*", "$1"));
        }
        assertThat(types).containsExactlyElementsOf(HuggingFaceConfig.supportedModelTypes());
    }
}
