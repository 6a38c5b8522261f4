package io.github.llmcost.examples;

import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import io.github.llmcost.hardware.serving.sim.LengthsFile;
import io.github.llmcost.hardware.serving.sim.RequestSource;
import io.github.llmcost.hardware.serving.sim.Router;
import io.github.llmcost.hardware.serving.sim.Simulation;
import io.github.llmcost.hardware.serving.sim.SimulationResult;
import io.github.llmcost.hardware.serving.sim.SyntheticSource;
import io.github.llmcost.hardware.serving.sim.TraceSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost simulate}: a discrete-event simulation of replicas of a deployment under a request stream ({@link
 * Simulation}), printed by {@link SimulateView}. A deployment that cannot hold one request exits {@link
 * LlmCostCli#INFEASIBLE}.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates requests arriving at replicas of a deployment, request by request and step by step:"
                    + " percentiles of time to first token, time per output token and end-to-end latency, throughput,"
                    + " prefix-cache hits, preemptions and cost. Each replica is the deployment (--gpus devices) under"
                    + " a vLLM-like scheduler; deterministic for a --seed."
        })
final class SimulateCommand extends CliCommand {
    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DeploymentOptions deployment = new DeploymentOptions();

    @Mixin
    SchedulerOptions batching = new SchedulerOptions();

    @Mixin
    JsonOption json = new JsonOption();

    @Option(
            names = "--input",
            description = "Prompt tokens per request (the mean, with --lengths); default: ${DEFAULT-VALUE}.",
            defaultValue = "1024")
    long input = 1024;

    @Option(names = "--rate", description = "Requests per second, on average; required unless --arrival is a trace.")
    @Nullable
    Double rate;

    @Option(
            names = "--duration",
            description = "Seconds during which requests arrive; default: ${DEFAULT-VALUE}.",
            defaultValue = "60")
    double duration = 60;

    @Option(
            names = "--arrival",
            description = "poisson, gamma:CV (bursts for CV > 1), constant, or trace:FILE (JSONL or CSV: arrival"
                    + " seconds, input and output tokens, optional prefix id and prefix tokens); default:"
                    + " ${DEFAULT-VALUE}.",
            defaultValue = "poisson")
    String arrival = "poisson";

    @Option(
            names = "--lengths",
            description = "fixed, uniform (between half and one and a half times --input and --output) or"
                    + " lognormal:SIGMA (mean --input and --output, at most 8 times them), or empirical:FILE (drawn from"
                    + " a CSV of input,output lengths, one request a line; --input and --output still size the KV"
                    + " cache); default: ${DEFAULT-VALUE}.",
            defaultValue = "fixed")
    String lengths = "fixed";

    @Option(
            names = "--replicas",
            description = "Copies of the deployment; default: ${DEFAULT-VALUE}.",
            defaultValue = "1")
    int replicas = 1;

    @Option(
            names = "--disaggregate",
            description = "XpYd: X prefill replicas and Y decode replicas instead of --replicas, each sequence's KV"
                    + " cache sent over the interconnect between them.")
    @Nullable
    String disaggregate;

    @Option(
            names = "--router",
            description = "round-robin, least-loaded or prefix-affinity; default: ${DEFAULT-VALUE}.",
            defaultValue = "round-robin")
    String router = "round-robin";

    @Option(
            names = "--prefix-groups",
            description = "Distinct shared prefixes of --shared-prefix tokens, each request starting with one;"
                    + " default: 1 with --shared-prefix.")
    @Nullable
    Integer prefixGroups;

    @Option(names = "--seed", description = "Seed of the random draws; default: ${DEFAULT-VALUE}.", defaultValue = "1")
    long seed = 1;

    @Option(
            names = "--warmup",
            description = "Seconds after which requests are measured; default: ${DEFAULT-VALUE}.",
            defaultValue = "0")
    double warmup;

    @Option(names = "--ttft-slo", description = "Target for time to first token, seconds, for goodput.")
    @Nullable
    Double ttftSlo;

    @Option(names = "--tpot-slo", description = "Target for time per output token, seconds, for goodput.")
    @Nullable
    Double tpotSlo;

