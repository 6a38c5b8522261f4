package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line: every command prints one JSON object with {@code --json}; bad arguments exit 2 in one line. */
class LlmCostCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LlmCostCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode json(String... args) throws IOException {
        Run run = run(args);
        assertThat(run.code())
                .as("exit code of %s, stderr %s", String.join(" ", args), run.err())
                .isZero();
        assertThat(run.out().trim()).startsWith("{").endsWith("}");
        assertThat(run.out().trim().lines()).hasSize(1);
        return JSON.readTree(run.out());
    }

    @Test
    void withoutArgumentsItReproducesTheArticleAndEstimates() {
        Run run = run();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("claims:", "Default estimate:", "time to first token");
    }

    @Test
    void articleJsonListsEveryClaim() throws IOException {
        JsonNode claims = json("article", "--json").get("claims");
        assertThat(claims.size()).isEqualTo(ArticleLedger.claims().size());
        for (JsonNode claim : claims) {
            assertThat(claim.fieldNames())
                    .toIterable()
                    .containsExactly("id", "section", "claim", "articleValue", "computedValue", "verdict", "reason");
            assertThat(claim.get("verdict").asText()).isIn("agrees", "differs");
        }
    }

    @Test
    void estimateJsonNamesItsUnits() throws IOException {
        JsonNode e = json(
                "estimate",
                "--model",
                "llama-3.1-8b",
                "--hardware",
                "h100-sxm",
                "--prompt",
                "4096",
                "--output",
                "512",
                "--batch",
                "8",
                "--weights",
                "int4",
                "--kv",
                "int8",
                "--price-per-hour",
                "2.5",
                "--utilization",
                "0.5",
                "--json");
        assertThat(e.get("totalParameters").asLong()).isEqualTo(8_030_261_248L);
        assertThat(e.get("kvCacheBytesPerToken").asDouble()).isEqualTo(65536);
        assertThat(e.get("timeToFirstTokenSeconds").asDouble()).isPositive();
        assertThat(e.get("timePerOutputTokenSeconds").asDouble()).isPositive();
        assertThat(e.get("decodeTokensPerSecond").asDouble())
                .isCloseTo(
                        8 * e.get("decodeTokensPerSecondPerUser").asDouble(),
                        org.assertj.core.api.Assertions.within(1e-6));
        assertThat(e.get("maxConcurrentSessions").asLong()).isPositive();
        assertThat(e.get("costPerMillionOutputTokensUsd").asDouble()).isPositive();
        assertThat(e.get("utilization").asDouble()).isEqualTo(0.5);
        assertThat(e.get("prefillOperations").size()).isPositive();
    }

    static Stream<Arguments> jsonCommands() {
        return Stream.of(
                Arguments.of((Object) new String[] {"presets", "--json"}),
                Arguments.of((Object) new String[] {"model", "--model", "deepseek-v3", "--json"}),
                Arguments.of((Object) new String[] {"model", "--model", "gpt-2", "--kv", "fp8", "--json"}),
                Arguments.of((Object) new String[] {"edge", "--requests", "500", "--fixed-per-month", "1e6", "--json"}),
                Arguments.of((Object) new String[] {"sweep", "--contexts", "1024,4096", "--batches", "1,4", "--json"}),
                Arguments.of((Object) new String[] {"estimate", "--model", "mixtral-8x7b", "--gpus", "2", "--json"}));
    }

    @ParameterizedTest
    @MethodSource("jsonCommands")
    void everyCommandPrintsOneJsonObject(String[] args) throws IOException {
        assertThat(json(args).isObject()).isTrue();
    }

    @Test
    void modelJsonCarriesThePublishedCount() throws IOException {
        JsonNode m = json("model", "--model", "deepseek-v3", "--json");
        assertThat(m.get("totalParameters").asLong()).isEqualTo(671_026_419_200L);
        assertThat(m.get("kvCacheBytesPerToken").asDouble()).isEqualTo(70_272);
    }

    @Test
    void sweepWritesCsv() {
        Run run = run("sweep", "--contexts", "1024,4096", "--batches", "1,4", "--csv");
        assertThat(run.code()).isZero();
        assertThat(run.out().lines()).hasSize(5);
        assertThat(run.out().lines().findFirst().orElseThrow())
                .isEqualTo(io.github.llmcost.economics.SweepPoint.CSV_HEADER);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of((Object) new String[] {"estimate", "--hardware", "tpu-v9"}),
                Arguments.of((Object) new String[] {"estimate", "--prompt", "-5"}),
                Arguments.of((Object) new String[] {"estimate", "--prompt", "many"}),
                Arguments.of((Object) new String[] {"estimate", "--weights", "int3"}),
                Arguments.of((Object) new String[] {"estimate", "--utilization", "2"}),
                Arguments.of((Object) new String[] {"estimate", "--gpus", "0"}),
                Arguments.of((Object) new String[] {"model", "--model", "gpt-5"}),
                Arguments.of((Object) new String[] {"model", "--config", "/no/such/config.json"}),
                Arguments.of((Object) new String[] {"edge", "--tokens", "0"}),
                Arguments.of((Object) new String[] {"roofline", "--out", "chart.gif"}),
                Arguments.of((Object) new String[] {"chart", "--kind", "pie", "--out", "x.png"}),
                Arguments.of((Object) new String[] {"no-such-command"}),
                Arguments.of((Object) new String[] {"estimate", "--no-such-option"}));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitWithTwoAndOneLine(String[] args) {
        Run run = run(args);
        assertThat(run.code()).as("exit code, stderr %s", run.err()).isEqualTo(2);
        assertThat(run.err().trim().lines()).as("stderr: %s", run.err()).hasSize(1);
        assertThat(run.err()).startsWith("llm-cost: ").doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void chartsAreWrittenAsPngAndSvg(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("roofline.png");
        Path svg = dir.resolve("roofline.svg");
        assertThat(run("roofline", "--hardware", "a100-80gb", "--out", png.toString())
                        .code())
                .isZero();
        assertThat(run("roofline", "--out", svg.toString()).code()).isZero();
        byte[] header = Files.readAllBytes(png);
        assertThat(header[1]).isEqualTo((byte) 'P');
        assertThat(header[2]).isEqualTo((byte) 'N');
        assertThat(new String(Files.readAllBytes(svg), StandardCharsets.UTF_8)).contains("<svg");
        for (String kind : new String[] {"quadratic-share", "users", "cost"}) {
            Path file = dir.resolve(kind + ".png");
            assertThat(run("chart", "--kind", kind, "--out", file.toString()).code())
                    .isZero();
            assertThat(Files.size(file)).isPositive();
        }
    }

    @Test
    void aHuggingFaceConfigStandsInForAPreset(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                "{\"model_type\": \"llama\", \"_name_or_path\": \"meta-llama/Llama-3.1-8B\", \"hidden_size\": 4096,"
                        + " \"num_hidden_layers\": 32, \"num_attention_heads\": 32, \"num_key_value_heads\": 8,"
                        + " \"intermediate_size\": 14336, \"vocab_size\": 128256, \"tie_word_embeddings\": false}");
        JsonNode m = json("model", "--config", config.toString(), "--json");
        assertThat(m.get("totalParameters").asLong()).isEqualTo(8_030_261_248L);
        Files.writeString(config, "{\"model_type\": \"llama\", \"hidden_size\": -1}");
        Run bad = run("estimate", "--config", config.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("hidden_size (-1)");
    }
}
