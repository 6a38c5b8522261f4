package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.internal.LevenbergMarquardt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.immutables.value.Value;

/**
 * Fits each chip's {@link ChipCalibration} to measurements: the compute and bandwidth fractions of prefill and of
 * decode, the fixed latency of each tensor-parallel all-reduce and, if asked, a fixed overhead per forward pass.
 *
 * <p>The fit. Measurements are grouped by chip. Each chip's factors minimise the sum over its measurements of the
 * squared log error {@code ln(predicted / measured)^2}, each prediction being the full {@link InferencePerformance}
 * model of the measurement's configuration, plus a prior: {@link #priorWeight()} times the squared distance of each
 * factor from {@link #start()} (in log for the fractions, in units of 1 ms for the pass overhead and 100 us for the
 * all-reduce latency). The prior keeps a factor no measurement depends on at its start (decode's compute fraction when
 * every decode step is memory-bound) and splits a trade-off the measurements cannot resolve (one static-batch
 * throughput depends on both phases' compute). The minimiser is Levenberg-Marquardt with forward-difference
 * derivatives, fractions searched in log space within {@code [0.01, 1]}, the pass overhead within {@code [0, 50 ms]},
 * the all-reduce latency within {@code [0, 1 ms]}, steps clamped to those bounds; it starts from {@link #start()} and
 * from the 16 corners of {@code {0.25, 0.85}^4} for the four fractions and keeps the best, since a short prefill can be
 * explained either by slow compute or by slow memory traffic, two separate minima.
 *
 * <p>A fit is only as good as the spread of its measurements: a phase's compute fraction needs a measurement where
 * that phase is compute-bound, its bandwidth fraction one where it is memory-bound, the all-reduce latency one with
 * tensor parallelism. {@link CalibrationResult#fitted()} gives the fit's own errors; {@link
 * CalibrationResult#validate(List)} and {@link #leaveOneOut(List)} check it on measurements it did not see.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CalibrationResult result = Calibration.defaults().fit(measurements);
 * result.calibration(HardwarePresets.A100_80GB);   // the fitted factors
 * result.validate(heldOut).medianAbsoluteError();  // how well they predict other rows
 * }</pre>
 */
@Value.Immutable
public abstract class Calibration {
    static final int MAX_ITERATIONS = 500;
    static final double LOW_START = 0.25;
    static final double HIGH_START = 0.85;
    /** Default weight of the pull toward {@link #start()}. */
    public static final double DEFAULT_PRIOR_WEIGHT = 1e-3;

    private static final double MIN_FRACTION = 0.01;
    private static final double MAX_PASS_OVERHEAD_SECONDS = 0.05;
    private static final double MAX_ALL_REDUCE_LATENCY_SECONDS = 0.001;
    private static final double PASS_OVERHEAD_SCALE_SECONDS = 1e-3;
    private static final double ALL_REDUCE_LATENCY_SCALE_SECONDS = 1e-4;

