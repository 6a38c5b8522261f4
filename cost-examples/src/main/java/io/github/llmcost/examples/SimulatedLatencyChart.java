package io.github.llmcost.examples;

import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import io.github.llmcost.hardware.serving.sim.SimulationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.knowm.xchart.XYChart;

/**
 * {@code llm-cost simulate --chart FILE}: the simulation run at 10%, 20%, ... 90% of the deployment's saturated rate
 * (the serving model's, times the replicas), its time to first token and time per output token at p50, p90 and p99
 * (milliseconds, log axis) against requests per second, beside the serving model's p90s at the same rates (each
 * replica taking an equal share).
 */
final class SimulatedLatencyChart {
    /** The rates simulated, in percent of the saturated rate. */
    static final int[] PERCENTS = {10, 20, 30, 40, 50, 60, 70, 80, 90};

    private SimulatedLatencyChart() {}

    /**
     * Runs the simulations and draws the chart.
     *
     * @param title the chart's title
     * @param model one replica's serving model
     * @param nominal the request simulated
     * @param replicas the replicas the rate is spread over
     * @param simulate runs a fresh simulation at a rate (requests per second, all replicas)
     * @param file the file, already checked writable
     * @param format {@code svg} or {@code png}
     * @return the file written
     */
    static Path draw(
            String title,
            ServingModel model,
            Traffic nominal,
            int replicas,
            DoubleFunction<SimulationResult> simulate,
            Path file,
            String format) {
        XYChart chart = Charts.chart(title, "requests per second", "milliseconds");
        chart.getStyler().setYAxisLogarithmic(true);
        Saturation saturation = model.saturated(nominal);
        double saturated = saturation.requestsPerSecond() * replicas;
        List<Double> x = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ys.add(new ArrayList<>());
        }
        for (int percent : PERCENTS) {
            double rate = saturated * percent / 100;
            SimulationResult r = simulate.apply(rate);
            LoadPoint p = model.atRate(saturation, rate / replicas);
            x.add(rate);
            double[] ms = {
                r.ttftSecondsP50(), r.ttftSecondsP90(), r.ttftSecondsP99(),
                        p.timeToFirstTokenP90().toSeconds(),
                r.tpotSecondsP50(), r.tpotSecondsP90(), r.tpotSecondsP99(),
                        p.timePerOutputTokenP90().toSeconds()
            };
            for (int i = 0; i < ms.length; i++) {
                ys.get(i).add(1000 * ms[i]);
            }
        }
        String[] names = {
            "simulated TTFT p50", "simulated TTFT p90", "simulated TTFT p99", "model TTFT p90",
            "simulated TPOT p50", "simulated TPOT p90", "simulated TPOT p99", "model TPOT p90"
        };
        for (int i = 0; i < names.length; i++) {
            add(chart, names[i], x, ys.get(i));
        }
        return Charts.write(chart, file, format, "--chart");
    }

    /** Adds a series, leaving out the rates where it is 0 (no request of two tokens or more), which a log axis lacks. */
    private static void add(XYChart chart, String name, List<Double> x, List<Double> y) {
        List<Double> xs = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (y.get(i) > 0) {
                xs.add(x.get(i));
                kept.add(y.get(i));
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, kept);
        }
    }
}
