package io.github.llmcost.hardware;

import java.util.Objects;

/**
 * A predicted figure's 80% interval: the range its measured value falls in four times out of five, from the
 * calibration's held-out errors ({@link io.github.llmcost.hardware.calibration.ChipCalibration#errorLow()}, {@link
 * io.github.llmcost.hardware.calibration.ChipCalibration#errorHigh()}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param low the low end
 * @param high the high end
 * @param <Q> the quantity: {@link io.github.llmcost.core.Seconds}, a rate as {@link Double}, money
 */
public record Interval<Q>(Q low, Q high) {
    /**
     * Checks both ends are present.
     *
     * @param low the low end
     * @param high the high end
     */
    public Interval {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
    }

    /** {@return the ends, {@code "low-high"}} */
    @Override
    public String toString() {
        return low + "-" + high;
    }
}