    Calibration() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the default fit: per-phase efficiencies and the all-reduce latency, from {@link
     * ChipCalibration#UNCALIBRATED}, no pass overhead}
     */
    public static Calibration defaults() {
        return builder().build();
    }

    /** {@return the starting factors, and where ties are broken toward; {@link ChipCalibration#UNCALIBRATED} by default} */
    @Value.Default
    public ChipCalibration start() {
        return ChipCalibration.UNCALIBRATED;
    }

    /** {@return whether to fit a fixed overhead per forward pass (otherwise it stays at the start's); false by default} */
    @Value.Default
    public boolean fitPassOverhead() {
        return false;
    }

    /**
     * {@return whether to fit a fixed latency per all-reduce (otherwise it stays at the start's); true by default. With
     * no tensor-parallel measurement of a chip the prior holds it at the start's}
     */
    @Value.Default
    public boolean fitAllReduceLatency() {
        return true;
    }

    /**
     * {@return the weight of the pull toward {@link #start()}, against squared log errors of weight 1; {@value
     * #DEFAULT_PRIOR_WEIGHT} by default}
     */
    @Value.Default
    public double priorWeight() {
        return DEFAULT_PRIOR_WEIGHT;
    }

    /**
     * Fits each chip's factors to its measurements.
     *
     * @param measurements at least one
     * @return the factors per chip and the fit's errors
     * @throws IllegalArgumentException if there are no measurements
     */
    public CalibrationResult fit(List<Measurement> measurements) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("measurements (0) must not be empty");
        }
        Map<HardwareSpec, List<Measurement>> byChip = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            byChip.computeIfAbsent(m.hardware(), chip -> new ArrayList<>()).add(m);
        }
        Map<HardwareSpec, ChipCalibration> fitted = new LinkedHashMap<>();
        for (Map.Entry<HardwareSpec, List<Measurement>> e : byChip.entrySet()) {
            fitted.put(e.getKey(), fitChip(e.getValue()));
        }
        return new CalibrationResult(fitted, measurements);
    }

    /**
     * Predicts each measurement from a fit to all the others: leave-one-out cross-validation, the held-out check that
     * uses every measurement once. A measurement that is the only one on its chip is predicted from {@link #start()}.
     *
     * @param measurements at least one
     * @return each measurement's held-out prediction and error
     * @throws IllegalArgumentException if there are no measurements
     */
    public Evaluation leaveOneOut(List<Measurement> measurements) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("measurements (0) must not be empty");
        }
        List<Evaluation.Point> points = new ArrayList<>(measurements.size());
        for (int i = 0; i < measurements.size(); i++) {
            Measurement out = measurements.get(i);
            List<Measurement> rest = new ArrayList<>();
            for (int j = 0; j < measurements.size(); j++) {
                if (j != i && measurements.get(j).hardware().equals(out.hardware())) {
                    rest.add(measurements.get(j));
                }
            }
            ChipCalibration c = rest.isEmpty() ? start() : fitChip(rest);
            points.add(new Evaluation.Point(out, out.predicted(c)));
        }
        return Evaluation.of(points);
    }

    /**
     * One chip's fit: projected Levenberg-Marquardt ({@link LevenbergMarquardt}) on the residuals {@code ln(predicted /
     * measured)} and the prior's {@code sqrt(PRIOR) (x - x0) / scale}, over the vector of ln of the four fractions,
     * then the overheads in seconds.
     */
    private ChipCalibration fitChip(List<Measurement> rows) {
        ChipCalibration s = start();
        double logMin = Math.log(MIN_FRACTION);
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(new Parameter(Math.log(s.prefill().computeFraction()), logMin, 0, 1));
        parameters.add(new Parameter(Math.log(s.prefill().bandwidthFraction()), logMin, 0, 1));
        parameters.add(new Parameter(Math.log(s.decode().computeFraction()), logMin, 0, 1));
        parameters.add(new Parameter(Math.log(s.decode().bandwidthFraction()), logMin, 0, 1));
        double overhead = s.passOverhead().toSeconds();
        double latency = s.allReduceLatency().toSeconds();
        if (fitPassOverhead()) {
            parameters.add(new Parameter(overhead, 0, MAX_PASS_OVERHEAD_SECONDS, PASS_OVERHEAD_SCALE_SECONDS));
        }
        if (fitAllReduceLatency()) {
            parameters.add(new Parameter(latency, 0, MAX_ALL_REDUCE_LATENCY_SECONDS, ALL_REDUCE_LATENCY_SCALE_SECONDS));
        }
        Residuals f = new Residuals(
                rows,
                parameters,
                Math.sqrt(priorWeight()),
                fitPassOverhead(),
                overhead,
                fitAllReduceLatency(),
                latency);
        LevenbergMarquardt solver = solver(parameters);
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double[] x0 : startingPoints(parameters)) {
            double[] x = solver.minimise(f, x0);
            double cost = LevenbergMarquardt.sumOfSquares(f.at(x));
            if (cost < bestCost) {
                bestCost = cost;
                best = x;
            }
        }
        return f.calibration(Objects.requireNonNull(best));
    }

    /** The solver over the parameters' box, each forward-difference step scaled as its prior. */
    private static LevenbergMarquardt solver(List<Parameter> parameters) {
        int n = parameters.size();
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] scales = new double[n];
        for (int j = 0; j < n; j++) {
            lower[j] = parameters.get(j).lower();
            upper[j] = parameters.get(j).upper();
            scales[j] = parameters.get(j).scale();
        }
        return new LevenbergMarquardt(lower, upper, scales, MAX_ITERATIONS);
    }

    /**
     * The starts: {@link #start()}, then every corner of a box inside the fractions' range ({@value #LOW_START} or
     * {@value #HIGH_START} for each of the four), which finds the better of the distinct explanations short and long
     * passes can have (a short prefill slow for lack of compute or of bandwidth).
     */
    private static List<double[]> startingPoints(List<Parameter> parameters) {
        List<double[]> starts = new ArrayList<>();
        double[] x0 = new double[parameters.size()];
        for (int j = 0; j < x0.length; j++) {
            x0[j] = parameters.get(j).start();
        }
        starts.add(x0);
        for (int corner = 0; corner < 16; corner++) {
            double[] x = x0.clone();
            for (int j = 0; j < 4; j++) {
                x[j] = Math.log((corner >> j & 1) == 1 ? HIGH_START : LOW_START);
            }
            starts.add(x);
        }
        return starts;
    }

    /** One coordinate of the fit: its starting value, its bounds and the scale of its prior. */
    private record Parameter(double start, double lower, double upper, double scale) {}

    /** The residual vector of one chip's fit: log errors, then the prior's terms. */
    private static final class Residuals implements LevenbergMarquardt.Residuals {
        private final List<Measurement> rows;
        private final List<Parameter> parameters;
        private final double priorRoot;
        private final boolean fitOverhead;
        private final double overhead;
        private final boolean fitLatency;
        private final double latency;

        Residuals(
                List<Measurement> rows,
                List<Parameter> parameters,
                double priorRoot,
                boolean fitOverhead,
                double overhead,
                boolean fitLatency,
                double latency) {
            this.rows = rows;
            this.parameters = parameters;
            this.priorRoot = priorRoot;
            this.fitOverhead = fitOverhead;
            this.overhead = overhead;
            this.fitLatency = fitLatency;
            this.latency = latency;
        }

        ChipCalibration calibration(double[] x) {
            int next = 4;
            double o = fitOverhead ? x[next++] : overhead;
            double l = fitLatency ? x[next] : latency;
            return ChipCalibration.builder()
                    .prefill(Efficiency.of(fraction(x[0]), fraction(x[1])))
                    .decode(Efficiency.of(fraction(x[2]), fraction(x[3])))
                    .passOverhead(Seconds.of(Math.max(0, o)))
                    .allReduceLatency(Seconds.of(Math.max(0, l)))
                    .build();
        }

        private static double fraction(double logFraction) {
            return Math.min(1, Math.exp(logFraction));
        }

        @Override
        public double[] at(double[] x) {
            ChipCalibration c = calibration(x);
            double[] r = new double[rows.size() + x.length];
            for (int i = 0; i < rows.size(); i++) {
                Measurement m = rows.get(i);
                r[i] = Math.log(m.predicted(c) / m.value());
            }
            for (int j = 0; j < x.length; j++) {
                Parameter p = parameters.get(j);
                r[rows.size() + j] = priorRoot * (x[j] - p.start()) / p.scale();
            }
            return r;
        }
    }

    @Value.Check
    void check() {
        Check.nonNegative("priorWeight", priorWeight());
    }

    /** Builds a {@link Calibration}. */
    public static final class Builder extends ImmutableCalibration.Builder {
        Builder() {}
    }
}
