package io.github.llmcost.hardware;

import static io.github.llmcost.testing.ArticleClaimContract.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Workload;
import io.github.llmcost.testing.ArticleClaimContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The article's numbers of sections 3 to 6 computed through the public API: ridge points, intensities, users per GPU,
 * bytes per decode step and tokens per second for the 14B class.
 *
 * <p>Each row: the claim, the article's value, a relative tolerance saying how loosely the article rounds, and the
 * computation.
 */
class ArticleHardwareNumbersTest implements ArticleClaimContract {
    private static final long K = 1024;

    static Stream<Arguments> claims() {
        return Stream.of(
                // 4.1: 989 TFLOPS vs 50 GFLOPS, "a 20,000x gap"; 3,350 vs 51 GB/s, "a 66x gap".
                claim(
                        "4.1 compute gap H100 / phone",
                        20_000,
                        0.015,
                        () -> HardwarePresets.H100_SXM.peak(NumericFormat.FP16).toFlopsPerSecond()
                                / HardwarePresets.SNAPDRAGON_8_ELITE_CPU
                                        .peak(NumericFormat.FP16)
                                        .toFlopsPerSecond()),
                claim(
                        "4.1 bandwidth gap H100 / phone",
                        66,
                        0.01,
                        () -> HardwarePresets.H100_SXM.memoryBandwidth().toBytesPerSecond()
                                / HardwarePresets.SNAPDRAGON_8_ELITE_CPU
                                        .memoryBandwidth()
                                        .toBytesPerSecond()),
                // 4.2: ridge points.
                claim(
                        "4.2 ridge H100",
                        295,
                        0.002,
                        () -> HardwarePresets.H100_SXM.ridgePointFlopsPerByte(NumericFormat.FP16)),
                claim(
                        "4.2 ridge A100",
                        153,
                        0.001,
                        () -> HardwarePresets.A100_80GB.ridgePointFlopsPerByte(NumericFormat.FP16)),
                claim(
                        "4.2 ridge phone",
                        1,
                        0.02,
                        () -> HardwarePresets.SNAPDRAGON_8_ELITE_CPU.ridgePointFlopsPerByte(NumericFormat.FP16)),
                // 3.1 and 4.3: prefill projections at n = 4096, FP16: 2n/B_p = 4096.
                claim(
                        "3.1 prefill projection intensity",
                        4096,
                        0,
                        () -> article(4096, 1, NumericFormat.FP16)
                                .prefill()
                                .operation(Operation.Q_PROJECTION)
                                .flopsPerByte()),
                // 3.1: scores n/B_p = 2048 at n = 4096, FP16.
                claim(
                        "3.1 prefill score intensity",
                        2048,
                        0,
                        () -> article(4096, 1, NumericFormat.FP16)
                                .prefill()
                                .operation(Operation.ATTENTION_SCORES)
                                .flopsPerByte()),
                // 3.2: decode 2/B_p: 1 at FP16, 2 at INT8, 4 at INT4.
                claim("3.2 decode intensity FP16", 1, 0, () -> decodeIntensity(NumericFormat.FP16)),
                claim("3.2 decode intensity INT8", 2, 0, () -> decodeIntensity(NumericFormat.INT8)),
                claim("3.2 decode intensity INT4", 4, 0, () -> decodeIntensity(NumericFormat.INT4)),
                // 4.4: decode reaches "roughly 1%" of the H100's peak (FP16 intensity 1: 3.35 / 989 = 0.34%; INT4
                // intensity 4: 1.35%).
                claim(
                        "4.4 decode share of peak at INT4",
                        0.01,
                        0.4,
                        () -> HardwarePresets.H100_SXM
                                        .attainable(NumericFormat.FP16, 4)
                                        .toFlopsPerSecond()
                                / HardwarePresets.H100_SXM
                                        .peak(NumericFormat.FP16)
                                        .toFlopsPerSecond()),
                // 5.4: KV budget of a 7B INT4 on an 80 GB H100 (the article's decimal 80 GB), "roughly 74.5 GB".
                claim(
                        "5.4 KV budget",
                        74.5e9,
                        0.005,
                        () -> sevenB(4 * K).memory().kvCacheBudget().toBytes()),
                // 5.5: users per GPU: 74.73 GB / 268.4 MB = 278.4 at 4K.
                claim("5.5 users at 4K", 278, 0, () -> sevenB(4 * K).maxConcurrentSessions()),
                claim("5.5 users at 32K", 34, 0, () -> sevenB(32 * K).maxConcurrentSessions()),
                claim("5.5 users at 128K", 8, 0, () -> sevenB(128 * K).maxConcurrentSessions()),
                // 6.1: 14B at INT4 with 32K of INT8 KV: ~9.1 GB per step (EXACT reads 8.85: the embedding table is
                // looked up, not read), 2.7 ms at 3,350 GB/s, ~370 tokens/s; 150-220 at 40-60% of the ceiling.
                claim(
                        "6.1 bytes per decode step",
                        9.1e9,
                        0.03,
                        () -> fourteenB(Efficiency.PEAK)
                                .decodeStep(32 * K)
                                .bytes()
                                .toBytes()),
                claim(
                        "6.1 time per token",
                        2.7e-3,
                        0.03,
                        () -> fourteenB(Efficiency.PEAK)
                                .timePerOutputToken(32 * K)
                                .toSeconds()),
                claim(
                        "6.1 tokens per second",
                        370,
                        0.03,
                        () -> fourteenB(Efficiency.PEAK).decodeTokensPerSecondPerUser()),
                claim(
                        "6.1 tokens per second at 40%",
                        150, 0.01, () -> fourteenB(Efficiency.of(0.4, 0.4)).decodeTokensPerSecondPerUser()),
                claim(
                        "6.1 tokens per second at 60%",
                        220, 0.04, () -> fourteenB(Efficiency.of(0.6, 0.6)).decodeTokensPerSecondPerUser()));
    }

