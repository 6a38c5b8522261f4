package io.github.llmcost.examples;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.economics.ServingCost;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.PhaseAnalysis;
import io.github.llmcost.hardware.Placement;
import io.github.llmcost.hardware.Roofline;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Traffic;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts with XChart, written as PNG or SVG by the file's extension: a chip's roofline with a configuration's
 * operations placed on it, a layer's quadratic share against context, users per GPU against context, cost per
 * million output tokens against batch size at several utilisations, and serving at load: throughput per GPU against
 * tokens per second per user as the batch cap grows, and latency against request rate.
 */
final class Charts {
    /** The charts besides the roofline. */
    enum Kind {
        /** Quadratic share of prefill FLOPs against context, both conventions. */
        QUADRATIC_SHARE,
        /** Whole sessions in memory against context. */
        USERS,
        /** Cost per million output tokens against batch size, at 10%, 30% and 100% utilisation. */
        COST,
        /** Saturated output tokens per second per GPU against tokens per second per user, as the batch cap grows. */
        SERVING_THROUGHPUT,
        /** 90th-percentile time to first token and per output token against the request rate. */
        SERVING_LATENCY,
        /** Decode time per token and memory against context, for several models ({@link CompareChart}). */
        COMPARE;

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
            throw new IllegalArgumentException("--kind (" + text
                    + ") must be quadratic-share, users, cost, serving-throughput, serving-latency or compare");
        }
    }

    private Charts() {}

    static Path roofline(Estimate e, Path file) {
        String format = OutputFiles.checkWritable("--out", file);
        Roofline roof = e.performance().roofline();
        XYChart chart = chart(
                title("Roofline at " + roof.computeFormat(), e),
                "arithmetic intensity (FLOP/byte)",
                "attainable throughput (TFLOP/s)");
        chart.getStyler()
                .setXAxisLogarithmic(true)
                .setYAxisLogarithmic(true)
                .setXAxisLogarithmicDecadeOnly(true)
                .setYAxisLogarithmicDecadeOnly(true);
        chart.setCustomXAxisTickLabelsFormatter(Charts::tickLabel);
        chart.setCustomYAxisTickLabelsFormatter(Charts::tickLabel);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (double i = 0.01; i <= 1e5; i *= 1.25) {
            x.add(i);
            y.add(roof.attainable(i).toTeraflopsPerSecond());
        }
        XYSeries line = chart.addSeries("roofline (peak)", x, y);
        line.setMarker(SeriesMarkers.NONE);
        double ridge = roof.ridgePointFlopsPerByte();
        double ridgeTflops = roof.attainable(ridge).toTeraflopsPerSecond();
        String ridgeLabel = ridgeLabel(ridge);
        XYSeries ridgePoint = chart.addSeries(ridgeLabel, new double[] {ridge}, new double[] {ridgeTflops});
        ridgePoint.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        ridgePoint.setMarker(SeriesMarkers.DIAMOND);
        AnnotationLine ridgeLine = new AnnotationLine(ridge, true, false);
        chart.getStyler()
                .setAnnotationLineColor(Color.GRAY)
                .setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        chart.addAnnotation(ridgeLine);
        chart.addAnnotation(new AnnotationText(ridgeLabel, ridge, ridgeTflops / 5, false));
        y.addAll(place(chart, "prefill operations", e.prefill()));
        y.addAll(place(chart, "decode operations", e.decode()));
        // whole decades at both ends, so that the top and bottom ticks are labelled
        double low = y.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double high = y.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        chart.getStyler()
                .setYAxisMin(Math.pow(10, Math.floor(Math.log10(low))))
                .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(high * 1.001))));
        return write(chart, file, format);
    }

    /**
     * {@return the ridge point's label, as the roofline chart prints it}
     *
     * @param flopsPerByte the ridge point
     */
    static String ridgeLabel(double flopsPerByte) {
        return String.format(Locale.ROOT, "ridge point: %.0f FLOP/byte", flopsPerByte);
    }

    /** One scatter series for a phase: every operation that does work, at its intensity and achieved throughput. */
    private static List<Double> place(XYChart chart, String name, PhaseAnalysis analysis) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Placement p : analysis.operations().values()) {
            double seconds = p.time().toSeconds();
            if (p.flopsPerByte() <= 0 || seconds <= 0 || p.flops().toFlops() <= 0) {
                continue;
            }
            x.add(p.flopsPerByte());
            y.add(p.flops().toFlops() / seconds / 1e12);
        }
        if (x.isEmpty()) {
            return y;
        }
        XYSeries s = chart.addSeries(name + " (" + x.size() + ")", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return y;
    }

    /**
     * What a chart shows: its subject, then the model, the chip and device count, the workload and the efficiencies.
     *
     * @param what the chart's subject
     * @param e the configuration
     * @return the title
     */
    static String title(String what, Estimate e) {
        Workload w = e.workload();
        InferencePerformance p = e.performance();
        return String.format(
                Locale.ROOT,
                "%s: %s on %d x %s, prompt %d / output %d tokens, batch %d,"
                        + " efficiency (compute/bandwidth) %s, calibration %s",
                what,
                e.model().name(),
                e.gpus(),
                e.hardware().name(),
                w.promptTokens(),
                w.outputTokens(),
                w.batchSize(),
                efficiency(p.efficiency()),
                e.calibration().source().replaceAll(":.*", ""));
    }

    private static String efficiency(Efficiency efficiency) {
        return String.format(
                Locale.ROOT, "%.0f%%/%.0f%%", 100 * efficiency.computeFraction(), 100 * efficiency.bandwidthFraction());
    }

    /**
     * A log axis' tick label: decades from 0.001 to 1,000,000 written out, others as powers of ten.
     *
     * @param value the tick
     * @return its label
     */
    static String tickLabel(Double value) {
        double v = value;
        if (!(v > 0)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        double exponent = Math.log10(v);
        long decade = Math.round(exponent);
        if (Math.abs(exponent - decade) > 1e-9) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (decade >= 0 && decade <= 6) {
            return String.format(Locale.ROOT, "%,d", (long) Math.pow(10, (double) decade));
        }
        if (decade < 0 && decade >= -3) {
            return new BigDecimal(BigInteger.ONE, (int) -decade).toPlainString();
        }
        return "1e" + decade;
    }

    static Path chart(Kind kind, Estimate e, Path file) {
        String format = OutputFiles.checkWritable("--out", file);
        return switch (kind) {
            case QUADRATIC_SHARE -> quadraticShare(e, file, format);
            case USERS -> users(e, file, format);
            case COST -> cost(e, file, format);
            case SERVING_THROUGHPUT -> servingThroughput(e, file, format);
            case SERVING_LATENCY -> servingLatency(e, file, format);
            case COMPARE -> throw new IllegalArgumentException("--kind compare draws --models, not one model");
        };
    }

    private static Path quadraticShare(Estimate e, Path file, String format) {
        XYChart chart = chart(
                title("Share of prefill FLOPs quadratic in context", e), "context (tokens)", "quadratic share (%)");
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
        return write(chart, file, format);
    }

    private static Path users(Estimate e, Path file, String format) {
        XYChart chart = chart(title("Whole sessions in memory", e), "context (tokens)", "concurrent sessions");
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
        return write(chart, file, format);
    }

    private static Path cost(Estimate e, Path file, String format) {
        XYChart chart =
                chart(title("Cost per million output tokens", e), "batch size", "US dollars per million output tokens");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        e.feasibility().requireFeasible("performance"); // refuses a configuration that cannot run
        GpuPricing price = e.pricing()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no price for " + e.hardware().name() + ": pass --price-per-hour to chart costs"));
        long sessions = Math.max(1, e.maxConcurrentSessions());
        for (double utilization : new double[] {0.1, 0.3, 1.0}) {
            ServingCost cost = ServingCost.of(e, price.withUtilization(utilization));
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (long b = 1; b <= sessions; b *= 2) {
                ServingCost at = cost.atBatch((int) b);
                if (!at.estimate().isFeasible()) {
                    break; // the batch's own prefill leaves too little memory: no price beyond here
                }
                x.add((double) b);
                y.add(at.costPerMillionOutputTokens().toUsd());
            }
            chart.addSeries(Math.round(utilization * 100) + "% utilization", x, y);
        }
        return write(chart, file, format);
    }

    /**
     * The request's lengths served under continuous batching, its shared prefix cached for every request; refuses a
     * deployment that cannot hold one.
     */
    private static ServingEstimate serving(Estimate e) {
        Workload w = e.workload();
        Traffic t = Traffic.of(w.promptTokens(), Math.max(1, w.outputTokens()));
        return e.deployment().serving(w.cachedPrefixTokens() > 0 ? t.withPrefix(w.cachedPrefixTokens(), 1) : t);
    }

    private static Path servingThroughput(Estimate e, Path file, String format) {
        XYChart chart = chart(
                title("Saturated throughput as the batch cap grows", e),
                "output tokens per second per user",
                "output tokens per second per GPU");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        ServingEstimate s = serving(e);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int cap = 1; cap <= s.scheduler().maxBatchSize(); cap *= 2) {
            Saturation at =
                    s.model().withScheduler(s.scheduler().withMaxBatchSize(cap)).saturated(s.traffic());
            x.add(1 / at.timePerOutputToken().toSeconds());
            y.add(at.outputTokensPerSecond() / e.gpus());
        }
        chart.addSeries("batch cap 1, 2, 4, ... " + s.scheduler().maxBatchSize(), x, y);
        return write(chart, file, format);
    }

    private static Path servingLatency(Estimate e, Path file, String format) {
        XYChart chart = chart(
                title("Latency against request rate", e), "requests per second", "90th percentile (milliseconds)");
        chart.getStyler().setYAxisLogarithmic(true);
        ServingEstimate s = serving(e);
        double saturated = s.saturation().requestsPerSecond();
        List<Double> x = new ArrayList<>();
        List<Double> ttft = new ArrayList<>();
        List<Double> tpot = new ArrayList<>();
        for (int percent = 5; percent <= 95; percent += 5) {
            LoadPoint p = s.atRate(saturated * percent / 100.0);
            x.add(p.requestsPerSecond());
            ttft.add(1000 * p.timeToFirstTokenP90().toSeconds());
            tpot.add(1000 * p.timePerOutputTokenP90().toSeconds());
        }
        chart.addSeries("time to first token, p90", x, ttft);
        chart.addSeries("time per output token, p90", x, tpot);
        return write(chart, file, format);
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(1400)
                .height(800)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendVisible(true).setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        return chart;
    }

    private static Path write(XYChart chart, Path file, String format) {
        return write(chart, file, format, "--out");
    }

    /** Writes a chart to a file, naming the option that named it if it cannot be written. */
    static Path write(XYChart chart, Path file, String format, String option) {
        System.setProperty("java.awt.headless", "true");
        try (OutputStream out = Files.newOutputStream(file)) {
            if (format.equals("svg")) {
                ByteArrayOutputStream svg = new ByteArrayOutputStream();
                ChartEncoder.saveChart(chart, svg, format);
                out.write(withText(svg.toString(StandardCharsets.UTF_8), chart).getBytes(StandardCharsets.UTF_8));
            } else {
                ChartEncoder.saveChart(chart, out, format);
            }
        } catch (IOException ex) {
            throw new IllegalArgumentException(
                    option + " (" + file + ") cannot be written: " + OutputFiles.describe(ex), ex);
        }
        return file;
    }

    /**
     * XChart draws every glyph as an outline, so an SVG holds no text: this adds the chart's title as the SVG's
     * {@code <title>} and its axes and series (the ridge point's label among them) as its {@code <desc>}, for screen
     * readers and for searching.
     */
    static String withText(String svg, XYChart chart) {
        int open = svg.indexOf("<svg");
        int end = open < 0 ? -1 : svg.indexOf('>', open);
        if (end < 0) {
            return svg;
        }
        String desc = "x axis: " + chart.getXAxisTitle() + "; y axis: " + chart.getYAxisTitle() + "; series: "
                + chart.getSeriesCollection().stream().map(XYSeries::getName).collect(Collectors.joining(", "));
        return svg.substring(0, end + 1) + "\n  <title>" + xml(chart.getTitle()) + "</title>\n  <desc>" + xml(desc)
                + "</desc>" + svg.substring(end + 1);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
