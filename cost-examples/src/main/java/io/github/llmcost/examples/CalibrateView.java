package io.github.llmcost.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.calibration.Calibration;
import io.github.llmcost.hardware.calibration.Evaluation;
import io.github.llmcost.hardware.calibration.Measurement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text and JSON of {@code llm-cost calibrate}: both read the one {@link CalibrationReport}. */
final class CalibrateView {
    private CalibrateView() {}

    /**
     * The report as text: the table, the medians and biases, the worst rows, outliers, exclusions and the factors.
     *
     * @param r the report
     * @param file where the calibration was written
     * @return the text
     */
    static String text(CalibrationReport r, Path file) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Calibrated %s (%s) on %d rows (%s); fitted: %s%n",
                r.chip().name(),
                r.chipId(),
                r.rows().size(),
                r.file().engine(),
                String.join(", ", r.factors().stream().map(FactorEvidence::name).toList())));
        out.append(String.format(
                Locale.ROOT,
                "%-9s %-34s %11s %11s %11s %23s %8s%n",
                "row",
                "measurement",
                "measured",
                "before",
                "after",
                "80% interval",
                "error"));
        for (int i = 0; i < r.rows().size(); i++) {
            Evaluation.Point p = r.after().points().get(i);
            double[] band = r.interval(i);
            Measurement m = p.measurement();
            out.append(String.format(
                    Locale.ROOT,
                    "%-9s %-34s %11s %11s %11s %11s-%-11s %+7.1f%%%n",
                    r.rows().get(i).id(),
                    describe(m),
                    value(m, p.measured()),
                    value(m, r.before().points().get(i).predicted()),
                    value(m, p.predicted()),
                    value(m, band[0]),
                    value(m, band[1]),
                    100 * p.error()));
        }
        out.append(String.format(
                Locale.ROOT,
                "median |error|: before %.1f%% (shipped %s calibration), after %.1f%% (each row held out);"
                        + " bias before %+.1f%%, after %+.1f%%%n",
                100 * r.before().medianAbsoluteError(),
                r.chipId(),
                100 * r.after().medianAbsoluteError(),
                100 * CalibrationReport.bias(r.before()),
                100 * CalibrationReport.bias(r.after())));
        out.append("worst:");
        for (int i : r.worst()) {
            out.append(String.format(
                    Locale.ROOT,
                    " %s %+.1f%%%s;",
                    r.rows().get(i).id(),
                    100 * r.after().points().get(i).error(),
                    reason(r, i)));
        }
        out.setLength(out.length() - 1);
        out.append(System.lineSeparator());
        List<Integer> outliers = r.outliers();
        if (outliers.isEmpty()) {
            out.append("outliers (more than 3x off after fitting): none").append(System.lineSeparator());
        }
        for (int i : outliers) {
            out.append(String.format(
                    Locale.ROOT,
                    "outlier: %s is %.2fx off after fitting; leave it out with --exclude %d --reason TEXT%n",
                    r.rows().get(i).id(),
                    r.fitted().points().get(i).timeRatio(),
                    r.rows().get(i).number()));
        }
        r.excluded()
                .forEach((id, why) -> out.append("excluded: ")
                        .append(id)
                        .append(": ")
                        .append(OutputFiles.oneLine(why, "no reason"))
                        .append(System.lineSeparator()));
        out.append("factors: ").append(r.file().calibration()).append(System.lineSeparator());
        out.append("wrote ")
                .append(file)
                .append(" (use it with --calibration ")
                .append(file)
                .append(')');
        out.append(System.lineSeparator());
        return out.toString();
    }

    /**
     * The report as one JSON object.
     *
     * @param r the report
     * @param file where the calibration was written
     * @return maps and lists for {@link Json#write}
     */
    static Map<String, Object> json(CalibrationReport r, Path file) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("chip", r.chipId());
        top.put("hardware", r.chip().name());
        top.put("engine", r.file().engine());
        top.put("factors", r.factors().stream().map(FactorEvidence::name).toList());
        List<Object> table = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            Evaluation.Point p = r.after().points().get(i);
            Measurement m = p.measurement();
            double[] band = r.interval(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", r.rows().get(i).id());
            row.put("model", m.model().name());
            row.put("metric", m.metric().name());
            row.put("unit", m.metric().unit());
            row.put("gpus", m.tensorParallel());
            row.put("batch", m.workload().batchSize());
            row.put("inputTokens", m.workload().promptTokens());
            row.put("outputTokens", m.workload().outputTokens());
            row.put("measured", p.measured());
            row.put("before", r.before().points().get(i).predicted());
            row.put("after", p.predicted());
            row.put("afterLow", band[0]);
            row.put("afterHigh", band[1]);
            row.put("errorBefore", r.before().points().get(i).error());
            row.put("error", p.error());
            row.put("outlier", r.outliers().contains(i));
            table.add(row);
        }
        top.put("rows", table);
        top.put("medianAbsoluteErrorBefore", r.before().medianAbsoluteError());
        top.put("medianAbsoluteErrorAfter", r.after().medianAbsoluteError());
        top.put("biasBefore", CalibrationReport.bias(r.before()));
        top.put("biasAfter", CalibrationReport.bias(r.after()));
        top.put("worst", r.worst().stream().map(i -> r.rows().get(i).id()).toList());
        top.put("outliers", r.outliers().stream().map(i -> r.rows().get(i).id()).toList());
        List<Object> excluded = new ArrayList<>();
        r.excluded().forEach((id, why) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("row", id);
            e.put("reason", why);
            excluded.add(e);
        });
        top.put("excluded", excluded);
        top.put("out", file.toString());
        try {
            top.put("calibration", JsonMapper.builder().build().readTree(Calibration.toJson(r.file())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back a calibration just written: " + e.getMessage(), e);
        }
        return top;
    }

    private static String reason(CalibrationReport r, int i) {
        if (r.outliers().contains(i)) {
            return " (more than 3x off after fitting)";
        }
        Measurement m = r.rows().get(i).measurement();
        long same = r.rows().stream()
                .filter(o -> o.measurement().metric() == m.metric()
                        && o.measurement().model().equals(m.model()))
                .count();
        return same == 1 ? " (the only " + m.metric() + " row of " + m.model().name() + ")" : "";
    }

    private static String describe(Measurement m) {
        Workload w = m.workload();
        String what = switch (m.metric()) {
            case TIME_TO_FIRST_TOKEN -> "ttft";
            case DECODE_STEP_SECONDS -> "step";
            case DECODE_TOKENS_PER_SECOND_PER_USER -> "tok/s/user";
            case STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND -> "static tok/s";
            case SATURATED_OUTPUT_TOKENS_PER_SECOND -> "saturated tok/s";
        };
        String model = m.model().name();
        return String.format(
                Locale.ROOT,
                "%s %s%s b%d %d/%d",
                model.length() > 12 ? model.substring(0, 12) : model,
                what,
                m.tensorParallel() > 1 ? " tp" + m.tensorParallel() : "",
                w.batchSize(),
                w.promptTokens(),
                w.outputTokens());
    }

    private static String value(Measurement m, double v) {
        return m.metric().isTime()
                ? String.format(Locale.ROOT, "%.4g ms", v * 1e3)
                : String.format(Locale.ROOT, "%.5g", v);
    }
}
