package io.github.llmcost.economics;

import static io.github.llmcost.testing.BadInputContract.bad;
import static io.github.llmcost.testing.BadInputContract.doubles;
import static io.github.llmcost.testing.BadInputContract.missing;
import static io.github.llmcost.testing.BadValues.negativeOrNotFinite;
import static io.github.llmcost.testing.BadValues.notAFraction;
import static io.github.llmcost.testing.BadValues.notFinite;
import static io.github.llmcost.testing.BadValues.notPositive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.testing.BadInputContract;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Bad input to the economics module fails fast: every invalid value is an {@link IllegalArgumentException} whose
 * message names the quantity and its value; a missing required builder field is an {@link IllegalStateException}
 * naming it. {@link LlmCost}'s builder checks each value as it is set, naming it as the setter does ({@code tensorParallel(0)}
 * fails with "tensorParallel (0) ..."), and the workload's values at {@link LlmCost.Builder#estimate()}; a configuration that is
 * valid but cannot run is no error but an infeasible estimate ({@code
 * configurationsThatCannotRunAreEstimatedButNeverPriced}). Extreme but valid inputs give finite answers.
 */
class EconomicsBadInputTest implements BadInputContract {
    private static final GpuPricing PRICE = GpuPricing.of(2.50);
    private static final UsageProfile USAGE = UsageProfile.of(100_000_000, 50, 750);

    /** Llama 3.1 8B on an H100 at {@link #PRICE}. */
    private static Estimate estimate(Workload workload) {
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .pricePerHour(PRICE.usdPerDeviceHour())
                .deployment()
                .estimate(workload);
    }

    private static ApiPrice.Builder apiPrice() {
        return ApiPrice.builder()
                .provider("Test")
                .model("Test model")
                .inputUsdPerMillion(1)
                .outputUsdPerMillion(2)
                .source("a test")
                .asOf(LocalDate.of(2026, 1, 1));
    }

