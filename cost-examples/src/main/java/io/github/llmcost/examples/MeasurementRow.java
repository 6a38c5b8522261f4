package io.github.llmcost.examples;

import io.github.llmcost.hardware.calibration.Measurement;
import org.jspecify.annotations.Nullable;

/**
 * One row of a measurement file: its id as the file names it ({@code "line 5"}, {@code "row 3"}), the number {@code
 * --exclude} takes, the measurement, the engine text, and why the file itself leaves it out (or null).
 *
 * @param id the row's id, printed in tables
 * @param number the number in the id
 * @param measurement the measurement
 * @param engine the engine and version, free text; empty when the file does not say
 * @param skipped why the file marks the row as not to be fitted, or null
 */
record MeasurementRow(
        String id,
        int number,
        Measurement measurement,
        String engine,
        @Nullable String skipped) {}
