/**
 * Calibration: fitting each chip's {@link io.github.llmcost.hardware.calibration.ChipCalibration} (the step-time
 * model's compute and bandwidth fractions, overheads and all-reduce latency) to {@link
 * io.github.llmcost.hardware.calibration.Measurement}s, and
 * checking the fit on measurements it did not see.
 *
 * <p>Start from {@link io.github.llmcost.hardware.calibration.Calibration#defaults()}; factors already fitted to
 * published measurements are in {@link io.github.llmcost.hardware.calibration.CalibratedEfficiencies}, applied with
 * {@link io.github.llmcost.hardware.InferencePerformance.Builder#calibration}. A calibration is saved and shared as a
 * JSON file ({@link io.github.llmcost.hardware.calibration.CalibrationFile}, {@link
 * io.github.llmcost.hardware.calibration.Calibration#read(java.nio.file.Path)}).
 */
@NullMarked
@Style
package io.github.llmcost.hardware.calibration;

import org.jspecify.annotations.NullMarked;
