package io.github.llmcost.economics;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.Interval;
import io.github.llmcost.hardware.calibration.ChipCalibration;

/**
 * The one place an 80% interval is made from a calibration's band ({@link ChipCalibration#errorLow()}, {@link
 * ChipCalibration#errorHigh()}, measured over predicted time): times and costs scale with it, rates with its inverse.
 */
final class Bands {
    private Bands() {}

    static Interval<Seconds> time(ChipCalibration c, Seconds point) {
        return new Interval<>(point.multipliedBy(c.errorLow()), point.multipliedBy(c.errorHigh()));
    }

    static Interval<Double> rate(ChipCalibration c, double point) {
        return new Interval<>(point / c.errorHigh(), point / c.errorLow());
    }

    static Interval<Money> cost(ChipCalibration c, Money point) {
        return new Interval<>(point.multipliedBy(c.errorLow()), point.multipliedBy(c.errorHigh()));
    }
}
