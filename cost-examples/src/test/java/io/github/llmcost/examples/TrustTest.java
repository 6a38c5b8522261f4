package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.examples.LlmCostCliTest.Run;
import io.github.llmcost.hardware.HardwarePresets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Output a user can trust: the JSON holds exactly the numbers the API computes; configurations that cannot run exit 3
 * and are never priced; every option reaches every command; presets without a price show no cost.
 */
class TrustTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** QuickTheories' seed, fixed so that a failure replays: rerun with the same value. */
    private static final long SEED = 20261130L;

    static Run run(String... args) {
        return LlmCostCliTest.run(args);
    }

    static JsonNode json(Run run) throws IOException {
        assertThat(run.out().trim().lines())
                .as("one JSON object on stdout: %s", run.out())
                .hasSize(1);
        return JSON.readTree(run.out());
    }

    /** The exact double a JSON number reads back as. */
    private static double number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        assertThat(n).as("field %s of %s", field, o).isNotNull();
        assertThat(n.isNumber()).as("field %s is a number", field).isTrue();
        return n.doubleValue();
    }

    private static void sameBits(JsonNode o, String field, double expected) {
        assertThat(Double.doubleToLongBits(number(o, field)))
                .as("%s: JSON %s, API %s", field, o.get(field), expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    // -----------------------------------------------------------------------------------------------------------
    // 1. JSON holds the API's numbers, bit for bit
    // -----------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "qwen3-30b-a3b, h100-sxm, 128, 1, 1, bf16",
        "llama-3.1-8b, h100-sxm, 4096, 8, 1, int4",
        "llama-3.1-70b, h200, 2000, 16, 4, fp8",
        "deepseek-v3, b200, 1024, 1, 8, fp8",
        "gemma-2-9b, l40s, 7000, 2, 1, bf16"
    })
    void estimateJsonIsTheApiBitForBit(String model, String chip, long prompt, int batch, int gpus, String weights)
            throws IOException {
        JsonNode o = json(run(
                "estimate",
                "--model",
                model,
                "--hardware",
                chip,
                "--prompt",
                Long.toString(prompt),
                "--batch",
                Integer.toString(batch),
                "--gpus",
                Integer.toString(gpus),
                "--weights",
                weights,
                "--json"));
        Estimate e = LlmCost.model(ModelPresets.byId(model))
                .hardware(HardwarePresets.byId(chip))
                .promptTokens(prompt)
                .batchSize(batch)
                .tensorParallel(gpus)
                .weights(NumericFormat.parse(weights))
                .estimate();
        assertThat(o.get("feasible").asBoolean()).isTrue();
        sameBits(o, "timeToFirstTokenSeconds", e.timeToFirstToken().toSeconds());
        sameBits(o, "timePerOutputTokenSeconds", e.timePerOutputToken().toSeconds());
        sameBits(o, "decodeTokensPerSecond", e.decodeTokensPerSecond());
        sameBits(o, "requestLatencySeconds", e.requestLatency().toSeconds());
        sameBits(o, "prefillFlops", e.prefillFlops().toFlops());
        sameBits(o, "weightBytes", e.memory().weights().toBytes());
        sameBits(o, "kvCacheBudgetBytes", e.memory().kvCacheBudget().toBytes());
        sameBits(
                o, "costPerMillionInputTokensUsd", e.costPerMillionInputTokens().toUsd());
        sameBits(
                o,
                "costPerMillionOutputTokensUsd",
                e.costPerMillionOutputTokens().toUsd());
        sameBits(o, "joulesPerOutputToken", e.joulesPerOutputToken());
        assertThat(o.get("maxConcurrentSessions").asLong()).isEqualTo(e.maxConcurrentSessions());
        // each operation's bytes and intensity agree with its FLOPs: the corruption the old writer made
        for (String phase : List.of("prefillOperations", "decodeOperations")) {
            for (JsonNode op : o.get(phase)) {
                double flops = number(op, "flops");
                double bytes = number(op, "bytes");
                assertThat(flops / bytes)
                        .as("%s %s", phase, op.get("operation"))
                        .isCloseTo(
                                number(op, "flopsPerByte"),
                                org.assertj.core.api.Assertions.within(1e-12 * number(op, "flopsPerByte")));
            }
        }
    }

    @Test
    void everyCommandsJsonNumbersAreTheApis() throws IOException {
        // edge: the threshold of 2.4 billion users printed whole, not "24"
        JsonNode edge = json(run("edge", "--fixed-per-month", "7000000", "--json"));
        assertThat(number(edge, "monthlyActiveUserThreshold")).isGreaterThan(1e9);
        // a price of 1e-300 per hour prints as such, not as "1.796348118e-3"
        JsonNode tiny = json(run("estimate", "--price-per-hour", "1e-300", "--json"));
        sameBits(tiny, "pricePerDeviceHourUsd", 1e-300);
        Estimate e =
                LlmCost.model(ModelPresets.LLAMA_3_1_8B).pricePerHour(1e-300).estimate();
        sameBits(
                tiny,
                "costPerMillionOutputTokensUsd",
                e.costPerMillionOutputTokens().toUsd());
        // model: whole counts as integers, bytes as the API's doubles
        JsonNode model = json(run("model", "--model", "llama-3.1-405b", "--json"));
        assertThat(model.get("totalParameters").asLong())
                .isEqualTo(ModelPresets.LLAMA_3_1_405B.parameters().totalParameters());
        sameBits(
                model.get("weightBytes"),
                "bf16",
                ModelPresets.LLAMA_3_1_405B
                        .parameters()
                        .weightBytes(NumericFormat.BF16)
                        .toBytes());
        // presets: every chip's numbers, and its price or null
        JsonNode presets = json(run("presets", "--json"));
        for (JsonNode chip : presets.get("hardware")) {
            var spec = HardwarePresets.byId(chip.get("id").asText());
            sameBits(chip, "memoryCapacityBytes", spec.memoryCapacity().toBytes());
            sameBits(
                    chip,
                    "memoryBandwidthBytesPerSecond",
                    spec.memoryBandwidth().toBytesPerSecond());
            if (spec.rentalUsdPerHour().isPresent()) {
                sameBits(chip, "rentalUsdPerHour", spec.rentalUsdPerHour().getAsDouble());
            } else {
                assertThat(chip.get("rentalUsdPerHour").isNull()).isTrue();
            }
        }
    }

    @Test
    void jsonRoundTripsEveryDoubleAndEveryWholeNumberExactly() {
        qt().withFixedSeed(SEED)
                .withExamples(3000)
                .forAll(doubles().between(1e-300, 1e300))
                .checkAssert(d -> assertRoundTrip(d, "seed " + SEED));
        qt().withFixedSeed(SEED)
                .withExamples(3000)
                .forAll(longs().between(-(1L << 53), 1L << 53))
                .checkAssert(n -> {
                    try {
                        JsonNode back = JSON.readTree(Json.write(Map.of("x", n)));
                        assertThat(back.get("x").isIntegralNumber()).isTrue();
                        assertThat(back.get("x").asLong()).as("seed %d", SEED).isEqualTo(n);
                    } catch (IOException ex) {
                        throw new AssertionError(ex);
                    }
                });
        // log-uniform over the whole range, where a uniform draw would give almost only huge values
        qt().withFixedSeed(SEED)
                .withExamples(3000)
                .forAll(doubles().between(-300, 300))
                .checkAssert(exponent -> assertRoundTrip(Math.pow(10, exponent), "seed " + SEED));
        for (double d : new double[] {
            2.4e9,
            19372689940.0,
            1e-300,
            1e300,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            0.1,
            1.0 / 3,
            0.0,
            9007199254740993.0
        }) {
            assertRoundTrip(d, "a hand-picked value");
        }
    }

    private static void assertRoundTrip(double d, String replay) {
        try {
            JsonNode back = JSON.readTree(Json.write(Map.of("x", d)));
            assertThat(Double.doubleToLongBits(back.get("x").doubleValue()))
                    .as("%s written as %s (%s)", d, back.get("x"), replay)
                    .isEqualTo(Double.doubleToLongBits(d));
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // 2. What cannot run is never priced: exit 3, one line naming the limit
    // -----------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "estimate --model llama-3.1-405b | MEMORY | weights",
                "estimate --batch 1024 | KV_CACHE | batch 1024",
                "estimate --prompt 1000000 | CONTEXT | maximum context of 131072",
                "estimate --gpus 3 | TENSOR_PARALLEL | must divide the 32 attention heads",
                "estimate --model falcon-7b --gpus 4 | TENSOR_PARALLEL | 71 attention heads",
                "estimate --gpus 1024 | TENSOR_PARALLEL | 1024",
                "estimate --hardware a100-80gb --weights fp8 | COMPUTE_FORMAT | no FP8_E4M3 compute",
                "estimate --model qwen2.5-7b --gpus 7 | TENSOR_PARALLEL | 4 KV heads"
            })
    void configurationsThatCannotRunExitThreeAndAreNeverPriced(String args, String limit, String named)
            throws IOException {
        Run text = run(args.split(" "));
        assertThat(text.code()).as("exit code, stderr %s", text.err()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(text.err().trim().lines()).hasSize(1);
        assertThat(text.err()).startsWith("llm-cost: cannot run: ").contains(named);
        assertThat(text.out()).contains("cannot run").doesNotContain("per million");
        List<String> withJson = new ArrayList<>(List.of(args.split(" ")));
        withJson.add("--json");
        Run json = run(withJson.toArray(String[]::new));
        assertThat(json.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        JsonNode o = json(json);
        assertThat(o.get("feasible").asBoolean()).isFalse();
        assertThat(o.get("bindingLimit").asText()).isEqualTo(limit);
        assertThat(o.get("reasons").get(0).get("message").asText()).contains(named);
        assertThat(o.has("kvCacheBudgetBytes")).isTrue();
        Iterator<String> fields = o.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            assertThat(field)
                    .as("no time, throughput or cost for what cannot run")
                    .doesNotContain("Seconds")
                    .doesNotContain("Usd")
                    .doesNotContain("PerSecond")
                    .doesNotContain("joules");
        }
    }

    @Test
    void edgeAndChartsRefuseWhatCannotRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Run edge = run("edge", "--device-model", "llama-3.1-405b");
        assertThat(edge.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(edge.err())
                .contains("Llama 3.1 405B cannot run on Snapdragon 8 Elite CPU")
                .contains("memory");
        Run chart = run(
                "chart",
                "--kind",
                "cost",
                "--model",
                "llama-3.1-405b",
                "--out",
                dir.resolve("c.svg").toString());
        assertThat(chart.code()).isEqualTo(LlmCostCli.INFEASIBLE);
        assertThat(chart.err()).startsWith("llm-cost: cannot run: memory");
        assertThat(dir.resolve("c.svg")).doesNotExist();
    }

    // -----------------------------------------------------------------------------------------------------------
    // 3. Every option reaches every command
    // -----------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "llama-3.1-70b, 4, bf16, bf16, 0",
        "llama-3.1-70b, 2, fp8, bf16, 1000",
        "llama-3.1-8b, 1, int4, int8, 512",
        "qwen3-14b, 2, fp8, fp8, 0",
        "mixtral-8x7b, 2, bf16, bf16, 100"
    })
    void sweepAndEstimateGiveIdenticalFiguresForIdenticalOptions(
            String model, int gpus, String weights, String kv, long shared) throws IOException {
        List<String> common = List.of(
                "--model",
                model,
                "--gpus",
                Integer.toString(gpus),
                "--weights",
                weights,
                "--kv",
                kv,
                "--shared-prefix",
                Long.toString(shared),
                "--activations",
                "bf16",
                "--output",
                "300");
        List<String> sweepArgs =
                new ArrayList<>(List.of("sweep", "--contexts", "2000,8000", "--batches", "1,8", "--json"));
        sweepArgs.addAll(common);
        JsonNode points = json(run(sweepArgs.toArray(String[]::new))).get("points");
        assertThat(points).hasSize(4);
        for (JsonNode p : points) {
            List<String> estimateArgs = new ArrayList<>(List.of(
                    "estimate",
                    "--prompt",
                    p.get("promptTokens").asText(),
                    "--batch",
                    p.get("batchSize").asText(),
                    "--json"));
            estimateArgs.addAll(common);
            Run run = run(estimateArgs.toArray(String[]::new));
            JsonNode e = json(run);
            assertThat(e.get("feasible")).isEqualTo(p.get("feasible"));
            assertThat(e.get("maxConcurrentSessions")).isEqualTo(p.get("maxConcurrentSessions"));
            if (p.get("feasible").asBoolean()) {
                for (String field : List.of(
                        "timeToFirstTokenSeconds",
                        "timePerOutputTokenSeconds",
                        "decodeTokensPerSecond",
                        "costPerMillionInputTokensUsd",
                        "costPerMillionOutputTokensUsd")) {
                    assertThat(e.get(field)).as("%s of %s", field, p).isEqualTo(p.get(field));
                }
            }
        }
    }

    @Test
    void sweepRefusesTheOptionsItHasAxesFor() {
        assertThat(run("sweep", "--prompt", "2000").code()).isEqualTo(LlmCostCli.USAGE);
        assertThat(run("sweep", "--batch", "8").code()).isEqualTo(LlmCostCli.USAGE);
    }

    @Test
    void numericOptionsAreNamedAsTyped() {
        assertThat(run("estimate", "--gpus", "0").err()).contains("--gpus (0) must be > 0");
        assertThat(run("estimate", "--batch", "0").err()).contains("--batch (0) must be > 0");
        assertThat(run("sweep", "--batches", "0").err()).contains("--batches (0) must be > 0");
        assertThat(run("estimate", "--price-per-hour", "-1").err()).contains("--price-per-hour (-1.0)");
    }

    // -----------------------------------------------------------------------------------------------------------
    // 4. Formats say what runs; 5. prices are never invented; 6. shared prefixes add up
    // -----------------------------------------------------------------------------------------------------------

    @Test
    void floatWeightsComputeInTheirFormatIntegerWeightsAreWeightOnly() throws IOException {
        JsonNode fp8 = json(run("estimate", "--weights", "fp8", "--json"));
        assertThat(fp8.get("activationFormat").asText()).isEqualTo("FP8_E4M3");
        assertThat(fp8.get("quantizationScheme").asText()).isEqualTo("W8A8");
        JsonNode int4 = json(run("estimate", "--weights", "int4", "--json"));
        assertThat(int4.get("activationFormat").asText()).isEqualTo("BF16");
        assertThat(int4.get("quantizationScheme").asText()).isEqualTo("W4A16");
        assertThat(int4.get("weightOnlyQuantization").asBoolean()).isTrue();
        assertThat(run("estimate", "--weights", "int4").out()).contains("W4A16, weight-only");
        JsonNode weightOnly = json(run("estimate", "--weights", "fp8", "--activations", "bf16", "--json"));
        assertThat(weightOnly.get("quantizationScheme").asText()).isEqualTo("W8A16");
    }

    @Test
    void presetsWithoutAPriceShowNoCost() throws IOException {
        Run text = run("estimate", "--hardware", "rtx-4090", "--model", "llama-3.2-1b");
        assertThat(text.code()).isZero();
        assertThat(text.err()).contains("no price for NVIDIA GeForce RTX 4090: pass --price-per-hour");
        assertThat(text.out()).doesNotContain("$");
        JsonNode o = json(run("estimate", "--hardware", "rtx-4090", "--model", "llama-3.2-1b", "--json"));
        assertThat(o.has("costPerMillionOutputTokensUsd")).isFalse();
        assertThat(o.has("pricePerDeviceHourUsd")).isFalse();
        assertThat(o.has("timeToFirstTokenSeconds")).isTrue();
        JsonNode priced = json(run(
                "estimate", "--hardware", "rtx-4090", "--model", "llama-3.2-1b", "--price-per-hour", "0.4", "--json"));
        assertThat(priced.get("pricePerDeviceHourUsd").asDouble()).isEqualTo(0.4);
        for (var chip : HardwarePresets.all().entrySet()) {
            if (chip.getValue().tdpWatts() > 100
                    && !chip.getKey().startsWith("rtx")
                    && !chip.getKey().startsWith("apple")
                    && !chip.getKey().equals("h20")) {
                assertThat(chip.getValue().rentalUsdPerHour())
                        .as("data-centre preset %s", chip.getKey())
                        .isPresent();
            }
        }
        // The H20 has no published price: estimate says so rather than invent one
        Run h20 = run("estimate", "--hardware", "h20", "--model", "llama-3.1-8b");
        assertThat(h20.code()).isZero();
        assertThat(h20.err()).contains("no price for NVIDIA H20: pass --price-per-hour");
        assertThat(h20.out()).doesNotContain("$");
    }

    @Test
    void aSharedPrefixIsStoredOnceAndLowersTheBlendedInputCost() throws IOException {
        JsonNode without = json(run("estimate", "--prompt", "8192", "--batch", "8", "--json"));
        JsonNode with = json(run("estimate", "--prompt", "8192", "--shared-prefix", "8000", "--batch", "8", "--json"));
        double budget = number(with, "kvCacheBudgetBytes");
        double perSession = number(with, "kvCacheBytesPerSession");
        double shared = number(with, "sharedPrefixBytes");
        long sessions = with.get("maxConcurrentSessions").asLong();
        assertThat(sessions * perSession + shared).isLessThanOrEqualTo(budget);
        assertThat((sessions + 1) * perSession + shared).isGreaterThan(budget);
        assertThat(perSession).isLessThan(number(without, "kvCacheBytesPerSession") / 10);
        assertThat(number(with, "costPerMillionInputTokensUsd"))
                .as("blended over every prompt token")
                .isLessThan(number(without, "costPerMillionInputTokensUsd"));
        assertThat(number(with, "timeToFirstTokenSeconds")).isLessThan(number(without, "timeToFirstTokenSeconds"));
    }
}
