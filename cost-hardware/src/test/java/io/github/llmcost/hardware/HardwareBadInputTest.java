package io.github.llmcost.hardware;

import static io.github.llmcost.testing.BadInputContract.bad;
import static io.github.llmcost.testing.BadInputContract.doubles;
import static io.github.llmcost.testing.BadInputContract.missing;
import static io.github.llmcost.testing.BadValues.negativeOrNotFinite;
import static io.github.llmcost.testing.BadValues.notAFraction;
import static io.github.llmcost.testing.BadValues.notPositive;
import static io.github.llmcost.testing.BadValues.notPositiveInts;
import static io.github.llmcost.testing.BadValues.notPositiveLongs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.testing.BadInputContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Bad input to the hardware module fails fast: every invalid value is an {@link IllegalArgumentException} whose
 * message names the quantity and its value; a missing required builder field is an {@link IllegalStateException}
 * naming it. Extreme but valid inputs give finite answers, and a model too large for its chip is an answer (it does
 * not fit, no sessions), not an exception.
 *
 * <p>Negative, NaN and infinite peaks, bandwidths and capacities cannot reach {@link HardwareSpec}: the quantity types
 * ({@link FlopRate}, {@link Bandwidth}, {@link Bytes}) reject them first, naming their own argument; zero gets through
 * them and {@link HardwareSpec}'s own check names the field.
 */
class HardwareBadInputTest implements BadInputContract {
    private static final ModelSpec MODEL = ModelPresets.LLAMA_3_1_8B;

