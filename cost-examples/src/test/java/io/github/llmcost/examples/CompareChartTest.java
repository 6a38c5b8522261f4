package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.economics.compare.Figure;
import io.github.llmcost.economics.compare.Scorecard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chart --kind compare}: decode time per token and memory against context for several models on one chart,
 * read from the scorecard on the command's device and formats; it needs {@code --models}, which no other kind takes.
 */
class CompareChartTest {
    private static final String[] PHONE = {
        "--models",
        "llama-3.2-1b,lfm2-1.2b,gemma-2-9b",
        "--hardware",
        "snapdragon-8-elite-cpu",
        "--weights",
        "int4",
        "--kv",
        "int8"
    };

    private static String[] chart(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("chart", "--kind", "compare", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void drawsBothSeriesSetsForTheModelsThatHaveThem(@TempDir Path dir) throws IOException {
        Path svg = dir.resolve("compare.svg");
        LlmCostCliTest.Run run = LlmCostCliTest.run(chart(svg, PHONE));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo("wrote " + svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("Decode time per token and memory against context on Snapdragon 8 Elite CPU (4 GB for each"
                        + " model), weights INT4, cache INT8, EXACT")
                .contains("Llama 3.2 1B: ms per token", "LFM2 1.2B: ms per token")
                .contains("Llama 3.2 1B: memory (GB)", "LFM2 1.2B: memory (GB)", "Gemma 2 9B: memory (GB)")
                .contains("memory budget (GB)")
                // Gemma 2 9B does not fit in 4 GB: it has a memory line but is never timed
                .doesNotContain("Gemma 2 9B: ms per token");
        Path png = dir.resolve("compare.png");
        assertThat(LlmCostCliTest.run(chart(png, PHONE)).code()).isZero();
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void theChartsPointsAreTheScorecardsFigures() {
        Scorecard card = CompareChart.scorecard(
                List.of(ModelPresets.LLAMA_3_2_1B),
                io.github.llmcost.economics.LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                        .hardware(io.github.llmcost.hardware.HardwarePresets.SNAPDRAGON_8_ELITE_CPU)
                        .weights(io.github.llmcost.core.NumericFormat.INT4)
                        .kvCache(io.github.llmcost.core.NumericFormat.INT8)
                        .estimate());
        assertThat(card.contexts()).containsExactly(CompareChart.CONTEXTS);
        assertThat(CompareChart.CONTEXTS).startsWith(512).endsWith(131072).hasSize(9);
        assertThat(card.memoryBudget()).isEqualTo(Scorecard.PHONE_AI_MEMORY);
        assertThat(card.weights()).isEqualTo(io.github.llmcost.core.NumericFormat.INT4);
        assertThat(card.rows().get(0).contexts().get(0).value(Figure.TIME_PER_OUTPUT_TOKEN_SECONDS))
                .isPresent();
    }

    @Test
    void jsonNamesTheFileAndTheKind(@TempDir Path dir) throws IOException {
        Path svg = dir.resolve("c.svg");
        JsonNode o = LlmCostCliTest.json(chart(svg, "--models", "lfm2-1.2b", "--json"));
        assertThat(o.get("file").asText()).isEqualTo(svg.toString());
        assertThat(o.get("kind").asText()).isEqualTo("compare");
    }

    @Test
    void compareNeedsModelsAndNoOtherKindTakesThem(@TempDir Path dir) {
        assertThat(CliErrorsTest.usageError(chart(dir.resolve("a.svg")))).contains("--kind compare needs --models");
        assertThat(CliErrorsTest.usageError(
                        "chart",
                        "--kind",
                        "users",
                        "--models",
                        "lfm2-1.2b",
                        "--out",
                        dir.resolve("b.svg").toString()))
                .contains("--models (lfm2-1.2b) is for --kind compare only");
        assertThat(CliErrorsTest.usageError(chart(dir.resolve("c.svg"), "--models", "nope")))
                .contains("--models (nope)");
        assertThat(CliErrorsTest.usageError(chart(Path.of("/nonexistent/dir/c.svg"), "--models", "lfm2-1.2b")))
                .contains("--out (/nonexistent/dir/c.svg)");
        assertThat(CliErrorsTest.usageError(
                        "chart", "--kind", "pie", "--out", dir.resolve("d.svg").toString()))
                .contains("serving-latency or compare");
    }
}
