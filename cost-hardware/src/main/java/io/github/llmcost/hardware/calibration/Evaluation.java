package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.HardwareSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Predictions set against measurements: each point's predicted and measured value and error, the median absolute
 * error and the worst point.
 *
 * <p>Errors are relative, {@code predicted / measured - 1}: +0.10 means the prediction is 10% above the measurement
 * (for a time, 10% too slow; for a throughput, 10% too fast). The fit minimises the squares of the log errors, {@code
 * ln(predicted / measured)}, which treat a factor of two too high and too low alike.
 *
 * <p>Immutable and thread-safe.
 */
public final class Evaluation {
    /**
     * One measurement and its prediction.
     *
     * @param measurement the measurement
     * @param predicted the predicted value, in the metric's unit
     */
    public record Point(Measurement measurement, double predicted) {
        /**
         * Checks the prediction.
         *
         * @param measurement the measurement
         * @param predicted the predicted value, finite and {@code > 0}
         */
        public Point {
            java.util.Objects.requireNonNull(measurement, "measurement");
            Check.positive("predicted", predicted);
        }

        /** {@return the measured value, in the metric's unit} */
        public double measured() {
            return measurement.value();
        }

        /** {@return the relative error {@code predicted / measured - 1}} */
        public double error() {
            return predicted / measurement.value() - 1;
        }

        /**
         * {@return measured time over predicted time: {@code measured / predicted} for a time, {@code predicted /
         * measured} for a throughput; above 1 when the run was slower than predicted}
         */
        public double timeRatio() {
            return measurement().metric().isTime() ? measured() / predicted() : predicted() / measured();
        }

        /** {@return the log error {@code ln(predicted / measured)}} */
        public double logError() {
            return Math.log(predicted / measurement.value());
        }
    }

    private final List<Point> points;

    private Evaluation(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points (0) must not be empty");
        }
        this.points = List.copyOf(points);
    }

    /**
     * Predicts every measurement under its chip's factors.
     *
     * @param measurements the measurements, at least one
     * @param calibrationOf the factors for a chip
     * @return the predictions and their errors
     * @throws IllegalArgumentException if there are no measurements
     */
    public static Evaluation of(
            List<Measurement> measurements, Function<? super HardwareSpec, ChipCalibration> calibrationOf) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("measurements (0) must not be empty");
        }
        List<Point> points = new ArrayList<>(measurements.size());
        for (Measurement m : measurements) {
            points.add(new Point(m, m.predicted(calibrationOf.apply(m.hardware()))));
        }
        return new Evaluation(points);
    }

    /**
     * Points already predicted, such as a {@link Calibration#leaveOneOut(List)} and a {@link
     * CalibrationResult#validate(List)} together.
     *
     * @param points at least one
     * @return their evaluation
     * @throws IllegalArgumentException if there are none
     */
    public static Evaluation of(List<Point> points) {
        return new Evaluation(points);
    }

    /** {@return every point, in the order of the measurements} */
    public List<Point> points() {
        return points;
    }

    /** {@return the median of the absolute relative errors (the mean of the middle two for an even count)} */
    public double medianAbsoluteError() {
        double[] errors =
                points.stream().mapToDouble(p -> Math.abs(p.error())).sorted().toArray();
        int n = errors.length;
        return n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    }

    /** {@return the point with the largest absolute relative error (the first such, on a tie)} */
    public Point worst() {
        return points.stream()
                .max(Comparator.comparingDouble(p -> Math.abs(p.error())))
                .orElseThrow();
    }

    /**
     * The quantile of the points' time ratios, measured time over predicted time (for a throughput, predicted over
     * measured): where {@link ChipCalibration#errorLow()} and {@link ChipCalibration#errorHigh()} come from.
     *
     * @param q the quantile, in [0, 1] (linear interpolation between order statistics)
     * @return the ratio
     */
    public double timeRatioQuantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q (" + q + ") must be in [0, 1]");
        }
        double[] ratios = points.stream().mapToDouble(Point::timeRatio).sorted().toArray();
        double at = q * (ratios.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(ratios.length - 1, below + 1);
        return ratios[below] + (at - below) * (ratios[above] - ratios[below]);
    }

    /**
     * The share of points whose time ratio falls in a band: the coverage of a calibration's interval.
     *
     * @param low the band's low ratio
     * @param high the band's high ratio
     * @return the share, in [0, 1]
     */
    public double coverage(double low, double high) {
        return points.stream()
                        .filter(p -> p.timeRatio() >= low && p.timeRatio() <= high)
                        .count()
                / (double) points.size();
    }

    /** {@return the sum of squared log errors: what {@link Calibration} minimises} */
    public double sumOfSquaredLogErrors() {
        double sum = 0;
        for (Point p : points) {
            sum += p.logError() * p.logError();
        }
        return sum;
    }

    /** {@return a table, one point a line (source, chip, metric, measured, predicted, error), then the median and the worst} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-28s %-18s %-38s %12s %12s %8s%n",
                "source",
                "chip",
                "metric",
                "measured",
                "predicted",
                "error"));
        for (Point p : points) {
            Measurement m = p.measurement();
            out.append(String.format(
                    Locale.ROOT,
                    "%-28s %-18s %-38s %12.5g %12.5g %+7.1f%%%n",
                    m.source(),
                    m.hardware().name(),
                    m.metric() + " (" + m.metric().unit() + ")",
                    p.measured(),
                    p.predicted(),
                    100 * p.error()));
        }
        out.append(String.format(
                Locale.ROOT,
                "median |error| %.1f%%, worst %s %+.1f%%",
                100 * medianAbsoluteError(),
                worst().measurement().source(),
                100 * worst().error()));
        return out.toString();
    }
}
