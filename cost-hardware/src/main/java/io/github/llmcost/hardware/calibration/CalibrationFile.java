package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Workload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A calibration as a file holds it: one chip's factors ({@link ChipCalibration}, with its 80% band and source), what
 * they were fitted to (the chip, the engine, the date, the number of rows and a digest of them) and the quantiles of
 * the held-out residuals that gave the band. {@link Calibration#read(java.nio.file.Path)} and {@link
 * Calibration#write(CalibrationFile, java.nio.file.Path)} read and write it as JSON; the shipped calibrations ({@link
 * CalibratedEfficiencies}) are stored this way.
 *
 * <p>Immutable and thread-safe.
 *
 * @param chip the hardware preset id the factors were fitted on ({@code "h200"}), or {@code "generic"}
 * @param engine the engine the measurements ran on, free text ({@code "vLLM 0.11, CUDA graphs"})
 * @param date the day of the fit
 * @param rows the number of measurements fitted, {@code >= 1}
 * @param rowsDigest {@code "sha256:"} and the hex digest of the measurements' canonical text ({@link #digest(List)})
 * @param residualQuantiles quantile (in [0, 1]) to measured over predicted time at it, over held-out predictions
 * @param calibration the factors, their band and their source
 */
public record CalibrationFile(
        String chip,
        String engine,
        LocalDate date,
        int rows,
        String rowsDigest,
        Map<Double, Double> residualQuantiles,
        ChipCalibration calibration) {
    /** The quantiles {@link #fitted} records: the 5th, 10th, 50th, 90th and 95th percentiles. */
    public static final List<Double> QUANTILES = List.of(0.05, 0.10, 0.50, 0.90, 0.95);

    /** The lowest quantile, the low end of a fitted band. */
    static final double BAND_LOW_QUANTILE = 0.05;

    /** The highest quantile, the high end of a fitted band. */
    static final double BAND_HIGH_QUANTILE = 0.95;

    /**
     * Checks the fields.
     *
     * @param chip not blank
     * @param engine not blank
     * @param date the day
     * @param rows {@code >= 1}
     * @param rowsDigest {@code "sha256:"} and 64 hex digits
     * @param residualQuantiles keys in [0, 1], values finite and {@code > 0}
     * @param calibration the factors
     */
    public CalibrationFile {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(rowsDigest, "rowsDigest");
        Objects.requireNonNull(residualQuantiles, "residualQuantiles");
        Objects.requireNonNull(calibration, "calibration");
        notBlank("chip", chip);
        notBlank("engine", engine);
        if (rows < 1) {
            throw new IllegalArgumentException("rows (" + rows + ") must be >= 1");
        }
        if (!rowsDigest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("rowsDigest (" + rowsDigest + ") must be sha256: and 64 hex digits");
        }
        residualQuantiles.forEach((q, ratio) -> {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("residualQuantiles key (" + q + ") must be in [0, 1]");
            }
            if (!(ratio > 0 && Double.isFinite(ratio))) {
                throw new IllegalArgumentException("residualQuantiles[" + q + "] (" + ratio + ") must be > 0");
            }
        });
        residualQuantiles = Collections.unmodifiableMap(new TreeMap<>(residualQuantiles));
    }

    private static void notBlank(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " (\"" + value + "\") must not be blank");
        }
    }

    /**
     * The file of a fit: the fitted factors with the band of their held-out predictions, the 5th to 95th percentile
     * of measured over predicted time (widened to hold 1, since a band brackets its prediction), and those quantiles.
     *
     * @param chip the hardware preset id
     * @param engine the engine, free text
     * @param date the day of the fit
     * @param measurements the measurements fitted
     * @param fitted the factors fitted to all of them (band and source are replaced)
     * @param heldOut each measurement predicted without it ({@link Calibration#leaveOneOut(List)})
     * @return the file
     */
    public static CalibrationFile fitted(
            String chip,
            String engine,
            LocalDate date,
            List<Measurement> measurements,
            ChipCalibration fitted,
            Evaluation heldOut) {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(measurements, "measurements");
        Objects.requireNonNull(fitted, "fitted");
        Objects.requireNonNull(heldOut, "heldOut");
        Map<Double, Double> quantiles = new TreeMap<>();
        for (double q : QUANTILES) {
            quantiles.put(q, heldOut.timeRatioQuantile(q));
        }
        double low = Math.min(1, heldOut.timeRatioQuantile(BAND_LOW_QUANTILE));
        double high = Math.max(1, heldOut.timeRatioQuantile(BAND_HIGH_QUANTILE));
        ChipCalibration c = fitted.toBuilder()
                .errorLow(low)
                .errorHigh(high)
                .source(chip + ": fitted " + date + " to " + measurements.size() + " rows (" + engine + ")")
                .build();
        return new CalibrationFile(chip, engine, date, measurements.size(), digest(measurements), quantiles, c);
    }

    /**
     * The digest of measurements: SHA-256 over their canonical text, one line each of the model's name, the chip's
     * name, the tensor-parallel degree, batch, prompt and output tokens, the weight, compute and KV formats, the
     * metric and the value ({@link Double#toString(double)}), tab-separated, in order. Where a row came from (its
     * {@link Measurement#source()}) is left out, so the same numbers give the same digest from any file.
     *
     * @param measurements the measurements, in order
     * @return {@code "sha256:"} and 64 hex digits
     */
    public static String digest(List<Measurement> measurements) {
        StringBuilder text = new StringBuilder();
        for (Measurement m : measurements) {
            Workload w = m.workload();
            text.append(String.join(
                            "\t",
                            m.model().name(),
                            m.hardware().name(),
                            Integer.toString(m.tensorParallel()),
                            Integer.toString(w.batchSize()),
                            Long.toString(w.promptTokens()),
                            Long.toString(w.outputTokens()),
                            m.formats().weights().name(),
                            m.formats().activations().name(),
                            m.formats().kvCache().name(),
                            m.metric().name(),
                            Double.toString(m.value())))
                    .append('\n');
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
