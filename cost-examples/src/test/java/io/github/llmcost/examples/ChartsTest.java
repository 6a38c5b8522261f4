package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Charts say what they show: titles name the configuration; the roofline marks its ridge point. */
class ChartsTest {
    private static Estimate estimate() {
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(2048)
                .outputTokens(128)
                .batchSize(4)
                .tensorParallel(2)
                .estimate();
    }

    private static String svg(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertThat(text).contains("<svg");
        return text;
    }

    @Test
    void theRooflineNamesItsConfigurationAndMarksTheRidgePoint(@TempDir Path dir) throws IOException {
        Estimate e = estimate();
        Path file = Charts.roofline(e, dir.resolve("roofline.svg"));
        String svg = svg(file);
        assertThat(svg)
                .contains(
                        Charts.title("Roofline at " + e.performance().roofline().computeFormat(), e));
        assertThat(svg)
                .contains(
                        "Llama 3.1 8B",
                        "2 x NVIDIA H100 SXM",
                        "prompt 2048 / output 128 tokens, batch 4",
                        "efficiency");
        String ridge = Charts.ridgeLabel(e.performance().roofline().ridgePointFlopsPerByte());
        assertThat(ridge).matches("ridge point: \\d+ FLOP/byte");
        assertThat(svg).contains(ridge);
        assertThat(svg).contains("prefill operations", "decode operations").doesNotContain("prefill q_proj");
    }

    @ParameterizedTest
    @EnumSource(value = Charts.Kind.class, mode = EnumSource.Mode.EXCLUDE, names = "COMPARE") // several models
    void everyChartNamesItsConfiguration(Charts.Kind kind, @TempDir Path dir) throws IOException {
        Estimate e = estimate();
        String svg = svg(Charts.chart(kind, e, dir.resolve(kind + ".svg")));
        assertThat(svg)
                .contains(
                        "Llama 3.1 8B on 2 x NVIDIA H100 SXM",
                        "prompt 2048 / output 128 tokens, batch 4",
                        "efficiency");
    }

    @Test
    void theCommandLineDrawsEveryKindAsSvg(@TempDir Path dir) throws IOException {
        Path roofline = dir.resolve("r.svg");
        assertThat(LlmCostCliTest.run("roofline", "--out", roofline.toString()).code())
                .isZero();
        assertThat(svg(roofline)).contains("ridge point: ", "Roofline at BF16: Llama 3.1 8B on 1 x NVIDIA H100 SXM");
        for (String kind : new String[] {"quadratic-share", "users", "cost", "serving-throughput", "serving-latency"}) {
            Path file = dir.resolve(kind + ".svg");
            assertThat(LlmCostCliTest.run("chart", "--kind", kind, "--out", file.toString())
                            .code())
                    .isZero();
            assertThat(svg(file)).contains("Llama 3.1 8B on 1 x NVIDIA H100 SXM", "batch 1");
        }
    }

    @Test
    void servingChartsPlotTheServingModel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latency.svg");
        assertThat(LlmCostCliTest.run(
                                "chart", "--kind", "serving-latency", "--prompt", "2000", "--out", file.toString())
                        .code())
                .isZero();
        assertThat(svg(file)).contains("Latency against request rate", "time to first token, p90");
        Path big = dir.resolve("big.svg");
        LlmCostCliTest.Run refused = LlmCostCliTest.run(
                "chart", "--kind", "serving-throughput", "--model", "llama-3.1-405b", "--out", big.toString());
        assertThat(refused.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(refused.err().trim().lines()).hasSize(1);
    }

    @Test
    void logTicksAreReadableDecades() {
        assertThat(Charts.tickLabel(0.01)).isEqualTo("0.01");
        assertThat(Charts.tickLabel(1.0)).isEqualTo("1");
        assertThat(Charts.tickLabel(1e4)).isEqualTo("10,000");
        assertThat(Charts.tickLabel(1e-5)).isEqualTo("1e-5");
        assertThat(Charts.tickLabel(1e9)).isEqualTo("1e9");
    }
}
