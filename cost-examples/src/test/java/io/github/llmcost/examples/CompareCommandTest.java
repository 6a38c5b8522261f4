package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.economics.compare.ContextFigures;
import io.github.llmcost.economics.compare.Figure;
import io.github.llmcost.economics.compare.Scorecard;
import io.github.llmcost.economics.compare.ScorecardRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code llm-cost compare}: the section-8 scorecard as text tables and as one JSON object whose numbers are the
 * library's {@link Scorecard} bit for bit; a model that does not fit is marked and never timed; bad input exits 2 with
 * one line, and a card on which no model fits exits 3.
 */
class CompareCommandTest {
    /** The transformer, the hybrid and a model too large for the phone's 4 GB, at two contexts. */
    private static final String[] PHONE = {
        "compare", "--models", "llama-3.2-1b,lfm2-1.2b,gemma-2-9b", "--contexts", "1024,32768"
    };

    private static final Scorecard CARD = Scorecard.builder()
            .models(ModelPresets.LLAMA_3_2_1B, ModelPresets.LFM2_1_2B, ModelPresets.GEMMA_2_9B)
            .contexts(1024, 32768)
            .build();

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void textShowsEveryModelEveryContextAndTheGrowth() {
        LlmCostCliTest.Run run = LlmCostCliTest.run(PHONE);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Snapdragon 8 Elite CPU, 4 GB for each model")
                .contains("weights INT4, cache INT8, EXACT")
                .contains("131,072 (the model's maximum context)")
                .contains("128,000 (the model's maximum context)")
                .contains("does not fit: weights and activations exceed the budget")
                .contains("growth from 1,024 to 32,768 tokens")
                .contains("32.0x"); // Llama 3.2 1B's cache grows with the context
        // one line per model and context in the figures table, each model's first context priced where it runs
        assertThat(run.out().lines().filter(l -> l.startsWith("LFM2 1.2B ")).count())
                .isEqualTo(1 + 2 + 1); // weights line, two contexts, growth line
        ContextFigures lfm2At32k = CARD.rows().get(1).contexts().get(1);
        assertThat(run.out())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%.3g",
                        lfm2At32k.decodeTokensPerSecond().orElseThrow()));
        // the model that does not fit: one line on stderr naming the limit, and still exit 0 as others run
        assertThat(run.err().trim().lines()).hasSize(1);
        assertThat(run.err())
                .startsWith("llm-cost: Gemma 2 9B cannot run on Snapdragon 8 Elite CPU")
                .contains("memory");
    }

    @Test
    void jsonIsOneObjectWithTheScorecardsNumbersBitForBit() throws IOException {
        LlmCostCliTest.Run run = LlmCostCliTest.run(with(PHONE, "--json"));
        assertThat(run.code()).isZero();
        JsonNode o = new ObjectMapper().readTree(run.out());
        assertThat(run.out().trim().lines()).hasSize(1);
        assertThat(o.get("hardware").asText()).isEqualTo("Snapdragon 8 Elite CPU");
        assertThat(o.get("memoryBudgetBytes").asDouble()).isEqualTo(4e9);
        assertThat(o.get("weightFormat").asText()).isEqualTo("INT4");
        assertThat(o.get("contexts").get(1).asLong()).isEqualTo(32768);
        JsonNode models = o.get("models");
        assertThat(models.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            ScorecardRow row = CARD.rows().get(i);
            JsonNode m = models.get(i);
            assertThat(m.get("model").asText()).isEqualTo(row.model().name());
            assertThat(m.get("fits").asBoolean()).isEqualTo(row.fitsAtAll());
            assertThat(m.get("weightBytes").asDouble())
                    .isEqualTo(row.weightBytes().toBytes());
            assertThat(m.get("kvBytesPerToken").asDouble())
                    .isEqualTo(row.kvBytesPerToken().toBytes());
            assertThat(m.get("fixedStateBytes").asDouble())
                    .isEqualTo(row.fixedStateBytes().toBytes());
            assertThat(m.get("largestContextTokens").asLong())
                    .isEqualTo(row.largestContext().tokens());
            assertThat(m.get("largestContextLimit").asText())
                    .isEqualTo(row.largestContext().limit().orElseThrow().name());
            for (int c = 0; c < 2; c++) {
                ContextFigures at = row.contexts().get(c);
                JsonNode j = m.get("contexts").get(c);
                assertThat(j.get("contextTokens").asLong()).isEqualTo(at.contextTokens());
                assertThat(j.get("feasible").asBoolean()).isEqualTo(at.isFeasible());
                for (Figure f : Figure.values()) {
                    same(j.get(f.key()), at.value(f), f.key());
                }
                assertThat(j.has("bindingLimit")).isEqualTo(!at.isFeasible());
            }
            for (Figure f : Figure.values()) {
                same(m.get("growth").get(f.key()), row.growth(f), "growth " + f.key());
            }
        }
        assertThat(models.get(2).get("contexts").get(0).get("bindingLimit").asText())
                .isEqualTo("MEMORY");
        assertThat(models.get(2)
                        .get("contexts")
                        .get(0)
                        .get("timeToFirstTokenSeconds")
                        .isNull())
                .isTrue();
    }

    private static void same(JsonNode node, OptionalDouble value, String what) {
        if (value.isPresent()) {
            assertThat(node.asDouble()).as(what).isEqualTo(value.getAsDouble());
        } else {
            assertThat(node.isNull()).as(what + " is null").isTrue();
        }
    }

    @Test
    void aConfigFileIsAModelAsItsPresetIs() throws IOException {
        Path config = Path.of("")
                .toAbsolutePath()
                .resolveSibling("cost-huggingface/src/test/resources/configs/lfm2-1.2b.json");
        JsonNode fromFile = LlmCostCliTest.json(
                        "compare", "--models", config.toString(), "--contexts", "4096", "--json")
                .get("models")
                .get(0);
        JsonNode preset = LlmCostCliTest.json("compare", "--models", "lfm2-1.2b", "--contexts", "4096", "--json")
                .get("models")
                .get(0);
        assertThat(fromFile.get("weightBytes").asDouble())
                .isEqualTo(preset.get("weightBytes").asDouble());
        assertThat(fromFile.get("kvBytesPerToken").asDouble())
                .isEqualTo(preset.get("kvBytesPerToken").asDouble());
        assertThat(fromFile.get("fixedStateBytes").asDouble())
                .isEqualTo(preset.get("fixedStateBytes").asDouble());
    }

    @Test
    void aPureStateSpaceModelKeepsOneStateAtEveryContextAndNoContextStopsIt() throws IOException {
        LlmCostCliTest.Run text =
                LlmCostCliTest.run("compare", "--models", "mamba-2-2.7b,llama-3.2-1b", "--contexts", "1024,32768");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("unbounded (fits at 2^40 tokens, the search's end)");
        JsonNode mamba = new ObjectMapper()
                .readTree(
                        LlmCostCliTest.run("compare", "--models", "mamba-2-2.7b", "--contexts", "1024,32768", "--json")
                                .out())
                .get("models")
                .get(0);
        assertThat(mamba.get("kvBytesPerToken").asDouble()).isZero();
        assertThat(mamba.get("largestContextLimit").isNull()).isTrue();
        JsonNode contexts = mamba.get("contexts");
        assertThat(contexts.get(1).get("stateBytes").asDouble())
                .isEqualTo(contexts.get(0).get("stateBytes").asDouble())
                .isEqualTo(mamba.get("fixedStateBytes").asDouble())
                .isPositive();
        assertThat(contexts.get(1).get("quadraticShare").asDouble()).isZero();
        // decode moves the same bytes at 32K as at 1K: its speed does not fall with context
        assertThat(contexts.get(1).get("decodeTokensPerSecond").asDouble())
                .isCloseTo(contexts.get(0).get("decodeTokensPerSecond").asDouble(), within(1e-9));
    }

    @Test
    void aCardOnWhichNoModelFitsExitsThreeNamingTheLimit() {
        LlmCostCliTest.Run run =
                LlmCostCliTest.run("compare", "--models", "gemma-2-9b,mistral-7b-v0.1", "--memory-budget-gb", "2");
        assertThat(run.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(run.out()).contains("does not fit");
        assertThat(run.err().trim().lines())
                .hasSize(2)
                .allMatch(l -> l.startsWith("llm-cost: ") && l.contains("memory"));
        LlmCostCliTest.Run fp8 =
                LlmCostCliTest.run("compare", "--models", "llama-3.2-1b", "--weights", "fp8", "--json");
        assertThat(fp8.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(fp8.err()).contains("compute format");
    }

    @Test
    void aGpuBudgetIsItsMemoryLessTheFrameworkOverhead() throws IOException {
        JsonNode o = LlmCostCliTest.json(
                "compare", "--models", "llama-3.1-8b", "--hardware", "h100-sxm", "--weights", "bf16", "--json");
        assertThat(o.get("memoryBudgetBytes").asDouble())
                .isEqualTo(Scorecard.defaultMemoryBudget(io.github.llmcost.hardware.HardwarePresets.H100_SXM)
                        .toBytes());
        assertThat(o.get("models").get(0).get("largestContextLimit").asText()).isEqualTo("CONTEXT");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--models x|--models (x) is neither a model preset nor a config.json file",
                "--models llama-3.2-1b --contexts 4096,1024|--contexts (4096,1024) must be strictly increasing",
                "--models llama-3.2-1b --contexts 0|--contexts (0) must be > 0",
                "--models llama-3.2-1b --contexts many|--contexts",
                "--models llama-3.2-1b --memory-budget-gb 20|--memory-budget-gb (20) must be a number > 0",
                "--models llama-3.2-1b --memory-budget-gb lots|--memory-budget-gb (lots)",
                "--models llama-3.2-1b --memory-budget-gb -1|--memory-budget-gb (-1)",
                "--models /no/such/config.json|--models (/no/such/config.json) does not exist",
                "--models llama-3.2-1b,,lfm2-1.2b|has an empty entry",
                "--models llama-3.2-1b --hardware tpu-v9|hardware preset (tpu-v9) is unknown",
                "--models llama-3.2-1b --weights int3|int3",
                "--contexts 1024|--models"
            })
    void badInputIsOneLineAndExitTwo(String args, String message) {
        String[] argv = with(new String[] {"compare"}, args.split(" "));
        assertThat(CliErrorsTest.usageError(argv)).contains(message);
    }
}
