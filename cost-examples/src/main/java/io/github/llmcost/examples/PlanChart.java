package io.github.llmcost.examples;

import io.github.llmcost.economics.plan.FrontierPoint;
import io.github.llmcost.economics.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** {@code plan --chart}: the plan's Pareto frontier, output tokens per second per GPU against per user. */
final class PlanChart {
    private PlanChart() {}

    /**
     * Draws the frontier.
     *
     * @param plan the plan
     * @param file the file, checked writable
     * @param format {@code "svg"} or {@code "png"}
     * @return the file written
     */
    static Path frontier(Plan plan, Path file, String format) {
        XYChart chart = Charts.chart(
                "Pareto frontier of " + plan.request().model().name() + ", "
                        + plan.request().traffic().inputTokens() + " in / "
                        + plan.request().traffic().outputTokens() + " out, at saturation",
                "output tokens per second per user",
                "output tokens per second per GPU");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (FrontierPoint p : plan.frontier()) {
            x.add(p.tokensPerSecondPerUser());
            y.add(p.outputTokensPerSecondPerGpu());
        }
        if (!x.isEmpty()) {
            chart.addSeries("frontier over every chip, GPUs per replica, format and batch cap", x, y);
        }
        return Charts.write(chart, file, format, "--chart");
    }
}