    @Option(names = "--requests-csv", description = "Writes one CSV row per finished request to this file.")
    @Nullable
    Path requestsCsv;

    @Option(
            names = "--chart",
            description = "Instead of one run at --rate, simulates 10%, 20%, ... 90% of the replicas' saturated rate"
                    + " for --duration each and charts TTFT and TPOT p50, p90 and p99 against the rate beside the"
                    + " serving model's p90s, to this .png or .svg file.")
    @Nullable
    Path chart;

    @Override
    public Integer call() throws IOException {
        Path chartFile = chart;
        String chartFormat = chartFile == null ? "" : OutputFiles.checkWritable("--chart", chartFile);
        if (chartFile != null && (rate != null || requestsCsv != null || arrival.startsWith("trace:"))) {
            throw new IllegalArgumentException("--chart (" + chartFile + ") chooses the rates itself: it goes with"
                    + " neither --rate, --requests-csv nor a trace");
        }
        Options.positive("--input", input);
        Options.positive("--output", deployment.output);
        Options.positive("--replicas", replicas);
        if (deployment.sharedPrefix >= input) {
            throw new IllegalArgumentException(
                    "--shared-prefix (" + deployment.sharedPrefix + ") must be less than --input (" + input + ")");
        }
        int groups = groups();
        Router route = SimulateOptions.router(router);
        Scheduler scheduler = batching.scheduler();
        LlmCost.Builder b = LlmCost.model(model.model());
        deployment.applyTo(b);
        Deployment d = b.deployment();
        Traffic nominal = Traffic.of(input, deployment.output);
        Simulation.Builder sim = builder(d, scheduler, nominal, route);
        String split = disaggregate;
        Path csvPath = requestsCsv;
        try (Reader trace = trace();
                Writer csv = csvPath == null ? null : Files.newBufferedWriter(csvPath, StandardCharsets.UTF_8)) {
            if (csv != null) {
                sim.requestLog(csv);
            }
            Progress progress = new Progress(err());
            sim.progress(progress);
            Simulation s;
            try {
                s = sim.build();
            } catch (InfeasibleConfigurationException x) {
                PrintWriter out = out();
                if (json.json) {
                    out.println(Json.write(ServingView.infeasible(d, x.feasibility())));
                } else {
                    out.println(d + ": cannot serve " + input + " in / " + deployment.output + " out");
                }
                err().println("llm-cost: cannot run: " + x.feasibility().summary());
                return LlmCostCli.INFEASIBLE;
            }
            if (chartFile != null) {
                int total =
                        split == null ? replicas : SimulateOptions.pools(split)[0] + SimulateOptions.pools(split)[1];
                String title = String.format(
                        Locale.ROOT,
                        "Simulated latency against request rate: %s on %d x %s, %d replica(s), %d in / %d out",
                        d.model().name(),
                        d.gpus(),
                        d.hardware().name(),
                        total,
                        input,
                        deployment.output);
                Path written = SimulatedLatencyChart.draw(
                        title,
                        ServingModel.of(d.compiled(), scheduler),
                        nominal,
                        total,
                        r -> builder(d, scheduler, nominal, route).build().run(synthetic(groups, r)),
                        chartFile,
                        chartFormat);
                out().println("wrote " + written);
                return 0;
            }
            RequestSource source = trace != null ? TraceSource.of(trace) : synthetic(groups, rate);
            SimulationResult r;
            try {
                r = s.run(source);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            progress.done();
            SimulateView view =
                    new SimulateView(d, r, nominal, route, arrival, groups, deployment.sharedPrefix, disaggregate);
            out().println(json.json ? Json.write(view.json()) : view.text());
        }
        if (d.pricing().isEmpty()) {
            err().println("llm-cost: no price for " + d.hardware().name() + ": pass --price-per-hour to see costs");
        }
        return 0;
    }

    /** A builder of the simulation the options describe, without a request log or progress. */
    private Simulation.Builder builder(Deployment d, Scheduler scheduler, Traffic nominal, Router route) {
        Simulation.Builder sim = Simulation.builder(d.compiled(), scheduler, nominal)
                .replicas(replicas)
                .router(route)
                .warmupSeconds(nonNegative("--warmup", warmup));
        String split = disaggregate;
        if (split != null) {
            int[] pools = SimulateOptions.pools(split);
            if (replicas != 1) {
                throw new IllegalArgumentException(
                        "--disaggregate (" + split + ") replaces --replicas (" + replicas + "): give one of them");
            }
            sim.disaggregate(pools[0], pools[1]);
        }
        if (ttftSlo != null || tpotSlo != null) {
            sim.slo(positive("--ttft-slo", ttftSlo), positive("--tpot-slo", tpotSlo));
        }
        return sim;
    }

    private int groups() {
        Integer k = prefixGroups;
        if (k == null) {
            return deployment.sharedPrefix > 0 ? 1 : 0;
        }
        if (k < 1) {
            throw new IllegalArgumentException("--prefix-groups (" + k + ") must be >= 1");
        }
        if (deployment.sharedPrefix == 0) {
            throw new IllegalArgumentException(
                    "--prefix-groups (" + k + ") needs --shared-prefix: the tokens each group shares");
        }
        return k;
    }

    private @Nullable Reader trace() throws IOException {
        if (!arrival.startsWith("trace:")) {
            return null;
        }
        String file = arrival.substring("trace:".length());
        if (file.isEmpty()) {
            throw new IllegalArgumentException("--arrival (" + arrival + ") must name a file: trace:FILE");
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    /** The most requests a synthetic run may draw on average: {@value}, about a minute's simulation. */
    static final double MOST_REQUESTS = 5e7;

    private RequestSource synthetic(int groups, @Nullable Double r) {
        if (r == null) {
            throw new IllegalArgumentException("--rate is required unless --arrival is trace:FILE");
        }
        if (!(r > 0 && Double.isFinite(r))) {
            throw new IllegalArgumentException("--rate (" + r + ") must be finite and > 0");
        }
        if (!(duration > 0 && duration <= 1e7)) {
            throw new IllegalArgumentException("--duration (" + duration + ") must be in (0, 1e7]");
        }
        double expected = r * duration;
        if (!(expected >= 1 && expected <= MOST_REQUESTS)) {
            throw new IllegalArgumentException("--rate (" + r + ") x --duration (" + duration + ") is " + expected
                    + " requests on average; it must be between 1 and " + (long) MOST_REQUESTS);
        }
        if (!(warmup < duration)) {
            throw new IllegalArgumentException("--warmup (" + warmup + ") must be less than --duration (" + duration
                    + "): nothing would be measured");
        }
        LengthsFile measured;
        try {
            measured = SimulateOptions.empirical(lengths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SyntheticSource.builder()
                .arrivals(SimulateOptions.arrivals(arrival, r))
                .durationSeconds(duration)
                .input(measured != null ? measured.input() : SimulateOptions.lengths(lengths, input))
                .output(measured != null ? measured.output() : SimulateOptions.lengths(lengths, deployment.output))
                .prefixGroups(groups, deployment.sharedPrefix)
                .seed(seed)
                .build();
    }

    private static double nonNegative(String option, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " (" + value + ") must be finite and >= 0");
        }
        return value;
    }

    private static double positive(String option, @Nullable Double value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is needed: --ttft-slo and --tpot-slo go together");
        }
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " (" + value + ") must be finite and > 0");
        }
        return value;
    }

    /** A progress line on standard error, rewritten in place, once a run has taken more than two seconds. */
    static final class Progress implements java.util.function.DoubleConsumer {
        private static final long QUIET_NANOS = 2_000_000_000L;
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private boolean shown;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(double fraction) {
            if (System.nanoTime() - start < QUIET_NANOS) {
                return;
            }
            shown = true;
            err.printf(Locale.ROOT, "\rsimulating: %3.0f%%", 100 * fraction);
            err.flush();
        }

        void done() {
            if (shown) {
                err.println("\rsimulating: done");
            }
        }
    }
}
