package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.plan.Plan;
import io.github.llmcost.economics.plan.PlanCandidate;
import io.github.llmcost.economics.plan.PlanRequest;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code llm-cost plan}: its JSON reads the plan the API makes from the same options, nothing feasible exits 3 with
 * the reasons, bad options exit 2 in one line.
 */
class PlanCommandTest {
    private static final String[] QWEN = {
        "plan",
        "--model",
        "qwen3-14b",
        "--rate",
        "10",
        "--input",
        "1000",
        "--output",
        "500",
        "--ttft-slo",
        "1",
        "--tpot-slo",
        "0.03",
        "--hardware",
        "h200,h100-sxm",
        "--max-gpus-per-replica",
        "2",
        "--formats",
        "bf16,fp8",
        "--price",
        "h100-sxm=2.5"
    };

    /** The request {@link #QWEN} describes, built through the API. */
    private static PlanRequest qwenRequest() {
        return PlanRequest.builder()
                .model(ModelPresets.QWEN3_14B)
                .traffic(Traffic.of(1000, 500))
                .requestsPerSecond(10)
                .timeToFirstTokenP90(Seconds.of(1))
                .timePerOutputTokenP90(Seconds.of(0.03))
                .addHardware(HardwarePresets.H200, HardwarePresets.H100_SXM)
                .maxGpusPerReplica(2)
                .addFormats(Formats.BF16, Formats.of(NumericFormat.FP8_E4M3))
                .putPricesPerHour(HardwarePresets.H100_SXM, 2.5)
                .build();
    }

    private static String[] qwen(String... more) {
        String[] args = java.util.Arrays.copyOf(QWEN, QWEN.length + more.length);
        System.arraycopy(more, 0, args, QWEN.length, more.length);
        return args;
    }

    @Test
    void jsonReadsThePlanOfTheSameRequest() throws IOException {
        JsonNode j = LlmCostCliTest.json(qwen("--json", "--top", "3"));
        Plan plan = qwenRequest().plan();
        PlanCandidate best = plan.best().orElseThrow();
        assertThat(j.get("feasible").asBoolean()).isTrue();
        assertThat(j.get("hoursPerMonth").asDouble()).isEqualTo(730);
        assertThat(j.get("candidatesEvaluated").asLong()).isEqualTo(plan.candidatesEvaluated());
        assertThat(j.get("feasibleDeployments").asInt())
                .isEqualTo(plan.candidates().size());
        assertThat(j.get("candidates").size())
                .isEqualTo(Math.min(3, plan.candidates().size()));
        JsonNode b = j.get("best");
        assertThat(b).isEqualTo(j.get("candidates").get(0));
        assertThat(b.get("hardware").asText())
                .isEqualTo(best.deployment().hardware().name());
        assertThat(b.get("tensorParallel").asInt()).isEqualTo(best.deployment().tensorParallel());
        assertThat(b.get("replicas").asLong()).isEqualTo(best.replicas());
        assertThat(b.get("totalGpus").asLong()).isEqualTo(best.totalGpus());
        assertThat(b.get("maxBatch").asInt()).isEqualTo(best.maxBatch());
        assertThat(b.get("costPerMonthUsd").asDouble())
                .isEqualTo(best.costPerMonth().toUsd());
        assertThat(b.get("timeToFirstTokenSecondsP90").asDouble())
                .isEqualTo(best.timeToFirstTokenP90().toSeconds());
        assertThat(b.get("timePerOutputTokenSecondsP90").asDouble())
                .isEqualTo(best.timePerOutputTokenP90().toSeconds());
        assertThat(b.get("timePerOutputTokenSecondsP90High").asDouble())
                .isEqualTo(best.timePerOutputTokenP90Interval().high().toSeconds());
        assertThat(b.get("requestsPerSecondCapacity").asDouble()).isEqualTo(best.requestsPerSecondCapacity());
        assertThat(b.get("costPerMillionOutputTokensUsd").asDouble())
                .isEqualTo(best.costs().perMillionOutputTokens().toUsd());
        assertThat(b.get("costPerMillionTokensBlendedUsd").asDouble())
                .isEqualTo(best.costs().perMillionTokensBlended().toUsd());
        assertThat(b.get("capacityLimit").asText())
                .isEqualTo(best.capacityLimit().id());
        for (String field : List.of("weights", "kvCache", "utilization", "pricePerGpuHourUsd", "calibration")) {
            assertThat(b.has(field)).as(field).isTrue();
        }
        assertThat(j.get("apiComparison").size()).isEqualTo(plan.apiCosts().size());
        assertThat(j.get("frontier").size()).isEqualTo(plan.frontier().size());
        assertThat(j.get("excluded").size()).isEqualTo(plan.exclusions().size());
        // the price given replaces the preset's
        for (JsonNode c : j.get("candidates")) {
            if (c.get("hardware").asText().equals("NVIDIA H100 SXM")) {
                assertThat(c.get("pricePerGpuHourUsd").asDouble()).isEqualTo(2.5);
            }
        }
    }

