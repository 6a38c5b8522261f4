package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.internal.LevenbergMarquardt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Fits each chip's {@link ChipCalibration} to measurements: the factors of the step-time model ({@link Factor}).
 *
 * <p>The fit. Measurements are grouped by chip. Each chip's factors minimise the sum over its measurements of the
 * squared log error {@code ln(predicted / measured)^2}, each prediction being the full {@link InferencePerformance}
 * model of the measurement's configuration, plus a prior: {@link #priorWeight()} times the squared distance of each
 * factor from {@link #start()} in units of its scale (1 in log for the fractions, 20 us
 * for the layer overhead, 1 ms for the step overhead, 100 us for the all-reduce latency). The prior keeps a factor no
 * measurement depends on at its start (the weight-only factor without a weight-only row, the all-reduce latency
 * without tensor parallelism) and splits a trade-off the measurements cannot resolve. The minimiser is
 * Levenberg-Marquardt with forward-difference derivatives within each factor's bounds; it starts from {@link #start()}
 * and from the corners of {@code {0.25, 0.85}} for the fitted fractions and keeps the best, since a short prefill can
 * be explained either by slow compute or by slow memory traffic, two separate minima.
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

    private static final double MIN_FRACTION = ChipCalibration.MIN_FRACTION;

    Calibration() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the default fit: every factor ({@link Factor}), from {@link ChipCalibration#UNCALIBRATED}, with the
     * default prior}
     */
    public static Calibration defaults() {
        return builder().build();
    }

    /**
     * Reads a calibration file ({@link CalibrationFile}, the format {@link #write(CalibrationFile, Path)} writes and
     * the shipped calibrations use).
     *
     * @param file the JSON file
     * @return the calibration and its provenance
     * @throws IllegalArgumentException naming the file, the key and the value, for a missing or unknown key, a value
     *     of the wrong type or out of range
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CalibrationFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CalibrationJson.read(text, file.toString());
    }

    /**
     * Reads a calibration from JSON text.
     *
     * @param json the text of a calibration file
     * @param name what to call it in messages (a file name, a resource)
     * @return the calibration and its provenance
     * @throws IllegalArgumentException naming {@code name}, the key and the value
     */
    public static CalibrationFile parse(String json, String name) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(name, "name");
        return CalibrationJson.read(json, name);
    }

    /**
     * Writes a calibration file that {@link #read(Path)} reads back to an equal {@link CalibrationFile}.
     *
     * @param calibration the calibration
     * @param file the file, replaced if it exists
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(CalibrationFile calibration, Path file) {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(file, "file");
        try {
            Files.writeString(file, CalibrationJson.write(calibration), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A calibration file's JSON text.
     *
     * @param calibration the calibration
     * @return the text {@link #write(CalibrationFile, Path)} writes
     */
    public static String toJson(CalibrationFile calibration) {
        return CalibrationJson.write(calibration);
    }

    /** {@return the starting factors, and where ties are broken toward; {@link ChipCalibration#UNCALIBRATED} by default} */
    @Value.Default
    public ChipCalibration start() {
        return ChipCalibration.UNCALIBRATED;
    }

    /** {@return the factors the fit moves (the others stay at the start's); all of them by default} */
    @Value.Default
    public Set<Factor> factors() {
        return EnumSet.allOf(Factor.class);
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
     * measured)} and the prior's {@code sqrt(PRIOR) (x - x0) / scale}, over the factors in {@link Factor} order (the
     * fractions in log), those not in {@link #factors()} held at the start's.
     */
    @SuppressWarnings("EnumOrdinal") // the fit's vector is indexed by Factor, in declaration order
    private ChipCalibration fitChip(List<Measurement> rows) {
        ChipCalibration s = start();
        double[] all = Factor.values(s);
        List<Parameter> parameters = new ArrayList<>();
        for (Factor f : factors()) {
            parameters.add(new Parameter(f, all[f.ordinal()], f.lower, f.upper, f.scale));
        }
        Residuals f = new Residuals(rows, parameters, Math.sqrt(priorWeight()), s);
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
     * {@value #HIGH_START} for each fitted fraction), which finds the better of the distinct explanations short and
     * long passes can have (a short prefill slow for lack of compute or of bandwidth).
     */
    private static List<double[]> startingPoints(List<Parameter> parameters) {
        List<double[]> starts = new ArrayList<>();
        double[] x0 = new double[parameters.size()];
        List<Integer> fractions = new ArrayList<>();
        for (int j = 0; j < x0.length; j++) {
            x0[j] = parameters.get(j).start();
            if (parameters.get(j).factor().corner) {
                fractions.add(j);
            }
        }
        starts.add(x0);
        for (int corner = 0; corner < 1 << fractions.size(); corner++) {
            double[] x = x0.clone();
            for (int k = 0; k < fractions.size(); k++) {
                x[fractions.get(k)] = Math.log((corner >> k & 1) == 1 ? HIGH_START : LOW_START);
            }
            starts.add(x);
        }
        return starts;
    }

    /** The factors a fit can move, in the order of the fit's vector, with their bounds and prior scales. */
    public enum Factor {
        /** {@link ChipCalibration#matmulFraction()}, in log. */
        MATMUL(Math.log(MIN_FRACTION), 0, 1, true),
        /** {@link ChipCalibration#attentionFraction()}, in log. */
        ATTENTION(Math.log(MIN_FRACTION), 0, 1, true),
        /** {@link ChipCalibration#bandwidthFraction()}, in log. */
        BANDWIDTH(Math.log(MIN_FRACTION), 0, 1, true),
        /** {@link ChipCalibration#weightOnlyBandwidthFactor()}, in log. */
        WEIGHT_ONLY_BANDWIDTH(Math.log(0.1), 0, 1, false),
        /** {@link ChipCalibration#layerOverhead()}, in seconds (prior scale 20 us). */
        LAYER_OVERHEAD(0, 1e-3, 2e-5, false),
        /** {@link ChipCalibration#stepOverhead()}, in seconds (prior scale 1 ms). */
        STEP_OVERHEAD(0, 0.05, 1e-3, false),
        /** {@link ChipCalibration#allReduceLatency()}, in seconds (prior scale 100 us). */
        ALL_REDUCE_LATENCY(0, 1e-3, 1e-4, false);

        final double lower;
        final double upper;
        final double scale;
        /** Whether the fit also starts from {@value #LOW_START} and {@value #HIGH_START} for this fraction. */
        final boolean corner;

        Factor(double lower, double upper, double scale, boolean corner) {
            this.lower = lower;
            this.upper = upper;
            this.scale = scale;
            this.corner = corner;
        }

        /** Every factor of a calibration as the fit's coordinates. */
        static double[] values(ChipCalibration c) {
            return new double[] {
                Math.log(c.matmulFraction()),
                Math.log(c.attentionFraction()),
                Math.log(c.bandwidthFraction()),
                Math.log(c.weightOnlyBandwidthFactor()),
                c.layerOverhead().toSeconds(),
                c.stepOverhead().toSeconds(),
                c.allReduceLatency().toSeconds()
            };
        }

        /** A calibration from the fit's coordinates, the band and source of another. */
        static ChipCalibration calibration(double[] v, ChipCalibration like) {
            return ChipCalibration.builder()
                    .from(like)
                    .matmulFraction(fraction(v[0]))
                    .attentionFraction(fraction(v[1]))
                    .bandwidthFraction(fraction(v[2]))
                    .weightOnlyBandwidthFactor(fraction(v[3]))
                    .layerOverhead(Seconds.of(Math.max(0, v[4])))
                    .stepOverhead(Seconds.of(Math.max(0, v[5])))
                    .allReduceLatency(Seconds.of(Math.max(0, v[6])))
                    .build();
        }

        private static double fraction(double logFraction) {
            return Math.min(1, Math.exp(logFraction));
        }
    }

    /** One coordinate of the fit: its factor, starting value, bounds and the scale of its prior. */
    private record Parameter(Factor factor, double start, double lower, double upper, double scale) {}

    /** The residual vector of one chip's fit: log errors, then the prior's terms. */
    private static final class Residuals implements LevenbergMarquardt.Residuals {
        private final List<Measurement> rows;
        private final List<Parameter> parameters;
        private final double priorRoot;
        private final ChipCalibration start;

        Residuals(List<Measurement> rows, List<Parameter> parameters, double priorRoot, ChipCalibration start) {
            this.rows = rows;
            this.parameters = parameters;
            this.priorRoot = priorRoot;
            this.start = start;
        }

        @SuppressWarnings("EnumOrdinal") // the fit's vector is indexed by Factor, in declaration order
        ChipCalibration calibration(double[] x) {
            double[] all = Factor.values(start);
            for (int j = 0; j < x.length; j++) {
                all[parameters.get(j).factor().ordinal()] = x[j];
            }
            return Factor.calibration(all, start);
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
