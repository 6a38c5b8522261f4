package io.github.llmcost.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The examples in the javadoc, compiled and run: each test is the snippet a user would type in JShell, with the
 * value JShell would print asserted. When a javadoc example changes, change it here too.
 */
class JavadocSnippetsTest {

    /** {@link HuggingFaceConfig}, with the test resources standing in for a downloaded {@code config.json}. */
    @Test
    void huggingFaceConfig() throws IOException {
        Path config = PresetConfigsTest.CONFIGS.resolve("llama-3.1-8b.json"); // "Llama-3.1-8B/config.json"
        ModelSpec llama = HuggingFaceConfig.read(config, "Llama 3.1 8B");
        assertThat(llama.equals(ModelPresets.LLAMA_3_1_8B)).isTrue();
        assertThatThrownBy(() -> HuggingFaceConfig.parse("{\"model_type\": \"llama\", \"hidden_size\": -1}"))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessage("hidden_size (-1) must be > 0");
    }
}
