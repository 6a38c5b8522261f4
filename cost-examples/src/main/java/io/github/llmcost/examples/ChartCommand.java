package io.github.llmcost.examples;

import io.github.llmcost.economics.Estimate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost chart}: a quadratic-share, users-per-GPU, cost or serving chart of a configuration, or the
 * section-8 comparison of several models ({@code --kind compare --models a,b}) on its device and formats.
 */
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
            description = "quadratic-share, users, cost, serving-throughput, serving-latency or compare.")
    Charts.Kind kind = Charts.Kind.QUADRATIC_SHARE;

    @Option(names = CompareModels.OPTION, split = ",", description = "For --kind compare: " + CompareModels.DESCRIPTION)
    @Nullable
    List<String> models;

    @Option(names = "--out", required = true, description = OUT)
    Path file = Path.of("chart.png");

    @Override
    Path draw(Estimate e) {
        List<String> compared = models;
        if (kind != Charts.Kind.COMPARE) {
            if (compared != null) {
                throw new IllegalArgumentException(
                        CompareModels.OPTION + " (" + String.join(",", compared) + ") is for --kind compare only");
            }
            return Charts.chart(kind, e, file);
        }
        if (compared == null) {
            throw new IllegalArgumentException(
                    "--kind compare needs " + CompareModels.OPTION + ": the models to compare");
        }
        return CompareChart.draw(CompareChart.scorecard(CompareModels.read(compared), e), file);
    }

    @Override
    Map<String, Object> view(Path written, Estimate e) {
        return ChartView.chart(written, kind);
    }
}
