package io.github.llmcost.examples;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.economics.ServingCost;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.PhaseAnalysis;
import io.github.llmcost.hardware.Placement;
import io.github.llmcost.hardware.Roofline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts with XChart, written as PNG or SVG by the file's extension: a chip's roofline with a configuration's
 * operations placed on it, a layer's quadratic share against context, users per GPU against context, and cost per
 * million output tokens against batch size at several utilisations.
 */
final class Charts {
    /** The charts besides the roofline. */
    enum Kind {
        /** Quadratic share of prefill FLOPs against context, both conventions. */
        QUADRATIC_SHARE,
        /** Whole sessions in memory against context. */
        USERS,
        /** Cost per million output tokens against batch size, at 10%, 30% and 100% utilisation. */
        COST;

        /**
         * Reads a kind as the command line spells it.
         *
         * @param text {@code quadratic-share}, {@code users} or {@code cost}, any case
         * @return the kind
         */
        static Kind parse(String text) {
            String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Kind kind : values()) {
                if (kind.name().equals(key)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("--kind (" + text + ") must be quadratic-share, users or cost");
        }
    }

    private Charts() {}

    static Path roofline(Estimate e, Path file) {
        Roofline roof = e.performance().roofline();
        XYChart chart = chart(
                e.hardware().name() + " roofline at " + roof.computeFormat() + ": "
                        + e.model().name(),
                "arithmetic intensity (FLOP/byte)",
                "attainable throughput (TFLOP/s)");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (double i = 0.01; i <= 1e5; i *= 1.25) {
            x.add(i);
            y.add(roof.attainable(i).toTeraflopsPerSecond());
        }
        XYSeries line = chart.addSeries("roofline (peak)", x, y);
        line.setMarker(SeriesMarkers.NONE);
        place(chart, "prefill", e.prefill());
        place(chart, "decode", e.decode());
        return write(chart, file);
    }

    private static void place(XYChart chart, String phase, PhaseAnalysis analysis) {
        for (Map.Entry<Operation, Placement> op : analysis.operations().entrySet()) {
            Placement p = op.getValue();
            double seconds = p.time().toSeconds();
            if (p.flopsPerByte() <= 0 || seconds <= 0 || p.flops().toFlops() <= 0) {
                continue;
            }
            XYSeries s = chart.addSeries(
                    phase + " " + op.getKey().name().toLowerCase(Locale.ROOT),
                    new double[] {p.flopsPerByte()},
                    new double[] {p.flops().toFlops() / seconds / 1e12});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
    }

    static Path chart(Kind kind, Estimate e, Path file) {
        return switch (kind) {
            case QUADRATIC_SHARE -> quadraticShare(e, file);
            case USERS -> users(e, file);
            case COST -> cost(e, file);
        };
    }

    private static Path quadraticShare(Estimate e, Path file) {
        XYChart chart = chart(
                e.model().name() + ": share of prefill FLOPs quadratic in context",
                "context (tokens)",
                "quadratic share (%)");
        chart.getStyler().setXAxisLogarithmic(true);
        for (Convention convention : Convention.values()) {
            FlopCounter counter = FlopCounter.of(e.model(), convention);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (long n = 256; n <= (1L << 21); n *= 2) {
                x.add((double) n);
                y.add(100 * counter.quadraticShare(n));
            }
            chart.addSeries(convention.name(), x, y);
        }
        return write(chart, file);
    }

    private static Path users(Estimate e, Path file) {
        XYChart chart = chart(
                e.model().name() + " on " + e.hardware().name() + ": whole sessions in memory",
                "context (tokens)",
                "concurrent sessions");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (long n = 512; n <= (1L << 20); n *= 2) {
            Workload w = Workload.builder()
                    .from(e.workload())
                    .promptTokens(n)
                    .outputTokens(0)
                    .sharedPrefixTokens(0)
                    .batchSize(1)
                    .build();
            long sessions = e.performance().withWorkload(w).maxConcurrentSessions();
            if (sessions > 0) {
                x.add((double) n);
                y.add((double) sessions);
            }
        }
        if (x.isEmpty()) {
            throw new IllegalArgumentException("no session of 512 tokens or more fits: nothing to chart");
        }
        chart.addSeries("sessions", x, y);
        return write(chart, file);
    }

    private static Path cost(Estimate e, Path file) {
        XYChart chart = chart(
                e.model().name() + " on " + e.hardware().name() + ": cost per million output tokens",
                "batch size",
                "US dollars per million output tokens");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        InferencePerformance perf = e.performance();
        long sessions = Math.max(1, perf.maxConcurrentSessions());
        for (double utilization : new double[] {0.1, 0.3, 1.0}) {
            GpuPricing pricing = e.pricing().withUtilization(utilization);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (long b = 1; b <= sessions; b *= 2) {
                x.add((double) b);
                y.add(ServingCost.of(perf, pricing)
                        .atBatch((int) b)
                        .costPerMillionOutputTokens()
                        .toUsd());
            }
            chart.addSeries(Math.round(utilization * 100) + "% utilization", x, y);
        }
        return write(chart, file);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(960)
                .height(640)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static Path write(XYChart chart, Path file) {
        String name =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new IllegalArgumentException("--out (" + file + ") must end in .png or .svg");
        }
        System.setProperty("java.awt.headless", "true");
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartEncoder.saveChart(chart, out, svg ? "svg" : "png");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        return file;
    }
}
