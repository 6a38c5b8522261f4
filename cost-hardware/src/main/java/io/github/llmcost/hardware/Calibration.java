package io.github.llmcost.hardware;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.internal.Check;
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
     * One chip's fit: projected Levenberg-Marquardt on the residuals {@code ln(predicted / measured)} and the prior's
     * {@code sqrt(PRIOR) (x - x0) / scale}, over the vector of ln of the four fractions, then the overheads in seconds.
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
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double[] x0 : startingPoints(parameters)) {
            double[] x = levenbergMarquardt(f, parameters, x0);
            double[] r = f.at(x);
            double cost = dot(r, r);
            if (cost < bestCost) {
                bestCost = cost;
                best = x;
            }
        }
        return f.calibration(Objects.requireNonNull(best));
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

    /** Projected Levenberg-Marquardt from {@code x0}: damped Gauss-Newton steps, clamped to the bounds. */
    private static double[] levenbergMarquardt(Residuals f, List<Parameter> parameters, double[] x0) {
        double[] x = x0.clone();
        double[] r = f.at(x);
        double cost = dot(r, r);
        double damping = 1e-3;
        for (int iteration = 0; iteration < MAX_ITERATIONS && damping < 1e12; iteration++) {
            double[][] jacobian = f.jacobian(x, r);
            int n = x.length;
            double[][] normal = new double[n][n];
            double[] gradient = new double[n];
            for (int a = 0; a < n; a++) {
                for (int k = 0; k < r.length; k++) {
                    gradient[a] -= jacobian[k][a] * r[k];
                    for (int b = 0; b < n; b++) {
                        normal[a][b] += jacobian[k][a] * jacobian[k][b];
                    }
                }
            }
            boolean improved = false;
            while (!improved && damping < 1e12) {
                double[][] damped = new double[n][];
                for (int a = 0; a < n; a++) {
                    damped[a] = normal[a].clone();
                    damped[a][a] += damping * (normal[a][a] + 1e-12);
                }
                double[] step = solve(damped, gradient.clone());
                double[] trial = new double[n];
                for (int a = 0; a < n; a++) {
                    trial[a] = parameters.get(a).clamp(x[a] + step[a]);
                }
                double[] trialResiduals = f.at(trial);
                double trialCost = dot(trialResiduals, trialResiduals);
                if (trialCost < cost) {
                    improved = true;
                    double gain = cost - trialCost;
                    x = trial;
                    r = trialResiduals;
                    cost = trialCost;
                    damping = Math.max(1e-9, damping / 3);
                    if (gain < 1e-14 * (1 + cost)) {
                        return x;
                    }
                } else {
                    damping *= 4;
                }
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} is positive definite here. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swapRow = a[col];
            a[col] = a[pivot];
            a[pivot] = swapRow;
            double swap = b[col];
            b[col] = b[pivot];
            b[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[row][k] -= factor * a[col][k];
                }
                b[row] -= factor * b[col];
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }

    /** One coordinate of the fit: its starting value, its bounds and the scale of its prior. */
    private record Parameter(double start, double lower, double upper, double scale) {
        double clamp(double value) {
            return Math.max(lower, Math.min(upper, value));
        }
    }

    /** The residual vector of one chip's fit: log errors, then the prior's terms. */
    private static final class Residuals {
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

        double[] at(double[] x) {
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

        /** Forward differences, stepping inward at an upper bound. */
        double[][] jacobian(double[] x, double[] r) {
            double[][] j = new double[r.length][x.length];
            for (int a = 0; a < x.length; a++) {
                Parameter p = parameters.get(a);
                double h = 1e-6 * p.scale();
                double[] moved = x.clone();
                moved[a] = x[a] + h <= p.upper() ? x[a] + h : x[a] - h;
                double delta = moved[a] - x[a];
                double[] rm = at(moved);
                for (int k = 0; k < r.length; k++) {
                    j[k][a] = (rm[k] - r[k]) / delta;
                }
            }
            return j;
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
