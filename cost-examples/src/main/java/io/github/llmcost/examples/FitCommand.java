package io.github.llmcost.examples;

import io.github.llmcost.core.KvScheme;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.WeightFit;
import io.github.llmcost.hardware.HardwarePresets;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost fit}: will a model run on a machine, scheme by scheme: whether the weights fit, the longest context
 * and the largest batch that fit, and decode tokens per second at batch 1 ({@link WeightFit}); as a table or one JSON
 * object ({@link FitView}).
 */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        description = "Will it run on my machine? For each weight scheme: fits, longest context, largest batch,"
                + " decode tokens/s.")
final class FitCommand extends CliCommand {
    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    JsonOption json = new JsonOption();

    @Option(
            names = "--hardware",
            description = "Hardware preset id (see `llm-cost presets`); default: ${DEFAULT-VALUE}.",
            defaultValue = "h100-sxm")
    String hardware = "h100-sxm";

    @Option(names = "--gpus", description = "Tensor-parallel devices; default: ${DEFAULT-VALUE}.", defaultValue = "1")
    int gpus = 1;

    @Option(
            names = "--context",
            description = "Context (tokens) for the largest batch and the decode speed, >= 2; default:"
                    + " ${DEFAULT-VALUE}.",
            defaultValue = "4096")
    long context = 4096;

    @Option(
            names = "--kv",
            description = "KV-cache format or scheme (int8-head, int4-group); default: ${DEFAULT-VALUE}.",
            defaultValue = "bf16")
    KvScheme kv = KvScheme.BF16;

    @Override
    public Integer call() {
        Options.positive("--gpus", gpus);
        if (context < 2) {
            throw new IllegalArgumentException("--context (" + context + ") must be >= 2");
        }
        ModelSpec m = model.model();
        if (m.maxContextTokens().isPresent() && context > m.maxContextTokens().getAsLong()) {
            throw new IllegalArgumentException("--context (" + context + ") must be at most the model's maximum ("
                    + m.maxContextTokens().getAsLong() + ")");
        }
        Deployment d = LlmCost.model(m)
                .hardware(HardwarePresets.byId(hardware))
                .tensorParallel(gpus)
                .kvCache(kv)
                .deployment();
        List<WeightFit> fits = WeightFit.over(d, WeightFit.DEFAULT_SCHEMES, context);
        PrintWriter out = out();
        if (json.json) {
            out.println(Json.write(FitView.of(d, context, fits)));
        } else {
            out.print(FitView.table(d, context, fits));
        }
        return 0;
    }
}
