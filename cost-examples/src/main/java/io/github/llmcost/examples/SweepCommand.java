package io.github.llmcost.examples;

import io.github.llmcost.economics.Sweep;
import io.github.llmcost.hardware.HardwarePresets;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost sweep}: context and batch sweeps through the library's {@link Sweep}, as CSV or as JSON ({@link
 * SweepView}); every other option goes through the mapping {@code estimate} uses ({@link DeploymentOptions}).
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = "Context and batch sweeps through the library's Sweep, as CSV (the default) or JSON.")
final class SweepCommand extends CliCommand {
    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DeploymentOptions deployment = new DeploymentOptions();

    @Option(
            names = "--contexts",
            split = ",",
            description = "Prompt lengths; default: ${DEFAULT-VALUE}.",
            defaultValue = "1024,4096,16384,32768,131072")
    long[] contexts = {1024, 4096, 16384, 32768, 131072};

    @Option(
            names = "--batches",
            split = ",",
            description = "Batch sizes; default: ${DEFAULT-VALUE}.",
            defaultValue = "1,8,32,128")
    int[] batches = {1, 8, 32, 128};

    @Option(names = "--csv", description = "CSV (the default).")
    boolean csv;

    @Option(names = "--json", description = "One JSON object instead of CSV.")
    boolean json;

    @Override
    public Integer call() throws java.io.IOException {
        if (csv && json) {
            throw new IllegalArgumentException("--csv and --json are mutually exclusive: give one of them");
        }
        for (long context : contexts) {
            Options.positive("--contexts", context);
        }
        for (int batch : batches) {
            Options.positive("--batches", batch);
        }
        // every option through the one mapping estimate uses, then the axes
        Sweep sweep = Sweep.builder()
                .models(model.model())
                .hardware(HardwarePresets.byId(deployment.hardware))
                .configure(deployment::applyTo)
                .weightSchemes(deployment.weights)
                .kvCacheSchemes(deployment.kv)
                .promptTokens(contexts)
                .outputTokens(deployment.output)
                .batchSizes(batches)
                .build();
        PrintWriter out = out();
        if (!json) {
            sweep.writeCsv(out);
            out.flush();
            return 0;
        }
        List<Object> rows = new ArrayList<>();
        sweep.stream().forEach(p -> rows.add(SweepView.of(p)));
        out.println(Json.write(Map.of("points", rows)));
        return 0;
    }
}
