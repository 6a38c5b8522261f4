package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of the economics module, checked with QuickTheories over random model and hardware presets, conventions,
 * numeric formats, tensor-parallel degrees, contexts, batches, prices and usage profiles.
 *
 * <p>Tolerances: figures that repeat the same floating-point operations ({@link Estimate} against the physics and the
 * pricing formula it summarises, cost ratios) are asserted exactly, as is doubling (scaling by two is exact in binary floating point);
 * inverse operations and proportionalities that divide and multiply again are compared within a relative
 * 10<sup>-12</sup>; crossovers, which solve a linear equation and substitute the root back, within a relative
 * 10<sup>-9</sup>; {@code a + b - b} within 10<sup>-15</sup> of {@code |a| + |b|} (two roundings of that size).
 *
 * <p>QuickTheories runs from a fixed seed, {@code SEED}, so that a failure replays: run the test again (its report
 * ends "Seed was" and that seed; to explore other inputs, change {@code SEED}).
 */
class EconomicsPropertiesTest {
    /** QuickTheories' seed, fixed so that a failure replays: rerun with the same value. */
    private static final long SEED = 20261130L;

    private static final int EXAMPLES = 200;
    private static final double RELATIVE = 1e-12;
    private static final double CROSSOVER_RELATIVE = 1e-9;
    private static final List<HardwareSpec> CHIPS =
            List.copyOf(HardwarePresets.all().values());
    private static final List<ModelSpec> MODELS = List.copyOf(ModelPresets.all().values());
    private static final List<NumericFormat> FORMATS = List.of(NumericFormat.values());
    private static final List<Convention> CONVENTIONS = List.of(Convention.values());

    // ---------------------------------------------------------------------------------------------------------------
    // Generators
    // ---------------------------------------------------------------------------------------------------------------

    /** A chip and one compute format it has a peak for. */
    private record ChipFormat(HardwareSpec chip, NumericFormat format) {}

    /** Storage formats of weights and KV cache. */
    private record Storage(NumericFormat weight, NumericFormat kv) {}

    /** Everything but the workload's lengths and batch. */
    private record Setup(
            ModelSpec model,
            HardwareSpec chip,
            Convention convention,
            NumericFormat activation,
            Storage storage,
            int gpus) {

        Setup withGpus(int devices) {
            return new Setup(model, chip, convention, activation, storage, devices);
        }

        @Override
        public String toString() {
            return model.name() + " on " + gpus + " x " + chip.name() + ", " + convention + ", activations "
                    + activation + ", " + storage;
        }
    }

    /** Prompt, output and batch, with a shared prefix in {@code [0, prompt]}. */
    private record Shape(long prompt, long output, int batch, long sharedPrefix) {}

    /**
     * Whether a configuration can run; where it cannot, checks that it is refused a price instead (the property
     * then holds vacuously for it).
     */
    private static boolean runs(Config config) {
        Estimate e = config.llmCost().pricePerHour(1).estimate();
        if (e.isFeasible()) {
            return true;
        }
        assertThatThrownBy(() -> ServingCost.of(e).costPerMillionOutputTokens())
                .as("%s", config)
                .isInstanceOf(InfeasibleConfigurationException.class);
        assertThatThrownBy(e::costPerMillionInputTokens)
                .as("%s", config)
                .isInstanceOf(InfeasibleConfigurationException.class);
        return false;
    }

    /** A property of a configuration that runs, at a price per device-hour and a utilisation. */
    private interface PricedProperty {
        void check(Config config, double price, double utilization);
    }

    /** Checks a property over configurations, prices and utilisations, where the configuration runs. */
    private static void forRunningConfigs(PricedProperty property) {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(configs(), prices(), utilizations())
                .checkAssert((config, price, u) -> {
                    if (runs(config)) {
                        property.check(config, price, u);
                    }
                });
    }

    /** A whole configuration. */
    private record Config(Setup setup, Shape shape) {
        Workload workload() {
            return Workload.builder()
                    .promptTokens(shape.prompt())
                    .outputTokens(shape.output())
                    .batchSize(shape.batch())
                    .sharedPrefixTokens(shape.sharedPrefix())
                    .build();
        }

        /** The configuration built from scratch in the physics layer, as {@link Estimate} must summarise it. */
        InferencePerformance perf() {
            return InferencePerformance.builder()
                    .model(setup.model())
                    .hardware(setup.chip())
                    .workload(workload())
                    .formats(Formats.of(
                            setup.storage().weight(),
                            setup.activation(),
                            setup.storage().kv()))
                    .convention(setup.convention())
                    .tensorParallel(setup.gpus())
                    .calibration(CalibratedEfficiencies.forHardware(setup.chip()))
                    .build();
        }

