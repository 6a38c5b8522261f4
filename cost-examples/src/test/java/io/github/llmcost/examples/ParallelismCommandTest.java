package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.Parallelism;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code --pp}, {@code --ep}, {@code --nodes}, {@code --dp-attention}: they reach {@code estimate} and {@code serving}
 * and their JSON ({@code pipelineParallel}, {@code expertParallel}, {@code nodes}), read the API's figures, and bad
 * values exit 2 naming the option and the value.
 */
class ParallelismCommandTest {
    private static final String[] DS_H100 = {
        "--model", "deepseek-v3", "--weights", "fp8", "--hardware", "h100-sxm", "--gpus", "8"
    };

    private static String[] with(String command, String[] base, String... more) {
        String[] args = new String[1 + base.length + more.length];
        args[0] = command;
        System.arraycopy(base, 0, args, 1, base.length);
        System.arraycopy(more, 0, args, 1 + base.length, more.length);
        return args;
    }

    @Test
    void estimateInTwoStagesOverTwoNodes() throws IOException {
        JsonNode j =
                LlmCostCliTest.json(with("estimate", DS_H100, "--pp", "2", "--nodes", "2", "--batch", "32", "--json"));
        Estimate e = LlmCost.model(ModelPresets.DEEPSEEK_V3)
                .hardware(HardwarePresets.H100_SXM)
                .tensorParallel(8)
                .parallelism(Parallelism.of(2, 1).withNodes(2))
                .weights(NumericFormat.FP8_E4M3)
                .deployment()
                .estimate(Workload.of(1024, 256).withBatchSize(32));
        assertThat(j.get("feasible").asBoolean()).isTrue();
        assertThat(j.get("gpus").asInt()).isEqualTo(8);
        assertThat(j.get("pipelineParallel").asInt()).isEqualTo(2);
        assertThat(j.get("totalGpus").asInt()).isEqualTo(16);
        assertThat(j.get("nodes").asInt()).isEqualTo(2);
        assertThat(j.get("layersPerStage").toString()).isEqualTo("[31,30]");
        assertThat(j.get("microBatches").asInt()).isEqualTo(2);
        assertThat(j.get("pipelineBubble").asDouble()).isEqualTo(1.0 / 3);
        assertThat(j.get("sendBytesPerToken").asDouble()).isEqualTo(14336);
        assertThat(j.has("expertParallel")).isFalse();
        assertThat(j.get("timePerOutputTokenSeconds").asDouble())
                .isEqualTo(e.timePerOutputToken().toSeconds());
        assertThat(j.get("weightBytes").asDouble())
                .isEqualTo(e.memory().weights().toBytes());
    }

    @Test
    void estimateAndServingWithSixteenWayExpertParallelism() throws IOException {
        String[] ds16 = {"--model", "deepseek-v3", "--weights", "fp8", "--hardware", "h100-sxm", "--gpus", "16"};
        JsonNode j = LlmCostCliTest.json(with("estimate", ds16, "--ep", "16", "--dp-attention", "--json"));
        assertThat(j.get("feasible").asBoolean()).isTrue();
        assertThat(j.get("expertParallel").asInt()).isEqualTo(16);
        assertThat(j.get("expertImbalance").asDouble()).isEqualTo(1.2);
        assertThat(j.get("dispatchBytesPerToken").asDouble()).isEqualTo(57344);
        assertThat(j.get("combineBytesPerToken").asDouble()).isEqualTo(114688);
        assertThat(j.get("dataParallelAttention").asBoolean()).isTrue();
        assertThat(j.get("nodes").asInt()).isEqualTo(2);
        assertThat(j.has("pipelineParallel")).isFalse();
        JsonNode s = LlmCostCliTest.json(
                with("serving", ds16, "--ep", "16", "--dp-attention", "--expert-imbalance", "1.0", "--json"));
        assertThat(s.get("feasible").asBoolean()).isTrue();
        assertThat(s.get("expertParallel").asInt()).isEqualTo(16);
        assertThat(s.get("expertImbalance").asDouble()).isEqualTo(1.0);
        assertThat(s.get("outputTokensPerSecondPerGpu").asDouble())
                .isEqualTo(s.get("outputTokensPerSecond").asDouble() / 16);
    }

