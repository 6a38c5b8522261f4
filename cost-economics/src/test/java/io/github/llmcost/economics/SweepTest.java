package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.Limit;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sweep crosses its axes in a fixed order, streams, runs in parallel to the same result, and writes CSV. */
class SweepTest {
    private static final Sweep SWEEP = Sweep.builder()
            .models(ModelPresets.LLAMA_3_1_8B, ModelPresets.QWEN3_14B)
            .hardware(HardwarePresets.H100_SXM, HardwarePresets.A100_80GB)
            .weightFormats(NumericFormat.BF16, NumericFormat.INT4)
            .promptTokens(1024, 8192)
            .batchSizes(1, 8, 64)
            .build();

    @Test
    void crossesEveryAxisBatchFastest() {
        assertThat(SWEEP.size()).isEqualTo(2L * 2 * 2 * 1 * 2 * 1 * 3);
        List<SweepPoint> points = SWEEP.stream().toList();
        assertThat(points).hasSize(48);
        assertThat(points.get(0).batchSize()).isEqualTo(1);
        assertThat(points.get(1).batchSize()).isEqualTo(8);
        assertThat(points.get(3).promptTokens()).isEqualTo(8192);
        assertThat(points.get(47).model()).isEqualTo(ModelPresets.QWEN3_14B);
        assertThat(points.get(47).hardware()).isEqualTo(HardwarePresets.A100_80GB);
    }

    @Test
    void eachPointIsTheEstimateOfItsConfiguration() {
        SweepPoint p = SWEEP.point(4); // Llama 3.1 8B, H100, BF16, 8192 tokens, batch 8
        Estimate e = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(8192)
                .outputTokens(256)
                .batchSize(8)
                .estimate();
        assertThat(p.batchSize()).isEqualTo(8);
        assertThat(p.feasible()).isTrue();
        assertThat(p.timePerOutputTokenSeconds())
                .isEqualTo(e.timePerOutputToken().toSeconds());
        assertThat(p.maxConcurrentSessions()).isEqualTo(e.maxConcurrentSessions());
        assertThat(p.costPerMillionOutputTokensUsd())
                .isEqualTo(e.costPerMillionOutputTokens().toUsd());
    }

    @Test
    void pointsThatCannotRunAreKeptMarkedAndUnpriced() {
        SweepPoint p = SWEEP.point(5); // batch 64 of 8,448 tokens: 61 sessions fit on an H100
        assertThat(p.feasible()).isFalse();
        assertThat(p.feasibility().bindingLimit()).contains(Limit.KV_CACHE);
        assertThat(p.maxConcurrentSessions()).isLessThan(64);
        assertThatThrownBy(p::costPerMillionOutputTokensUsd)
                .isInstanceOf(InfeasibleConfigurationException.class)
                .hasMessageContaining("batch 64");
        assertThatThrownBy(p::timeToFirstTokenSeconds).isInstanceOf(InfeasibleConfigurationException.class);
        String[] csv = p.toCsv().split(",", -1);
        List<String> header = List.of(SweepPoint.CSV_HEADER.split(","));
        assertThat(csv[header.indexOf("feasible")]).isEqualTo("false");
        assertThat(csv[header.indexOf("timeToFirstTokenSeconds")]).isEmpty();
        assertThat(csv[header.indexOf("costPerMillionOutputTokensUsd")]).isEmpty();
        assertThat(csv[header.indexOf("maxConcurrentSessions")]).isEqualTo(Long.toString(p.maxConcurrentSessions()));
    }

    @Test
    void aChipWithoutAPriceHasTimesButNoCosts() {
        SweepPoint p = Sweep.builder()
                .models(ModelPresets.LLAMA_3_2_1B)
                .hardware(HardwarePresets.RTX_4090)
                .build()
                .point(0);
        assertThat(p.feasible()).isTrue();
        assertThat(p.hasPrice()).isFalse();
        assertThat(p.timeToFirstTokenSeconds()).isPositive();
        assertThatThrownBy(p::costPerMillionInputTokensUsd)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no rental price");
    }

    @Test
    void theBaseConfigurationReachesEveryPoint() {
        SweepPoint p = Sweep.builder()
                .models(ModelPresets.LLAMA_3_1_70B)
                .hardware(HardwarePresets.H100_SXM)
                .configure(b -> b.tensorParallel(4).sharedPrefixTokens(1000).activations(NumericFormat.BF16))
                .weightFormats(NumericFormat.FP8_E4M3)
                .promptTokens(2000)
                .batchSizes(8)
                .build()
                .point(0);
        Estimate e = LlmCost.model(ModelPresets.LLAMA_3_1_70B)
                .hardware(HardwarePresets.H100_SXM)
                .tensorParallel(4)
                .sharedPrefixTokens(1000)
                .weights(NumericFormat.FP8_E4M3)
                .activations(NumericFormat.BF16)
                .promptTokens(2000)
                .outputTokens(256)
                .batchSize(8)
                .estimate();
        assertThat(p).isEqualTo(SweepPoint.of(e));
        assertThat(p.timeToFirstTokenSeconds()).isEqualTo(e.timeToFirstToken().toSeconds());
    }

    @Test
    void parallelGivesTheSamePointsInTheSameOrder() {
        assertThat(SWEEP.parallelStream().collect(Collectors.toList()))
                .isEqualTo(SWEEP.stream().collect(Collectors.toList()));
        assertThat(SWEEP.collect(Collectors.counting())).isEqualTo(48);
    }

    @Test
    void writesCsvWithAHeader() throws IOException {
        StringBuilder csv = new StringBuilder();
        SWEEP.writeCsv(csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines).hasSize(49);
        assertThat(lines.get(0)).isEqualTo(SweepPoint.CSV_HEADER);
        assertThat(lines.get(1).split(",", -1)).hasSize(SweepPoint.CSV_HEADER.split(",", -1).length);
    }

    @Test
    void rejectsEmptyAxesAndBadValues() {
        assertThatThrownBy(
                        () -> Sweep.builder().hardware(HardwarePresets.H100_SXM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models (empty)");
        assertThatThrownBy(() -> Sweep.builder()
                        .models(ModelPresets.GPT_2)
                        .hardware(HardwarePresets.H100_SXM)
                        .batchSizes(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSizes (0)");
        assertThatThrownBy(() -> SWEEP.point(48))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index (48)");
    }
}
