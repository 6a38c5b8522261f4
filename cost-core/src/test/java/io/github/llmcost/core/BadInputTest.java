package io.github.llmcost.core;

import static io.github.llmcost.testing.BadInputContract.bad;
import static io.github.llmcost.testing.BadInputContract.missing;
import static io.github.llmcost.testing.BadValues.negativeInts;
import static io.github.llmcost.testing.BadValues.negativeLongs;
import static io.github.llmcost.testing.BadValues.negativeOrNotFinite;
import static io.github.llmcost.testing.BadValues.notPositiveInts;
import static io.github.llmcost.testing.BadValues.notPositiveLongs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.testing.BadInputContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input fails fast: every invalid value is an {@link IllegalArgumentException} whose message names the quantity
 * and its value; a missing required builder field is an {@link IllegalStateException} naming it. Extreme but valid
 * inputs compute without overflow.
 */
class BadInputTest implements BadInputContract {
    private static final ModelSpec SMALL = ModelPresets.ARTICLE_1B_CLASS; // 16 layers

    /** A valid GQA model: d = 4096, h = 32, g = 8, 4 layers. */
    private static ModelSpec.Builder model() {
        return ModelSpec.builder()
                .name("valid")
                .hiddenSize(4096)
                .numLayers(4)
                .numAttentionHeads(32)
                .numKeyValueHeads(8)
                .intermediateSize(1024)
                .vocabSize(1000);
    }

    private static Workload.Builder workload() {
        return Workload.builder().promptTokens(100).outputTokens(10);
    }

    private static MixtureOfExperts.Builder moe() {
        return MixtureOfExperts.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(1024);
    }

    private static LatentAttention.Builder mla() {
        return LatentAttention.builder()
                .kvLoraRank(512)
                .qkNopeHeadDim(128)
                .qkRopeHeadDim(64)
                .vHeadDim(128);
    }

    private static ModelSpec attentionFree() {
        return model().name("conv-only")
                .attentionKinds(AttentionKind.repeating(4, AttentionKind.NONE))
                .convolutionKernelSize(3)
                .build();
    }

    /** Cases for an int setter: the message must contain {@code "field (value)"}. */
    private interface IntSetter {
        void set(int value);
    }

    private interface LongSetter {
        void set(long value);
    }

    private static Stream<Arguments> ints(String owner, String field, int[] values, IntSetter setter) {
        return Arrays.stream(values)
                .mapToObj(v -> bad(owner + "." + field + "(" + v + ")", () -> setter.set(v), field + " (" + v + ")"));
    }

    private static Stream<Arguments> longs(String owner, String field, long[] values, LongSetter setter) {
        return Arrays.stream(values)
                .mapToObj(v -> bad(owner + "." + field + "(" + v + ")", () -> setter.set(v), field + " (" + v + ")"));
    }

