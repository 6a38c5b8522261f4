package io.github.llmcost.examples;

import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.Calibration;
import io.github.llmcost.hardware.calibration.Calibration.Factor;
import io.github.llmcost.hardware.calibration.CalibrationFile;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import io.github.llmcost.hardware.calibration.Evaluation;
import io.github.llmcost.hardware.calibration.Measurement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What {@code llm-cost calibrate} computes, once, for its text and JSON views: one chip's factors fitted to the rows
 * kept (from {@link CalibratedEfficiencies#PHYSICS_START}, as the shipped calibrations were), each row predicted before
 * (under the shipped calibration for the chip) and after (by a fit to the other rows: leave-one-out), the calibration
 * file, and the rows more than {@value #OUTLIER} times off after fitting.
 *
 * @param chipId the hardware preset id of the chip fitted
 * @param chip the chip
 * @param factors the factors fitted
 * @param rows the rows fitted
 * @param excluded row id to the reason it was left out (by the file or by {@code --exclude})
 * @param before each row under the shipped calibration
 * @param after each row predicted by a fit to the others
 * @param fitted each row under the fit to all of them
 * @param file the calibration file
 */
record CalibrationReport(
        String chipId,
        HardwareSpec chip,
        Set<Factor> factors,
        List<MeasurementRow> rows,
        Map<String, String> excluded,
        Evaluation before,
        Evaluation after,
        Evaluation fitted,
        CalibrationFile file) {
    /** How far off (measured over predicted time, either way) a fitted row is an outlier. */
    static final double OUTLIER = 3;

    /** How many of the worst rows the report names. */
    static final int WORST = 3;

    /**
     * Refuses two rows of the same configuration, metric and value: leave-one-out would still see the twin of the
     * row it leaves out, and the held-out band would be too narrow.
     */
    private static void refuseTwins(List<MeasurementRow> rows) {
        Map<String, String> first = new LinkedHashMap<>();
        for (MeasurementRow r : rows) {
            String twin = first.putIfAbsent(CalibrationFile.digest(List.of(r.measurement())), r.id());
            if (twin != null) {
                throw new IllegalArgumentException(twin + " and " + r.id() + " are the same measurement (the same"
                        + " configuration, metric and value): remove one, or leave one out with --exclude and"
                        + " --reason; leave-one-out would still see its twin");
            }
        }
    }

    /**
     * Fits and evaluates.
     *
     * @param all every row of the file
     * @param exclusions row number to reason, from {@code --exclude} and {@code --reason}
     * @param hardware the chip to fit, or null for the only chip the rows name
     * @param asked the factors to fit, or null for every factor the rows determine
     * @param engine the engine text, or null for the rows' own
     * @param date the day of the fit
     * @return the report
     * @throws IllegalArgumentException naming what cannot be fitted and why
     */
    static CalibrationReport compute(
            List<MeasurementRow> all,
            Map<Integer, String> exclusions,
            @Nullable HardwareSpec hardware,
            @Nullable Set<Factor> asked,
            @Nullable String engine,
            LocalDate date) {
        Set<Integer> numbers = all.stream().map(MeasurementRow::number).collect(Collectors.toSet());
        for (Integer n : exclusions.keySet()) {
            if (!numbers.contains(n)) {
                throw new IllegalArgumentException("--exclude (" + n + ") is not a row of the file");
            }
        }
        Map<String, String> excluded = new LinkedHashMap<>();
        List<MeasurementRow> kept = new ArrayList<>();
        Set<String> chips = new TreeSet<>();
        for (MeasurementRow r : all) {
            String reason = exclusions.getOrDefault(r.number(), r.skipped());
            if (hardware != null && !r.measurement().hardware().equals(hardware)) {
                continue;
            }
            if (reason != null) {
                excluded.put(r.id(), reason);
            } else {
                kept.add(r);
                chips.add(r.measurement().hardware().name());
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(
                    hardware == null
                            ? "no rows are left to fit"
                            : "no rows on " + hardware.name() + " are left to fit (--hardware)");
        }
        if (chips.size() > 1) {
            throw new IllegalArgumentException(
                    "the rows are on " + chips.size() + " chips " + chips + ": choose one with --hardware");
        }
        refuseTwins(kept);
        List<Measurement> measurements =
                kept.stream().map(MeasurementRow::measurement).toList();
        Set<Factor> factors = factors(measurements, asked);
        HardwareSpec chip = measurements.get(0).hardware();
        Calibration fit = Calibration.builder()
                .start(CalibratedEfficiencies.PHYSICS_START)
                .factors(factors)
                .build();
        ChipCalibration fittedFactors = fit.fit(measurements).calibration(chip);
        Evaluation after = fit.leaveOneOut(measurements);
        String chipId = id(chip);
        CalibrationFile file = CalibrationFile.fitted(
                chipId, engine != null ? engine : engine(kept), date, measurements, fittedFactors, after);
        ChipCalibration shipped = CalibratedEfficiencies.forHardware(chip);
        return new CalibrationReport(
                chipId,
                chip,
                factors,
                kept,
                excluded,
                Evaluation.of(measurements, c -> shipped),
                after,
                Evaluation.of(measurements, c -> file.calibration()),
                file);
    }

    /** The factors asked, each checked against the rows, or every factor the rows determine. */
    private static Set<Factor> factors(List<Measurement> rows, @Nullable Set<Factor> asked) {
        Set<Factor> determined = FactorEvidence.determined(rows);
        Set<Factor> factors = asked == null ? determined : asked;
        for (Factor f : factors) {
            if (!determined.contains(f)) {
                throw new IllegalArgumentException("--factors: " + FactorEvidence.name(f) + " cannot be determined by"
                        + " these " + rows.size() + " rows; it needs " + FactorEvidence.needs(f));
            }
        }
        if (rows.size() < factors.size() + 1) {
            throw new IllegalArgumentException(rows.size() + " rows are too few to fit " + factors.size()
                    + " factors " + factors.stream().map(FactorEvidence::name).toList()
                    + " and check them leave-one-out: give at least " + (factors.size() + 1)
                    + " rows, or fewer --factors");
        }
        return factors;
    }

    private static String id(HardwareSpec chip) {
        for (Map.Entry<String, HardwareSpec> e : HardwarePresets.all().entrySet()) {
            if (e.getValue().equals(chip)) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("the chip " + chip.name() + " is not a preset");
    }

    private static String engine(List<MeasurementRow> rows) {
        Set<String> engines = new LinkedHashSet<>();
        for (MeasurementRow r : rows) {
            if (!r.engine().isBlank()) {
                engines.add(r.engine());
            }
        }
        return engines.isEmpty() ? "engine not named" : String.join("; ", engines);
    }

    /**
     * The bias of predictions: the geometric mean of predicted over measured, less 1 (+0.05: 5% high on average).
     *
     * @param e the predictions
     * @return the bias
     */
    static double bias(Evaluation e) {
        double sum = 0;
        for (Evaluation.Point p : e.points()) {
            sum += p.logError();
        }
        return Math.exp(sum / e.points().size()) - 1;
    }

    /** {@return the rows more than {@value #OUTLIER} times off after fitting, by their index in {@link #rows()}} */
    List<Integer> outliers() {
        List<Integer> out = new ArrayList<>();
        List<Evaluation.Point> points = fitted.points();
        for (int i = 0; i < points.size(); i++) {
            double r = points.get(i).timeRatio();
            if (r > OUTLIER || r < 1 / OUTLIER) {
                out.add(i);
            }
        }
        return out;
    }

    /** {@return the indices of the {@value #WORST} rows with the largest held-out error, worst first} */
    List<Integer> worst() {
        List<Evaluation.Point> points = after.points();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.comparingDouble((Integer i) -> Math.abs(points.get(i).error()))
                        .reversed());
        return order.subList(0, Math.min(WORST, order.size()));
    }

    /**
     * The 80% interval of a held-out prediction under the new band: times scale by the band, throughputs by its
     * inverse.
     *
     * @param i the row's index
     * @return low and high
     */
    double[] interval(int i) {
        Evaluation.Point p = after.points().get(i);
        ChipCalibration c = file.calibration();
        boolean time = p.measurement().metric().isTime();
        return time
                ? new double[] {p.predicted() * c.errorLow(), p.predicted() * c.errorHigh()}
                : new double[] {p.predicted() / c.errorHigh(), p.predicted() / c.errorLow()};
    }
}