    /** A valid chip but for its peaks: add at least one. */
    private static HardwareSpec.Builder chipWithoutPeaks() {
        return HardwareSpec.builder()
                .name("test chip")
                .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(1000))
                .memoryCapacity(Bytes.ofGigabytes(80))
                .tdpWatts(300);
    }

    /** A valid chip: 100 TFLOPS at BF16. */
    private static HardwareSpec.Builder chip() {
        return chipWithoutPeaks().putPeakFlops(NumericFormat.BF16, FlopRate.ofTeraflops(100));
    }

    private static InferencePerformance.Builder perf() {
        return InferencePerformance.builder()
                .model(MODEL)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(1000, 100));
    }

    private static String[] withAll(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toArray(String[]::new);
    }

    private static List<String> formatNames(HardwareSpec chip) {
        return chip.peakFlops().keySet().stream().map(Enum::name).toList();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HardwareSpec
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> hardwareSpecFields() {
        return Stream.of(
                        Stream.of(
                                bad(
                                        "no peakFlops at all",
                                        () -> chipWithoutPeaks().build(),
                                        "peakFlops",
                                        "test chip"),
                                bad(
                                        "peakFlops of zero",
                                        () -> chip().putPeakFlops(NumericFormat.FP8_E4M3, FlopRate.ZERO)
                                                .build(),
                                        "peakFlops[FP8_E4M3] (0.0)"),
                                bad(
                                        "peakFlops(FlopRate.ofTeraflops(0)) as the only peak",
                                        () -> chipWithoutPeaks()
                                                .putPeakFlops(NumericFormat.INT8, FlopRate.ofTeraflops(0))
                                                .build(),
                                        "peakFlops[INT8] (0.0)"),
                                bad(
                                        "memoryBandwidth of zero",
                                        () -> chip().memoryBandwidth(Bandwidth.ZERO)
                                                .build(),
                                        "memoryBandwidth (0.0)"),
                                bad(
                                        "memoryCapacity of zero",
                                        () -> chip().memoryCapacity(Bytes.ZERO).build(),
                                        "memoryCapacity (0.0)"),
                                bad("blank name", () -> chip().name("  ").build(), "name (\"  \")"),
                                bad("empty name", () -> chip().name("").build(), "name (\"\")")),
                        doubles(
                                "FlopRate.of",
                                "flopsPerSecond",
                                negativeOrNotFinite(),
                                v -> () -> chip().putPeakFlops(NumericFormat.FP8_E4M3, FlopRate.of(v))
                                        .build()),
                        doubles(
                                "FlopRate.ofTeraflops",
                                "teraflopsPerSecond",
                                negativeOrNotFinite(),
                                v -> () -> chip().putPeakFlops(NumericFormat.FP8_E4M3, FlopRate.ofTeraflops(v))
                                        .build()),
                        doubles(
                                "Bandwidth.of",
                                "bytesPerSecond",
                                negativeOrNotFinite(),
                                v -> () ->
                                        chip().memoryBandwidth(Bandwidth.of(v)).build()),
                        doubles(
                                "Bandwidth.ofGigabytesPerSecond",
                                "gigabytesPerSecond",
                                negativeOrNotFinite(),
                                v -> () -> chip().memoryBandwidth(Bandwidth.ofGigabytesPerSecond(v))
                                        .build()),
                        doubles(
                                "interconnectBandwidth Bandwidth.of",
                                "bytesPerSecond",
                                negativeOrNotFinite(),
                                v -> () -> chip().interconnectBandwidth(Bandwidth.of(v))
                                        .build()),
                        doubles(
                                "Bytes.of",
                                "bytes",
                                negativeOrNotFinite(),
                                v -> () -> chip().memoryCapacity(Bytes.of(v)).build()),
                        doubles(
                                "Bytes.ofGibibytes",
                                "gibibytes",
                                negativeOrNotFinite(),
                                v -> () -> chip().memoryCapacity(Bytes.ofGibibytes(v))
                                        .build()),
                        doubles(
                                "tdpWatts",
                                "tdpWatts",
                                notPositive(),
                                v -> () -> chip().tdpWatts(v).build()),
                        doubles(
                                "rentalUsdPerHour",
                                "rentalUsdPerHour",
                                notPositive(),
                                v -> () -> chip().rentalUsdPerHour(v).build()))
                .flatMap(s -> s);
    }

    static Stream<Arguments> hardwareSpecMethods() {
        HardwareSpec a100 = HardwarePresets.A100_80GB;
        HardwareSpec h100 = HardwarePresets.H100_SXM;
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad(
                "FP8 peak on an A100",
                () -> a100.peak(NumericFormat.FP8_E4M3),
                withAll("compute format (FP8_E4M3)", concat(List.of("NVIDIA A100 80GB"), formatNames(a100)))));
        cases.add(bad(
                "FP8_E5M2 ridge point on an A100",
                () -> a100.ridgePointFlopsPerByte(NumericFormat.FP8_E5M2),
                withAll("compute format (FP8_E5M2)", concat(List.of("NVIDIA A100 80GB"), formatNames(a100)))));
        cases.add(bad(
                "FP4 attainable on an H100",
                () -> h100.attainable(NumericFormat.FP4, 1),
                withAll("compute format (FP4)", concat(List.of("NVIDIA H100 SXM"), formatNames(h100)))));
        cases.add(bad(
                "Roofline at FP8 on Apple M2 Ultra",
                () -> Roofline.of(HardwarePresets.APPLE_M2_ULTRA, NumericFormat.FP8_E4M3, Efficiency.PEAK),
                "compute format (FP8_E4M3)",
                "Apple M2 Ultra",
                "FP32",
                "BF16",
                "FP16"));
        Roofline roof = Roofline.of(h100, NumericFormat.BF16, Efficiency.DEFAULT);
        for (double v : negativeOrNotFinite()) {
            cases.add(bad(
                    "attainable(BF16, " + v + ")",
                    () -> h100.attainable(NumericFormat.BF16, v),
                    "flopsPerByte (" + v + ")"));
            cases.add(bad("Roofline.attainable(" + v + ")", () -> roof.attainable(v), "flopsPerByte (" + v + ")"));
        }
        cases.add(bad(
                "unknown preset id",
                () -> HardwarePresets.byId("tpu-v9"),
                withAll("hardware preset (tpu-v9)", HardwarePresets.ids())));
        return cases.stream();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Efficiency and InferencePerformance
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> efficiencies() {
        double[] outside = notAFraction();
        return Stream.concat(
                doubles("Efficiency.of(v, 0.5)", "computeFraction", outside, v -> () -> Efficiency.of(v, 0.5)),
                doubles("Efficiency.of(0.5, v)", "bandwidthFraction", outside, v -> () -> Efficiency.of(0.5, v)));
    }

    static Stream<Arguments> inferencePerformance() {
        List<Arguments> cases = new ArrayList<>();
        for (int v : notPositiveInts()) {
            cases.add(bad(
                    "tensorParallel(" + v + ")", () -> perf().tensorParallel(v).build(), "tensorParallel (" + v + ")"));
            cases.add(bad(
                    "prefillChunkTokens(" + v + ")",
                    () -> perf().prefillChunkTokens(v).build(),
                    "prefillChunkTokens (" + v + ")"));
            cases.add(bad("batchSweep(" + v + ")", () -> perf().build().batchSweep(v), "maxBatch (" + v + ")"));
        }
        for (long v : notPositiveLongs()) {
            cases.add(bad("decodeStep(" + v + ")", () -> perf().build().decodeStep(v), "contextTokens (" + v + ")"));
            cases.add(bad(
                    "timePerOutputToken(" + v + ")",
                    () -> perf().build().timePerOutputToken(v),
                    "contextTokens (" + v + ")"));
        }
        for (HardwareSpec chip : List.of(HardwarePresets.APPLE_M2_ULTRA, HardwarePresets.SNAPDRAGON_8_ELITE_CPU)) {
            cases.add(bad(
                    "tensorParallel(2) on " + chip.name(),
                    () -> perf().hardware(chip).tensorParallel(2).build(),
                    "tensorParallel (2)",
                    chip.name(),
                    "interconnect"));
        }
        cases.add(bad(
                "FP8 activations on an A100",
                () -> perf().hardware(HardwarePresets.A100_80GB)
                        .workload(Workload.builder()
                                .promptTokens(1000)
                                .outputTokens(100)
                                .build())
                        .formats(Formats.BF16.withActivations(NumericFormat.FP8_E4M3))
                        .build(),
                withAll(
                        "compute format (FP8_E4M3)",
                        concat(List.of("NVIDIA A100 80GB"), formatNames(HardwarePresets.A100_80GB)))));
        cases.add(bad(
                "FP4 activations on an H100",
                () -> perf().workload(Workload.builder()
                                .promptTokens(1000)
                                .outputTokens(100)
                                .build())
                        .formats(Formats.BF16.withActivations(NumericFormat.FP4))
                        .build(),
                "compute format (FP4)",
                "NVIDIA H100 SXM"));
        return cases.stream();
    }

    static Stream<Arguments> rejected() {
        return Stream.of(hardwareSpecFields(), hardwareSpecMethods(), efficiencies(), inferencePerformance())
                .flatMap(s -> s);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The boundaries just inside
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("tdpWatts(Double.MIN_VALUE)", (ThrowingCallable)
                        () -> chip().tdpWatts(Double.MIN_VALUE).build()),
                Arguments.of("no rental price", (ThrowingCallable) () -> chip().build()),
                Arguments.of("interconnect of zero", (ThrowingCallable)
                        () -> chip().interconnectBandwidth(Bandwidth.ZERO).build()),
                Arguments.of("peak of one FLOP/s", (ThrowingCallable) () -> chipWithoutPeaks()
                        .putPeakFlops(NumericFormat.INT4, FlopRate.of(1))
                        .build()),
                Arguments.of("Efficiency.of(1, 1)", (ThrowingCallable) () -> Efficiency.of(1, 1)),
                Arguments.of("Efficiency.of(Double.MIN_VALUE, Double.MIN_VALUE)", (ThrowingCallable)
                        () -> Efficiency.of(Double.MIN_VALUE, Double.MIN_VALUE)),
                Arguments.of("attainable(BF16, 0)", (ThrowingCallable)
                        () -> HardwarePresets.H100_SXM.attainable(NumericFormat.BF16, 0)),
                Arguments.of("FP16 peak on a chip that only lists BF16", (ThrowingCallable)
                        () -> chip().build().peak(NumericFormat.FP16)),
                Arguments.of("tensorParallel(1) on Apple M2 Ultra", (ThrowingCallable)
                        () -> perf().hardware(HardwarePresets.APPLE_M2_ULTRA).build()),
                Arguments.of("prefillChunkTokens(1)", (ThrowingCallable)
                        () -> perf().prefillChunkTokens(1).build().memory()),
                Arguments.of(
                        "decodeStep(1)", (ThrowingCallable) () -> perf().build().decodeStep(1)),
                Arguments.of(
                        "batchSweep(1)", (ThrowingCallable) () -> perf().build().batchSweep(1)),
                Arguments.of("byId(\" H100-SXM \")", (ThrowingCallable) () -> HardwarePresets.byId(" H100-SXM ")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Missing required fields
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> missingRequiredFields() {
        Map<String, Consumer<HardwareSpec.Builder>> chip = new LinkedHashMap<>();
        chip.put("name", b -> b.name("chip"));
        chip.put("memoryBandwidth", b -> b.memoryBandwidth(Bandwidth.ofGigabytesPerSecond(1000)));
        chip.put("memoryCapacity", b -> b.memoryCapacity(Bytes.ofGigabytes(80)));
        chip.put("tdpWatts", b -> b.tdpWatts(300));
        Map<String, Consumer<InferencePerformance.Builder>> perf = new LinkedHashMap<>();
        perf.put("model", b -> b.model(MODEL));
        perf.put("hardware", b -> b.hardware(HardwarePresets.H100_SXM));
        perf.put("workload", b -> b.workload(Workload.of(1000, 100)));
        return Stream.concat(
                missing(
                        "HardwareSpec",
                        () -> HardwareSpec.builder().putPeakFlops(NumericFormat.BF16, FlopRate.ofTeraflops(100)),
                        chip,
                        HardwareSpec.Builder::build),
                missing(
                        "InferencePerformance",
                        InferencePerformance::builder,
                        perf,
                        InferencePerformance.Builder::build));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Extremes
    // ---------------------------------------------------------------------------------------------------------------

    private static void assertFinitePositive(String what, Seconds time) {
        assertThat(time.toSeconds()).as(what).isFinite().isPositive();
    }

    @Test
    void tokensOfAPassBeyondALongAreRejectedByName() {
        InferencePerformance perf = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_2_1B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.builder()
                        .promptTokens(Long.MAX_VALUE / 4)
                        .outputTokens(0)
                        .batchSize(8)
                        .build())
                .build();
        assertThatIllegalArgumentException()
                .isThrownBy(perf::timeToFirstToken)
                .withMessageContaining("tokens of the pass (new tokens x batch size) overflows a long");
        assertThatIllegalArgumentException()
                .isThrownBy(perf::maxConcurrentSessions)
                .withMessageContaining("prompt tokens of the batch (prompt x batch size) overflows a long");
    }

    @Test
    void largestModelAtTenMillionTokensGivesFiniteTimes() {
        long context = 10_000_000;
        for (Convention convention : Convention.values()) {
            for (int devices : new int[] {1, 8}) {
                InferencePerformance perf = InferencePerformance.builder()
                        .model(ModelPresets.LLAMA_3_1_405B)
                        .hardware(HardwarePresets.H100_SXM)
                        .workload(Workload.of(context - 1000, 1000))
                        .convention(convention)
                        .tensorParallel(devices)
                        .build();
                String what = convention + " on " + devices + " H100";
                assertFinitePositive(what + ": time to first token", perf.timeToFirstToken());
                assertFinitePositive(what + ": time per output token", perf.timePerOutputToken());
                assertFinitePositive(what + ": decode step at 10M", perf.timePerOutputToken(context));
                assertFinitePositive(what + ": request latency", perf.requestLatency());
                assertThat(perf.prefill().flops().toFlops())
                        .as(what + ": prefill FLOPs per device, beyond a long")
                        .isFinite()
                        .isGreaterThan((double) Long.MAX_VALUE / devices);
                assertThat(perf.decodeTokensPerSecond()).as(what).isFinite().isPositive();
                assertThat(perf.prefillTokensPerSecond()).as(what).isFinite().isPositive();
                assertThat(perf.decodeStep(context).bytes().toBytes())
                        .as(what)
                        .isFinite()
                        .isPositive();
                assertThat(perf.memory().kvCachePerSession().toBytes())
                        .as(what)
                        .isFinite()
                        .isPositive();
                assertThat(perf.maxConcurrentSessions()).as(what).isZero();
                assertThatCode(perf::toString).as(what).doesNotThrowAnyException();
                assertThatCode(() -> perf.batchSweep(1024).toString()).as(what).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void modelThatDoesNotFitIsAnAnswerNotAnException() {
        InferencePerformance perf = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_405B)
                .hardware(HardwarePresets.L4)
                .workload(Workload.of(4096, 512))
                .build();
        MemoryBudget memory = perf.memory();
        assertThat(memory.fits()).isFalse();
        assertThat(memory.kvCacheBudget()).isEqualTo(Bytes.ZERO);
        assertThat(memory.maxConcurrentSessions()).isZero();
        assertThat(perf.maxConcurrentSessions()).isZero();
        assertThat(memory.weights()).isGreaterThan(memory.capacity());
        BatchSweep sweep = perf.batchSweep(64);
        assertThat(sweep.limit()).isEqualTo(BatchSweep.Limit.MEMORY);
        assertThat(sweep.points()).isEmpty();
        assertThat(sweep.maxConcurrentSessions()).isZero();
        assertFinitePositive("time to first token", perf.timeToFirstToken());
        assertFinitePositive("time per output token", perf.timePerOutputToken());
        assertThatCode(perf::toString).doesNotThrowAnyException();
        assertThatCode(memory::toString).doesNotThrowAnyException();
    }
}