    private static LlmCost.Builder llmCost() {
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B).promptTokens(1000).outputTokens(100);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Money and GpuPricing
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> money() {
        Money one = Money.of(1);
        Money max = Money.of(Double.MAX_VALUE);
        return Stream.of(
                        doubles("Money.of", "usd", notFinite(), v -> () -> Money.of(v)),
                        doubles("multipliedBy", "factor", notFinite(), v -> () -> one.multipliedBy(v)),
                        doubles(
                                "dividedBy",
                                "divisor",
                                new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
                                },
                                v -> () -> one.dividedBy(v)),
                        Stream.of(
                                bad("dividedBy(ZERO)", () -> one.dividedBy(Money.ZERO), "money ($0)"),
                                bad("dividedBy(of(-0.0))", () -> one.dividedBy(Money.of(-0.0)), "money ($0)"),
                                // overflow is refused, not carried as infinity
                                bad("MAX plus MAX", () -> max.plus(max), "usd (Infinity)"),
                                bad(
                                        "-MAX minus MAX",
                                        () -> Money.of(-Double.MAX_VALUE).minus(max),
                                        "usd (-Infinity)"),
                                bad("MAX multipliedBy 2", () -> max.multipliedBy(2), "usd (Infinity)"),
                                bad("1 dividedBy MIN_VALUE", () -> one.dividedBy(Double.MIN_VALUE), "usd (Infinity)")))
                .flatMap(s -> s);
    }

    static Stream<Arguments> gpuPricing() {
        List<Arguments> cases = new ArrayList<>();
        doubles("GpuPricing.of", "usdPerDeviceHour", notPositive(), v -> () -> GpuPricing.of(v))
                .forEach(cases::add);
        doubles("withUtilization", "utilization", notAFraction(), v -> () -> PRICE.withUtilization(v))
                .forEach(cases::add);
        doubles("costPerToken", "tokensPerSecond", notPositive(), v -> () -> PRICE.costPerToken(v))
                .forEach(cases::add);
        doubles("costOf(v, 1)", "seconds", negativeOrNotFinite(), v -> () -> PRICE.costOf(v, 1))
                .forEach(cases::add);
        for (int devices : new int[] {0, -1, Integer.MIN_VALUE}) {
            cases.add(bad("costOf(1, " + devices + ")", () -> PRICE.costOf(1, devices), "devices (" + devices + ")"));
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ApiPrice and ApiPriceBook
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> apiPrices() {
        List<Arguments> cases = new ArrayList<>();
        doubles(
                        "inputUsdPerMillion",
                        "inputUsdPerMillion",
                        negativeOrNotFinite(),
                        v -> () -> apiPrice().inputUsdPerMillion(v).build())
                .forEach(cases::add);
        doubles(
                        "outputUsdPerMillion",
                        "outputUsdPerMillion",
                        negativeOrNotFinite(),
                        v -> () -> apiPrice().outputUsdPerMillion(v).build())
                .forEach(cases::add);
        doubles(
                        "cachedInputUsdPerMillion",
                        "cachedInputUsdPerMillion",
                        negativeOrNotFinite(),
                        v -> () -> apiPrice().cachedInputUsdPerMillion(v).build())
                .forEach(cases::add);
        doubles(
                        "blendedPerMillion",
                        "inputShare",
                        new double[] {
                            -0.1,
                            -Double.MIN_VALUE,
                            1.0000000000000002,
                            1.1,
                            Double.NaN,
                            Double.POSITIVE_INFINITY,
                            Double.NEGATIVE_INFINITY
                        },
                        v -> () -> ApiPriceBook.GPT_4O_MINI.blendedPerMillion(v))
                .forEach(cases::add);
        cases.add(
                bad("outputPriceOver(ZERO)", () -> ApiPriceBook.GPT_4O_MINI.outputPriceOver(Money.ZERO), "money ($0)"));
        List<String> known = ApiPriceBook.all().stream().map(ApiPrice::model).toList();
        cases.add(Arguments.of(
                "byModel(gpt-9)",
                (ThrowingCallable) () -> ApiPriceBook.byModel("gpt-9"),
                Stream.concat(Stream.of("API model (gpt-9)"), known.stream()).toList()));
        cases.add(Arguments.of(
                "byModel(\"\")",
                (ThrowingCallable) () -> ApiPriceBook.byModel(""),
                Stream.concat(Stream.of("API model ()"), known.stream()).toList()));
        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // DeviceCosts, UsageProfile, EdgeVsCloud
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> deviceCosts() {
        Map<String, DoubleFunction<ThrowingCallable>> fields = new LinkedHashMap<>();
        fields.put(
                "licenceUsdPerDevice",
                v -> () -> DeviceCosts.builder().licenceUsdPerDevice(v).build());
        fields.put(
                "cdnUsdPerUpdate",
                v -> () -> DeviceCosts.builder().cdnUsdPerUpdate(v).build());
        fields.put(
                "updatesPerMonth",
                v -> () -> DeviceCosts.builder().updatesPerMonth(v).build());
        fields.put(
                "batteryWatts", v -> () -> DeviceCosts.builder().batteryWatts(v).build());
        fields.put(
                "electricityUsdPerKwh",
                v -> () -> DeviceCosts.builder().electricityUsdPerKwh(v).build());
        fields.put(
                "fixedEngineeringUsdPerMonth",
                v -> () -> DeviceCosts.builder().fixedEngineeringUsdPerMonth(v).build());
        Stream<Arguments> nonNegative = fields.entrySet().stream()
                .flatMap(e -> doubles(e.getKey(), e.getKey(), negativeOrNotFinite(), e.getValue()));
        Stream<Arguments> life = doubles(
                "deviceLifeMonths",
                "deviceLifeMonths",
                notPositive(),
                v -> () -> DeviceCosts.builder().deviceLifeMonths(v).build());
        return Stream.concat(nonNegative, life);
    }

    static Stream<Arguments> usageProfiles() {
        List<Arguments> cases = new ArrayList<>();
        for (long users : new long[] {-1, Long.MIN_VALUE}) {
            cases.add(bad(
                    "UsageProfile.of(" + users + ", 50, 750)",
                    () -> UsageProfile.of(users, 50, 750),
                    "monthlyActiveUsers (" + users + ")"));
            cases.add(bad(
                    "withMonthlyActiveUsers(" + users + ")",
                    () -> USAGE.withMonthlyActiveUsers(users),
                    "monthlyActiveUsers (" + users + ")"));
        }
        doubles(
                        "UsageProfile.of(1, v, 750)",
                        "requestsPerUserPerMonth",
                        negativeOrNotFinite(),
                        v -> () -> UsageProfile.of(1, v, 750))
                .forEach(cases::add);
        doubles(
                        "withRequestsPerUserPerMonth",
                        "requestsPerUserPerMonth",
                        negativeOrNotFinite(),
                        v -> () -> USAGE.withRequestsPerUserPerMonth(v))
                .forEach(cases::add);
        doubles("UsageProfile.of(1, 50, v)", "tokensPerRequest", notPositive(), v -> () -> UsageProfile.of(1, 50, v))
                .forEach(cases::add);
        doubles(
                        "monthlyFromDaily",
                        "requestsPerDay",
                        negativeOrNotFinite(),
                        v -> () -> UsageProfile.monthlyFromDaily(v))
                .forEach(cases::add);
        return cases.stream();
    }

    static Stream<Arguments> edgeVsCloud() {
        DeviceCosts device = DeviceCosts.articleDefaults();
        List<Arguments> cases = new ArrayList<>();
        for (double v : new double[] {-1.0, -Double.MIN_VALUE, -1e12}) {
            cases.add(bad(
                    "EdgeVsCloud.of(cloud " + v + ")",
                    () -> EdgeVsCloud.of(device, USAGE, Money.of(v), 20),
                    "cloudCostPerMillionTokens (" + v + ")"));
        }
        doubles(
                        "EdgeVsCloud.of(tokens/s v)",
                        "onDeviceTokensPerSecond",
                        notPositive(),
                        v -> () -> EdgeVsCloud.of(device, USAGE, Money.of(0.30), v))
                .forEach(cases::add);
        cases.add(bad(
                "licencePerMillionTokens with no requests",
                () -> EdgeVsCloud.of(device, USAGE.withRequestsPerUserPerMonth(0), Money.of(0.30), 20)
                        .licencePerMillionTokens(),
                "tokensOverDeviceLife (0.0)"));
        cases.add(bad(
                "cloudOverOnDevice with a free device",
                () -> EdgeVsCloud.of(
                                DeviceCosts.builder().licenceUsdPerDevice(0).build(), USAGE, Money.of(0.30), 20)
                        .cloudOverOnDevice(),
                "monthlyOnDeviceCost ($0)"));
        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // PromptCaching, ServingCost
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> calculators() {
        Estimate plain = estimate(Workload.of(1000, 100));
        Estimate shared = estimate(Workload.builder()
                .promptTokens(1000)
                .outputTokens(100)
                .sharedPrefixTokens(500)
                .build());
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad("PromptCaching.of with nothing shared", () -> PromptCaching.of(plain), "sharedPrefixTokens (0)"));
        doubles(
                        "cachedInputPricePerMillion",
                        "inputUsdPerMillion",
                        negativeOrNotFinite(),
                        v -> () -> PromptCaching.of(shared).cachedInputPricePerMillion(v))
                .forEach(cases::add);
        for (int batch : new int[] {0, -1}) {
            cases.add(bad(
                    "ServingCost.atBatch(" + batch + ")",
                    () -> ServingCost.of(plain).atBatch(batch),
                    "batchSize (" + batch + ")"));
        }
        cases.add(bad(
                "ServingCost.of an estimate without a price",
                () -> ServingCost.of(LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                        .hardware(HardwarePresets.RTX_4090)
                        .estimate()),
                "no price for NVIDIA GeForce RTX 4090"));
        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // LlmCost: the builder takes anything, estimate() refuses it
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> llmCostBuilder() {
        List<Arguments> cases = new ArrayList<>();
        for (int gpus : new int[] {0, -1}) {
            cases.add(bad(
                    "tensorParallel(" + gpus + ")",
                    () -> llmCost().tensorParallel(gpus).estimate(),
                    "tensorParallel (" + gpus + ")"));
        }
        doubles(
                        "utilization",
                        "utilization",
                        notAFraction(),
                        v -> () -> llmCost().utilization(v).estimate())
                .forEach(cases::add);
        doubles(
                        "pricePerHour",
                        "pricePerHour",
                        notPositive(),
                        v -> () -> llmCost().pricePerHour(v).estimate())
                .forEach(cases::add);
        doubles(
                        "electricityPerKwh",
                        "electricityPerKwh",
                        negativeOrNotFinite(),
                        v -> () -> llmCost().electricityPerKwh(v).estimate())
                .forEach(cases::add);
        for (long tokens : new long[] {0, -1, Long.MIN_VALUE}) {
            cases.add(bad(
                    "promptTokens(" + tokens + ")",
                    () -> llmCost().promptTokens(tokens).estimate(),
                    "promptTokens (" + tokens + ")"));
        }
        cases.add(bad("outputTokens(-1)", () -> llmCost().outputTokens(-1).estimate(), "outputTokens (-1)"));
        cases.add(bad("batchSize(0)", () -> llmCost().batchSize(0).estimate(), "batchSize (0)"));
        cases.add(bad(
                "sharedPrefixTokens(-1)",
                () -> llmCost().sharedPrefixTokens(-1).estimate(),
                "sharedPrefixTokens (-1)"));
        cases.add(bad(
                "sharedPrefixTokens(1001) of a 1000-token prompt",
                () -> llmCost().sharedPrefixTokens(1001).estimate(),
                "sharedPrefixTokens (1001)",
                "promptTokens (1000)"));
        cases.add(bad(
                "promptTokens(Long.MAX_VALUE) + 100 output",
                () -> llmCost().promptTokens(Long.MAX_VALUE).estimate(),
                "contextTokens"));
        return cases.stream();
    }

    /**
     * What cannot run is not bad input: the estimate exists, says which limit binds, and refuses every time and cost
     * with an {@link InfeasibleConfigurationException} naming it.
     */
    @Test
    void configurationsThatCannotRunAreEstimatedButNeverPriced() {
        record Case(String what, Estimate estimate, Limit limit, String named) {}
        List<Case> cases = List.of(
                new Case(
                        "FP8 activations on an A100",
                        llmCost()
                                .hardware(HardwarePresets.A100_80GB)
                                .activations(NumericFormat.FP8_E4M3)
                                .estimate(),
                        Limit.COMPUTE_FORMAT,
                        "NVIDIA A100 80GB has no FP8_E4M3 compute"),
                new Case(
                        "FP8 weights on an A100 (W8A8 by default)",
                        llmCost()
                                .hardware(HardwarePresets.A100_80GB)
                                .weights(NumericFormat.FP8_E4M3)
                                .estimate(),
                        Limit.COMPUTE_FORMAT,
                        "BF16 for weight-only"),
                new Case(
                        "2 GPUs on an Apple M2 Ultra",
                        llmCost()
                                .hardware(HardwarePresets.APPLE_M2_ULTRA)
                                .tensorParallel(2)
                                .estimate(),
                        Limit.INTERCONNECT,
                        "Apple M2 Ultra has none"),
                new Case(
                        "3 GPUs for 32 heads",
                        llmCost().tensorParallel(3).estimate(),
                        Limit.TENSOR_PARALLEL,
                        "tensor-parallel degree (3) must divide the 32 attention heads"),
                new Case(
                        "Llama 3.1 405B on one L4",
                        LlmCost.model(ModelPresets.LLAMA_3_1_405B)
                                .hardware(HardwarePresets.L4)
                                .estimate(),
                        Limit.MEMORY,
                        "NVIDIA L4"),
                new Case(
                        "a 200,000-token prompt on a 131,072-token model",
                        llmCost().promptTokens(200_000).estimate(),
                        Limit.CONTEXT,
                        "maximum context of 131072"),
                new Case(
                        "batch 4,096 at 1,100 tokens",
                        llmCost().batchSize(4096).estimate(),
                        Limit.KV_CACHE,
                        "batch 4096"));
        for (Case c : cases) {
            Estimate e = c.estimate();
            assertThat(e.isFeasible()).as(c.what()).isFalse();
            assertThat(e.feasibility().bindingLimit()).as(c.what()).contains(c.limit());
            assertThat(e.feasibility().summary()).as(c.what()).contains(c.named());
            for (ThrowingCallable figure : List.<ThrowingCallable>of(
                    e::timeToFirstToken,
                    e::timePerOutputToken,
                    e::decodeTokensPerSecond,
                    e::costPerMillionInputTokens,
                    e::costPerMillionOutputTokens,
                    e::joulesPerOutputToken)) {
                assertThatThrownBy(figure)
                        .as(c.what())
                        .isInstanceOf(InfeasibleConfigurationException.class)
                        .hasMessageContaining(c.named());
            }
            assertThatCode(() -> e.memory().toString()).as(c.what()).doesNotThrowAnyException();
            assertThat(e.toString()).as(c.what()).contains("cannot run");
        }
        Estimate tooBig = LlmCost.model(ModelPresets.LLAMA_3_1_405B)
                .hardware(HardwarePresets.L4)
                .promptTokens(4096)
                .outputTokens(512)
                .estimate();
        assertThatThrownBy(() -> ServingCost.of(tooBig, PRICE).costPerConcurrentUserHour())
                .isInstanceOf(InfeasibleConfigurationException.class)
                .hasMessageContaining("memory")
                .hasMessageContaining("NVIDIA L4");
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                        money(),
                        gpuPricing(),
                        apiPrices(),
                        deviceCosts(),
                        usageProfiles(),
                        edgeVsCloud(),
                        calculators(),
                        llmCostBuilder())
                .flatMap(s -> s);
    }

    @Test
    void llmCostBuilderRejectsABadValueWhereItIsSet() {
        assertThatThrownBy(() -> llmCost().tensorParallel(0)).hasMessage("tensorParallel (0) must be > 0");
        assertThatThrownBy(() -> llmCost().utilization(2)).hasMessageContaining("utilization (2.0)");
        assertThatThrownBy(() -> llmCost().pricePerHour(Double.NaN)).hasMessageContaining("pricePerHour (NaN)");
        // the workload's values are checked together, at estimate(), under the workload's names
        assertThatCode(() -> llmCost().promptTokens(-1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> llmCost().promptTokens(-1).estimate()).hasMessageContaining("promptTokens (-1)");
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose, as a JShell user can
    void llmCostBuilderNamesANullArgument() {
        assertThatNullPointerException()
                .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_1_8B).convention(null))
                .withMessage("convention");
        assertThatNullPointerException()
                .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_1_8B).hardware(null))
                .withMessage("hardware");
        assertThatNullPointerException().isThrownBy(() -> LlmCost.model(null)).withMessage("model");
        assertThatNullPointerException()
                .isThrownBy(() -> Sweep.builder().configure(null))
                .withMessage("configuration");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The boundaries just inside
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("Money.of(-0.0)", (ThrowingCallable) () -> Money.of(-0.0)),
                Arguments.of("Money.of(Double.MAX_VALUE)", (ThrowingCallable) () -> Money.of(Double.MAX_VALUE)),
                Arguments.of(
                        "multipliedBy(0)", (ThrowingCallable) () -> Money.of(1).multipliedBy(0)),
                Arguments.of(
                        "ZERO.dividedBy(MIN_VALUE)", (ThrowingCallable) () -> Money.ZERO.dividedBy(Double.MIN_VALUE)),
                Arguments.of("GpuPricing.of(MIN_VALUE)", (ThrowingCallable) () -> GpuPricing.of(Double.MIN_VALUE)),
                Arguments.of("withUtilization(1)", (ThrowingCallable) () -> PRICE.withUtilization(1)),
                Arguments.of(
                        "withUtilization(MIN_VALUE)", (ThrowingCallable) () -> PRICE.withUtilization(Double.MIN_VALUE)),
                Arguments.of("costOf(0, 1)", (ThrowingCallable) () -> PRICE.costOf(0, 1)),
                Arguments.of("free API", (ThrowingCallable) () -> apiPrice()
                        .inputUsdPerMillion(0)
                        .outputUsdPerMillion(0)
                        .cachedInputUsdPerMillion(0)
                        .build()),
                Arguments.of(
                        "blendedPerMillion(0)", (ThrowingCallable) () -> ApiPriceBook.GPT_4O_MINI.blendedPerMillion(0)),
                Arguments.of(
                        "blendedPerMillion(1)", (ThrowingCallable) () -> ApiPriceBook.GPT_4O_MINI.blendedPerMillion(1)),
                Arguments.of(
                        "byModel(\" GPT-4o-Mini \")", (ThrowingCallable) () -> ApiPriceBook.byModel(" GPT-4o-Mini ")),
                Arguments.of("all-zero DeviceCosts", (ThrowingCallable) () -> DeviceCosts.builder()
                        .licenceUsdPerDevice(0)
                        .cdnUsdPerUpdate(0)
                        .updatesPerMonth(0)
                        .batteryWatts(0)
                        .electricityUsdPerKwh(0)
                        .fixedEngineeringUsdPerMonth(0)
                        .deviceLifeMonths(Double.MIN_VALUE)
                        .build()),
                Arguments.of("UsageProfile.of(0, 0, MIN_VALUE)", (ThrowingCallable)
                        () -> UsageProfile.of(0, 0, Double.MIN_VALUE)),
                Arguments.of("free cloud", (ThrowingCallable)
                        () -> EdgeVsCloud.of(DeviceCosts.articleDefaults(), USAGE, Money.ZERO, 20)
                                .monthlyCloudCost()),
                Arguments.of("free electricity", (ThrowingCallable)
                        () -> llmCost().electricityPerKwh(0).estimate().electricityCostPerMillionOutputTokens()),
                Arguments.of("PromptCaching of a wholly shared prompt", (ThrowingCallable)
                        () -> PromptCaching.of(estimate(Workload.builder()
                                        .promptTokens(1000)
                                        .outputTokens(100)
                                        .sharedPrefixTokens(1000)
                                        .build()))
                                .costPerRequestWithCaching()));
    }

    /** A usage profile of no users is valid; so should be printing its comparison. */
    @Test
    void edgeVsCloudToStringNeverThrows() {
        EdgeVsCloud noUsers =
                EdgeVsCloud.of(DeviceCosts.articleDefaults(), USAGE.withMonthlyActiveUsers(0), Money.of(0.30), 20);
        EdgeVsCloud freeDevice =
                EdgeVsCloud.of(DeviceCosts.builder().licenceUsdPerDevice(0).build(), USAGE, Money.of(0.30), 20);
        assertThatCode(noUsers::toString).doesNotThrowAnyException();
        assertThatCode(freeDevice::toString).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Missing required fields
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> missingRequiredFields() {
        Map<String, Consumer<ApiPrice.Builder>> required = new LinkedHashMap<>();
        required.put("provider", b -> b.provider("Test"));
        required.put("model", b -> b.model("Test model"));
        required.put("inputUsdPerMillion", b -> b.inputUsdPerMillion(1));
        required.put("outputUsdPerMillion", b -> b.outputUsdPerMillion(2));
        required.put("source", b -> b.source("a test"));
        required.put("asOf", b -> b.asOf(LocalDate.of(2026, 1, 1)));
        return missing("ApiPrice", ApiPrice::builder, required, ApiPrice.Builder::build);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Extremes
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Llama 3.1 405B with a 10,000,000-token prompt on 8 H100s: nothing fits (BF16 weights alone exceed 640 GB; INT4
     * weights fit, but one session's cache is terabytes, and the prompt is 76 times the model's context). The estimate
     * says so and prices nothing; the physics underneath still gives finite times and FLOPs, never an overflow.
     */
    @Test
    void largestModelAtTenMillionTokensIsNeverPricedAndNeverOverflows() {
        for (Convention convention : Convention.values()) {
            for (NumericFormat weights : List.of(NumericFormat.BF16, NumericFormat.INT4)) {
                Estimate e = LlmCost.model(ModelPresets.LLAMA_3_1_405B)
                        .hardware(HardwarePresets.H100_SXM)
                        .tensorParallel(8)
                        .convention(convention)
                        .weights(weights)
                        .promptTokens(10_000_000)
                        .estimate();
                String what = convention + ", " + weights + " weights";
                assertThat(e.isFeasible()).as(what).isFalse();
                assertThat(e.feasibility().reasons())
                        .as(what)
                        .extracting(Feasibility.Reason::limit)
                        .contains(Limit.CONTEXT);
                assertThat(e.maxConcurrentSessions()).as(what).isZero();
                assertThatThrownBy(e::costPerMillionOutputTokens)
                        .as(what)
                        .isInstanceOf(InfeasibleConfigurationException.class)
                        .hasMessageContaining("context");
                assertThatThrownBy(e::timeToFirstToken).isInstanceOf(InfeasibleConfigurationException.class);
                assertThatCode(e::toString).as(what).doesNotThrowAnyException();
                InferencePerformance perf = e.deployment().performance(e.workload());
                assertThat(perf.timeToFirstToken().toSeconds())
                        .as(what)
                        .isFinite()
                        .isPositive();
                assertThat(perf.timePerOutputToken().toSeconds())
                        .as(what)
                        .isFinite()
                        .isPositive();
                assertThat(perf.prefill().flops().toFlops()).as(what).isFinite().isGreaterThan((double) Long.MAX_VALUE);
                assertThatThrownBy(() -> ServingCost.of(e, GpuPricing.of(2.5)).costPerMillionOutputTokens())
                        .isInstanceOf(InfeasibleConfigurationException.class);
            }
        }
    }

    @Test
    void largestUsageGivesFiniteMoney() {
        EdgeVsCloud edge = EdgeVsCloud.of(
                DeviceCosts.articleDefaults(), UsageProfile.of(Long.MAX_VALUE, 1e6, 1e6), Money.of(100), 1e-3);
        assertThat(edge.monthlyCloudCost().toUsd()).isFinite().isPositive();
        assertThat(edge.monthlyOnDeviceCost().toUsd()).isFinite().isPositive();
        assertThat(edge.monthlyUserEnergyCost().toUsd()).isFinite().isPositive();
        assertThat(edge.cloudOverOnDevice()).isFinite().isPositive();
        assertThatCode(edge::toString).doesNotThrowAnyException();
    }
}
