package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.LatentAttention;
import io.github.llmcost.core.LayerGroup;
import io.github.llmcost.core.MixtureOfExperts;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.BatchSweep;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Interval;
import io.github.llmcost.hardware.Phase;
import io.github.llmcost.hardware.Placement;
import io.github.llmcost.hardware.Roofline;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.calibration.Calibration;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import io.github.llmcost.hardware.calibration.Evaluation;
import io.github.llmcost.hardware.calibration.Measurement;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every public value type of cost-core, cost-hardware and cost-economics, found by scanning the modules' exported
 * packages, honours the value contract: {@code equals} and {@code hashCode} by value (guava-testlib's
 * {@link EqualsTester}), a readable {@code toString} (never an identity hash), and a null argument that is not
 * {@code @Nullable} to any public factory, constructor, instance method or builder method rejected (guava-testlib's
 * {@link NullPointerTester}: a {@link NullPointerException}, or an {@link UnsupportedOperationException}), other
 * arguments being valid ones. Every failure of a run is reported together (AssertJ soft assertions).
 *
 * <p>A value type is a public record, a public final class that overrides {@code equals}, or a public abstract class
 * that Immutables implements ({@code Immutable<Name>} beside it). Each needs samples in {@link #SAMPLES}: a new value
 * type without samples fails {@link #everyValueTypeHasSamples()}, so none is skipped silently.
 */
class ValueTypeSanityTest {
    /** The exported packages, each named by a class it holds. */
    private static final List<Class<?>> PACKAGES =
            List.of(Flops.class, HardwareSpec.class, ChipCalibration.class, Scheduler.class, Money.class);

    private static ModelSpec model(String name, int layers) {
        return ModelSpec.builder()
                .name(name)
                .hiddenSize(256)
                .numLayers(layers)
                .numAttentionHeads(4)
                .numKeyValueHeads(2)
                .intermediateSize(512)
                .vocabSize(1000)
                .build();
    }

    private static InferencePerformance perf(long promptTokens) {
        return InferencePerformance.builder()
                .model(model("m", 2))
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(promptTokens, 8))
                .build();
    }

    private static Measurement measurement(double value) {
        return Measurement.builder()
                .source("bench")
                .model(model("m", 2))
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(128, 8))
                .decodeTokensPerSecondPerUser(value)
                .build();
    }

    private static HardwareSpec chip(String name) {
        return HardwareSpec.builder()
                .name(name)
                .putPeakFlops(NumericFormat.BF16, FlopRate.ofTeraflops(100))
                .memoryBandwidth(Bandwidth.ofGigabytesPerSecond(1000))
                .memoryCapacity(Bytes.ofGigabytes(24))
                .tdpWatts(300)
                .rentalUsdPerHour(1)
                .build();
    }

    private static SweepPoint sweepPoint(int batch) {
        return Sweep.builder()
                .models(model("m", 2))
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(64)
                .outputTokens(8)
                .batchSizes(batch)
                .build()
                .point(0);
    }

    /** Two equal instances (built separately) and a different one. */
    private record Samples(Supplier<?> a, Supplier<?> different) {}

    private static final Map<Class<?>, Samples> SAMPLES = new LinkedHashMap<>();

    private static <T> void samples(Class<T> type, Supplier<? extends T> a, Supplier<? extends T> different) {
        SAMPLES.put(type, new Samples(a, different));
    }

    static {
        // cost-core
        samples(Bytes.class, () -> Bytes.of(512), () -> Bytes.of(1024));
        samples(Flops.class, () -> Flops.of(2e9), () -> Flops.of(3e9));
        samples(FlopRate.class, () -> FlopRate.ofTeraflops(1), () -> FlopRate.ofTeraflops(2));
        samples(Bandwidth.class, () -> Bandwidth.ofGigabytesPerSecond(1), () -> Bandwidth.ofGigabytesPerSecond(2));
        samples(Seconds.class, () -> Seconds.of(0.5), () -> Seconds.of(0.25));
        samples(
                io.github.llmcost.core.FlopBreakdown.class,
                () -> FlopCounter.of(model("m", 2), Convention.EXACT).prefill(16),
                () -> FlopCounter.of(model("m", 2), Convention.EXACT).prefill(17));
        samples(
                LayerGroup.class,
                () -> new LayerGroup(0, 2, AttentionKind.GLOBAL, false),
                () -> new LayerGroup(0, 2, AttentionKind.NONE, false));
        samples(
                LatentAttention.class,
                () -> LatentAttention.builder()
                        .kvLoraRank(512)
                        .qkNopeHeadDim(128)
                        .qkRopeHeadDim(64)
                        .vHeadDim(128)
                        .build(),
                () -> LatentAttention.builder()
                        .kvLoraRank(256)
                        .qkNopeHeadDim(128)
                        .qkRopeHeadDim(64)
                        .vHeadDim(128)
                        .build());
        samples(MixtureOfExperts.class, () -> MixtureOfExperts.of(8, 2, 64), () -> MixtureOfExperts.of(8, 1, 64));
        samples(
                io.github.llmcost.core.StateSpace.class,
                () -> io.github.llmcost.core.StateSpace.builder()
                        .numHeads(8)
                        .headDim(64)
                        .stateSize(128)
                        .build(),
                () -> io.github.llmcost.core.StateSpace.builder()
                        .numHeads(8)
                        .headDim(64)
                        .stateSize(64)
                        .build());
        samples(
                io.github.llmcost.core.LinearAttention.class,
                () -> io.github.llmcost.core.LinearAttention.builder()
                        .numKeyHeads(2)
                        .numValueHeads(4)
                        .keyHeadDim(32)
                        .valueHeadDim(32)
                        .build(),
                () -> io.github.llmcost.core.LinearAttention.builder()
                        .numKeyHeads(2)
                        .numValueHeads(4)
                        .keyHeadDim(32)
                        .valueHeadDim(64)
                        .build());
        samples(ModelSpec.class, () -> model("m", 2), () -> model("m", 3));
        samples(
                io.github.llmcost.core.ParameterBreakdown.class,
                () -> model("m", 2).parameters(),
                () -> model("m", 3).parameters());
        samples(Workload.class, () -> Workload.of(128, 8), () -> Workload.of(128, 9));
        samples(
                io.github.llmcost.core.Formats.class,
                () -> io.github.llmcost.core.Formats.of(NumericFormat.INT4),
                () -> io.github.llmcost.core.Formats.of(NumericFormat.INT8));
        // cost-hardware
        samples(
                Placement.class,
                () -> Roofline.of(HardwarePresets.H100_SXM, NumericFormat.BF16, Efficiency.PEAK)
                        .place(Flops.of(1e12), Bytes.of(1e9)),
                () -> Roofline.of(HardwarePresets.H100_SXM, NumericFormat.BF16, Efficiency.PEAK)
                        .place(Flops.of(1e12), Bytes.of(2e9)));
        samples(Efficiency.class, () -> Efficiency.of(0.5, 0.5), () -> Efficiency.of(0.5, 0.6));
        samples(HardwareSpec.class, () -> chip("a"), () -> chip("b"));
        samples(
                io.github.llmcost.hardware.Parallelism.class,
                () -> io.github.llmcost.hardware.Parallelism.of(2, 1),
                () -> io.github.llmcost.hardware.Parallelism.of(1, 2));
        samples(
                io.github.llmcost.hardware.NodeSpec.class,
                () -> io.github.llmcost.hardware.NodeSpec.of("a", 8, Bandwidth.ofGigabytesPerSecond(50), Seconds.ZERO),
                () -> io.github.llmcost.hardware.NodeSpec.of("b", 8, Bandwidth.ofGigabytesPerSecond(50), Seconds.ZERO));
        samples(InferencePerformance.class, () -> perf(128), () -> perf(256));
        samples(
                io.github.llmcost.hardware.MemoryBudget.class,
                () -> perf(128).memory(),
                () -> perf(256).memory());
        samples(BatchSweep.class, () -> perf(128).batchSweep(2), () -> perf(128).batchSweep(4));
        samples(
                BatchSweep.Point.class,
                () -> perf(128).batchSweep(2).points().get(0),
                () -> perf(128).batchSweep(2).points().get(1));
        samples(
                ChipCalibration.class,
                () -> ChipCalibration.of(Efficiency.of(0.5, 0.5)),
                () -> ChipCalibration.of(Efficiency.of(0.5, 0.6)));
        samples(Measurement.class, () -> measurement(50), () -> measurement(60));
        samples(Interval.class, () -> new Interval<>(1.0, 2.0), () -> new Interval<>(1.0, 3.0));
        samples(Step.class, () -> Step.decode(1, 10), () -> Step.decode(2, 10));
        samples(
                SpeculativeDecoding.class,
                () -> SpeculativeDecoding.multiTokenPrediction(3, 0.7),
                () -> SpeculativeDecoding.multiTokenPrediction(3, 0.6));
        samples(
                Scheduler.class,
                Scheduler::defaults,
                () -> Scheduler.builder().maxBatchSize(8).build());
        samples(Traffic.class, () -> Traffic.of(10, 5), () -> Traffic.of(11, 5));
        samples(
                ServingEstimate.TokenCosts.class,
                () -> new ServingEstimate.TokenCosts(Money.of(1), Money.of(2), Money.of(3)),
                () -> new ServingEstimate.TokenCosts(Money.of(1), Money.of(2), Money.of(4)));
        samples(
                io.github.llmcost.hardware.Feasibility.class,
                () -> io.github.llmcost.hardware.Feasibility.of(
                        List.of(new io.github.llmcost.hardware.Feasibility.Reason(
                                io.github.llmcost.hardware.Limit.MEMORY, "weights exceed memory"))),
                () -> io.github.llmcost.hardware.Feasibility.of(
                        List.of(new io.github.llmcost.hardware.Feasibility.Reason(
                                io.github.llmcost.hardware.Limit.CONTEXT, "prompt exceeds the context"))));
        samples(
                io.github.llmcost.hardware.Feasibility.Reason.class,
                () -> new io.github.llmcost.hardware.Feasibility.Reason(
                        io.github.llmcost.hardware.Limit.MEMORY, "weights exceed memory"),
                () -> new io.github.llmcost.hardware.Feasibility.Reason(
                        io.github.llmcost.hardware.Limit.KV_CACHE, "weights exceed memory"));
        samples(
                Calibration.class,
                Calibration::defaults,
                () -> Calibration.builder().priorWeight(0.5).build());
        samples(
                Evaluation.Point.class,
                () -> new Evaluation.Point(measurement(50), 40),
                () -> new Evaluation.Point(measurement(50), 45));
        samples(
                io.github.llmcost.hardware.calibration.CalibrationFile.class,
                () -> calibrationFile("h200"),
                () -> calibrationFile("generic"));
        // cost-economics
        samples(Money.class, () -> Money.of(2.5), () -> Money.of(-2.5));
        samples(
                ApiPrice.class,
                () -> ApiPrice.builder().from(ApiPriceBook.GPT_4O_MINI).build(),
                () -> ApiPrice.builder()
                        .from(ApiPriceBook.GPT_4O_MINI)
                        .outputUsdPerMillion(0.7)
                        .build());
        samples(
                DeviceCosts.class,
                DeviceCosts::articleDefaults,
                () -> DeviceCosts.builder().batteryWatts(3).build());
        samples(
                GpuPricing.class,
                () -> GpuPricing.of(2.5),
                () -> GpuPricing.of(2.5).withUtilization(0.5));
        samples(UsageProfile.class, () -> UsageProfile.of(1000, 50, 750), () -> UsageProfile.of(1000, 50, 700));
        samples(SweepPoint.class, () -> sweepPoint(1), () -> sweepPoint(2));
        samples(
                Deployment.class,
                () -> LlmCost.model(model("m", 2)).hardware(chip("a")).deployment(),
                () -> LlmCost.model(model("m", 2)).hardware(chip("b")).deployment());
    }

    /** Valid arguments by parameter type, so that a null in one place is the only thing wrong with a call. */
    private static final Map<Class<?>, Supplier<?>> ARGUMENTS = new LinkedHashMap<>();

    static {
        ARGUMENTS.put(String.class, () -> "name");
        ARGUMENTS.put(CharSequence.class, () -> "name");
        ARGUMENTS.put(Object.class, () -> "object");
        ARGUMENTS.put(LocalDate.class, () -> LocalDate.of(2026, 1, 1));
        ARGUMENTS.put(Optional.class, Optional::empty);
        ARGUMENTS.put(OptionalDouble.class, OptionalDouble::empty);
        ARGUMENTS.put(java.util.OptionalLong.class, java.util.OptionalLong::empty);
        ARGUMENTS.put(io.github.llmcost.core.Formats.class, () -> io.github.llmcost.core.Formats.BF16);
        ARGUMENTS.put(
                Estimate.class,
                () -> LlmCost.model(model("m", 2)).hardware(chip("a")).estimate());
        ARGUMENTS.put(List.class, List::of);
        ARGUMENTS.put(Iterable.class, List::of);
        ARGUMENTS.put(Map.class, () -> Map.of(NumericFormat.BF16, FlopRate.ofTeraflops(1)));
        ARGUMENTS.put(Map.Entry.class, () -> Map.entry(NumericFormat.BF16, FlopRate.ofTeraflops(1)));
        ARGUMENTS.put(Function.class, () -> (Function<Object, Object>) x -> ChipCalibration.UNCALIBRATED);
        ARGUMENTS.put(Appendable.class, StringBuilder::new);
        ARGUMENTS.put(java.util.stream.Collector.class, java.util.stream.Collectors::toList);
        ARGUMENTS.put(LayerGroup.class, () -> new LayerGroup(0, 1, AttentionKind.GLOBAL, false));
        ARGUMENTS.put(Phase.class, () -> Phase.DECODE);
        ARGUMENTS.put(Roofline.class, () -> Roofline.of(HardwarePresets.H100_SXM, NumericFormat.BF16, Efficiency.PEAK));
        ARGUMENTS.put(Evaluation.Point.class, () -> new Evaluation.Point(measurement(50), 40));
        ARGUMENTS.put(java.time.LocalDate.class, () -> java.time.LocalDate.of(2026, 11, 30));
        ARGUMENTS.put(Evaluation.class, () -> Evaluation.of(List.of(new Evaluation.Point(measurement(50), 40))));
        SAMPLES.forEach((type, samples) -> ARGUMENTS.putIfAbsent(type, samples.a()));
    }

    /** A shipped calibration file, read afresh: an equal value, a new instance. */
    private static io.github.llmcost.hardware.calibration.CalibrationFile calibrationFile(String id) {
        return Calibration.parse(
                Calibration.toJson(io.github.llmcost.hardware.calibration.CalibratedEfficiencies.file(id)), id);
    }

    @Test
    void everyValueTypeHasSamples() {
        Set<String> found = names(valueTypes());
        assertThat(found)
                .as("public value types: each needs samples in SAMPLES, and SAMPLES names no other class")
                .isEqualTo(names(SAMPLES.keySet()));
    }

    @Test
    void equalsAndHashCodeAreByValue() {
        SoftAssertions.assertSoftly(softly -> {
            for (Map.Entry<Class<?>, Samples> e : SAMPLES.entrySet()) {
                Object a = e.getValue().a().get();
                Object same = e.getValue().a().get();
                Object different = e.getValue().different().get();
                String type = e.getKey().getName();
                softly.assertThat(a).as(type).isInstanceOf(e.getKey()).isNotSameAs(same);
                // reflexive, symmetric, transitive, equal hash codes, unequal to null, to an instance of another
                // class and to the other sample
                softly.assertThatCode(() -> new EqualsTester()
                                .addEqualityGroup(a, same)
                                .addEqualityGroup(different)
                                .testEquals())
                        .as(type)
                        .doesNotThrowAnyException();
            }
        });
    }

    @Test
    void toStringIsReadable() {
        for (Map.Entry<Class<?>, Samples> e : SAMPLES.entrySet()) {
            for (Supplier<?> sample : List.of(e.getValue().a(), e.getValue().different())) {
                String text = sample.get().toString();
                assertThat(text).as(e.getKey().getName()).isNotBlank().doesNotContainPattern("@[0-9a-f]{4,}\\b");
            }
            assertThat(e.getValue().a().get().toString())
                    .as(e.getKey().getName() + " toString by value")
                    .isEqualTo(e.getValue().a().get().toString())
                    .isNotEqualTo(e.getValue().different().get().toString());
        }
    }

    /**
     * Methods that accept a null instead of rejecting it. Each is a gap in the main code, reported to be fixed there;
     * the list must shrink, never silently grow: a gap that is fixed fails {@link #nullArgumentsAreRejected()} until it
     * is removed here.
     */
    private static final Set<Method> KNOWN_NULL_GAPS = Set.of();

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        NullPointerTester tester = new NullPointerTester();
        ARGUMENTS.forEach((type, value) -> setDefault(tester, type, value));
        // 1 is valid for every count, size, fraction and price in the API, so that a null is all that is wrong
        tester.setDefault(int.class, 1);
        tester.setDefault(long.class, 1L);
        tester.setDefault(double.class, 1.0);
        tester.setDefault(float.class, 1f);
        SoftAssertions.assertSoftly(softly -> {
            for (Map.Entry<Class<?>, Samples> e : SAMPLES.entrySet()) {
                Class<?> type = e.getKey();
                softly.assertThatCode(() -> tester.testAllPublicStaticMethods(type))
                        .as(type.getName() + " factories")
                        .doesNotThrowAnyException();
                softly.assertThatCode(() -> tester.testAllPublicConstructors(type))
                        .as(type.getName() + " constructors")
                        .doesNotThrowAnyException();
                Object instance = e.getValue().a().get();
                for (Method method : publicInstanceMethods(type)) {
                    if (KNOWN_NULL_GAPS.contains(method)) {
                        softly.assertThatThrownBy(() -> tester.testMethod(instance, method))
                                .as(method + " accepts a null (else remove it from KNOWN_NULL_GAPS)")
                                .isInstanceOf(AssertionError.class);
                    } else {
                        softly.assertThatCode(() -> tester.testMethod(instance, method))
                                .as(type.getName() + "." + method.getName())
                                .doesNotThrowAnyException();
                    }
                }
                Method builder = builderMethod(type);
                if (builder != null) {
                    softly.assertThatCode(() -> tester.testAllPublicInstanceMethods(invoke(builder)))
                            .as(type.getName() + " builder")
                            .doesNotThrowAnyException();
                }
            }
        });
    }

    /**
     * The public instance methods of a public type, from its own class object: the methods of an Immutables
     * implementation, a package-private class, could only be called with its package opened.
     */
    private static List<Method> publicInstanceMethods(Class<?> type) {
        return Stream.of(type.getMethods())
                .filter(m ->
                        !Modifier.isStatic(m.getModifiers()) && !m.getName().equals("equals"))
                .toList();
    }

    private static <T> void setDefault(NullPointerTester tester, Class<T> type, Supplier<?> value) {
        tester.setDefault(type, type.cast(value.get()));
    }

    /** Calls a public static no-argument method (a builder factory). */
    private static Object invoke(Method method) throws ReflectiveOperationException {
        Object result = method.invoke(null);
        if (result == null) {
            throw new AssertionError(method + " returned null");
        }
        return result;
    }

    private static @Nullable Method builderMethod(Class<?> type) {
        try {
            Method m = type.getMethod("builder");
            return Modifier.isStatic(m.getModifiers())
                            && Modifier.isPublic(m.getReturnType().getModifiers())
                    ? m
                    : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Every public value type in the exported packages of the three modules. */
    private static List<Class<?>> valueTypes() {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> anchor : PACKAGES) {
            for (Class<?> c : publicClasses(anchor)) {
                if (isValueType(c)) {
                    out.add(c);
                }
            }
        }
        assertThat(out).as("value types found").hasSizeGreaterThan(20);
        return out;
    }

    private static boolean isValueType(Class<?> c) {
        if (c.isRecord()) {
            return true;
        }
        if (c.isInterface() || c.isEnum() || c.isAnnotation()) {
            return false;
        }
        if (Modifier.isAbstract(c.getModifiers())) {
            try {
                Class<?> generated =
                        Class.forName(c.getPackageName() + ".Immutable" + c.getSimpleName(), false, c.getClassLoader());
                return generated.getSuperclass() == c;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
        if (!Modifier.isFinal(c.getModifiers())) {
            return false;
        }
        try {
            return c.getMethod("equals", Object.class).getDeclaringClass() == c;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** The public classes (nested ones included) of an anchor's package, read from the module's classes. */
    private static List<Class<?>> publicClasses(Class<?> anchor) {
        String dir = anchor.getPackageName().replace('.', '/');
        List<Class<?>> out = new ArrayList<>();
        try {
            Path location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                    Stream<Path> files = Files.list(jar == null ? location.resolve(dir) : jar.getPath(dir))) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".class") || name.equals("package-info.class")) {
                        continue;
                    }
                    Class<?> c = Class.forName(
                            anchor.getPackageName() + "." + name.substring(0, name.length() - 6),
                            false,
                            anchor.getClassLoader());
                    if (isPublicAllTheWayOut(c)) {
                        out.add(c);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        assertThat(out).as("public classes of " + anchor.getPackageName()).isNotEmpty();
        return out;
    }

    private static boolean isPublicAllTheWayOut(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> names(Iterable<Class<?>> classes) {
        Set<String> out = new TreeSet<>();
        classes.forEach(c -> out.add(c.getName()));
        return out;
    }
}