        LlmCost.Builder llmCost() {
            return LlmCost.model(setup.model())
                    .hardware(setup.chip())
                    .tensorParallel(setup.gpus())
                    .convention(setup.convention())
                    .promptTokens(shape.prompt())
                    .outputTokens(shape.output())
                    .batchSize(shape.batch())
                    .sharedPrefixTokens(shape.sharedPrefix())
                    .weights(setup.storage().weight())
                    .activations(setup.activation())
                    .kvCache(setup.storage().kv());
        }

        @Override
        public String toString() {
            return setup + ", " + shape;
        }
    }

    private static Gen<NumericFormat> formats() {
        return pick(FORMATS);
    }

    private static Gen<ChipFormat> chipFormats() {
        return pick(CHIPS).zip(integers().between(0, 63), (chip, i) -> {
            List<NumericFormat> computeFormats =
                    List.copyOf(EnumSet.copyOf(chip.peakFlops().keySet()));
            return new ChipFormat(chip, computeFormats.get(i % computeFormats.size()));
        });
    }

    /** Random model, chip, convention and formats on 1 to 8 devices where the chip has an interconnect. */
    private static Gen<Setup> setups() {
        Gen<Setup> single = pick(MODELS)
                .zip(
                        chipFormats(),
                        pick(CONVENTIONS),
                        formats().zip(formats(), Storage::new),
                        (model, cf, convention, storage) ->
                                new Setup(model, cf.chip(), convention, cf.format(), storage, 1));
        return single.zip(
                integers().between(1, 8),
                (s, devices) -> s.chip().interconnectBandwidth().toBytesPerSecond() > 0 ? s.withGpus(devices) : s);
    }

    /** Prompts of 1 to 100,000 tokens, 0 to 10,000 output tokens, batches of 1 to 64, nothing shared. */
    private static Gen<Shape> shapes() {
        return longs().between(1, 100_000)
                .zip(
                        longs().between(0, 10_000),
                        integers().between(1, 64),
                        (prompt, output, batch) -> new Shape(prompt, output, batch, 0));
    }

    /** As {@link #shapes()}, at least one output token, and a shared prefix in {@code (0, prompt]}. */
    private static Gen<Shape> sharedShapes() {
        return longs().between(1, 100_000)
                .zip(
                        longs().between(1, 10_000),
                        integers().between(1, 64),
                        longs().between(0, 99_999),
                        (prompt, output, batch, prefix) -> new Shape(prompt, output, batch, 1 + prefix % prompt));
    }

    private static Gen<Config> configs() {
        return setups().zip(shapes(), Config::new);
    }

    private static Gen<Double> utilizations() {
        return doubles().between(0.001, 1).mix(integers().between(1, 10).map(i -> i / 10.0));
    }

    private static Gen<Double> prices() {
        return doubles().between(0.01, 100);
    }

    private static void assertRelativelyClose(double actual, double expected, double relative, String what) {
        assertThat(actual)
                .as("%s: %s vs %s", what, actual, expected)
                .isCloseTo(expected, within(Math.abs(expected) * relative));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Utilisation: cost per token is inversely proportional to it
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void gpuPricingCostTimesUtilizationIsConstant() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(prices(), doubles().between(1e-3, 1e6), utilizations())
                .checkAssert((price, tokensPerSecond, u) -> {
                    GpuPricing full = GpuPricing.of(price);
                    GpuPricing partial = full.withUtilization(u);
                    assertRelativelyClose(
                            partial.costPerToken(tokensPerSecond).toUsd() * u,
                            full.costPerToken(tokensPerSecond).toUsd(),
                            RELATIVE,
                            "costPerToken at " + u);
                    assertRelativelyClose(
                            partial.costOf(3600, 3).toUsd() * u,
                            full.costOf(3600, 3).toUsd(),
                            RELATIVE,
                            "costOf at " + u);
                    assertThat(partial.utilization()).isEqualTo(u);
                    assertThat(partial.usdPerDeviceHour()).isEqualTo(price);
                });
    }

