package io.github.llmcost.examples;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.compare.ContextFigures;
import io.github.llmcost.economics.compare.Figure;
import io.github.llmcost.economics.compare.Scorecard;
import io.github.llmcost.economics.compare.ScorecardRow;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code chart --kind compare}: the section-8 scorecard drawn, for several models on one device: decode time per token
 * (solid lines, left axis, where the model runs) and the memory each needs, weights plus activations plus KV cache and
 * state (dashed lines in the same model's colour, right axis), against context from 512 to 131,072 tokens, with the
 * device's memory budget as a dotted line. Every point is a {@link Scorecard} figure.
 */
final class CompareChart {
    /** One colour per model, shared by its two series. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
    };

    /** The contexts drawn: powers of two from 512 to 131,072 tokens. */
    static final long[] CONTEXTS = contexts();

    private CompareChart() {}

    private static long[] contexts() {
        long[] n = new long[9];
        for (int i = 0; i < n.length; i++) {
            n[i] = 512L << i;
        }
        return n;
    }

    /**
     * The scorecard of models on the chart command's device, formats and convention.
     *
     * @param models the models
     * @param e the chart command's estimate, for its device, formats and convention
     * @return the scorecard at {@link #CONTEXTS}
     */
    static Scorecard scorecard(List<ModelSpec> models, Estimate e) {
        return Scorecard.builder()
                .models(models)
                .hardware(e.hardware())
                .weights(e.formats().weights())
                .kvCache(e.formats().kvCache())
                .convention(e.convention())
                .contexts(CONTEXTS)
                .build();
    }

    /**
     * Draws a scorecard.
     *
     * @param card the scorecard
     * @param file the file, checked writable
     * @return the file written
     */
    static Path draw(Scorecard card, Path file) {
        String format = OutputFiles.checkWritable("--out", file);
        XYChart chart = Charts.chart(
                String.format(
                        Locale.ROOT,
                        "Decode time per token and memory against context on %s (%s for each model), weights %s,"
                                + " cache %s, %s",
                        card.hardware().name(),
                        CompareText.decimal(card.memoryBudget()),
                        card.weights(),
                        card.kvCache(),
                        card.convention()),
                "context (tokens)",
                "decode time per token (milliseconds)");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(0, "decode time per token (milliseconds)");
        chart.setYAxisGroupTitle(1, "memory: weights, activations, KV cache and state (GB)");
        List<ScorecardRow> rows = card.rows();
        for (int i = 0; i < rows.size(); i++) {
            XYSeries time = series(chart, rows.get(i), Figure.TIME_PER_OUTPUT_TOKEN_SECONDS, 1000, ": ms per token", 0);
            style(time, i, SeriesLines.SOLID);
        }
        for (int i = 0; i < rows.size(); i++) {
            XYSeries memory = series(chart, rows.get(i), Figure.MEMORY_BYTES, 1e-9, ": memory (GB)", 1);
            style(memory, i, SeriesLines.DASH_DASH);
        }
        double[] x = {CONTEXTS[0], CONTEXTS[CONTEXTS.length - 1]};
        double budget = card.memoryBudget().toGigabytes();
        XYSeries line = chart.addSeries("memory budget (GB)", x, new double[] {budget, budget});
        line.setYAxisGroup(1);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.GRAY);
        line.setLineStyle(SeriesLines.DOT_DOT);
        return Charts.write(chart, file, format, "--out");
    }

    /** Colours a model's series, if it has one, and draws it in a line style. */
    private static void style(@Nullable XYSeries series, int model, java.awt.BasicStroke line) {
        if (series != null) {
            Color colour = COLOURS[model % COLOURS.length];
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            series.setLineStyle(line);
        }
    }

    /** One model's figure against context, in a unit, on an axis: the points where it exists; null if none does. */
    private static @Nullable XYSeries series(
            XYChart chart, ScorecardRow row, Figure figure, double scale, String label, int axis) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ContextFigures c : row.contexts()) {
            OptionalDouble v = c.value(figure);
            if (v.isPresent()) {
                x.add((double) c.contextTokens());
                y.add(v.getAsDouble() * scale);
            }
        }
        if (x.isEmpty()) {
            return null;
        }
        XYSeries s = chart.addSeries(row.model().name() + label, x, y);
        s.setYAxisGroup(axis);
        return s;
    }
}