    @Test
    void servingInTwoStagesIsPricedForSixteenGpus() throws IOException {
        JsonNode s = LlmCostCliTest.json(with("serving", DS_H100, "--pp", "2", "--json"));
        assertThat(s.get("feasible").asBoolean()).isTrue();
        assertThat(s.get("pipelineParallel").asInt()).isEqualTo(2);
        assertThat(s.get("totalGpus").asInt()).isEqualTo(16);
        assertThat(s.get("outputTokensPerSecondPerGpu").asDouble())
                .isEqualTo(s.get("outputTokensPerSecond").asDouble() / 16);
    }

    @Test
    void oneNodeOfH100sCannotHoldALongRequestAndSaysSo() {
        LlmCostCliTest.Run run = LlmCostCliTest.run(with("serving", DS_H100, "--input", "8192", "--output", "1024"));
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("kv cache");
    }

    @Test
    void planSearchesTensorDegreesInTwoStages() throws IOException {
        JsonNode j = LlmCostCliTest.json(
                "plan",
                "--model",
                "deepseek-v3",
                "--rate",
                "1",
                "--input",
                "1024",
                "--output",
                "256",
                "--hardware",
                "h100-sxm",
                "--formats",
                "fp8",
                "--pp",
                "2",
                "--json");
        JsonNode best = j.get("best");
        // 4 GPUs a stage cannot hold half of 671 GB: only 8 per stage, 16 per replica, is feasible
        assertThat(best.get("tensorParallel").asInt()).isEqualTo(8);
        assertThat(best.get("pipelineParallel").asInt()).isEqualTo(2);
        assertThat(best.get("totalGpus").asLong())
                .isEqualTo(16 * best.get("replicas").asLong());
        assertThat(j.get("excluded").toString()).contains("8 x NVIDIA H100 SXM (2 stages)", "memory");
        assertThat(CliErrorsTest.usageError("plan", "--model", "llama-3.1-8b", "--rate", "1", "--ep", "2"))
                .isEqualTo("llm-cost: --ep (2) needs a Mixture-of-Experts model, and Llama 3.1 8B has none");
    }

    @Test
    void badValuesExitTwoNamingTheOption() {
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--pp", "62")))
                .isEqualTo("llm-cost: --pp (62) must be at most the 61 layers of DeepSeek-V3");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--pp", "0")))
                .isEqualTo("llm-cost: --pp (0) must be > 0");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--ep", "0")))
                .isEqualTo("llm-cost: --ep (0) must be > 0");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--ep", "3")))
                .isEqualTo("llm-cost: --ep (3) must divide the 256 routed experts of DeepSeek-V3");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--ep", "16")))
                .isEqualTo("llm-cost: --ep (16) must divide --gpus (8), the GPUs of each stage");
        assertThat(CliErrorsTest.usageError("estimate", "--model", "llama-3.1-8b", "--gpus", "2", "--ep", "2"))
                .isEqualTo("llm-cost: --ep (2) needs a Mixture-of-Experts model, and Llama 3.1 8B has none");
        assertThat(CliErrorsTest.usageError("estimate", "--model", "llama-3.1-8b", "--dp-attention"))
                .isEqualTo("llm-cost: --dp-attention needs --gpus > 1 (it spreads sequences over them)");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--nodes", "2")))
                .isEqualTo("llm-cost: --nodes (2) needs --gpus x --pp = 16 (2 x 8 GPUs of 8 x H100 SXM (DGX H100)),"
                        + " and --gpus 8 x --pp 1 = 8");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--pp", "2", "--nodes", "1")))
                .isEqualTo("llm-cost: --nodes (1) holds at most 8 GPUs (8 x H100 SXM (DGX H100)), and --gpus 8 x"
                        + " --pp 2 = 16");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--nodes", "-1")))
                .isEqualTo("llm-cost: --nodes (-1) must be >= 0");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--micro-batches", "-2")))
                .isEqualTo("llm-cost: --micro-batches (-2) must be >= 0");
        assertThat(CliErrorsTest.usageError(with("estimate", DS_H100, "--ep", "8", "--expert-imbalance", "0.5")))
                .isEqualTo("llm-cost: --expert-imbalance (0.5) must be in [1, 8.0]");
        assertThat(CliErrorsTest.usageError(with("serving", DS_H100, "--pp", "99")))
                .isEqualTo("llm-cost: --pp (99) must be at most the 61 layers of DeepSeek-V3");
    }
}
