package io.github.llmcost.examples;

import io.github.llmcost.economics.Estimate;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code llm-cost estimate}: every figure of one configuration, or as JSON ({@link EstimateView}). A configuration
 * that cannot run prints what it can and exits {@link LlmCostCli#INFEASIBLE}.
 */
@Command(
        name = "estimate",
        mixinStandardHelpOptions = true,
        description = {
            "Every figure of one configuration.",
            "Time to first token is for the whole batch: the prefill of all --batch prompts at once, so it grows"
                    + " with the batch."
        })
final class EstimateCommand extends ConfigurationCommand {
    @Override
    public Integer call() {
        Estimate e = estimate();
        PrintWriter out = out();
        PrintWriter err = err();
        if (json.json) {
            out.println(Json.write(EstimateView.of(e)));
        } else {
            out.println(e);
            if (e.isFeasible()) {
                out.println(e.prefill());
                out.println(e.decode());
            }
        }
        if (!e.isFeasible()) {
            err.println("llm-cost: cannot run: " + e.feasibility().summary());
            return LlmCostCli.INFEASIBLE;
        }
        if (e.pricing().isEmpty()) {
            err.println("llm-cost: no price for " + e.hardware().name() + ": pass --price-per-hour to see costs");
        }
        return 0;
    }
}