    @Test
    void verifyPutsTheSimulatedPercentilesInPlaceOfTheModels() throws IOException {
        JsonNode j = LlmCostCliTest.json(qwen("--json", "--verify", "1"));
        Plan plan = qwenRequest().plan().verified(1);
        PlanCandidate best = plan.best().orElseThrow();
        io.github.llmcost.economics.plan.Verification v = best.verification().orElseThrow();
        JsonNode b = j.get("best");
        assertThat(b.get("verified").asBoolean()).isTrue();
        assertThat(b.get("timeToFirstTokenSecondsP90").asDouble())
                .isEqualTo(v.timeToFirstTokenP90().toSeconds());
        assertThat(b.get("timePerOutputTokenSecondsP90").asDouble())
                .isEqualTo(v.timePerOutputTokenP90().toSeconds());
        assertThat(b.get("modelTimePerOutputTokenSecondsP90").asDouble())
                .isEqualTo(best.timePerOutputTokenP90().toSeconds());
        assertThat(b.get("meetsTargetsInSimulation").asBoolean()).isEqualTo(v.meetsTargets());
        assertThat(b.get("simulatedRequests").asLong()).isEqualTo(v.completedRequests());
        assertThat(j.get("candidates").get(1).get("verified").asBoolean()).isFalse();
        assertThat(j.get("candidates").get(1).has("modelTimePerOutputTokenSecondsP90"))
                .isFalse();

        LlmCostCliTest.Run text = LlmCostCliTest.run(qwen("--verify"));
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("Confirmed by simulation (Poisson arrivals at the rate, least-loaded routing");
    }

    @Test
    void textListsTheCheapestFirstAndTheApis() {
        LlmCostCliTest.Run run = LlmCostCliTest.run(qwen());
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .startsWith("Plan for Qwen3 14B: 10.00 requests/s of 1000 in / 500 out, p90 TTFT <= 1 s")
                .contains("Cheapest: ", "a month = 730 h", "rank", "through an API", "Gemini 2.5 Flash-Lite")
                .contains("candidates evaluated");
    }

    @Test
    void nothingFeasibleExitsThreeWithTheReasons() throws IOException {
        LlmCostCliTest.Run run = LlmCostCliTest.run(
                "plan",
                "--model",
                "llama-3.1-405b",
                "--rate",
                "1",
                "--hardware",
                "l4",
                "--max-gpus-per-replica",
                "2",
                "--json");
        assertThat(run.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(run.err().trim().lines()).hasSize(1);
        assertThat(run.err()).startsWith("llm-cost: cannot run: no deployment searched serves 1.0 requests/s");
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(j.get("feasible").asBoolean()).isFalse();
        assertThat(j.get("best").isNull()).isTrue();
        assertThat(j.get("excluded").size()).isEqualTo(2);
        assertThat(j.get("excluded").get(0).get("reason").asText()).containsIgnoringCase("memory");

        LlmCostCliTest.Run text =
                LlmCostCliTest.run("plan", "--rate", "1", "--hardware", "h100-sxm", "--ttft-slo", "0.0001");
        assertThat(text.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(text.out()).contains("No deployment searched serves it. Why:", "above the target");
    }

    @Test
    void aChipOrFormatGivenTwiceIsSearchedOnce() throws IOException {
        JsonNode once = LlmCostCliTest.json(
                "plan",
                "--rate",
                "5",
                "--hardware",
                "h200",
                "--formats",
                "fp8",
                "--max-gpus-per-replica",
                "2",
                "--json");
        JsonNode twice = LlmCostCliTest.json(
                "plan",
                "--rate",
                "5",
                "--hardware",
                "h200,h200",
                "--formats",
                "fp8,fp8_e4m3",
                "--max-gpus-per-replica",
                "2",
                "--json");
        assertThat(twice.get("candidates")).isEqualTo(once.get("candidates"));
        assertThat(twice.get("candidates").size()).isEqualTo(2);
    }

    @Test
    void theFrontierIsDrawn(@TempDir Path dir) throws IOException {
        Path svg = dir.resolve("frontier.svg");
        JsonNode j = LlmCostCliTest.json(qwen("--chart", svg.toString(), "--json"));
        assertThat(j.get("chart").asText()).isEqualTo(svg.toString());
        assertThat(new String(Files.readAllBytes(svg), StandardCharsets.UTF_8))
                .contains("<svg", "output tokens per second per GPU");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new String[] {"plan"}, "--rate"),
                Arguments.of(new String[] {"plan", "--rate", "0"}, "--rate (0.0)"),
                Arguments.of(new String[] {"plan", "--rate", "NaN"}, "--rate (NaN)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--input", "0"}, "--input (0)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--hardware", "tpu-v9"}, "--hardware (tpu-v9)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--price", "tpu-v9=2"}, "--price (tpu-v9)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--price", "h100-sxm=0"}, "--price (h100-sxm=0.0)"),
                Arguments.of(
                        new String[] {"plan", "--rate", "1", "--hardware", "h200", "--price", "h100-sxm=2"},
                        "names a chip that is not searched"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--formats", "int3"}, "int3"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--headroom", "1.5"}, "--headroom (1.5)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--top", "0"}, "--top (0)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--max-gpus-per-replica", "0"}, "(0)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--tpot-slo", "-1"}, "--tpot-slo (-1.0)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--max-batch", "0"}, "--max-batch (0)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--verify", "0"}, "--verify (0)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--hardware", ","}, "--hardware names nothing"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--formats", ","}, "--formats names nothing"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--price", ","}, "--price names no chip"),
                Arguments.of(new String[] {"plan", "--rate", "1e308"}, "--rate (1.0E308)"),
                Arguments.of(new String[] {"plan", "--rate", "1e-300"}, "--rate (1.0E-300)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--price", "h100-sxm=1e308"}, "at most"),
                Arguments.of(new String[] {"estimate", "--price-per-hour", "1e308"}, "--price-per-hour (1.0E308)"),
                Arguments.of(new String[] {"plan", "--rate", "1", "--chart", "x.gif"}, "--chart (x.gif)"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsExitTwoInOneLineNamingTheValue(String[] args, String named) {
        LlmCostCliTest.Run run = LlmCostCliTest.run(args);
        assertThat(run.code()).as("exit code, stderr %s", run.err()).isEqualTo(2);
        assertThat(run.err().trim().lines()).as("stderr: %s", run.err()).hasSize(1);
        assertThat(run.err()).startsWith("llm-cost: ").contains(named).doesNotContain("\tat ");
    }
}
