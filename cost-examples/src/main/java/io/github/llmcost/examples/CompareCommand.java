package io.github.llmcost.examples;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.economics.compare.Scorecard;
import io.github.llmcost.economics.compare.ScorecardRow;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost compare}: the article's section-8 scorecard ({@link Scorecard}) of several models on one device, as
 * text tables ({@link CompareText}) or one JSON object ({@link CompareView}). A model that does not fit the device's
 * memory budget is on the card, marked with the limit that binds and never timed; each one gets a line on stderr. The
 * command exits {@link LlmCostCli#INFEASIBLE} only when no model fits at all, since then nothing could be timed.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Architectures side by side on one device (the article's section 8): prefill FLOPs and their quadratic"
                    + " share, KV cache and fixed state, bytes per decode step, first-token time and decode speed,"
                    + " the largest context that fits the memory budget, weights, and their growth over the contexts.",
            "The memory budget is all the memory each model may use (weights, activations, cache and state): the"
                    + " article's 4 GB for AI on the phone preset, the device's memory less 1.5 GB of framework"
                    + " overhead on any other."
        })
final class CompareCommand extends CliCommand {
    @Option(names = CompareModels.OPTION, required = true, split = ",", description = CompareModels.DESCRIPTION)
    List<String> models = new ArrayList<>();

    @Option(
            names = "--hardware",
            description = "Hardware preset id (see `llm-cost presets`); default: ${DEFAULT-VALUE}.",
            defaultValue = "snapdragon-8-elite-cpu")
    String hardware = "snapdragon-8-elite-cpu";

    @Option(
            names = "--contexts",
            split = ",",
            description = "Context lengths in tokens, increasing; default: ${DEFAULT-VALUE}.",
            defaultValue = "1024,4096,32768,131072")
    long[] contexts = {1024, 4096, 32768, 131072};

    @Option(
            names = "--weights",
            description = "Weight format (" + HelpText.FORMATS + "); default: ${DEFAULT-VALUE}.",
            defaultValue = "int4")
    NumericFormat weights = NumericFormat.INT4;

    @Option(
            names = "--kv",
            description = "KV-cache and state format (" + HelpText.FORMATS + "); default: ${DEFAULT-VALUE}.",
            defaultValue = "int8")
    NumericFormat kv = NumericFormat.INT8;

    @Option(
            names = "--memory-budget-gb",
            description = "Memory each model may use, decimal GB; default: 4 on the phone preset, the device's"
                    + " memory less 1.5 GB otherwise.")
    @Nullable
    String memoryBudgetGb;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    public Integer call() {
        Scorecard card = scorecard();
        PrintWriter out = out();
        if (json.json) {
            out.println(Json.write(CompareView.of(card)));
        } else {
            out.print(CompareText.of(card));
        }
        PrintWriter err = err();
        boolean anyFits = false;
        for (ScorecardRow row : card.rows()) {
            if (row.fitsAtAll()) {
                anyFits = true;
            } else {
                err.println("llm-cost: " + row.model().name() + " cannot run on "
                        + card.hardware().name()
                        + " within " + card.memoryBudget() + ": "
                        + row.contexts().get(0).feasibility().summary());
            }
        }
        return anyFits ? 0 : LlmCostCli.INFEASIBLE;
    }

    /** The scorecard the options describe; every value checked and named as typed. */
    private Scorecard scorecard() {
        checkContexts(contexts);
        HardwareSpec chip = HardwarePresets.byId(hardware);
        Scorecard.Builder b = Scorecard.builder()
                .models(CompareModels.read(models))
                .hardware(chip)
                .contexts(contexts)
                .weights(weights)
                .kvCache(kv);
        String typed = memoryBudgetGb;
        if (typed != null) {
            b.memoryBudget(budget(typed, chip));
        }
        return b.build();
    }

    /**
     * Reads {@code --memory-budget-gb} as typed.
     *
     * @param typed the value as typed, decimal GB
     * @param chip the device
     * @return the budget
     * @throws IllegalArgumentException naming the option and the value as typed
     */
    private static Bytes budget(String typed, HardwareSpec chip) {
        double gb;
        try {
            gb = Double.parseDouble(typed.trim());
        } catch (NumberFormatException e) {
            gb = Double.NaN;
        }
        if (!(gb > 0 && Double.isFinite(gb)) || Bytes.ofGigabytes(gb).compareTo(chip.memoryCapacity()) > 0) {
            throw new IllegalArgumentException("--memory-budget-gb (" + typed + ") must be a number > 0 and at most "
                    + chip.name() + "'s memory, " + chip.memoryCapacity());
        }
        return Bytes.ofGigabytes(gb);
    }

    /**
     * Checks {@code --contexts} as typed: each {@code > 0}, strictly increasing.
     *
     * @param contexts the lengths
     * @throws IllegalArgumentException naming {@code --contexts}
     */
    static void checkContexts(long[] contexts) {
        for (int i = 0; i < contexts.length; i++) {
            Options.positive("--contexts", contexts[i]);
            if (i > 0 && contexts[i] <= contexts[i - 1]) {
                throw new IllegalArgumentException(
                        "--contexts (" + contexts[i - 1] + "," + contexts[i] + ") must be strictly increasing");
            }
        }
    }
}
