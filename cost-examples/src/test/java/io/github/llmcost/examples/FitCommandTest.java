package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.WeightFit;
import io.github.llmcost.hardware.HardwarePresets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code llm-cost fit}, the weight-scheme ids on {@code --weights}, and {@code model --json}'s bytes per scheme. */
class FitCommandTest {
    @Test
    void jsonHasARowPerSchemeWithTheLibrarysFigures() throws IOException {
        JsonNode o = LlmCostCliTest.json("fit", "--model", "llama-3.1-8b", "--hardware", "rtx-4090", "--json");
        assertThat(o.get("model").asText()).isEqualTo("Llama 3.1 8B");
        assertThat(o.get("gpus").asInt()).isEqualTo(1);
        assertThat(o.get("contextTokens").asLong()).isEqualTo(4096);
        assertThat(o.get("maxContextTokens").asLong()).isEqualTo(131_072);
        List<String> ids = new ArrayList<>();
        o.get("schemes").forEach(row -> ids.add(row.get("scheme").asText()));
        assertThat(ids)
                .containsExactlyElementsOf(
                        WeightFit.DEFAULT_SCHEMES.stream().map(WeightScheme::id).toList());
        Deployment rtx = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.RTX_4090)
                .deployment();
        WeightFit q4 = WeightFit.of(rtx, WeightScheme.Q4_K_M, 4096);
        JsonNode row = rowOf(o, "q4_k_m");
        assertThat(row.get("weightBytes").asDouble()).isEqualTo(q4.weightBytes().toBytes());
        assertThat(row.get("weightsFit").asBoolean()).isTrue();
        assertThat(row.get("runnable").asBoolean()).isTrue();
        assertThat(row.get("blockedBy").isNull()).isTrue();
        assertThat(row.get("longestContextTokens").asLong()).isEqualTo(131_072);
        assertThat(row.get("largestBatch").asLong()).isEqualTo(q4.largestBatch());
        assertThat(row.get("decodeTokensPerSecond").asDouble())
                .isEqualTo(q4.decodeTokensPerSecond().orElseThrow());
        assertThat(row.get("computeFormat").asText()).isEqualTo("BF16");
        JsonNode nvfp4 = rowOf(o, "nvfp4");
        assertThat(nvfp4.get("runnable").asBoolean()).isFalse();
        assertThat(nvfp4.get("blockedBy").asText()).contains("no FP4 compute");
        assertThat(nvfp4.get("decodeTokensPerSecond").isNull()).isTrue();
        assertThat(nvfp4.get("largestBatch").asLong()).isZero();
    }

    private static JsonNode rowOf(JsonNode o, String id) {
        for (JsonNode row : o.get("schemes")) {
            if (row.get("scheme").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row " + id);
    }

    @Test
    void textIsATableThatMarksWhatCannotRun() {
        LlmCostCliTest.Run run = LlmCostCliTest.run(
                "fit", "--model", "llama-3.1-70b", "--hardware", "h100-sxm", "--gpus", "2", "--context", "8192");
        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("Llama 3.1 70B on 2 x NVIDIA H100 SXM")
                .contains("scheme", "longest context", "batch @ 8192", "decode tok/s")
                .containsPattern("(?m)^bf16 +W16A16 +141 GB")
                .containsPattern("(?m)^nvfp4 .*cannot run: compute format")
                .containsPattern("(?m)^q4_k_m +W4A16 .* yes +131,072 ");
        assertThat(run.out().lines()).hasSize(2 + WeightFit.DEFAULT_SCHEMES.size() + 1);
    }

    @Test
    void weightsThatDoNotFitSayNo() {
        LlmCostCliTest.Run run = LlmCostCliTest.run("fit", "--model", "llama-3.1-70b", "--hardware", "rtx-4090");
        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("(?m)^bf16 .* no +0 +0 +-$");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        assertThat(CliErrorsTest.usageError("fit", "--context", "1")).isEqualTo("llm-cost: --context (1) must be >= 2");
        assertThat(CliErrorsTest.usageError("fit", "--context", "200000"))
                .isEqualTo("llm-cost: --context (200000) must be at most the model's maximum (131072)");
        assertThat(CliErrorsTest.usageError("fit", "--gpus", "0")).contains("--gpus (0)");
        assertThat(CliErrorsTest.usageError("fit", "--hardware", "abacus")).contains("abacus");
        assertThat(CliErrorsTest.usageError("fit", "--kv", "int3")).contains("int3");
    }

    @Test
    void weightsTakeSchemeIdsAndNameThemInTheEstimate() throws IOException {
        JsonNode e = LlmCostCliTest.json("estimate", "--weights", "awq-int4", "--json");
        assertThat(e.get("weightScheme").asText()).isEqualTo("awq-int4");
        assertThat(e.get("weightFormat").asText()).isEqualTo("INT4");
        assertThat(e.get("weightBytes").asDouble())
                .isEqualTo(WeightScheme.AWQ_INT4
                        .weightBytes(ModelPresets.LLAMA_3_1_8B)
                        .total()
                        .toBytes());
        assertThat(LlmCostCliTest.json("estimate", "--weights", "fp8_e4m3", "--json")
                        .get("weightScheme")
                        .asText())
                .isEqualTo("fp8_e4m3");
        assertThat(CliErrorsTest.usageError("estimate", "--weights", "q3_k_s"))
                .contains("weight scheme (q3_k_s) must be one of bf16,", "awq-int4", "q4_k_m");
        assertThat(LlmCostCliTest.run("estimate", "--help").out()).contains("Weight schemes for --weights");
    }

    @Test
    void modelJsonHasWeightBytesForEveryScheme() throws IOException {
        JsonNode weights = LlmCostCliTest.json("model", "--model", "llama-3.1-8b", "--json")
                .get("weightBytes");
        for (WeightScheme s : WeightScheme.values()) {
            assertThat(weights.get(s.id()).asDouble())
                    .as(s.id())
                    .isEqualTo(s.weightBytes(ModelPresets.LLAMA_3_1_8B).total().toBytes());
        }
        assertThat(weights.get("bf16").asDouble()).isEqualTo(16_060_522_496.0);
        assertThat(LlmCostCliTest.run("model").out()).containsPattern("(?m)^  q4_k_m +4.91 GB \\(4.58 GiB\\) +4.89$");
    }

    @Test
    void planAndSweepTakeSchemes() throws IOException {
        JsonNode sweep = LlmCostCliTest.json("sweep", "--weights", "q4_k_m", "--json");
        assertThat(sweep.get("points").get(0).toString()).contains("INT4");
        LlmCostCliTest.Run plan = LlmCostCliTest.run(
                "plan",
                "--model",
                "llama-3.1-8b",
                "--rate",
                "1",
                "--formats",
                "awq-int4",
                "--hardware",
                "h100-sxm",
                "--json");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("\"weightScheme\":\"awq-int4\"");
    }
}
