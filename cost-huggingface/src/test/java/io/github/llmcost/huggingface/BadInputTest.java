package io.github.llmcost.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.llmcost.core.ModelPresets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input fails with a {@link ConfigException} whose message names the key and its value, or the problem: malformed
 * or empty JSON, sizes past the limits, missing keys, wrong types, negative, zero, absurd and non-finite values.
 */
class BadInputTest {
    private static final String LLAMA = Configs.text("llama-3.1-8b.json");

    /** The Llama 3.1 8B config with {@code "key": old} replaced by {@code "key": raw}, raw JSON text. */
    private static String withRaw(String key, String raw) {
        String text = LLAMA.replaceFirst("\"" + key + "\": [^,\\n]+", "\"" + key + "\": " + raw);
        assertThat(text).isNotEqualTo(LLAMA);
        return text;
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "the config is empty: it holds no JSON value"),
                Arguments.of(" \n\t ", "the config is empty: it holds no JSON value"),
                Arguments.of("null", "the config must be a JSON object, not null (null)"),
                Arguments.of("[1, 2]", "the config must be a JSON object, not an array ([1,2])"),
                Arguments.of("\"config\"", "the config must be a JSON object, not a string (\"config\")"),
                Arguments.of("42", "the config must be a JSON object, not an integer (42)"),
                Arguments.of("{", "malformed JSON: "),
                Arguments.of("{\"model_type\": \"llama\",}", "malformed JSON: "),
                Arguments.of("{\"model_type\": 'llama'}", "malformed JSON: "),
                Arguments.of("{} {}", "malformed JSON: "),
                Arguments.of("{\"a\": 1, \"a\": 2}", "malformed JSON: Duplicate field 'a'"),
                Arguments.of("[".repeat(100) + "]".repeat(100), "malformed JSON: Document nesting depth (65)"),
                Arguments.of("{\"model_type\": 1" + "0".repeat(2000) + "}", "malformed JSON: Number value length"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void malformedOrEmptyJson(String json, String messageStart) {
        assertThatThrownBy(() -> HuggingFaceConfig.parse(json))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEmpty());
        assertThatThrownBy(
                        () -> HuggingFaceConfig.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> HuggingFaceConfig.parse("{\n  \"model_type\": \"llama\"\n  \"hidden_size\": 1\n}"))
                .hasMessageContaining("(line 3, column 3)");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("hidden_size", "\"4096\"", "hidden_size (\"4096\") must be an integer, not a string"),
                Arguments.of(
                        "hidden_size", "4096.0", "hidden_size (4096.0) must be an integer, not a fractional number"),
                Arguments.of(
                        "hidden_size", "4096.5", "hidden_size (4096.5) must be an integer, not a fractional number"),
                Arguments.of("hidden_size", "4e3", "hidden_size (4000.0) must be an integer, not a fractional number"),
                Arguments.of("hidden_size", "NaN", "hidden_size (NaN) must be an integer, not a non-finite number"),
                Arguments.of(
                        "hidden_size",
                        "-Infinity",
                        "hidden_size (-Infinity) must be an integer, not a non-finite number"),
                Arguments.of("hidden_size", "true", "hidden_size (true) must be an integer, not a boolean"),
                Arguments.of("hidden_size", "[4096]", "hidden_size ([4096]) must be an integer, not an array"),
                Arguments.of("hidden_size", "{}", "hidden_size ({}) must be an integer, not an object"),
                Arguments.of("hidden_size", "null", "hidden_size is null; it must be an integer"),
                Arguments.of("hidden_size", "-1", "hidden_size (-1) must be > 0"),
                Arguments.of("hidden_size", "0", "hidden_size (0) must be > 0"),
                Arguments.of("hidden_size", "-9223372036854775809", "hidden_size (-9223372036854775809) must be > 0"),
                Arguments.of("hidden_size", "16777217", "hidden_size (16777217) exceeds the limit of 16777216"),
                Arguments.of(
                        "hidden_size",
                        "123456789012345678901234567890",
                        "hidden_size (123456789012345678901234567890) exceeds the limit of 16777216"),
                Arguments.of("num_hidden_layers", "65537", "num_hidden_layers (65537) exceeds the limit of 65536"),
                Arguments.of("num_key_value_heads", "0", "num_key_value_heads (0) must be > 0"),
                Arguments.of("vocab_size", "-128256", "vocab_size (-128256) must be > 0"),
                Arguments.of("intermediate_size", "\"\"", "intermediate_size (\"\") must be an integer, not a string"),
                Arguments.of(
                        "tie_word_embeddings",
                        "\"false\"",
                        "tie_word_embeddings (\"false\") must be true or false, not a string"),
                Arguments.of(
                        "tie_word_embeddings", "0", "tie_word_embeddings (0) must be true or false, not an integer"),
                Arguments.of("hidden_act", "1", "hidden_act (1) must be a string, not an integer"),
                Arguments.of(
                        "model_type",
                        "\"" + "x".repeat(100) + "\"",
                        "model_type (\"" + "x".repeat(39) + "...) is not supported; supported: [deepseek_v3,"),
                Arguments.of("model_type", "[\"llama\"]", "model_type ([\"llama\"]) must be a string, not an array"),
                Arguments.of("model_type", "null", "model_type is missing; supported: [deepseek_v3,"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badValues")
    void badValuesNameTheKeyAndTheValue(String key, String raw, String messageStart) {
        assertThatThrownBy(() -> HuggingFaceConfig.parse(withRaw(key, raw)))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(((ConfigException) e).key()).contains(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.llmcost.huggingface.PresetConfigsTest#checkpoints")
    void everyRequiredKeyIsNamedWhenMissing(PresetConfigsTest.Checkpoint checkpoint) {
        for (String key : new String[] {"hidden_size", "n_embd", "num_hidden_layers", "n_layer", "vocab_size"}) {
            if (!Configs.tree(checkpoint.file()).has(key)) {
                continue;
            }
            assertThatThrownBy(() -> Configs.read(checkpoint.file(), c -> c.remove(key)))
                    .isExactlyInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(key + " is missing; ")
                    .satisfies(e -> assertThat(((ConfigException) e).key()).contains(key));
        }
    }

    @Test
    void aMissingModelTypeListsTheSupportedOnes() {
        assertThatThrownBy(() -> Configs.read("gpt-2.json", c -> c.remove("model_type")))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage("model_type is missing; supported: [deepseek_v3, falcon, gemma2, gemma3_text, gpt2,"
                        + " granitemoehybrid, lfm2, llama, mamba2, mistral, mixtral, phi3, qwen2, qwen3, qwen3_moe,"
                        + " qwen3_next]");
    }

    @Test
    void aModelWhoseParameterCountOverflowsIsRejected() {
        String huge = Configs.edited(
                "llama-3.1-8b.json",
                c -> c.put("hidden_size", 1 << 24)
                        .put("intermediate_size", 1 << 24)
                        .put("num_hidden_layers", 1 << 16)
                        .put("num_attention_heads", 1 << 10)
                        .put("num_key_value_heads", 1 << 10));
        assertThatThrownBy(() -> HuggingFaceConfig.parse(huge))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageStartingWith("the config describes an invalid model: ")
                .hasMessageContaining("overflows a long")
                .hasCauseExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputsLargerThan16MiBAreRejectedBeforeParsing(@TempDir Path dir) throws IOException {
        int limit = HuggingFaceConfig.MAX_CONFIG_BYTES;
        assertThat(limit).isEqualTo(16 * 1024 * 1024);
        String padded = LLAMA.replaceFirst("\\{", "{\"pad\": \"" + "x".repeat(limit) + "\",");
        assertThatThrownBy(() -> HuggingFaceConfig.parse(padded))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage("the config is larger than the limit of 16 MiB (16777216 chars)");
        byte[] bytes = new byte[limit + 1];
        Arrays.fill(bytes, (byte) ' ');
        assertThatThrownBy(() -> HuggingFaceConfig.read(new ByteArrayInputStream(bytes)))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage("the config is larger than the limit of 16 MiB (16777216 bytes)");
        Path file = dir.resolve("config.json");
        Files.write(file, bytes);
        assertThatThrownBy(() -> HuggingFaceConfig.read(file))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage(file + ": the config is larger than the limit of 16 MiB (16777216 bytes)");
    }

    @Test
    void anInputJustUnderTheLimitIsRead() {
        int limit = HuggingFaceConfig.MAX_CONFIG_BYTES;
        String padding = "x".repeat(limit - LLAMA.length() - "\"pad\": \"\",".length());
        String padded = LLAMA.replaceFirst("\\{", "{\"pad\": \"" + padding + "\",");
        assertThat(padded).hasSize(limit);
        assertThat(HuggingFaceConfig.parse(padded, "Llama 3.1 8B")).isEqualTo(ModelPresets.LLAMA_3_1_8B);
    }

    @Test
    void tooManyTokensAreRejected() {
        String many = LLAMA.replaceFirst("\\{", "{\"pad\": [" + "0,".repeat(1_000_000) + "0],");
        assertThatThrownBy(() -> HuggingFaceConfig.parse(many))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageStartingWith("malformed JSON: Token count");
    }

    @Test
    void fileErrorsAreIoExceptionsAndConfigErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> HuggingFaceConfig.read(missing)).isInstanceOf(NoSuchFileException.class);
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, "{\"model_type\": \"llama\", \"hidden_size\": -1}");
        assertThatThrownBy(() -> HuggingFaceConfig.read(bad))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage(bad + ": hidden_size (-1) must be > 0")
                .satisfies(e -> assertThat(((ConfigException) e).key()).contains("hidden_size"));
        Files.write(bad, new byte[0]);
        assertThatThrownBy(() -> HuggingFaceConfig.read(bad))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage(bad + ": the config is empty: it holds no JSON value");
    }

    @Test
    void invalidBytesAreMalformedJson() {
        byte[][] inputs = {
            {(byte) 0xff, (byte) 0xfe, (byte) 0xfd},
            {'{', '"', (byte) 0xc3, '"', ':', '1', '}'},
            {0, 0, 0, '{', 0, 0, 0, (byte) 0x80},
            {0, 0, (byte) 0xfe, (byte) 0xff, 0, 0x11, 0, 0},
        };
        for (byte[] input : inputs) {
            assertThatThrownBy(() -> HuggingFaceConfig.read(new ByteArrayInputStream(input)))
                    .isExactlyInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("malformed JSON: ");
        }
    }

    @Test
    void otherUnicodeEncodingsAndAByteOrderMarkAreRead() throws IOException {
        for (byte[] bytes : new byte[][] {
            LLAMA.getBytes(StandardCharsets.UTF_16BE),
            LLAMA.getBytes(StandardCharsets.UTF_16LE),
            ("\uFEFF" + LLAMA).getBytes(StandardCharsets.UTF_8),
        }) {
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                assertThat(HuggingFaceConfig.read(in, "Llama 3.1 8B")).isEqualTo(ModelPresets.LLAMA_3_1_8B);
            }
        }
    }
}