    @Test
    void prefillIsComputeBoundAndDecodeMemoryBoundOnAnH100() {
        InferencePerformance perf = article(4096, 512, NumericFormat.FP16);
        assertThat(perf.prefill().bound()).isEqualTo(Bound.COMPUTE);
        assertThat(perf.decodeStep(4096).bound()).isEqualTo(Bound.MEMORY);
    }

    @Test
    void decodeAtInt4IsComputeBoundOnAPhoneCpu() {
        // 4.5: intensity 4 against a ridge of about 1.
        InferencePerformance phone = InferencePerformance.builder()
                .model(ModelPresets.ARTICLE_1B_CLASS)
                .hardware(HardwarePresets.SNAPDRAGON_8_ELITE_CPU)
                .workload(Workload.builder().promptTokens(512).outputTokens(64).build())
                .formats(Formats.of(NumericFormat.INT4))
                .convention(Convention.ARTICLE)
                .build();
        assertThat(phone.decodeStep(512).operation(Operation.MLP_UP).bound()).isEqualTo(Bound.COMPUTE);
    }

    private static double decodeIntensity(NumericFormat format) {
        InferencePerformance perf = InferencePerformance.builder()
                .model(ModelPresets.ARTICLE_7B_CLASS)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.builder().promptTokens(4096).outputTokens(2).build())
                .formats(Formats.of(format))
                .convention(Convention.ARTICLE)
                .build();
        return perf.decodeStep(4096).operation(Operation.Q_PROJECTION).flopsPerByte();
    }

    private static InferencePerformance article(long prompt, long output, NumericFormat format) {
        return InferencePerformance.builder()
                .model(ModelPresets.ARTICLE_1B_CLASS)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.builder()
                        .promptTokens(prompt)
                        .outputTokens(output)
                        .build())
                .formats(Formats.of(format).withActivations(format).withKvCache(format))
                .convention(Convention.ARTICLE)
                .build();
    }

    /** The 7B class at INT4 with INT8 KV on an H100 counted, as the article does, as 80 decimal GB. */
    private static InferencePerformance sevenB(long context) {
        return InferencePerformance.builder()
                .model(ModelPresets.ARTICLE_7B_CLASS)
                .hardware(HardwarePresets.H100_SXM.withMemoryCapacity(Bytes.ofGigabytes(80)))
                .workload(
                        Workload.builder().promptTokens(context).outputTokens(0).build())
                .formats(Formats.of(NumericFormat.INT4).withKvCache(NumericFormat.INT8))
                .frameworkOverheadPerDevice(Bytes.ofGigabytes(1.5))
                .build();
    }

    private static InferencePerformance fourteenB(Efficiency efficiency) {
        return InferencePerformance.builder()
                .model(ModelPresets.ARTICLE_14B_CLASS)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.builder()
                        .promptTokens(32 * K - 1)
                        .outputTokens(2)
                        .build())
                .formats(Formats.of(NumericFormat.INT4).withKvCache(NumericFormat.INT8))
                .efficiency(efficiency)
                .build();
    }
}
