package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chips added for coverage (H20, MI325X, GB200, RTX 5090, Apple M4 Max, Snapdragon 8 Elite NPU): their datasheet
 * figures as the presets' javadoc states them, which of them carry a rental price, and the consequences the roofline
 * draws from them (decode bound by bandwidth, FP4 paths only on Blackwell).
 */
class ChipPresetsTest {
    private static final double MIB = 1024.0 * 1024;

    @Test
    void datasheetFiguresAsDocumented() {
        check(HardwarePresets.H20, 148, 296, 4000, 97871 * MIB, 400);
        check(HardwarePresets.MI325X, 1307.4, 2614.9, 6000, 256 * 1024 * MIB, 1000);
        check(HardwarePresets.GB200, 2500, 5000, 8000, 186e9, 1200);
        check(HardwarePresets.RTX_5090, 209.5, 419, 1792, 32607 * MIB, 575);
        assertThat(HardwarePresets.GB200.peak(NumericFormat.FP4).toTeraflopsPerSecond())
                .isCloseTo(10000, within(1e-9));
        assertThat(HardwarePresets.RTX_5090.peak(NumericFormat.FP4).toTeraflopsPerSecond())
                .isCloseTo(1676, within(1e-9));
        assertThat(HardwarePresets.B200.peak(NumericFormat.FP4).toTeraflopsPerSecond())
                .isCloseTo(9000, within(1e-9));
        assertThat(HardwarePresets.APPLE_M4_MAX.peak(NumericFormat.BF16).toTeraflopsPerSecond())
                .isCloseTo(17.2, within(1e-9));
        assertThat(HardwarePresets.APPLE_M4_MAX.memoryBandwidth().toGigabytesPerSecond())
                .isCloseTo(546, within(1e-9));
        assertThat(HardwarePresets.SNAPDRAGON_8_ELITE_NPU
                        .peak(NumericFormat.INT8)
                        .toTeraflopsPerSecond())
                .isCloseTo(45, within(1e-9));
        assertThat(HardwarePresets.SNAPDRAGON_8_ELITE_NPU.memoryBandwidth().toGigabytesPerSecond())
                .isCloseTo(84.8, within(1e-9));
        // The NPU is the same phone as the article's CPU preset: same memory and power, faster compute and memory
        assertThat(HardwarePresets.SNAPDRAGON_8_ELITE_NPU.memoryCapacity())
                .isEqualTo(HardwarePresets.SNAPDRAGON_8_ELITE_CPU.memoryCapacity());
        assertThat(HardwarePresets.SNAPDRAGON_8_ELITE_NPU.tdpWatts())
                .isEqualTo(HardwarePresets.SNAPDRAGON_8_ELITE_CPU.tdpWatts());
    }

    @Test
    void fp4RunsOnlyOnBlackwellAndH20HasNoFp4OrInt4() {
        for (HardwareSpec blackwell : List.of(HardwarePresets.B200, HardwarePresets.GB200, HardwarePresets.RTX_5090)) {
            assertThat(blackwell.hasPeak(NumericFormat.FP4))
                    .as(blackwell.name())
                    .isTrue();
        }
        for (HardwareSpec older :
                List.of(HardwarePresets.H20, HardwarePresets.H100_SXM, HardwarePresets.MI325X, HardwarePresets.L40S)) {
            assertThat(older.hasPeak(NumericFormat.FP4)).as(older.name()).isFalse();
        }
        assertThat(HardwarePresets.H20.hasPeak(NumericFormat.INT4)).isFalse();
        assertThat(HardwarePresets.APPLE_M4_MAX.hasPeak(NumericFormat.FP8_E4M3)).isFalse();
    }

