package io.github.llmcost.hardware.calibration;

import io.github.llmcost.hardware.HardwareSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Calibration#fit(List)} found: each chip's fitted factors and the fit's own errors, and a way to check
 * the factors on measurements the fit did not see.
 *
 * <p>Immutable and thread-safe.
 */
public final class CalibrationResult {
    private final Map<HardwareSpec, ChipCalibration> calibrations;
    private final Evaluation fitted;

    CalibrationResult(Map<HardwareSpec, ChipCalibration> calibrations, List<Measurement> measurements) {
        this.calibrations = Collections.unmodifiableMap(new LinkedHashMap<>(calibrations));
        this.fitted = Evaluation.of(measurements, this::calibration);
    }

    /** {@return the fitted factors of every chip the measurements named, in the order first named} */
    public Map<HardwareSpec, ChipCalibration> calibrations() {
        return calibrations;
    }

    /**
     * The fitted factors of one chip.
     *
     * @param hardware the chip
     * @return its factors
     * @throws IllegalArgumentException if no fitted measurement was on this chip
     */
    public ChipCalibration calibration(HardwareSpec hardware) {
        ChipCalibration c = calibrations.get(hardware);
        if (c == null) {
            throw new IllegalArgumentException("hardware (" + hardware.name() + ") was not calibrated; calibrated: "
                    + calibrations.keySet().stream().map(HardwareSpec::name).toList());
        }
        return c;
    }

    /** {@return the measurements fitted, each with its prediction under the fitted factors} */
    public Evaluation fitted() {
        return fitted;
    }

    /**
     * Predicts other measurements under the fitted factors: the check a fit needs.
     *
     * @param heldOut measurements on calibrated chips, at least one
     * @return their predictions and errors
     * @throws IllegalArgumentException if a measurement is on a chip that was not calibrated, or there are none
     */
    public Evaluation validate(List<Measurement> heldOut) {
        return Evaluation.of(heldOut, this::calibration);
    }

    /** {@return each chip's factors, then the fit's table} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        calibrations.forEach(
                (chip, c) -> out.append(chip.name()).append(": ").append(c).append('\n'));
        return out.append(fitted).toString();
    }
}
