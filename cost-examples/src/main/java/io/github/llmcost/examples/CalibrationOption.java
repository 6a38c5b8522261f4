package io.github.llmcost.examples;

import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.Calibration;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What {@code --calibration} names: {@code auto}, a built-in calibration's id, or a calibration file. */
final class CalibrationOption {
    static final String DESCRIPTION = "The step-time model's factors: auto (the chip's own fit, else the generic"
            + " set), none (the plain roofline at 0.5 of peak compute and 0.7 of peak bandwidth), one of h200,"
            + " h100-sxm, a100-80gb, generic, or a calibration file written by `llm-cost calibrate`";

    private CalibrationOption() {}

    /**
     * The calibration a value of {@code --calibration} names.
     *
     * @param value {@code auto}, a built-in id (case-insensitive) or the path of a calibration file
     * @return the calibration, or null for {@code auto} (the chip's own)
     * @throws IllegalArgumentException naming the option and the value: neither an id nor a readable, valid file
     */
    static @Nullable ChipCalibration resolve(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return null;
        }
        if (CalibratedEfficiencies.ids().contains(value.toLowerCase(Locale.ROOT))) {
            return CalibratedEfficiencies.byId(value);
        }
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw notKnown(value, "not a valid path");
        }
        if (!Files.exists(file)) {
            throw notKnown(value, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw notKnown(value, "not a regular file");
        }
        try {
            return Calibration.read(file).calibration();
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(
                    "--calibration (" + value + ") cannot be read: "
                            + OutputFiles.describe(java.util.Objects.requireNonNull(e.getCause())),
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--calibration: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException notKnown(String value, String why) {
        return new IllegalArgumentException("--calibration (" + value + ") is neither a built-in calibration (auto, "
                + String.join(", ", CalibratedEfficiencies.ids()) + ") nor a calibration file (" + why + ")");
    }
}
