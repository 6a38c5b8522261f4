package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InferencePerformance;

/**
 * Factors fitted to published measurements, per chip: per-phase efficiencies and the all-reduce latency, for {@link
 * InferencePerformance.Builder#calibration(ChipCalibration)}. {@link Efficiency#DEFAULT} stays the library's default;
 * these describe what particular engines reached, and carry their provenance.
 *
 * <p>How they were made: {@link Calibration#defaults()} (least squares on log error, per chip, prior weight {@value
 * Calibration#DEFAULT_PRIOR_WEIGHT} toward {@link ChipCalibration#UNCALIBRATED}, no pass overhead) fitted on
 * 2026-11-22 to the fixed-length rows of {@code shared/data/published-measurements.json} (copied to cost-hardware's
 * test resources) other than row 38; {@code PublishedMeasurementsTest} refits them and fails if these constants
 * drift from the fit. Checked on rows the fit did not see (each row predicted by a fit to the others, leave-one-out),
 * the median absolute error is 8.3%; the README has the table.
 *
 * <p>They are effective factors: whatever an engine spends beyond the roofline (kernel launches, scheduling, small
 * matrices) lands in them. Short prefills in particular show up as a low prefill bandwidth fraction. Use them for the
 * engines, precisions and shapes they were fitted to; elsewhere they are a better guess than the defaults, no more.
 */
public final class CalibratedEfficiencies {
    private CalibratedEfficiencies() {}

    /**
     * NVIDIA H100 SXM ({@link HardwarePresets#H100_SXM}), TensorRT-LLM with FP8 weights, activations and KV cache:
     * prefill 0.439 of peak compute and 0.295 of peak bandwidth, decode 0.437 and 0.743, 48.0 us per all-reduce.
     *
     * <p>Fitted to four rows of NVIDIA/TensorRT-LLM {@code docs/source/performance.md} at commit {@code 138f96d4}
     * (late 2023), all Llama 2: #21 and #22, TensorRT-LLM v0.6.1 static-batch output throughput of the 7B (batch 768,
     * 128 in/128 out: 19,694 tokens/s; batch 112, 128/2048: 6,818); #28 and #32, TensorRT-LLM v0.5 time to first token
     * of 128 tokens at batch 1 (7B on one GPU: 7 ms; 70B on four: 26 ms). Four rows for five factors: the prior splits
     * the compute time of #21 between the phases, and only #32 sets the all-reduce latency, which absorbs whatever
     * else slows the 70B on four GPUs. All FP8; BF16 runs at other efficiencies, untested here.
     */
    public static final ChipCalibration H100_SXM = ChipCalibration.builder()
            .prefill(Efficiency.of(0.439, 0.295))
            .decode(Efficiency.of(0.437, 0.743))
            .allReduceLatency(Seconds.of(48.0e-6))
            .build();

    /**
     * NVIDIA A100 SXM 80GB ({@link HardwarePresets#A100_80GB}), TensorRT-LLM at FP16 and gpt-fast at BF16: prefill
     * 0.925 of peak compute and 0.419 of peak bandwidth, decode 0.649 and 0.721, 23.3 us per all-reduce.
     *
     * <p>Fitted to eight rows: from NVIDIA/TensorRT-LLM {@code docs/source/performance.md} at commit {@code 138f96d4}
     * (late 2023), #25 and #26, TensorRT-LLM v0.6.1 static-batch output throughput of Llama 2 7B at FP16 (batch 384,
     * 128/128: 5,586 tokens/s; batch 60, 128/2048: 1,928), and #30 and #34, TensorRT-LLM v0.5 time to first token of
     * 128 tokens (Llama 2 7B: 16 ms; Llama 2 70B on four GPUs: 47 ms); from pytorch-labs/gpt-fast {@code README.md} at
     * commit {@code 32971d31} (2024), batch-1 BF16 decode on A100s power-limited to 330 W, #36 Llama 2 7B (104.9
     * tokens/s), #37 Llama 3.1 8B (93.89), #42 Llama 3.1 70B on four GPUs (37.45) and #44 Mixtral 8x7B on two (96.67).
     * Row #38, INT8 weight-only decode, is left out: its dequantising kernel reaches about 0.77 of the bandwidth the
     * BF16 kernel does (gpt-fast's table: 1,069 against 1,397 GB/s), and these factors predict it 42% too fast.
     * Decode bandwidth is a compromise between TensorRT-LLM (about 0.8 at batch 60) and gpt-fast on a power-capped
     * board (about 0.68).
     */
    public static final ChipCalibration A100_80GB = ChipCalibration.builder()
            .prefill(Efficiency.of(0.925, 0.419))
            .decode(Efficiency.of(0.649, 0.721))
            .allReduceLatency(Seconds.of(23.3e-6))
            .build();
}
