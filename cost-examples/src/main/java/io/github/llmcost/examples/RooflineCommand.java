package io.github.llmcost.examples;

import io.github.llmcost.economics.Estimate;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-cost roofline}: a chip's roofline with a configuration's operations placed on it. */
@Command(
        name = "roofline",
        mixinStandardHelpOptions = true,
        description = "A chip's roofline with a model's operations, as PNG or SVG.")
final class RooflineCommand extends ChartFileCommand {
    @Option(names = "--out", required = true, description = OUT)
    Path file = Path.of("roofline.png");

    @Override
    Path draw(Estimate e) {
        return Charts.roofline(e, file);
    }

    @Override
    Map<String, Object> view(Path written, Estimate e) {
        return ChartView.roofline(written, e);
    }
}
