package io.github.llmcost.examples;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost serving}: a deployment under continuous batching, at saturation or at a request rate, with the
 * highest rate within latency targets and what a token costs on the busy devices ({@link ServingView}). A deployment
 * that cannot hold one request exits {@link LlmCostCli#INFEASIBLE}.
 */
@Command(
        name = "serving",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput, latency and cost of a deployment under continuous batching.",
            "Without --rate: the steady state at saturation (requests offered faster than served, as offline"
                    + " benchmarks run). With --rate: Poisson arrivals at that rate. With --ttft-slo and --tpot-slo:"
                    + " also the highest rate whose 90th percentiles meet both. Figures are for the whole deployment"
                    + " (all --gpus together); costs charge each paid device-second to the tokens served in it."
        })
final class ServingCommand extends CliCommand {
    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DeploymentOptions deployment = new DeploymentOptions();

    @Mixin
    JsonOption json = new JsonOption();

    @Option(
            names = "--input",
            description = "Prompt tokens per request; default: ${DEFAULT-VALUE}.",
            defaultValue = "1024")
    long input = 1024;

    @Option(names = "--rate", description = "Requests per second (Poisson); default: saturation.")
    @Nullable
    Double rate;

    @Option(names = "--ttft-slo", description = "Target for time to first token's 90th percentile, in seconds.")
    @Nullable
    Double ttftSlo;

    @Option(names = "--tpot-slo", description = "Target for time per output token's 90th percentile, in seconds.")
    @Nullable
    Double tpotSlo;

    @Option(
            names = "--max-batch",
            description = "Most sequences in flight; default: ${DEFAULT-VALUE}.",
            defaultValue = "" + Scheduler.DEFAULT_MAX_BATCH_SIZE)
    int maxBatch = Scheduler.DEFAULT_MAX_BATCH_SIZE;

    @Option(
            names = "--max-batched-tokens",
            description = "Most tokens one step computes (decodes plus prefill chunks); default: ${DEFAULT-VALUE}.",
            defaultValue = "" + Scheduler.DEFAULT_MAX_BATCHED_TOKENS)
    int maxBatchedTokens = Scheduler.DEFAULT_MAX_BATCHED_TOKENS;

    @Option(
            names = "--block-tokens",
            description = "Tokens per KV-cache block; default: ${DEFAULT-VALUE}.",
            defaultValue = "" + Scheduler.DEFAULT_BLOCK_TOKENS)
    int blockTokens = Scheduler.DEFAULT_BLOCK_TOKENS;

    @Option(
            names = "--prefix-hit-rate",
            description = "Fraction of requests that find the --shared-prefix in the prefix cache, in [0, 1];"
                    + " default: 1 with --shared-prefix.")
    @Nullable
    Double prefixHitRate;

    @Override
    public Integer call() {
        Options.positive("--input", input);
        Options.positive("--output", deployment.output);
        Options.positive("--max-batch", maxBatch);
        Options.positive("--max-batched-tokens", maxBatchedTokens);
        Options.positive("--block-tokens", blockTokens);
        Double given = prefixHitRate;
        if (given != null && !(given >= 0 && given <= 1)) {
            throw new IllegalArgumentException("--prefix-hit-rate (" + given + ") must be in [0, 1]");
        }
        if (given != null && deployment.sharedPrefix == 0) {
            throw new IllegalArgumentException(
                    "--prefix-hit-rate (" + given + ") needs --shared-prefix: the tokens" + " the requests share");
        }
        double hitRate = given != null ? given : deployment.sharedPrefix > 0 ? 1 : 0;
        if (deployment.sharedPrefix >= input) {
            throw new IllegalArgumentException(
                    "--shared-prefix (" + deployment.sharedPrefix + ") must be less than" + " --input (" + input + ")");
        }
        Double r = rate;
        if (r != null && !(r > 0 && Double.isFinite(r))) {
            throw new IllegalArgumentException("--rate (" + r + ") must be finite and > 0");
        }
        Seconds ttft = seconds("--ttft-slo", ttftSlo);
        Seconds tpot = seconds("--tpot-slo", tpotSlo);
        if ((ttft == null) != (tpot == null)) {
            throw new IllegalArgumentException("--ttft-slo and --tpot-slo go together: give both or neither");
        }
        LlmCost.Builder b = LlmCost.model(model.model());
        deployment.applyTo(b);
        Deployment d = b.deployment();
        Traffic traffic = Traffic.builder()
                .inputTokens(input)
                .outputTokens(deployment.output)
                .sharedPrefixTokens(deployment.sharedPrefix)
                .prefixHitRate(hitRate)
                .build();
        Scheduler scheduler = Scheduler.builder()
                .maxBatchSize(maxBatch)
                .maxBatchedTokens(maxBatchedTokens)
                .blockTokens(blockTokens)
                .build();
        PrintWriter out = out();
        ServingEstimate e;
        try {
            e = d.serving(traffic, scheduler);
        } catch (InfeasibleConfigurationException x) {
            if (json.json) {
                out.println(Json.write(ServingView.infeasible(d, x.feasibility())));
            } else {
                out.println(d + ": cannot serve " + input + " in / " + deployment.output + " out");
            }
            err().println("llm-cost: cannot run: " + x.feasibility().summary());
            return LlmCostCli.INFEASIBLE;
        }
        ServingView view = new ServingView(e, r, ttft, tpot);
        out.println(json.json ? Json.write(view.json()) : view.text());
        if (e.pricing().isEmpty()) {
            err().println("llm-cost: no price for " + d.hardware().name() + ": pass --price-per-hour to see costs");
        }
        return 0;
    }

    private static @Nullable Seconds seconds(String option, @Nullable Double value) {
        if (value == null) {
            return null;
        }
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " (" + value + ") must be finite and > 0");
        }
        return Seconds.of(value);
    }
}