    @Test
    void costPerMillionTokensScalesAsOneOverUtilization() {
        forRunningConfigs((config, price, u) -> {
            Estimate full = config.llmCost().pricePerHour(price).estimate();
            Estimate partial =
                    config.llmCost().pricePerHour(price).utilization(u).estimate();
            assertThat(partial.timePerOutputToken()).isEqualTo(full.timePerOutputToken());
            String what = config + " at " + u + ": ";
            assertOneOverUtilization(
                    u, partial.costPerMillionOutputTokens(), full.costPerMillionOutputTokens(), what + "output");
            assertOneOverUtilization(
                    u, partial.costPerMillionInputTokens(), full.costPerMillionInputTokens(), what + "input");
            // the same estimate at another price than its deployment's
            ServingCost fullCost = ServingCost.of(full);
            ServingCost partialCost = ServingCost.of(full, GpuPricing.of(price).withUtilization(u));
            assertOneOverUtilization(
                    u,
                    partialCost.costPerMillionInputTokens(),
                    fullCost.costPerMillionInputTokens(),
                    what + "computed input");
            assertThat(partialCost.perReplicaHour()).isEqualTo(fullCost.perReplicaHour());
        });
    }

    private static void assertOneOverUtilization(double u, Money partial, Money full, String what) {
        assertRelativelyClose(partial.toUsd() * u, full.toUsd(), RELATIVE, what);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Edge versus cloud
    // ---------------------------------------------------------------------------------------------------------------

    /** Device costs over the article's ranges and beyond, with or without fixed engineering. */
    private static Gen<DeviceCosts> deviceCosts(boolean withFixedEngineering) {
        Gen<double[]> perDevice = doubles()
                .between(0, 5)
                .zip(
                        doubles().between(1, 120),
                        doubles().between(0, 0.05),
                        doubles().between(0, 10),
                        (licence, life, cdn, updates) -> new double[] {licence, life, cdn, updates});
        Gen<Double> fixed = withFixedEngineering
                ? doubles().between(1, 1e8)
                : integers().between(0, 0).map(i -> 0.0);
        return perDevice.zip(
                fixed,
                (d, f) -> DeviceCosts.builder()
                        .licenceUsdPerDevice(d[0])
                        .deviceLifeMonths(d[1])
                        .cdnUsdPerUpdate(d[2])
                        .updatesPerMonth(d[3])
                        .fixedEngineeringUsdPerMonth(f)
                        .build());
    }

    private static Gen<UsageProfile> usages() {
        return longs().between(0, 1_000_000_000L)
                .zip(doubles().between(0, 10_000), doubles().between(1, 100_000), UsageProfile::of);
    }

    private static Gen<Money> cloudPrices() {
        return doubles().between(0.001, 100).map(Money::of);
    }

    private static EdgeVsCloud edge(DeviceCosts device, UsageProfile usage, Money cloud) {
        return EdgeVsCloud.of(device, usage, cloud, 20);
    }

    @Test
    void doublingUsageDoublesTheCloudBillAndLeavesTheDeviceBill() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(deviceCosts(true), usages(), cloudPrices())
                .checkAssert((device, usage, cloud) -> {
                    EdgeVsCloud base = edge(device, usage, cloud);
                    UsageProfile moreRequests = usage.withRequestsPerUserPerMonth(2 * usage.requestsPerUserPerMonth());
                    UsageProfile longerRequests = UsageProfile.of(
                            usage.monthlyActiveUsers(), usage.requestsPerUserPerMonth(), 2 * usage.tokensPerRequest());
                    for (UsageProfile doubled : List.of(moreRequests, longerRequests)) {
                        EdgeVsCloud more = base.withUsage(doubled);
                        assertThat(more.monthlyCloudCost())
                                .as("%s -> %s", usage, doubled)
                                .isEqualTo(base.monthlyCloudCost().multipliedBy(2));
                        assertThat(more.monthlyOnDeviceCost())
                                .as("%s -> %s", usage, doubled)
                                .isEqualTo(base.monthlyOnDeviceCost());
                    }
                });
    }

