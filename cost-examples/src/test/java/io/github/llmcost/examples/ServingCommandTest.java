package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code llm-cost serving}: its JSON reads the API's figures exactly, a rate above saturation is marked, a deployment
 * that cannot hold a request exits 3, bad options exit 2.
 */
class ServingCommandTest {
    private static final Deployment EIGHT_B_FP8 = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.H100_SXM)
            .weights(NumericFormat.FP8_E4M3)
            .deployment();

    /** {@code llm-cost serving} of Llama 3.1 8B FP8 on an H100, 2,000 in / 200 out, with more options. */
    private static JsonNode eightBFp8(String... more) throws IOException {
        String[] base = {"serving", "--model", "llama-3.1-8b", "--weights", "fp8", "--input", "2000", "--output", "200"
        };
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return LlmCostCliTest.json(args);
    }

    @Test
    void saturatedJsonReadsTheApisFigures() throws IOException {
        JsonNode j = eightBFp8("--json");
        ServingEstimate e = EIGHT_B_FP8.serving(Traffic.of(2000, 200));
        assertThat(j.get("feasible").asBoolean()).isTrue();
        assertThat(j.get("outputTokensPerSecond").asDouble())
                .isEqualTo(e.saturation().outputTokensPerSecond());
        assertThat(j.get("requestsPerSecond").asDouble())
                .isEqualTo(e.saturation().requestsPerSecond());
        assertThat(j.get("bindingLimit").asText())
                .isEqualTo(e.saturation().concurrencyLimit().name());
        assertThat(j.get("costPerMillionOutputTokensUsd").asDouble())
                .isEqualTo(e.costs().perMillionOutputTokens().toUsd());
        assertThat(j.get("costPerMillionTokensBlendedUsd").asDouble())
                .isEqualTo(e.costs().perMillionTokensBlended().toUsd());
        assertThat(j.get("utilization").asDouble()).isEqualTo(1.0);
        assertThat(j.get("calibration").asText()).startsWith("h100-sxm: fitted");
        for (String field : List.of(
                "outputTokensPerSecond",
                "inputTokensPerSecond",
                "concurrency",
                "timeToFirstTokenSeconds",
                "timeToFirstTokenSecondsP90",
                "timePerOutputTokenSeconds",
                "timePerOutputTokenSecondsP90",
                "costPerMillionInputTokensUsd")) {
            assertThat(j.has(field)).as(field).isTrue();
        }
        assertThat(j.get("timePerOutputTokenSecondsLow").asDouble())
                .isLessThan(j.get("timePerOutputTokenSeconds").asDouble());
        assertThat(j.get("outputTokensPerSecondHigh").asDouble())
                .isGreaterThan(j.get("outputTokensPerSecond").asDouble());
        // the cost split adds up: input and output costs weighted by their tokens are the blended cost of all
        double in = j.get("inputTokensPerSecond").asDouble();
        double out = j.get("outputTokensPerSecond").asDouble();
        assertThat(j.get("costPerMillionInputTokensUsd").asDouble() * in
                        + j.get("costPerMillionOutputTokensUsd").asDouble() * out)
                .isCloseTo(j.get("costPerMillionTokensBlendedUsd").asDouble() * (in + out), withinPercentage(1e-9));
    }

    @Test
    void atARateAndWithinTargets() throws IOException {
        JsonNode j = eightBFp8("--rate", "5", "--ttft-slo", "1", "--tpot-slo", "0.05", "--json");
        ServingEstimate e = EIGHT_B_FP8.serving(Traffic.of(2000, 200));
        LoadPoint p = e.atRate(5);
        assertThat(j.get("requestsPerSecond").asDouble()).isEqualTo(5.0);
        assertThat(j.get("timeToFirstTokenSecondsP90").asDouble())
                .isEqualTo(p.timeToFirstTokenP90().toSeconds());
        assertThat(j.get("utilization").asDouble()).isEqualTo(p.utilization());
        assertThat(j.get("costPerMillionOutputTokensUsd").asDouble())
                .isEqualTo(e.costsAt(p).perMillionOutputTokens().toUsd());
        // a GPU at a fifth of its load charges each token more than at saturation
        assertThat(e.costsAt(p).perMillionOutputTokens())
                .isGreaterThan(e.costs().perMillionOutputTokens());
        assertThat(j.get("maxRequestsPerSecondWithinSlo").asDouble())
                .isEqualTo(e.maxRateWithinSlo(Seconds.of(1), Seconds.of(0.05)).maxRequestsPerSecond());
        JsonNode over =
                LlmCostCliTest.json("serving", "--input", "2000", "--output", "200", "--rate", "1000", "--json");
        assertThat(over.get("sustainable").asBoolean()).isFalse();
        assertThat(over.has("timeToFirstTokenSeconds")).isFalse();
        assertThat(over.has("costPerMillionOutputTokensUsd")).isFalse();
    }

    @Test
    void aDeploymentThatCannotHoldARequestExitsThreeAndBadOptionsTwo() throws IOException {
        LlmCostCliTest.Run big = LlmCostCliTest.run("serving", "--model", "llama-3.1-405b", "--json");
        assertThat(big.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        JsonNode j = TrustTest.json(big);
        assertThat(j.get("feasible").asBoolean()).isFalse();
        assertThat(j.get("bindingLimit").asText()).isEqualTo("MEMORY");
        assertThat(j.has("outputTokensPerSecond")).isFalse();
        assertThat(big.err().trim().lines()).hasSize(1);
        for (String[] bad : List.of(
                new String[] {"--input", "0"},
                new String[] {"--rate", "-1"},
                new String[] {"--prefix-hit-rate", "2"},
                new String[] {"--ttft-slo", "1"},
                new String[] {"--max-batch", "0"},
                new String[] {"--input", "100", "--shared-prefix", "100"})) {
            String[] args = new String[bad.length + 1];
            args[0] = "serving";
            System.arraycopy(bad, 0, args, 1, bad.length);
            LlmCostCliTest.Run run = LlmCostCliTest.run(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(LlmCostCli.USAGE);
            assertThat(run.err().trim().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).contains(bad[0]).doesNotContain("Exception");
        }
        LlmCostCliTest.Run text = LlmCostCliTest.run("serving", "--input", "2000", "--output", "200", "--rate", "5");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("saturated:", "per million output tokens", "calibration:");
    }
}
