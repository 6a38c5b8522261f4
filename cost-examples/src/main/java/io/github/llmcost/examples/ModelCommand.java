package io.github.llmcost.examples;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.ParameterBreakdown;
import io.github.llmcost.core.WeightBytes;
import io.github.llmcost.core.WeightScheme;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llm-cost model}: a model's parameters, weight bytes per scheme and KV cache, or as JSON ({@link ModelView}). */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Parameters, weights and KV cache.")
final class ModelCommand extends CliCommand {
    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    JsonOption json = new JsonOption();

    @Option(names = "--kv", description = "KV-cache format; default: ${DEFAULT-VALUE}.", defaultValue = "bf16")
    NumericFormat kv = NumericFormat.BF16;

    @Option(
            names = "--context",
            description = "Context for the per-session cache; default: ${DEFAULT-VALUE}.",
            defaultValue = "4096")
    long context = 4096;

    @Override
    public Integer call() {
        ModelSpec m = model.model();
        PrintWriter out = out();
        if (json.json) {
            out.println(Json.write(ModelView.of(m, kv, context)));
            return 0;
        }
        ParameterBreakdown p = m.parameters();
        KvCache cache = KvCache.of(m, Convention.EXACT, kv);
        out.println(m.name());
        out.println(p);
        out.println("Weights (scales included; bits per weight over the whole model):");
        for (WeightScheme s : WeightScheme.values()) {
            WeightBytes b = s.weightBytes(m);
            out.printf(Locale.ROOT, "  %-10s %-22s %6.2f%n", s.id(), b.total(), b.bitsPerWeight());
        }
        out.println("KV cache at " + kv + ": " + cache.bytesPerToken() + " per token, " + cache.sessionBytes(context)
                + " per session of " + context + " tokens");
        return 0;
    }
}
