package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * {@link LlmCost.Builder#estimate()} computes from a static table of compiled configurations; every figure of an
 * {@link Estimate} must still equal what an {@link InferencePerformance} built from scratch with the same inputs gives,
 * priced and powered by the formulas written out here ({@code devices x price / (3600 x tokens/s x utilization)}, {@code
 * devices x TDP / tokens/s}), however estimates of other configurations came before (the table hit, missed, or
 * replaced by a colliding configuration).
 *
 * <p>Tolerance: doubles are compared within a relative 10<sup>-12</sup> of the expected value ({@code CLOSE}), softly:
 * every mismatch of a run is collected and reported together, each with its description. The estimate sums the same
 * terms as the built performance; costs and energy divide in another order ({@code prefill tokens / seconds} against
 * {@code tokens / Seconds}), which may round a few ulps apart.
 */
class EstimateCompiledTest {
    /** A relative 10<sup>-12</sup>. */
    private static final Percentage CLOSE = withinPercentage(1e-10);

    private static final List<ModelSpec> MODELS = List.of(
            ModelPresets.ARTICLE_7B_CLASS,
            ModelPresets.LLAMA_3_2_1B,
            ModelPresets.LLAMA_3_1_8B,
            ModelPresets.LLAMA_3_1_70B,
            ModelPresets.QWEN3_30B_A3B,
            ModelPresets.MISTRAL_7B_V0_1,
            ModelPresets.MIXTRAL_8X7B,
            ModelPresets.GEMMA_2_9B,
            ModelPresets.LFM2_1_2B,
            ModelPresets.DEEPSEEK_V3,
            ModelPresets.GPT_2);
    private static final List<HardwareSpec> CHIPS = List.of(
            HardwarePresets.H100_SXM, HardwarePresets.A100_80GB, HardwarePresets.L4, HardwarePresets.APPLE_M2_ULTRA);

    /** Weight, activation (compute) and KV-cache formats; W8A8 has no path on the M2 Ultra. */
    private record Formats(NumericFormat weights, NumericFormat activations, NumericFormat kv) {}

    private static final List<Formats> FORMATS = List.of(
            new Formats(NumericFormat.BF16, NumericFormat.BF16, NumericFormat.BF16),
            new Formats(NumericFormat.INT4, NumericFormat.BF16, NumericFormat.INT8),
            new Formats(NumericFormat.INT8, NumericFormat.INT8, NumericFormat.INT8));

    /** Efficiency.of builds a new instance each time: equal to the second, not the same. */
    private static final List<Efficiency> EFFICIENCIES =
            List.of(Efficiency.DEFAULT, Efficiency.of(0.4, 0.6), Efficiency.of(0.4, 0.6));

    /** What the table is keyed by. */
    private record Config(
            ModelSpec model,
            HardwareSpec chip,
            Convention convention,
            Formats formats,
            int gpus,
            Efficiency efficiency) {}

    /** One estimate: a configuration and everything the table is not keyed by. */
    private record Case(
            Config config,
            long prompt,
            long output,
            int batch,
            long shared,
            Optional<Double> usdPerHour,
            double utilization,
            double usdPerKwh) {
        Workload workload() {
            return Workload.of(prompt, output).withBatchSize(batch).withSharedPrefixTokens(shared);
        }

        LlmCost.Builder builder() {
            LlmCost.Builder b = LlmCost.model(config.model())
                    .hardware(config.chip())
                    .tensorParallel(config.gpus())
                    .convention(config.convention())
                    .efficiency(config.efficiency())
                    .promptTokens(prompt)
                    .outputTokens(output)
                    .batchSize(batch)
                    .sharedPrefixTokens(shared)
                    .weights(config.formats().weights())
                    .activations(config.formats().activations())
                    .kvCache(config.formats().kv())
                    .utilization(utilization)
                    .electricityPerKwh(usdPerKwh);
            usdPerHour.ifPresent(b::pricePerHour);
            return b;
        }

        /** The same inputs built from scratch. */
        InferencePerformance performance() {
            return InferencePerformance.builder()
                    .model(config.model())
                    .hardware(config.chip())
                    .workload(workload())
                    .formats(io.github.llmcost.core.Formats.of(
                            config.formats().weights(),
                            config.formats().activations(),
                            config.formats().kv()))
                    .convention(config.convention())
                    .efficiency(config.efficiency())
                    .tensorParallel(config.gpus())
                    .frameworkOverheadPerDevice(InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD)
                    .build();
        }

        /** The price given, else the chip's; none for a chip without one. */
        Optional<GpuPricing> pricing() {
            Optional<GpuPricing> base = usdPerHour.isPresent()
                    ? usdPerHour.map(GpuPricing::of)
                    : config.chip().rentalUsdPerHour().isPresent()
                            ? Optional.of(GpuPricing.of(config.chip()))
                            : Optional.empty();
            return base.map(p -> p.withUtilization(utilization));
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s on %dx %s, %s, %s, %s: prompt %d, output %d, batch %d, shared %d",
                    config.model().name(),
                    config.gpus(),
                    config.chip().name(),
                    config.convention(),
                    config.formats(),
                    config.efficiency(),
                    prompt,
                    output,
                    batch,
                    shared);
        }
    }

    private static List<Config> configs() {
        List<Config> out = new ArrayList<>();
        int i = 0;
        for (ModelSpec model : MODELS) {
            for (HardwareSpec chip : CHIPS) {
                for (Formats formats : FORMATS) {
                    for (int gpus : new int[] {1, 2, 4}) {
                        if (gpus > 1 && chip.interconnectBandwidth().toBytesPerSecond() == 0) {
                            continue;
                        }
                        for (Efficiency efficiency : EFFICIENCIES) {
                            Convention convention = i++ % 3 == 0 ? Convention.ARTICLE : Convention.EXACT;
                            out.add(new Config(model, chip, convention, formats, gpus, efficiency));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Prompts, batches and shared prefixes (none or half the prompt), with prices varied alongside. */
    private static List<Case> cases(Config config, int seed) {
        List<Case> out = new ArrayList<>();
        int i = seed;
        for (long prompt : new long[] {1, 100, 4096}) {
            for (int batch : new int[] {1, 8, 64}) {
                for (long shared : new long[] {0, (prompt + 1) / 2}) {
                    out.add(new Case(
                            config,
                            prompt,
                            new long[] {1, 300, 2048}[i % 3],
                            batch,
                            shared,
                            i % 2 == 0 ? Optional.empty() : Optional.of(1.75),
                            i % 4 == 3 ? 0.5 : 1.0,
                            i % 5 == 0 ? 0.0 : 0.13));
                    i++;
                }
            }
        }
        return out;
    }

    /** Every figure of an estimate against the same inputs built from scratch. */
    private static void check(SoftAssertions softly, Case c, Estimate e) {
        String what = c.toString();
        InferencePerformance perf = c.performance();
        int gpus = c.config().gpus();
        softly.assertThat(e.timeToFirstToken().toSeconds())
                .as(what + " timeToFirstToken")
                .isCloseTo(perf.timeToFirstToken().toSeconds(), CLOSE);
        softly.assertThat(e.timePerOutputToken().toSeconds())
                .as(what + " timePerOutputToken")
                .isCloseTo(perf.timePerOutputToken().toSeconds(), CLOSE);
        softly.assertThat(e.requestLatency().toSeconds())
                .as(what + " requestLatency")
                .isCloseTo(perf.requestLatency().toSeconds(), CLOSE);
        softly.assertThat(e.decodeTokensPerSecond())
                .as(what + " decodeTokensPerSecond")
                .isCloseTo(perf.decodeTokensPerSecond(), CLOSE);
        softly.assertThat(e.decodeTokensPerSecondPerUser())
                .as(what + " decodeTokensPerSecondPerUser")
                .isCloseTo(perf.decodeTokensPerSecondPerUser(), CLOSE);
        softly.assertThat(e.maxConcurrentSessions())
                .as(what + " maxConcurrentSessions")
                .isEqualTo(perf.maxConcurrentSessions());
        softly.assertThat(e.memory()).as(what + " memory").isEqualTo(perf.memory());
        Optional<GpuPricing> pricing = c.pricing();
        if (pricing.isPresent()) {
            GpuPricing p = pricing.get();
            softly.assertThat(e.costPerMillionUncachedInputTokens().toUsd())
                    .as(what + " costPerMillionUncachedInputTokens")
                    .isCloseTo(
                            gpus
                                    * p.usdPerDeviceHour()
                                    / (3600 * perf.prefillTokensPerSecond() * p.utilization())
                                    * 1e6,
                            CLOSE);
            softly.assertThat(e.costPerMillionOutputTokens().toUsd())
                    .as(what + " costPerMillionOutputTokens")
                    .isCloseTo(
                            gpus * p.usdPerDeviceHour() / (3600 * perf.decodeTokensPerSecond() * p.utilization()) * 1e6,
                            CLOSE);
        } else {
            assertThatIllegalStateException()
                    .isThrownBy(e::costPerMillionOutputTokens)
                    .withMessageContaining("no rental price");
        }
        double joules = gpus * c.config().chip().tdpWatts() / perf.decodeTokensPerSecond();
        softly.assertThat(e.joulesPerOutputToken())
                .as(what + " joulesPerOutputToken")
                .isCloseTo(joules, CLOSE);
        softly.assertThat(e.electricityCostPerMillionOutputTokens().toUsd())
                .as(what + " electricityCostPerMillionOutputTokens")
                .isCloseTo(joules * 1e6 / 3.6e6 * c.usdPerKwh(), CLOSE);
        softly.assertThat(e.prefillFlops().toFlops())
                .as(what + " prefillFlops")
                .isCloseTo(perf.prefill().flops().toFlops() * gpus, CLOSE);
        softly.assertThat(e.prefillFlops().toFlops())
                .as(what + " prefillFlops vs FlopCounter")
                .isCloseTo(
                        FlopCounter.of(c.config().model(), c.config().convention())
                                .prefill(c.workload())
                                .total()
                                .toFlops(),
                        CLOSE);
        softly.assertThat(e.decodeStepFlops().toFlops())
                .as(what + " decodeStepFlops")
                .isCloseTo(perf.decode().flops().toFlops() * gpus, CLOSE);
        softly.assertThat(e.performance()).as(what + " performance").isEqualTo(perf);
        softly.assertThat(e.workload()).as(what + " workload").isEqualTo(c.workload());
        softly.assertThat(e.pricing()).as(what + " pricing").isEqualTo(c.pricing());
        softly.assertThat(e.tensorParallel()).as(what + " gpus").isEqualTo(gpus);
        softly.assertThat(e.convention())
                .as(what + " convention")
                .isEqualTo(c.config().convention());
        softly.assertThat(e.model()).as(what + " model").isEqualTo(c.config().model());
        softly.assertThat(e.hardware())
                .as(what + " hardware")
                .isEqualTo(c.config().chip());
    }

    @Test
    void estimatesEqualPerformanceBuiltFromScratch() {
        List<Config> configs = configs();
        // every configuration with three of its workloads, shuffled so that consecutive estimates switch
        // configurations; then again in another order with three other workloads: the table (256 slots, fewer than
        // the configurations) is hit, missed and overwritten in every way
        List<Case> cases = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            List<Case> roundCases = new ArrayList<>();
            for (int k = 0; k < configs.size(); k++) {
                List<Case> all = cases(configs.get(k), k + round);
                for (int j = 0; j < 3; j++) {
                    roundCases.add(all.get((k * 7 + j * 5 + round * 3) % all.size()));
                }
            }
            Collections.shuffle(roundCases, new Random(round + 42));
            cases.addAll(roundCases);
        }
        // and some runs of one configuration in a row, which hit the table
        for (int k = 0; k < configs.size(); k += 17) {
            cases.addAll(cases(configs.get(k), k));
        }

        SoftAssertions softly = new SoftAssertions();
        int estimates = 0;
        int rejected = 0;
        for (Case c : cases) {
            Estimate e = c.builder().estimate();
            if (!e.isFeasible()) {
                // only configurations that cannot run; building from scratch agrees on why
                if (e.feasibility().bindingLimit().orElseThrow() == Limit.COMPUTE_FORMAT) {
                    assertThatIllegalArgumentException().isThrownBy(c::performance);
                } else {
                    assertThat(e.feasibility()).isEqualTo(c.performance().feasibility());
                }
                rejected++;
                continue;
            }
            estimates++;
            check(softly, c, e);
            // every estimate of one deployment reuses its compiled form
            assertThat(e.withWorkload(c.workload().withBatchSize(1)).compiled()).isSameAs(e.compiled());
        }
        assertThat(rejected).isPositive();
        assertThat(estimates).isGreaterThan(5000);
        softly.assertAll();
    }

    private static LlmCost.Builder llama() {
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(2048)
                .outputTokens(512)
                .batchSize(16)
                .sharedPrefixTokens(512);
    }

    @Test
    void theDetailObjectsAreTheSameInputsBuiltFromScratchAndBuiltOnce() {
        for (Efficiency efficiency : List.of(Efficiency.DEFAULT, Efficiency.of(0.4, 0.6))) {
            for (int gpus : new int[] {1, 2}) {
                Estimate e = llama().efficiency(efficiency).tensorParallel(gpus).estimate();
                InferencePerformance fresh = InferencePerformance.builder()
                        .model(ModelPresets.LLAMA_3_1_8B)
                        .hardware(HardwarePresets.H100_SXM)
                        .workload(Workload.builder()
                                .promptTokens(2048)
                                .outputTokens(512)
                                .batchSize(16)
                                .sharedPrefixTokens(512)
                                .build())
                        .efficiency(efficiency)
                        .tensorParallel(gpus)
                        .build();
                assertThat(e.compiled()).isSameAs(e.compiled());
                assertThat(e.performance()).isEqualTo(fresh);
                assertThat(e.performance()).isSameAs(e.performance());
                assertThat(e.memory()).isSameAs(e.memory()).isEqualTo(fresh.memory());
                assertThat(e.prefill().time()).isEqualTo(fresh.prefill().time());
                assertThat(e.decode().time()).isEqualTo(fresh.decode().time());
                assertThat(e.compiled().template().model()).isSameAs(ModelPresets.LLAMA_3_1_8B);
                // another estimate of the same deployment reuses its compiled form; an equal deployment built again
                // compiles its own, with the same figures
                Estimate again = e.withBatchSize(16);
                assertThat(again.compiled()).isSameAs(e.compiled());
                assertThat(again.performance()).isEqualTo(e.performance()).isNotSameAs(e.performance());
                Estimate rebuilt =
                        llama().efficiency(efficiency).tensorParallel(gpus).estimate();
                assertThat(rebuilt.deployment()).isEqualTo(e.deployment());
                assertThat(rebuilt.timeToFirstToken()).isEqualTo(e.timeToFirstToken());
            }
        }
    }

    @Test
    void estimatesThatDifferOnlyInEfficiencyDiffer() {
        Estimate standard = llama().efficiency(Efficiency.DEFAULT).estimate();
        Estimate slower = llama().efficiency(Efficiency.of(0.4, 0.6)).estimate();
        Estimate standardAgain = llama().efficiency(Efficiency.of(0.5, 0.7)).estimate();
        assertThat(slower.timeToFirstToken()).isGreaterThan(standard.timeToFirstToken());
        assertThat(slower.timePerOutputToken()).isGreaterThan(standard.timePerOutputToken());
        assertThat(slower.costPerMillionOutputTokens()).isGreaterThan(standard.costPerMillionOutputTokens());
        assertThat(slower.performance().efficiency()).isEqualTo(Efficiency.of(0.4, 0.6));
        // an equal efficiency, not the same instance: the same figures
        assertThat(standardAgain.timeToFirstToken()).isEqualTo(standard.timeToFirstToken());
        assertThat(standardAgain.timePerOutputToken()).isEqualTo(standard.timePerOutputToken());
        assertThat(standardAgain.performance()).isEqualTo(standard.performance());
    }

    @Test
    void configurationsThatShareATableSlotDoNotMix() {
        // framework overhead is compared but not hashed: these two land in the same slot and replace each other
        Bytes large = Bytes.ofGigabytes(20);
        for (int round = 0; round < 3; round++) {
            Estimate standard = llama().estimate();
            Estimate heavy = llama().frameworkOverhead(large).estimate();
            InferencePerformance heavyFresh = InferencePerformance.builder()
                    .from(standard.performance())
                    .frameworkOverheadPerDevice(large)
                    .build();
            assertThat(heavy.memory()).isEqualTo(heavyFresh.memory());
            assertThat(heavy.maxConcurrentSessions()).isLessThan(standard.maxConcurrentSessions());
            assertThat(heavy.performance()).isEqualTo(heavyFresh);
            assertThat(standard.performance().frameworkOverheadPerDevice())
                    .isEqualTo(InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD);
        }
    }

    @Test
    void invalidConfigurationsAreRejectedEvenAfterAValidOneWasCached() {
        for (HardwareSpec chip : List.of(HardwarePresets.H100_SXM, HardwarePresets.APPLE_M2_ULTRA)) {
            Estimate valid =
                    LlmCost.model(ModelPresets.LLAMA_3_2_1B).hardware(chip).estimate();
            assertThat(valid.withPromptTokens(2048).compiled()).isSameAs(valid.compiled());
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                            .hardware(chip)
                            .tensorParallel(0)
                            .estimate())
                    .withMessageContaining("tensorParallel (0)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                            .hardware(chip)
                            .tensorParallel(-2)
                            .estimate())
                    .withMessageContaining("tensorParallel (-2)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                            .hardware(chip)
                            .electricityPerKwh(-0.01)
                            .estimate())
                    .withMessageContaining("electricityPerKwh (-0.01)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                            .hardware(chip)
                            .utilization(0)
                            .estimate())
                    .withMessageContaining("utilization");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                            .hardware(chip)
                            .pricePerHour(-1)
                            .estimate())
                    .withMessageContaining("pricePerHour");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                            .hardware(chip)
                            .sharedPrefixTokens(5000)
                            .estimate())
                    .withMessageContaining("sharedPrefixTokens (5000)");
        }
        // the M2 Ultra has no interconnect, nor an INT8 path
        // (configurations that cannot run, not bad input: estimated as infeasible, never priced)
        assertThat(LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                        .hardware(HardwarePresets.APPLE_M2_ULTRA)
                        .tensorParallel(2)
                        .estimate()
                        .feasibility()
                        .bindingLimit())
                .contains(Limit.INTERCONNECT);
        assertThat(LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                        .hardware(HardwarePresets.APPLE_M2_ULTRA)
                        .activations(NumericFormat.INT8)
                        .estimate()
                        .feasibility()
                        .bindingLimit())
                .contains(Limit.COMPUTE_FORMAT);
        // and the valid configuration still estimates from the table afterwards
        Estimate after = LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                .hardware(HardwarePresets.APPLE_M2_ULTRA)
                .estimate();
        assertThat(after.performance())
                .isEqualTo(InferencePerformance.builder()
                        .model(ModelPresets.LLAMA_3_2_1B)
                        .hardware(HardwarePresets.APPLE_M2_ULTRA)
                        .workload(Workload.of(1024, 256))
                        .calibration(CalibratedEfficiencies.forHardware(HardwarePresets.APPLE_M2_ULTRA))
                        .build());
    }
}
