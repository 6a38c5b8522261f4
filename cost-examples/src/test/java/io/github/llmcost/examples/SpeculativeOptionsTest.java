package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --speculative-tokens K --acceptance A [--draft-model ID | --draft-config F]}: {@code estimate} and {@code
 * serving} read the API's figures for the speculating deployment and report {@code tokensPerTargetStep}; bad values
 * exit 2 naming the option and value; a draft larger than the target is warned about.
 */
class SpeculativeOptionsTest {
    private static final Deployment SEVENTY_B = LlmCost.model(ModelPresets.LLAMA_3_1_70B)
            .hardware(HardwarePresets.H100_SXM)
            .tensorParallel(4)
            .weights(NumericFormat.FP8_E4M3)
            .deployment()
            .withSpeculativeDecoding(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7));

    private static final String[] SEVENTY_B_ARGS = {
        "--model",
        "llama-3.1-70b",
        "--gpus",
        "4",
        "--weights",
        "fp8",
        "--speculative-tokens",
        "3",
        "--acceptance",
        "0.7",
        "--draft-model",
        "llama-3.2-1b",
        "--json"
    };

    private static String[] args(String command, String... more) {
        String[] out = new String[1 + SEVENTY_B_ARGS.length + more.length];
        out[0] = command;
        System.arraycopy(SEVENTY_B_ARGS, 0, out, 1, SEVENTY_B_ARGS.length);
        System.arraycopy(more, 0, out, 1 + SEVENTY_B_ARGS.length, more.length);
        return out;
    }

    @Test
    void estimateReadsTheSpeculatingDeployment() throws IOException {
        JsonNode j = LlmCostCliTest.json(args("estimate"));
        Estimate e = SEVENTY_B.estimate(Workload.of(1024, 256));
        assertThat(j.get("tokensPerTargetStep").asDouble()).isEqualTo(e.tokensPerTargetStep());
        assertThat(j.get("timePerOutputTokenSeconds").asDouble())
                .isEqualTo(e.timePerOutputToken().toSeconds());
        assertThat(j.get("costPerMillionOutputTokensUsd").asDouble())
                .isEqualTo(e.costPerMillionOutputTokens().toUsd());
        assertThat(j.get("weightBytes").asDouble())
                .isEqualTo(e.memory().weights().toBytes());
        JsonNode s = j.get("speculativeDecoding");
        assertThat(s.get("speculativeTokens").asInt()).isEqualTo(3);
        assertThat(s.get("acceptanceRate").asDouble()).isEqualTo(0.7);
        assertThat(s.get("drafter").asText()).isEqualTo("draft model");
        assertThat(s.get("draftModel").asText()).isEqualTo("Llama 3.2 1B");
        assertThat(s.get("draftParameters").asLong())
                .isEqualTo(ModelPresets.LLAMA_3_2_1B.parameters().totalParameters());
        // without the options, no such fields
        JsonNode plain = LlmCostCliTest.json("estimate", "--model", "llama-3.1-8b", "--json");
        assertThat(plain.has("tokensPerTargetStep")).isFalse();
        assertThat(plain.has("speculativeDecoding")).isFalse();
    }

    @Test
    void servingReadsTheSpeculatingDeployment() throws IOException {
        JsonNode j = LlmCostCliTest.json(args("serving", "--input", "1024", "--output", "256", "--rate", "0.5"));
        assertThat(j.get("tokensPerTargetStep").asDouble()).isCloseTo(2.533, within(1e-12));
        assertThat(j.get("timePerOutputTokenSeconds").asDouble())
                .isEqualTo(SEVENTY_B
                        .serving(Traffic.of(1024, 256))
                        .atRate(0.5)
                        .timePerOutputToken()
                        .toSeconds());
    }

    @Test
    void multiTokenPredictionWithoutADraft() throws IOException {
        JsonNode j = LlmCostCliTest.json(
                "estimate",
                "--model",
                "llama-3.1-70b",
                "--gpus",
                "8",
                "--speculative-tokens",
                "2",
                "--acceptance",
                "0.8",
                "--json");
        assertThat(j.get("speculativeDecoding").get("drafter").asText()).isEqualTo("multi-token prediction");
        assertThat(j.get("speculativeDecoding").has("draftModel")).isFalse();
        assertThat(j.get("tokensPerTargetStep").asDouble()).isCloseTo(1 + 0.8 + 0.8 * 0.8, within(1e-12));
    }

    @Test
    void aDraftConfigIsReadAndALargerDraftWarned(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                "{\"model_type\": \"llama\", \"hidden_size\": 2048, \"num_hidden_layers\": 16,"
                        + " \"num_attention_heads\": 32, \"num_key_value_heads\": 8, \"intermediate_size\": 8192,"
                        + " \"vocab_size\": 128256, \"tie_word_embeddings\": true}");
        JsonNode j = LlmCostCliTest.json(
                "estimate",
                "--model",
                "llama-3.1-70b",
                "--gpus",
                "4",
                "--speculative-tokens",
                "3",
                "--acceptance",
                "0.7",
                "--draft-config",
                config.toString(),
                "--json");
        assertThat(j.get("speculativeDecoding").get("draftParameters").asLong())
                .isEqualTo(ModelPresets.LLAMA_3_2_1B.parameters().totalParameters());
        LlmCostCliTest.Run big = LlmCostCliTest.run(
                "estimate",
                "--model",
                "llama-3.1-8b",
                "--speculative-tokens",
                "3",
                "--acceptance",
                "0.7",
                "--draft-model",
                "llama-3.1-70b",
                "--gpus",
                "4");
        assertThat(big.err())
                .contains("llm-cost: warning: the draft model Llama 3.1 70B")
                .contains("larger than");
        assertThat(big.err().lines().filter(l -> l.contains("warning")).count()).isEqualTo(1);
    }

    @Test
    void badValuesExitTwoNamingTheOptionAndValue() {
        assertThat(CliErrorsTest.usageError("estimate", "--speculative-tokens", "3", "--acceptance", "1.5"))
                .contains("--acceptance (1.5) must be in [0, 1)");
        assertThat(CliErrorsTest.usageError("estimate", "--speculative-tokens", "3", "--acceptance", "-0.1"))
                .contains("--acceptance (-0.1) must be in [0, 1)");
        assertThat(CliErrorsTest.usageError("estimate", "--speculative-tokens", "0", "--acceptance", "0.7"))
                .contains("--speculative-tokens (0) must be > 0");
        assertThat(CliErrorsTest.usageError("serving", "--speculative-tokens", "3"))
                .contains("--speculative-tokens (3) needs --acceptance");
        assertThat(CliErrorsTest.usageError("estimate", "--acceptance", "0.7"))
                .contains("--acceptance (0.7) needs --speculative-tokens");
        assertThat(CliErrorsTest.usageError("estimate", "--draft-model", "llama-3.2-1b"))
                .contains("--draft-model (llama-3.2-1b) needs --speculative-tokens");
        assertThat(CliErrorsTest.usageError("estimate", "--draft-config", "x.json"))
                .contains("--draft-config (x.json) needs --speculative-tokens");
        assertThat(CliErrorsTest.usageError(
                        "estimate", "--speculative-tokens", "3", "--acceptance", "0.7", "--draft-model", "nope"))
                .contains("--draft-model (nope)", "unknown");
        assertThat(CliErrorsTest.usageError(
                        "estimate",
                        "--speculative-tokens",
                        "3",
                        "--acceptance",
                        "0.7",
                        "--draft-model",
                        "llama-3.2-1b",
                        "--draft-config",
                        "x.json"))
                .contains("--draft-model (llama-3.2-1b) and --draft-config (x.json) are mutually exclusive");
        assertThat(CliErrorsTest.usageError(
                        "estimate",
                        "--speculative-tokens",
                        "3",
                        "--acceptance",
                        "0.7",
                        "--draft-config",
                        "/nonexistent/config.json"))
                .contains("--draft-config (/nonexistent/config.json) does not exist");
    }
}