    @Test
    void rentalPricesOnDataCentreChipsOnlyAndTheH20SaysWhyItHasNone() {
        Map<String, Double> priced = Map.of("mi325x", 1.95, "gb200", 10.50);
        priced.forEach((id, usd) -> assertThat(
                        HardwarePresets.byId(id).rentalUsdPerHour().getAsDouble())
                .as(id)
                .isEqualTo(usd));
        for (String unpriced : List.of("h20", "rtx-5090", "apple-m4-max", "snapdragon-8-elite-npu")) {
            assertThat(HardwarePresets.byId(unpriced).rentalUsdPerHour())
                    .as(unpriced)
                    .isEmpty();
        }
        // Every data-centre preset but the H20 carries a dated price; no other preset does
        assertThat(HardwarePresets.dataCentre()).hasSize(12).containsKeys("h20", "gb200", "mi325x", "l4");
        HardwarePresets.all()
                .forEach((id, chip) -> assertThat(chip.rentalUsdPerHour().isPresent())
                        .as(id)
                        .isEqualTo(HardwarePresets.dataCentre().containsKey(id) && !id.equals("h20")));
        HardwarePresets.dataCentre()
                .forEach((id, chip) -> assertThat(HardwarePresets.byId(id)).isSameAs(chip));
    }

    @Test
    void decodeOnTheH20IsBoundByItsBandwidthSoItBeatsTheH100DespiteAFifthOfTheCompute() {
        Workload w = Workload.of(1024, 256);
        double h20 = tpot(HardwarePresets.H20, w);
        double h100 = tpot(HardwarePresets.H100_SXM, w);
        // Decode at batch 1 streams the weights: the ratio follows bandwidth (3.35 / 4.0) within the overheads
        assertThat(h20 / h100).isBetween(0.80, 0.90);
        // Prefill of a long prompt is compute-bound: the H20's 148 TFLOPS against 989 make it several times slower
        double ttftH20 = perf(HardwarePresets.H20, Workload.of(8192, 1))
                .timeToFirstToken()
                .toSeconds();
        double ttftH100 = perf(HardwarePresets.H100_SXM, Workload.of(8192, 1))
                .timeToFirstToken()
                .toSeconds();
        assertThat(ttftH20 / ttftH100).isGreaterThan(4);
    }

    @Test
    void thePhonesNpuDecodesFasterThanItsCpuInProportionToBandwidth() {
        Workload w = Workload.of(512, 64);
        InferencePerformance cpu = phone(HardwarePresets.SNAPDRAGON_8_ELITE_CPU, w);
        InferencePerformance npu = phone(HardwarePresets.SNAPDRAGON_8_ELITE_NPU, w);
        double ratio =
                cpu.timePerOutputToken().toSeconds() / npu.timePerOutputToken().toSeconds();
        // 84.8 / 51 GB/s = 1.66; compute-bound pieces make the NPU's edge larger, never smaller
        assertThat(ratio).isGreaterThan(84.8 / 51 * 0.95);
        assertThat(npu.timeToFirstToken().toSeconds())
                .isLessThan(cpu.timeToFirstToken().toSeconds() / 100);
    }

    private static InferencePerformance phone(HardwareSpec chip, Workload w) {
        return InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_2_1B)
                .hardware(chip)
                .formats(Formats.of(NumericFormat.INT4))
                .workload(w)
                .build();
    }

    private static double tpot(HardwareSpec chip, Workload w) {
        return perf(chip, w).timePerOutputToken().toSeconds();
    }

    private static InferencePerformance perf(HardwareSpec chip, Workload w) {
        return InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(chip)
                .workload(w)
                .build();
    }

    private static void check(HardwareSpec chip, double bf16, double fp8, double gbPerSecond, double bytes, double w) {
        assertThat(chip.peak(NumericFormat.BF16).toTeraflopsPerSecond())
                .as(chip.name())
                .isCloseTo(bf16, within(1e-9));
        assertThat(chip.peak(NumericFormat.FP8_E4M3).toTeraflopsPerSecond())
                .as(chip.name())
                .isCloseTo(fp8, within(1e-9));
        assertThat(chip.memoryBandwidth().toGigabytesPerSecond())
                .as(chip.name())
                .isCloseTo(gbPerSecond, within(1e-6));
        assertThat(chip.memoryCapacity().toBytes()).as(chip.name()).isCloseTo(bytes, within(1.0));
        assertThat(chip.tdpWatts()).as(chip.name()).isEqualTo(w);
    }
}