    @Test
    void atTheCrossoverRequestRateBothBillsAreEqual() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(deviceCosts(false), usages(), cloudPrices())
                .checkAssert((device, usage, cloud) -> {
                    OptionalDouble crossover = edge(device, usage, cloud).crossoverRequestsPerUserPerMonth();
                    assertThat(crossover).as("cloud %s > 0", cloud).isPresent();
                    EdgeVsCloud at = edge(device, usage.withRequestsPerUserPerMonth(crossover.getAsDouble()), cloud);
                    assertRelativelyClose(
                            at.monthlyCloudCost().toUsd(),
                            at.monthlyOnDeviceCost().toUsd(),
                            CROSSOVER_RELATIVE,
                            usage + " at " + crossover.getAsDouble() + " requests");
                });
    }

    @Test
    void noCrossoverWhenTheCloudIsFree() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(deviceCosts(true), usages())
                .checkAssert((device, usage) -> {
                    EdgeVsCloud free = edge(device, usage, Money.ZERO);
                    assertThat(free.crossoverRequestsPerUserPerMonth()).isEmpty();
                    assertThat(free.monthlyActiveUserThreshold()).isEmpty();
                    assertThat(free.monthlyCloudCost()).isEqualTo(Money.ZERO);
                });
    }

    /**
     * With fixed engineering: choose {@code N} users, set the fixed cost to {@code N} times the per-user saving, and
     * the threshold is {@code N} and both bills are equal there. Per-user savings below a millionth of the cloud bill
     * per user are skipped: the saving is a difference, and its rounding would be amplified a million times.
     */
    @Test
    void atTheUserThresholdBothBillsAreEqual() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(deviceCosts(false), usages(), cloudPrices(), longs().between(1, 1_000_000_000L))
                .assuming((device, usage, cloud, users) -> {
                    EdgeVsCloud one = edge(device, usage.withMonthlyActiveUsers(1), cloud);
                    double cloudPerUser = one.monthlyCloudCost().toUsd();
                    double saving = cloudPerUser - one.monthlyOnDeviceCost().toUsd();
                    return saving > 1e-6 * cloudPerUser;
                })
                .checkAssert((device, usage, cloud, users) -> {
                    EdgeVsCloud one = edge(device, usage.withMonthlyActiveUsers(1), cloud);
                    double saving = one.monthlyCloudCost()
                            .minus(one.monthlyOnDeviceCost())
                            .toUsd();
                    DeviceCosts withFixed = DeviceCosts.builder()
                            .from(device)
                            .fixedEngineeringUsdPerMonth(users * saving)
                            .build();
                    EdgeVsCloud at = edge(withFixed, usage.withMonthlyActiveUsers(users), cloud);
                    OptionalDouble threshold = at.monthlyActiveUserThreshold();
                    assertThat(threshold).isPresent();
                    assertRelativelyClose(
                            threshold.getAsDouble(), users, CROSSOVER_RELATIVE, usage + ": threshold for " + users);
                    assertRelativelyClose(
                            at.monthlyCloudCost().toUsd(),
                            at.monthlyOnDeviceCost().toUsd(),
                            CROSSOVER_RELATIVE,
                            usage + " at " + users + " users");
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Prompt caching
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void promptCachingNeverRaisesCost() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(setups(), sharedShapes(), prices())
                .checkAssert((setup, shape, price) -> {
                    Config config = new Config(setup, shape);
                    PromptCaching caching = PromptCaching.of(
                            config.llmCost().pricePerHour(price).estimate());
                    assertThat(caching.costPerRequestWithCaching())
                            .as("%s", config)
                            .isLessThanOrEqualTo(caching.costPerRequestWithoutCaching());
                    assertThat(caching.prefillFlopsSaved().toFlops())
                            .as("%s", config)
                            .isNotNegative();
                    assertThat(caching.prefillTimeSaved().toSeconds())
                            .as("%s", config)
                            .isNotNegative();
                    assertThat(caching.sessionsWithSharing())
                            .as("%s", config)
                            .isGreaterThanOrEqualTo(caching.sessionsWithoutSharing());
                    assertThat(caching.cachedInputDiscount())
                            .as("%s", config)
                            .isNotNaN()
                            .isBetween(0.0, 1.0);
                    assertThat(caching.cachedInputPricePerMillion(1.0).toUsd())
                            .as("%s", config)
                            .isBetween(0.0, 1.0);
                });
    }

    /** The whole prompt shared and nothing generated: every session's cache is the shared prefix. */
    @Test
    void promptCachingOfAWhollySharedPromptWithNoOutputAnswers() {
        PromptCaching caching = PromptCaching.of(LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(1000)
                .outputTokens(0)
                .sharedPrefixTokens(1000)
                .pricePerHour(2.50)
                .estimate());
        assertThatCode(caching::sessionsWithSharing).doesNotThrowAnyException();
        assertThatCode(caching::toString).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Money
    // ---------------------------------------------------------------------------------------------------------------

    private static Gen<Double> signed(Gen<Double> magnitudes) {
        return magnitudes.zip(integers().between(0, 1), (m, negative) -> negative == 1 ? -m : m);
    }

    private static Gen<Double> amounts() {
        return signed(doubles()
                .between(0, 1e12)
                .mix(doubles().between(0, 1e-3))
                .mix(integers().between(0, 0).map(i -> 0.0), 5));
    }

    private static Gen<Double> factors() {
        return signed(doubles().between(1e-6, 1e6).mix(doubles().between(1e-6, 1)));
    }

    @Test
    void moneyPlusAndMinusAreInverse() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(amounts(), amounts()).checkAssert((a, b) -> {
            Money x = Money.of(a);
            Money y = Money.of(b);
            double tolerance = 1e-15 * (Math.abs(a) + Math.abs(b));
            assertThat(x.plus(y).minus(y).toUsd()).as("%s + %s - %s", a, b, b).isCloseTo(a, within(tolerance));
            assertThat(x.minus(y).plus(y).toUsd()).as("%s - %s + %s", a, b, b).isCloseTo(a, within(tolerance));
            assertThat(x.plus(y)).isEqualTo(y.plus(x));
            assertThat(x.minus(x)).isEqualTo(Money.ZERO);
            assertThat(x.plus(Money.ZERO)).isEqualTo(x);
        });
    }

    @Test
    void moneyMultipliedByAndDividedByAreInverse() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(amounts(), factors()).checkAssert((a, f) -> {
            Money x = Money.of(a);
            assertRelativelyClose(x.multipliedBy(f).dividedBy(f).toUsd(), a, RELATIVE, a + " x " + f + " / " + f);
            assertRelativelyClose(x.dividedBy(f).multipliedBy(f).toUsd(), a, RELATIVE, a + " / " + f + " x " + f);
            if (a != 0) {
                assertRelativelyClose(x.multipliedBy(f).dividedBy(x), f, RELATIVE, a + " x " + f + " over " + a);
            }
        });
    }

    @Test
    void moneyToStringNeverThrowsAndStartsWithTheSign() {
        Gen<Double> any = doubles()
                .any()
                .assuming(Double::isFinite)
                .mix(amounts())
                .mix(signed(doubles().between(999, 1001)))
                .mix(signed(doubles().between(0.99, 1.01)));
        qt().withFixedSeed(SEED).withExamples(5000).forAll(any).checkAssert(a -> {
            Money x = Money.of(a);
            String printed = x.toString();
            assertThat(printed).as("%s", a).startsWith(a < 0 ? "-$" : "$").doesNotContain("E", "e", "NaN", "Infinity");
            assertThat(printed.substring(printed.indexOf('$') + 1))
                    .as("%s printed %s", a, printed)
                    .matches("[0-9][0-9,]*(\\.[0-9]+)?");
        });
    }

    /** Rounding moves an amount across the format's boundaries: $999.999 prints as "$1000.00", not "$1,000". */
    @Test
    void moneyToStringIsConsistentAcrossItsFormatBoundaries() {
        assertThat(Money.of(999.999)).hasToString(Money.of(1000).toString());
        assertThat(Money.of(0.9999)).hasToString(Money.of(1).toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ServingCost
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void outputToInputRatioIsTheRatioOfTheTokenCosts() {
        forRunningConfigs((config, price, u) -> {
            Estimate e = config.llmCost().estimate();
            ServingCost cost = ServingCost.of(e, GpuPricing.of(price).withUtilization(u));
            assertThat(cost.outputToInputCostRatio())
                    .as("%s", config)
                    .isEqualTo(cost.costPerOutputToken().toUsd()
                            / cost.costPerInputToken().toUsd());
            // physics: an output token costs what input throughput is over output throughput
            assertRelativelyClose(
                    cost.outputToInputCostRatio(),
                    e.prefillTokensPerSecond() / e.decodeTokensPerSecond(),
                    RELATIVE,
                    config.toString());
        });
    }

    @Test
    void batchingNeverRaisesTheCostPerOutputToken() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(configs(), prices())
                .checkAssert((config, price) -> {
                    Estimate e = config.llmCost().estimate();
                    ServingCost cost = ServingCost.of(e, GpuPricing.of(price));
                    if (!cost.atBatch(1).estimate().isFeasible()) {
                        // not even one session runs: neither floor is priced
                        assertThatThrownBy(cost::batchOneCostPerMillionOutputTokens)
                                .isInstanceOf(InfeasibleConfigurationException.class);
                        assertThatThrownBy(cost::fullBatchCostPerMillionOutputTokens)
                                .isInstanceOf(InfeasibleConfigurationException.class);
                        return;
                    }
                    double full = cost.fullBatchCostPerMillionOutputTokens().toUsd();
                    double one = cost.batchOneCostPerMillionOutputTokens().toUsd();
                    assertThat(full)
                            .as("%s: %d sessions", config, e.maxConcurrentSessions())
                            .isLessThanOrEqualTo(one * (1 + RELATIVE));
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Energy
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void electricityIsProportionalToItsPrice() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(configs(), doubles().between(0.01, 1), doubles().between(0.1, 10))
                .checkAssert((config, usdPerKwh, k) -> {
                    if (!runs(config)) {
                        return;
                    }
                    double base = config.llmCost()
                            .electricityPerKwh(usdPerKwh)
                            .estimate()
                            .electricityCostPerMillionOutputTokens()
                            .toUsd();
                    assertRelativelyClose(
                            config.llmCost()
                                    .electricityPerKwh(k * usdPerKwh)
                                    .estimate()
                                    .electricityCostPerMillionOutputTokens()
                                    .toUsd(),
                            k * base,
                            RELATIVE,
                            config + ": price x " + k);
                    assertThat(config.llmCost().electricityPerKwh(0).estimate().electricityCostPerMillionOutputTokens())
                            .isEqualTo(Money.ZERO);
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Estimate against the physics
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void estimateAgreesWithThePhysicsItSummarises() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(configs(), prices(), utilizations(), doubles().between(0, 1))
                .checkAssert((config, price, u, usdPerKwh) -> {
                    if (!runs(config)) {
                        return;
                    }
                    Estimate e = config.llmCost()
                            .pricePerHour(price)
                            .utilization(u)
                            .electricityPerKwh(usdPerKwh)
                            .estimate();
                    InferencePerformance perf = config.perf();
                    GpuPricing pricing = GpuPricing.of(price).withUtilization(u);
                    int gpus = config.setup().gpus();
                    String what = config.toString();
                    assertThat(e.performance()).as(what).isEqualTo(perf);
                    assertThat(e.pricing()).as(what).contains(pricing);
                    assertThat(e.timeToFirstToken()).as(what).isEqualTo(perf.timeToFirstToken());
                    assertThat(e.timePerOutputToken()).as(what).isEqualTo(perf.timePerOutputToken());
                    assertThat(e.requestLatency()).as(what).isEqualTo(perf.requestLatency());
                    assertThat(e.decodeTokensPerSecond()).as(what).isEqualTo(perf.decodeTokensPerSecond());
                    assertThat(e.maxConcurrentSessions()).as(what).isEqualTo(perf.maxConcurrentSessions());
                    // devices x price / (3600 x tokens/s x utilization), a million times
                    assertThat(e.costPerMillionUncachedInputTokens())
                            .as(what)
                            .isEqualTo(pricing.costPerToken(perf.prefillTokensPerSecond())
                                    .multipliedBy(gpus)
                                    .multipliedBy(1e6));
                    assertThat(e.costPerMillionOutputTokens())
                            .as(what)
                            .isEqualTo(pricing.costPerToken(perf.decodeTokensPerSecond())
                                    .multipliedBy(gpus)
                                    .multipliedBy(1e6));
                    // devices x TDP / tokens/s
                    assertThat(e.joulesPerOutputToken())
                            .as(what)
                            .isEqualTo(gpus * config.setup().chip().tdpWatts() / perf.decodeTokensPerSecond());
                    assertThat(e.tensorParallel()).as(what).isEqualTo(gpus);
                    assertThatCode(e::toString).as(what).doesNotThrowAnyException();
                });
    }

    @Test
    void estimateDefaultsToTheChipsRentalPrice() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(configs()).checkAssert(config -> {
            Estimate e = config.llmCost().estimate();
            if (config.setup().chip().rentalUsdPerHour().isPresent()) {
                assertThat(e.pricing()).contains(GpuPricing.of(config.setup().chip()));
            } else {
                // no invented price: a chip without one gives no cost
                assertThat(e.pricing()).isEmpty();
            }
        });
    }

    /** A prompt wholly cached is a valid workload ({@link LlmCost.Builder#sharedPrefixTokens} allows the prompt). */
    @Test
    void estimateOfAWhollyCachedPromptAnswers() {
        assertThatCode(() -> LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                        .promptTokens(1024)
                        .sharedPrefixTokens(1024)
                        .estimate())
                .doesNotThrowAnyException();
    }
}
