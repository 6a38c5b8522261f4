package io.github.llmcost.examples;

import io.github.llmcost.economics.Estimate;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-cost chart}: a quadratic-share, users-per-GPU, cost or serving chart of a configuration. */
@Command(
        name = "chart",
        mixinStandardHelpOptions = true,
        description =
                "Quadratic share, users per GPU, cost or serving (throughput per GPU against tokens per second per"
                        + " user as the batch cap grows; latency against request rate) charts, as PNG or SVG.")
final class ChartCommand extends ChartFileCommand {
    @Option(
            names = "--kind",
            required = true,
            description = "quadratic-share, users, cost, serving-throughput or serving-latency.")
    Charts.Kind kind = Charts.Kind.QUADRATIC_SHARE;

    @Option(names = "--out", required = true, description = OUT)
    Path file = Path.of("chart.png");

    @Override
    Path draw(Estimate e) {
        return Charts.chart(kind, e, file);
    }

    @Override
    Map<String, Object> view(Path written, Estimate e) {
        return ChartView.chart(written, kind);
    }
}
