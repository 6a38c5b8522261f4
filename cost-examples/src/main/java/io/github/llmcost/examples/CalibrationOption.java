package io.github.llmcost.examples;

import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.Calibration;
import io.github.llmcost.hardware.calibration.CalibrationFile;
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
     * What {@code --calibration} chose.
     *
     * @param calibration the calibration, or null for {@code auto} (the chip's own)
     * @param warning a warning line for stderr (a file fitted on another chip than {@code --hardware}), or null
     */
    record Chosen(
            @Nullable ChipCalibration calibration, @Nullable String warning) {}

    /**
     * The calibration a value of {@code --calibration} names.
     *
     * @param value {@code auto}, a built-in id (case-insensitive) or the path of a calibration file
     * @param hardware the {@code --hardware} id, to warn when a file was fitted on another chip
     * @return the calibration, null for {@code auto}, and a warning if the file's chip is not {@code hardware}
     * @throws IllegalArgumentException naming the option and the value: neither an id nor a readable, valid file
     */
    static Chosen resolve(String value, String hardware) {
        if (value.equalsIgnoreCase("auto")) {
            return new Chosen(null, null);
        }
        if (CalibratedEfficiencies.ids().contains(value.toLowerCase(Locale.ROOT))) {
            return new Chosen(CalibratedEfficiencies.byId(value), null);
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
        CalibrationFile read;
        try {
            read = Calibration.read(file);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(
                    "--calibration (" + value + ") cannot be read: "
                            + OutputFiles.describe(java.util.Objects.requireNonNull(e.getCause())),
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--calibration: " + e.getMessage(), e);
        }
        String chip = hardware.trim().toLowerCase(Locale.ROOT);
        String warning = read.chip().equals(chip) || read.chip().equals("generic")
                ? null
                : "llm-cost: warning: calibration " + value + " was fitted on " + read.chip() + ", not " + chip;
        return new Chosen(read.calibration(), warning);
    }

    private static IllegalArgumentException notKnown(String value, String why) {
        return new IllegalArgumentException("--calibration (" + value + ") is neither a built-in calibration (auto, "
                + String.join(", ", CalibratedEfficiencies.ids()) + ") nor a calibration file (" + why + ")");
    }
}