    private static Stream<Arguments> doubles(String call, String field, DoubleConsumer consumer) {
        return BadInputContract.doubles(call, field, negativeOrNotFinite(), v -> () -> consumer.accept(v));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Numeric fields of the builders
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> builderFields() {
        String m = "ModelSpec";
        String w = "Workload";
        String e = "MixtureOfExperts";
        String l = "LatentAttention";
        return Stream.of(
                        ints(
                                m,
                                "hiddenSize",
                                notPositiveInts(),
                                v -> model().hiddenSize(v).build()),
                        ints(
                                m,
                                "numLayers",
                                notPositiveInts(),
                                v -> model().numLayers(v).build()),
                        ints(
                                m,
                                "numAttentionHeads",
                                notPositiveInts(),
                                v -> model().numAttentionHeads(v).build()),
                        ints(
                                m,
                                "numKeyValueHeads",
                                notPositiveInts(),
                                v -> model().numKeyValueHeads(v).build()),
                        ints(
                                m,
                                "headDim",
                                notPositiveInts(),
                                v -> model().headDim(v).build()),
                        ints(
                                m,
                                "vocabSize",
                                notPositiveInts(),
                                v -> model().vocabSize(v).build()),
                        ints(
                                m,
                                "intermediateSize",
                                notPositiveInts(),
                                v -> model().intermediateSize(v).build()),
                        ints(
                                m,
                                "learnedPositionEmbeddings",
                                negativeInts(),
                                v -> model().learnedPositionEmbeddings(v).build()),
                        ints(
                                m,
                                "normsPerLayer",
                                negativeInts(),
                                v -> model().normsPerLayer(v).build()),
                        ints(
                                m,
                                "slidingWindow",
                                negativeInts(),
                                v -> model().slidingWindow(v).build()),
                        ints(
                                m,
                                "convolutionKernelSize",
                                negativeInts(),
                                v -> model().convolutionKernelSize(v).build()),
                        longs(
                                w,
                                "promptTokens",
                                notPositiveLongs(),
                                v -> workload().promptTokens(v).build()),
                        longs(
                                w,
                                "outputTokens",
                                negativeLongs(),
                                v -> workload().outputTokens(v).build()),
                        ints(
                                w,
                                "batchSize",
                                notPositiveInts(),
                                v -> workload().batchSize(v).build()),
                        longs(
                                w,
                                "sharedPrefixTokens",
                                negativeLongs(),
                                v -> workload().sharedPrefixTokens(v).build()),
                        ints(
                                e,
                                "numExperts",
                                notPositiveInts(),
                                v -> moe().numExperts(v).build()),
                        ints(
                                e,
                                "expertsPerToken",
                                notPositiveInts(),
                                v -> moe().expertsPerToken(v).build()),
                        ints(
                                e,
                                "expertIntermediateSize",
                                notPositiveInts(),
                                v -> moe().expertIntermediateSize(v).build()),
                        ints(
                                e,
                                "numSharedExperts",
                                negativeInts(),
                                v -> moe().numSharedExperts(v).build()),
                        ints(
                                e,
                                "firstDenseLayers",
                                negativeInts(),
                                v -> moe().firstDenseLayers(v).build()),
                        ints(
                                l,
                                "qLoraRank",
                                negativeInts(),
                                v -> mla().qLoraRank(v).build()),
                        ints(
                                l,
                                "kvLoraRank",
                                notPositiveInts(),
                                v -> mla().kvLoraRank(v).build()),
                        ints(
                                l,
                                "qkNopeHeadDim",
                                notPositiveInts(),
                                v -> mla().qkNopeHeadDim(v).build()),
                        ints(
                                l,
                                "qkRopeHeadDim",
                                negativeInts(),
                                v -> mla().qkRopeHeadDim(v).build()),
                        ints(
                                l,
                                "vHeadDim",
                                notPositiveInts(),
                                v -> mla().vHeadDim(v).build()))
                .flatMap(s -> s);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Doubles: negative, NaN and infinite
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> quantities() {
        FlopBreakdown breakdown = FlopCounter.of(SMALL, Convention.EXACT).prefill(10);
        return Stream.of(
                        doubles("Flops.of", "flops", Flops::of),
                        doubles("Flops.multipliedBy", "factor", v -> Flops.of(1).multipliedBy(v)),
                        doubles("Bytes.of", "bytes", Bytes::of),
                        doubles("Bytes.ofGigabytes", "gigabytes", Bytes::ofGigabytes),
                        doubles("Bytes.ofGibibytes", "gibibytes", Bytes::ofGibibytes),
                        doubles("Bytes.multipliedBy", "factor", v -> Bytes.of(1).multipliedBy(v)),
                        doubles("NumericFormat.BF16.bytesFor", "elements", NumericFormat.BF16::bytesFor),
                        doubles("NumericFormat.INT4.bytesFor", "elements", NumericFormat.INT4::bytesFor),
                        doubles("FlopBreakdown.multipliedBy", "factor", breakdown::multipliedBy),
                        Stream.of(
                                bad("Flops.minus(larger)", () -> Flops.of(1).minus(Flops.of(2)), "flops (2 FLOP)"),
                                bad("Bytes.minus(larger)", () -> Bytes.of(1).minus(Bytes.of(2)), "bytes (2 B)"),
                                bad("Flops.dividedBy(ZERO)", () -> Flops.of(1).dividedBy(Flops.ZERO), "flops (0)"),
                                bad("Bytes.dividedBy(ZERO)", () -> Bytes.of(1).dividedBy(Bytes.ZERO), "bytes (0)"),
                                bad(
                                        "FlopBreakdown.plus(other convention)",
                                        () -> breakdown.plus(FlopCounter.of(SMALL, Convention.ARTICLE)
                                                .prefill(10)),
                                        "convention (ARTICLE)",
                                        "EXACT")))
                .flatMap(s -> s);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // FlopCounter and KvCache methods
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> counters() {
        FlopCounter exact = FlopCounter.of(SMALL, Convention.EXACT);
        FlopCounter article = FlopCounter.of(SMALL, Convention.ARTICLE);
        KvCache kv = KvCache.of(SMALL, Convention.EXACT, NumericFormat.BF16);
        Bytes budget = Bytes.ofGigabytes(80);
        List<Arguments> cases = new ArrayList<>();
        for (FlopCounter counter : List.of(exact, article)) {
            String c = counter.convention().toString();
            for (long v : notPositiveLongs()) {
                cases.add(bad(c + " prefill(" + v + ")", () -> counter.prefill(v), "promptTokens (" + v + ")"));
                cases.add(bad(c + " decodeStep(" + v + ")", () -> counter.decodeStep(v), "contextTokens (" + v + ")"));
                cases.add(bad(
                        c + " quadraticShare(" + v + ")", () -> counter.quadraticShare(v), "promptTokens (" + v + ")"));
            }
            for (long v : negativeLongs()) {
                cases.add(bad(c + " extend(" + v + ", 1)", () -> counter.extend(v, 1), "cachedTokens (" + v + ")"));
                cases.add(bad(c + " extend(0, " + v + ")", () -> counter.extend(0, v), "newTokens (" + v + ")"));
                cases.add(bad(c + " layer(0, " + v + ", 1)", () -> counter.layer(0, v, 1), "cachedTokens (" + v + ")"));
                cases.add(bad(c + " layer(0, 0, " + v + ")", () -> counter.layer(0, 0, v), "newTokens (" + v + ")"));
            }
            for (int layer : new int[] {-1, 16, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                cases.add(bad(
                        c + " layer(" + layer + ", 0, 1)",
                        () -> counter.layer(layer, 0, 1),
                        "layer (" + layer + ")",
                        "16"));
            }
        }
        cases.add(
                bad("ARTICLE withCausalMasking(true)", () -> article.withCausalMasking(true), "causalMasking (true)"));
        cases.add(bad(
                "crossoverTokens() of an attention-free model",
                () -> FlopCounter.of(attentionFree(), Convention.EXACT).crossoverTokens(),
                "model (conv-only)",
                "no attention layer"));
        cases.add(bad("ModelSpec.attentionKind(-1)", () -> SMALL.attentionKind(-1), "layer (-1)"));
        cases.add(bad("ModelSpec.isExpertLayer(16)", () -> SMALL.isExpertLayer(16), "layer (16)"));
        for (long v : negativeLongs()) {
            cases.add(bad("KvCache.sessionBytes(" + v + ")", () -> kv.sessionBytes(v), "contextTokens (" + v + ")"));
            cases.add(
                    bad("KvCache.growthPerToken(" + v + ")", () -> kv.growthPerToken(v), "contextTokens (" + v + ")"));
            cases.add(bad(
                    "KvCache.sharedPrefixBytes(" + v + ")", () -> kv.sharedPrefixBytes(v), "prefixTokens (" + v + ")"));
            cases.add(bad(
                    "KvCache.sessionsThatFit(budget, 100, " + v + ")",
                    () -> kv.sessionsThatFit(budget, 100, v),
                    "sharedPrefixTokens (" + v + ")"));
        }
        for (long v : notPositiveLongs()) {
            cases.add(bad(
                    "KvCache.sessionsThatFit(budget, " + v + ")",
                    () -> kv.sessionsThatFit(budget, v),
                    "contextTokens (" + v + ")"));
        }
        cases.add(bad(
                "KvCache.sessionsThatFit(budget, 100, 101)",
                () -> kv.sessionsThatFit(budget, 100, 101),
                "sharedPrefixTokens (101)",
                "contextTokens (100)"));
        cases.add(bad(
                "KvCache.sessionsThatFit(budget, 100, 100) of a global model",
                () -> kv.sessionsThatFit(budget, 100, 100),
                "unbounded",
                "100 tokens"));
        cases.add(bad(
                "ARTICLE KvCache.sessionsThatFit of an attention-free model",
                () -> KvCache.of(attentionFree(), Convention.ARTICLE, NumericFormat.BF16)
                        .sessionsThatFit(budget, 100),
                "unbounded",
                "100 tokens"));
        cases.add(bad(
                "AttentionKind.repeating(0, GLOBAL)",
                () -> AttentionKind.repeating(0, AttentionKind.GLOBAL),
                "numLayers (0)"));
        cases.add(bad("AttentionKind.repeating(4)", () -> AttentionKind.repeating(4), "cycle (empty)"));
        cases.add(bad(
                "AttentionKind.at(4, GLOBAL, NONE, 4)",
                () -> AttentionKind.at(4, AttentionKind.GLOBAL, AttentionKind.NONE, 4),
                "layer index (4)"));
        cases.add(bad(
                "AttentionKind.at(-1, GLOBAL, NONE)",
                () -> AttentionKind.at(-1, AttentionKind.GLOBAL, AttentionKind.NONE),
                "numLayers (-1)"));
        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Combinations
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> combinations() {
        return Stream.of(
                bad(
                        "heads that do not divide hiddenSize, no headDim",
                        () -> model().hiddenSize(100)
                                .numAttentionHeads(3)
                                .numKeyValueHeads(1)
                                .build(),
                        "headDim",
                        "hiddenSize (100)",
                        "numAttentionHeads (3)"),
                bad(
                        "numKeyValueHeads that do not divide numAttentionHeads",
                        () -> model().numKeyValueHeads(5).build(),
                        "numKeyValueHeads (5) must divide numAttentionHeads (32)"),
                bad(
                        "numKeyValueHeads > numAttentionHeads",
                        () -> model().numKeyValueHeads(64).build(),
                        "numKeyValueHeads (64)",
                        "numAttentionHeads (32)"),
                bad(
                        "attentionKinds shorter than numLayers",
                        () -> model().attentionKinds(AttentionKind.repeating(3, AttentionKind.GLOBAL))
                                .build(),
                        "attentionKinds (3 entries)",
                        "numLayers (4)"),
                bad(
                        "attentionKinds longer than numLayers",
                        () -> model().attentionKinds(AttentionKind.repeating(5, AttentionKind.GLOBAL))
                                .build(),
                        "attentionKinds (5 entries)",
                        "numLayers (4)"),
                bad(
                        "slidingWindow without SLIDING_WINDOW layers",
                        () -> model().slidingWindow(4096).build(),
                        "slidingWindow (4096)",
                        "SLIDING_WINDOW"),
                bad(
                        "SLIDING_WINDOW layers without slidingWindow",
                        () -> model().attentionKinds(AttentionKind.repeating(4, AttentionKind.SLIDING_WINDOW))
                                .build(),
                        "slidingWindow (0)",
                        "SLIDING_WINDOW"),
                bad(
                        "convolutionKernelSize without NONE layers",
                        () -> model().convolutionKernelSize(3).build(),
                        "convolutionKernelSize (3)",
                        "NONE"),
                bad(
                        "NONE layers without convolutionKernelSize",
                        () -> model().attentionKinds(
                                        AttentionKind.repeating(4, AttentionKind.GLOBAL, AttentionKind.NONE))
                                .build(),
                        "convolutionKernelSize (0)",
                        "NONE"),
                bad(
                        "expertsPerToken > numExperts",
                        () -> moe().numExperts(8).expertsPerToken(9).build(),
                        "expertsPerToken (9)",
                        "numExperts (8)"),
                bad(
                        "MixtureOfExperts.of(8, 9, 1024)",
                        () -> MixtureOfExperts.of(8, 9, 1024),
                        "expertsPerToken (9)",
                        "numExperts (8)"),
                bad(
                        "firstDenseLayers == numLayers",
                        () -> model().mixtureOfExperts(moe().firstDenseLayers(4).build())
                                .build(),
                        "firstDenseLayers (4)",
                        "numLayers (4)"),
                bad(
                        "firstDenseLayers > numLayers",
                        () -> model().mixtureOfExperts(moe().firstDenseLayers(7).build())
                                .build(),
                        "firstDenseLayers (7)",
                        "numLayers (4)"),
                bad(
                        "sharedPrefixTokens > promptTokens",
                        () -> workload().sharedPrefixTokens(101).build(),
                        "sharedPrefixTokens (101)",
                        "promptTokens (100)"),
                bad(
                        "promptTokens + outputTokens overflow a long",
                        () -> Workload.of(Long.MAX_VALUE, 1),
                        "contextTokens",
                        "overflow",
                        String.valueOf(Long.MAX_VALUE)),
                bad("blank name", () -> model().name("  ").build(), "name (\"  \")"),
                bad(
                        "headDim other than qk_nope + qk_rope under latent attention",
                        () -> model().numKeyValueHeads(32)
                                .headDim(128)
                                .latentAttention(mla().build())
                                .build(),
                        "headDim (128)",
                        "(192)"),
                bad(
                        "numKeyValueHeads other than numAttentionHeads under latent attention",
                        () -> model().latentAttention(mla().build()).build(),
                        "numKeyValueHeads (8)",
                        "numAttentionHeads (32)"),
                bad(
                        "qkvBias under latent attention",
                        () -> model().numKeyValueHeads(32)
                                .qkvBias(true)
                                .latentAttention(mla().build())
                                .build(),
                        "qkvBias (true)"),
                bad(
                        "unknown preset id",
                        () -> ModelPresets.byId("llama-9"),
                        Stream.concat(Stream.of("model preset (llama-9)"), ModelPresets.ids().stream())
                                .toArray(String[]::new)),
                bad(
                        "unknown numeric format",
                        () -> NumericFormat.parse("fp7"),
                        Stream.concat(
                                        Stream.of("numeric format (fp7)"),
                                        Stream.of(NumericFormat.values())
                                                .map(f -> f.name().toLowerCase(Locale.ROOT)))
                                .toArray(String[]::new)));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(builderFields(), quantities(), counters(), combinations())
                .flatMap(s -> s);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Zero where zero is allowed, and the boundaries just inside
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("Flops.of(0)", (ThrowingCallable) () -> Flops.of(0)),
                Arguments.of("Bytes.of(0)", (ThrowingCallable) () -> Bytes.of(0)),
                Arguments.of("Bytes.ofGigabytes(0)", (ThrowingCallable) () -> Bytes.ofGigabytes(0)),
                Arguments.of("bytesFor(0)", (ThrowingCallable) () -> NumericFormat.FP4.bytesFor(0)),
                Arguments.of("Workload.of(1, 0)", (ThrowingCallable) () -> Workload.of(1, 0)),
                Arguments.of("sharedPrefixTokens == promptTokens", (ThrowingCallable)
                        () -> workload().sharedPrefixTokens(100).build()),
                Arguments.of("headDim set when heads do not divide hiddenSize", (ThrowingCallable)
                        () -> model().hiddenSize(3584)
                                .numAttentionHeads(16)
                                .numKeyValueHeads(8)
                                .headDim(256)
                                .build()),
                Arguments.of("numKeyValueHeads == numAttentionHeads", (ThrowingCallable)
                        () -> model().numKeyValueHeads(32).build()),
                Arguments.of("firstDenseLayers == numLayers - 1", (ThrowingCallable)
                        () -> model().mixtureOfExperts(moe().firstDenseLayers(3).build())
                                .build()),
                Arguments.of("expertsPerToken == numExperts", (ThrowingCallable) () -> MixtureOfExperts.of(8, 8, 64)),
                Arguments.of("extend(0, 0)", (ThrowingCallable)
                        () -> FlopCounter.of(SMALL, Convention.EXACT).extend(0, 0)),
                Arguments.of("sessionBytes(0)", (ThrowingCallable) () ->
                        KvCache.of(SMALL, Convention.EXACT, NumericFormat.BF16).sessionBytes(0)),
                Arguments.of("parse(\" FP8 \")", (ThrowingCallable) () -> NumericFormat.parse(" FP8 ")),
                Arguments.of("byId(\" LLAMA-3.1-8B \")", (ThrowingCallable) () -> ModelPresets.byId(" LLAMA-3.1-8B ")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Missing required fields
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> missingRequiredFields() {
        Map<String, Consumer<ModelSpec.Builder>> model = new LinkedHashMap<>();
        model.put("name", b -> b.name("m"));
        model.put("hiddenSize", b -> b.hiddenSize(4096));
        model.put("numLayers", b -> b.numLayers(4));
        model.put("numAttentionHeads", b -> b.numAttentionHeads(32));
        model.put("vocabSize", b -> b.vocabSize(1000));
        model.put("intermediateSize", b -> b.intermediateSize(1024));
        Map<String, Consumer<Workload.Builder>> workload = new LinkedHashMap<>();
        workload.put("promptTokens", b -> b.promptTokens(100));
        workload.put("outputTokens", b -> b.outputTokens(10));
        Map<String, Consumer<MixtureOfExperts.Builder>> moe = new LinkedHashMap<>();
        moe.put("numExperts", b -> b.numExperts(8));
        moe.put("expertsPerToken", b -> b.expertsPerToken(2));
        moe.put("expertIntermediateSize", b -> b.expertIntermediateSize(1024));
        Map<String, Consumer<LatentAttention.Builder>> mla = new LinkedHashMap<>();
        mla.put("kvLoraRank", b -> b.kvLoraRank(512));
        mla.put("qkNopeHeadDim", b -> b.qkNopeHeadDim(128));
        mla.put("qkRopeHeadDim", b -> b.qkRopeHeadDim(64));
        mla.put("vHeadDim", b -> b.vHeadDim(128));
        return Stream.of(
                        missing("ModelSpec", ModelSpec::builder, model, ModelSpec.Builder::build),
                        missing("Workload", Workload::builder, workload, Workload.Builder::build),
                        missing("MixtureOfExperts", MixtureOfExperts::builder, moe, MixtureOfExperts.Builder::build),
                        missing("LatentAttention", LatentAttention::builder, mla, LatentAttention.Builder::build))
                .flatMap(s -> s);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Extremes
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void largestModelAtTenMillionTokensDoesNotWrapAround() {
        ModelSpec model = ModelPresets.LLAMA_3_1_405B;
        FlopCounter exact = FlopCounter.of(model, Convention.EXACT);
        for (FlopCounter counter :
                List.of(FlopCounter.of(model, Convention.ARTICLE), exact, exact.withCausalMasking(false))) {
            double tenMillion = counter.prefill(10_000_000).total().toFlops();
            double oneMillion = counter.prefill(1_000_000).total().toFlops();
            assertThat(tenMillion).as("%s", counter).isFinite().isPositive().isGreaterThan(oneMillion);
            assertThat(tenMillion).as("beyond what a long holds").isGreaterThan((double) Long.MAX_VALUE);
            assertThat(counter.decodeStep(10_000_000).total())
                    .isGreaterThan(counter.decodeStep(1_000_000).total());
            assertThatCode(() -> counter.prefill(10_000_000).toString()).doesNotThrowAnyException();
        }
        // ARTICLE: L (24nd^2 + 4n^2d)
        double n = 1e7;
        double d = model.hiddenSize();
        double expected = model.numLayers() * (24 * n * d * d + 4 * n * n * d);
        assertThat(FlopCounter.of(model, Convention.ARTICLE)
                        .prefill(10_000_000)
                        .total()
                        .toFlops())
                .isCloseTo(expected, within(expected * 1e-12));
    }

    @Test
    void kvCacheAtPetaTokensIsFinite() {
        long tokens = 1_000_000_000_000_000L;
        for (ModelSpec model :
                List.of(ModelPresets.LLAMA_3_1_405B, ModelPresets.GEMMA_2_9B, ModelPresets.DEEPSEEK_V3)) {
            for (Convention convention : Convention.values()) {
                KvCache kv = KvCache.of(model, convention, NumericFormat.FP32);
                Bytes bytes = kv.sessionBytes(tokens);
                assertThat(bytes.toBytes()).as("%s", kv).isFinite().isPositive();
                assertThat(bytes.toBytes())
                        .isGreaterThan(kv.sessionBytes(tokens / 10).toBytes());
                assertThatCode(bytes::toString).doesNotThrowAnyException();
                assertThat(FlopCounter.of(model, convention)
                                .prefill(tokens)
                                .total()
                                .toFlops())
                        .isFinite()
                        .isPositive();
            }
        }
        KvCache global = KvCache.of(ModelPresets.LLAMA_3_1_405B, Convention.EXACT, NumericFormat.BF16);
        double expected = 1e15 * global.bytesPerToken().toBytes();
        assertThat(global.sessionBytes(tokens).toBytes()).isCloseTo(expected, within(expected * 1e-12));
    }

    static Stream<Arguments> overflowingModels() {
        return Stream.of(
                Arguments.of("d = 2^31 - 1: attention d x 3d", (Supplier<ModelSpec.Builder>) () -> ModelSpec.builder()
                        .name("huge d")
                        .hiddenSize(Integer.MAX_VALUE)
                        .numLayers(1)
                        .numAttentionHeads(1)
                        .intermediateSize(1)
                        .vocabSize(1)),
                Arguments.of("2^20 layers of 3 x 2^16 x 2^30 MLP weights", (Supplier<ModelSpec.Builder>)
                        () -> ModelSpec.builder()
                                .name("deep")
                                .hiddenSize(1 << 16)
                                .numLayers(1 << 20)
                                .numAttentionHeads(64)
                                .intermediateSize(1 << 30)
                                .vocabSize(1)),
                Arguments.of("vocabulary x d, twice (untied)", (Supplier<ModelSpec.Builder>) () -> ModelSpec.builder()
                        .name("wide vocabulary")
                        .hiddenSize(1 << 30)
                        .numLayers(1)
                        .numAttentionHeads(1 << 20)
                        .intermediateSize(1)
                        .vocabSize(Integer.MAX_VALUE)),
                Arguments.of("2^31 - 1 experts of 2^20", (Supplier<ModelSpec.Builder>) () -> ModelSpec.builder()
                        .name("many experts")
                        .hiddenSize(1 << 12)
                        .numLayers(1)
                        .numAttentionHeads(32)
                        .intermediateSize(1)
                        .vocabSize(1)
                        .mixtureOfExperts(MixtureOfExperts.of(Integer.MAX_VALUE, 1, 1 << 20))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overflowingModels")
    void parameterCountOverflowIsRejectedAtBuild(String description, Supplier<ModelSpec.Builder> builder) {
        assertThatThrownBy(() -> builder.get().build())
                .as(description)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void convolutionParameterOverflowIsRejectedAtBuild() {
        // 4d^2 = 7.84e18 and d x kernel = 3.0e18 each fit a long; their sum, 1.08e19, does not
        assertThatThrownBy(() -> ModelSpec.builder()
                        .name("wide convolution")
                        .hiddenSize(1_400_000_000)
                        .numLayers(1)
                        .numAttentionHeads(1)
                        .intermediateSize(1)
                        .vocabSize(1)
                        .attentionKinds(List.of(AttentionKind.NONE))
                        .convolutionKernelSize(Integer.MAX_VALUE)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void latentQueryParameterOverflowIsRejectedAtBuild() {
        // d x q = 4.6e18 and q x h x qk = 9.2e18 each fit a long; their sum does not
        assertThatThrownBy(() -> ModelSpec.builder()
                        .name("wide latent queries")
                        .hiddenSize(Integer.MAX_VALUE)
                        .numLayers(1)
                        .numAttentionHeads(2)
                        .intermediateSize(1)
                        .vocabSize(1)
                        .latentAttention(LatentAttention.builder()
                                .qLoraRank(Integer.MAX_VALUE - 1)
                                .kvLoraRank(1)
                                .qkNopeHeadDim(Integer.MAX_VALUE - 1)
                                .qkRopeHeadDim(0)
                                .vHeadDim(1)
                                .build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
    }
}
