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

    @Mixin
    SchedulerOptions scheduling = new SchedulerOptions();

    @Option(
            names = "--prefix-hit-rate",
            description = "Fraction of requests that find the --shared-prefix in the prefix cache, in [0, 1];"
                    + " default: 1 with --shared-prefix.")
    @Nullable
    Double prefixHitRate;

    @Override
    public Integer call() {
        Traffic traffic = Options.traffic(input, deployment.output, deployment.sharedPrefix, prefixHitRate);
        Scheduler scheduler = scheduling.scheduler();
        Double r = rate;
        if (r != null && !(r > 0 && Double.isFinite(r))) {
            throw new IllegalArgumentException("--rate (" + r + ") must be finite and > 0");
        }
        Seconds ttft = Options.seconds("--ttft-slo", ttftSlo);
        Seconds tpot = Options.seconds("--tpot-slo", tpotSlo);
        if ((ttft == null) != (tpot == null)) {
            throw new IllegalArgumentException("--ttft-slo and --tpot-slo go together: give both or neither");
        }
        LlmCost.Builder b = LlmCost.model(model.model());
        deployment.applyTo(b);
        Deployment d = b.deployment();
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
}
