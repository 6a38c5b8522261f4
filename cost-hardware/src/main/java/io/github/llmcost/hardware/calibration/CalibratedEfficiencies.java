package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The step-time model's factors fitted to measurements, per chip, and a generic set for chips without measurements:
 * what {@code LlmCost} and the command line use unless told otherwise ({@link #forHardware(HardwareSpec)}), each with
 * its provenance ({@link ChipCalibration#source()}) and its 80% error band.
 *
 * <p>How they were made (the README's "Fidelity" section has the table and the command): {@link Calibration} (least
 * squares on log error, per chip) fitted on 2026-11-30 to the project's measurements, copied into cost-hardware's test
 * resources from {@code shared/data}: {@code h200-measurements.json} (32 representative timings of one H200) and the
 * fixed-length rows of {@code published-measurements.json} (TensorRT-LLM and gpt-fast on H100 and A100). First the
 * H200, whose 32 rows pin every factor but the weight-only and all-reduce ones, from {@link #PHYSICS_START}; the
 * generic set is that fit, its dimensionless factors carried to chips of other generations; then H100 and A100 from the
 * generic set, pulled toward it (prior weight {@value #CHIP_PRIOR_WEIGHT}) since they have few rows. The error bands
 * are the 5th and 95th percentiles of measured over predicted time on rows the fit did not see (leave-one-out for
 * each chip's own rows, and every other chip's rows predicted from the generic set): a 90% band on the project's own
 * data, which held 74% of 43 published measurements from other engines (the 80% the library promises; rows from
 * engines the data does not contain scatter more than the data's own rows do). {@code FidelityTest} refits all of them
 * and fails if these constants drift from the fit. Each is stored as a calibration file ({@link CalibrationFile}:
 * {@code h200.json}, {@code h100-sxm.json}, {@code a100-80gb.json}, {@code generic.json} beside this class) and read
 * by {@link Calibration#parse(String, String)}, the reader of users' own files ({@link #file(String)}).
 *
 * <p>They are effective factors of the engines measured (a PyTorch harness replaying CUDA graphs on the H200,
 * TensorRT-LLM and gpt-fast on the others); another engine on the same chip may differ by its own overheads, and
 * {@link Calibration} fits factors to your own measurements.
 */
public final class CalibratedEfficiencies {
    /** The prior weight that pulls a chip with few rows toward {@link #GENERIC}. */
    public static final double CHIP_PRIOR_WEIGHT = 0.05;

    /**
     * Where fits start: physically plausible factors for a modern GPU before any measurement (large matmuls at 0.7 of
     * peak, flash attention at 0.5, 0.85 of peak bandwidth, compute and memory combined as a 2-norm, dequantising kernels at 0.77 of the
     * bandwidth (gpt-fast's INT8 against BF16 on A100: 1,069 against 1,397 GB/s), FP8 matmuls at 0.75 of the share
     * BF16 ones reach (measured GEMMs on H100 and H200: BF16 0.75-0.85 of its peak, FP8 0.5-0.65 of its doubled peak;
     * aiconfigurator's collected tables, docs/research/engines.md), 20 us per layer, 100 us per step).
     */
    public static final ChipCalibration PHYSICS_START = ChipCalibration.builder()
            .matmulFraction(0.7)
            .attentionFraction(0.5)
            .bandwidthFraction(0.85)
            .overlapExponent(2)
            .weightOnlyBandwidthFactor(0.77)
            .lowPrecisionMatmulFactor(0.75)
            .layerOverhead(Seconds.of(20e-6))
            .stepOverhead(Seconds.of(100e-6))
            .source("physics start: before any measurement")
            .build();

    private static final Map<String, CalibrationFile> FILES = shippedFiles();

    /**
     * NVIDIA H200 ({@link HardwarePresets#H200}): matmuls 0.642 of peak, attention 0.557, bandwidth 0.843, compute and
     * memory combined as a 2-norm, 31.2 us per layer, 279 us per step; fitted to the 32 representative rows of {@code
     * h200-measurements.json} (bf16, PyTorch 2.11, torch.compile'd layers replayed from CUDA graphs, measured
     * 2026-11-29). Leave-one-out median error 2.6%. Stored in the calibration file {@code h200.json} beside this class.
     */
    public static final ChipCalibration H200 = shipped("h200");

    /**
     * The factors for a chip without measurements of its own: {@link #H200}'s, whose 32 rows pin the most factors;
     * the fractions are dimensionless and the overheads those of a modern engine, so they carry to other chips as a
     * first guess. Its band is wider: predicting the H100 and A100 rows from these factors put measured over predicted
     * time between 0.93 and 1.59 (5th and 95th percentiles); its low end is the fitted chips' 0.91. Stored in {@code
     * generic.json}.
     */
    public static final ChipCalibration GENERIC = shipped("generic");

    /**
     * NVIDIA H100 SXM ({@link HardwarePresets#H100_SXM}): matmuls 0.672 of peak (0.504 in FP8, all its rows), bandwidth 0.860, 1.56 ms
     * per step, the rest {@link #GENERIC}'s; fitted from {@link #GENERIC} to 14 rows of NVIDIA/TensorRT-LLM's
     * performance tables, all FP8: ten offline max-load throughputs of Llama 3.1 8B (TensorRT-LLM 1.x, {@code
     * perf-overview.md} at commit {@code 00f37686}: 128/128 to 20,000/2,000 tokens, 28,312 to 1,351 tokens/s, through
     * the serving model) and four of late 2023 ({@code performance.md} at {@code 138f96d4}: static-batch throughput of
     * Llama 2 7B, time to first token of 128 tokens for the 7B and for the 70B on four GPUs). Stored in {@code
     * h100-sxm.json}.
     */
    public static final ChipCalibration H100_SXM = shipped("h100-sxm");

    /**
     * NVIDIA A100 SXM 80GB ({@link HardwarePresets#A100_80GB}): matmuls 0.577 of peak, bandwidth 0.794, weight-only
     * kernels at 0.825 of it, 469 us per step, the rest {@link #GENERIC}'s; fitted from {@link #GENERIC} to nine rows:
     * NVIDIA/TensorRT-LLM {@code docs/source/performance.md} at {@code 138f96d4} (FP16 static-batch throughput and time
     * to first token of Llama 2 7B and 70B) and pytorch-labs/gpt-fast {@code README.md} at {@code 32971d31} (batch-1
     * decode of Llama 2 7B in BF16 and INT8 weight-only, Llama 3.1 8B, Llama 3.1 70B on four GPUs, Mixtral 8x7B on
     * two; A100s power-limited to 330 W). Stored in {@code a100-80gb.json}.
     */
    public static final ChipCalibration A100_80GB = shipped("a100-80gb");

    /** The 80% band of measured over predicted time for the fitted chips (0.909): see the class comment. */
    public static final double FITTED_BAND_LOW = H200.errorLow();

    /** The high end of the fitted chips' band (1.287). */
    public static final double FITTED_BAND_HIGH = H200.errorHigh();

    /** The high end of the generic band (1.594): a chip's rows predicted from another chip's fit. */
    public static final double GENERIC_BAND_HIGH = GENERIC.errorHigh();

    private static final Map<String, ChipCalibration> BY_ID = registry();

    private CalibratedEfficiencies() {}

    private static Map<String, CalibrationFile> shippedFiles() {
        Map<String, CalibrationFile> map = new LinkedHashMap<>();
        for (String id : List.of("h200", "h100-sxm", "a100-80gb", "generic")) {
            String resource = id + ".json";
            try (InputStream in = CalibratedEfficiencies.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped calibration " + resource + " is missing");
                }
                map.put(id, Calibration.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return map;
    }

    private static ChipCalibration shipped(String id) {
        return file(id).calibration();
    }

    /**
     * A shipped calibration as its file holds it: the factors with the chip, the engine, the date, the rows' digest
     * and the residual quantiles.
     *
     * @param id {@code h200}, {@code h100-sxm}, {@code a100-80gb} or {@code generic}
     * @return the file's contents
     * @throws IllegalArgumentException naming the id and the known ones
     */
    public static CalibrationFile file(String id) {
        CalibrationFile f = FILES.get(id.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException(
                    "calibration file (" + id + ") is not shipped; shipped: " + FILES.keySet());
        }
        return f;
    }

    private static Map<String, ChipCalibration> registry() {
        Map<String, ChipCalibration> map = new LinkedHashMap<>();
        map.put("h200", H200);
        map.put("h100-sxm", H100_SXM);
        map.put("a100-80gb", A100_80GB);
        map.put("generic", GENERIC);
        map.put("none", ChipCalibration.UNCALIBRATED);
        return map;
    }

    /**
     * The calibration the library uses for a chip unless told otherwise: its own fit where it has measurements; for
     * a chip without, the fit of its generation's measured chip (A100 for A100 40GB, L40S, L4 and RTX 4090; H100 SXM for
     * H100 PCIe, H20, B200, GB200 and RTX 5090) with the wider generic band; else {@link #GENERIC}; each with a source that says so.
     *
     * @param hardware the chip
     * @return its calibration
     */
    public static ChipCalibration forHardware(HardwareSpec hardware) {
        Objects.requireNonNull(hardware, "hardware");
        if (hardware.equals(HardwarePresets.H200)) {
            return H200;
        }
        if (hardware.equals(HardwarePresets.H100_SXM)) {
            return H100_SXM;
        }
        if (hardware.equals(HardwarePresets.A100_80GB)) {
            return A100_80GB;
        }
        if (hardware.equals(HardwarePresets.A100_40GB)
                || hardware.equals(HardwarePresets.L40S)
                || hardware.equals(HardwarePresets.L4)
                || hardware.equals(HardwarePresets.RTX_4090)) {
            return A100_80GB.toBuilder()
                    .errorHigh(GENERIC_BAND_HIGH)
                    .source(hardware.name() + " has no measurements of its own; the a100-80gb fit carried to its"
                            + " generation (Ampere/Ada), wider band")
                    .build();
        }
        if (hardware.equals(HardwarePresets.H100_PCIE)
                || hardware.equals(HardwarePresets.H20)
                || hardware.equals(HardwarePresets.B200)
                || hardware.equals(HardwarePresets.GB200)
                || hardware.equals(HardwarePresets.RTX_5090)) {
            return H100_SXM.toBuilder()
                    .errorHigh(GENERIC_BAND_HIGH)
                    .source(hardware.name() + " has no measurements of its own; the h100-sxm fit carried to its"
                            + " generation (Hopper/Blackwell), wider band")
                    .build();
        }
        return GENERIC.withSource(hardware.name() + " has no measurements of its own; " + GENERIC.source());
    }

    /**
     * A calibration by id: {@code h200}, {@code h100-sxm}, {@code a100-80gb}, {@code generic} or {@code none} (the
     * plain roofline, {@link ChipCalibration#UNCALIBRATED}).
     *
     * @param id the id, case-insensitive
     * @return the calibration
     * @throws IllegalArgumentException naming the id and the known ones
     */
    public static ChipCalibration byId(String id) {
        ChipCalibration c = BY_ID.get(id.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("calibration (" + id + ") is not known; known: " + ids() + " or auto");
        }
        return c;
    }

    /** {@return the ids {@link #byId(String)} knows, in order} */
    public static java.util.Set<String> ids() {
        return BY_ID.keySet();
    }
}
