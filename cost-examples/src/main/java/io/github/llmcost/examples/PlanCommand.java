package io.github.llmcost.examples;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.economics.plan.Plan;
import io.github.llmcost.economics.plan.PlanRequest;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.serving.Traffic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost plan}: the cheapest deployment that serves a request rate within latency targets, searched over
 * chips, tensor-parallel degrees, formats, batch caps and replicas ({@link PlanRequest}), shown by {@link PlanView}.
 * When no deployment searched can serve the traffic it prints why and exits {@link LlmCostCli#INFEASIBLE}.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "The cheapest deployment that serves a request rate within latency targets, and what it costs a month.",
            "Searches every chip (default: every preset with a rental price) x tensor-parallel degree (1, 2, 4, ... up"
                    + " to --max-gpus-per-replica) x format x batch cap x replicas; each replica is planned to run at"
                    + " --headroom of the highest rate it sustains within the targets (Poisson arrivals, 90th"
                    + " percentiles). A month is 730 hours."
        })
final class PlanCommand extends CliCommand {
    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    JsonOption json = new JsonOption();

    @Option(names = "--rate", required = true, description = "Requests per second the deployment must serve.")
    double rate;

    @Option(
            names = "--input",
            description = "Prompt tokens per request; default: ${DEFAULT-VALUE}.",
            defaultValue = "1024")
    long input = 1024;

    @Option(
            names = "--output",
            description = "Output tokens per request; default: ${DEFAULT-VALUE}.",
            defaultValue = "256")
    long output = 256;

    @Option(
            names = "--shared-prefix",
            description = "Leading prompt tokens every request shares, cached once; default: ${DEFAULT-VALUE}.",
            defaultValue = "0")
    long sharedPrefix;

    @Option(
            names = "--prefix-hit-rate",
            description = "Fraction of requests that find the --shared-prefix in the prefix cache, in [0, 1];"
                    + " default: 1 with --shared-prefix.")
    @Nullable
    Double prefixHitRate;

    @Option(names = "--ttft-slo", description = "Target for time to first token's 90th percentile, in seconds.")
    @Nullable
    Double ttftSlo;

    @Option(names = "--tpot-slo", description = "Target for time per output token's 90th percentile, in seconds.")
    @Nullable
    Double tpotSlo;

    @Option(
            names = "--hardware",
            split = ",",
            description =
                    "Hardware preset ids to consider, comma-separated; default: every preset with a rental" + " price.")
    @Nullable
    List<String> hardware;

    @Option(
            names = "--formats",
            split = ",",
            description = "Weight formats or schemes allowed, comma-separated (" + DeploymentOptions.FORMATS + ", or"
                    + " awq-int4, gptq-int4, fp8-block, nvfp4, mxfp4, q4_0, q4_k_m, q5_k_m, q6_k, q8_0): fp8 and fp4"
                    + " compute in their own format, int8 and int4 are weight-only; default: bf16.")
    @Nullable
    List<WeightScheme> formats;

    @Option(
            names = "--kv",
            description = "KV-cache format of every candidate (" + DeploymentOptions.FORMATS + "); default:"
                    + " ${DEFAULT-VALUE}.",
            defaultValue = "bf16")
    NumericFormat kv = NumericFormat.BF16;

    @Option(
            names = "--pp",
            description = "Pipeline stages of every candidate, each of its tensor-parallel GPUs; default:"
                    + " ${DEFAULT-VALUE}.",
            defaultValue = "1")
    int pp = 1;

    @Option(
            names = "--ep",
            description = "Expert-parallel degree of every candidate (a Mixture-of-Experts model; candidates whose"
                    + " GPUs per stage it does not divide are set aside); default: ${DEFAULT-VALUE}.",
            defaultValue = "1")
    int ep = 1;

    @Option(names = "--dp-attention", description = "Attention data-parallel over each candidate's GPUs per stage.")
    boolean dpAttention;

    @Option(
            names = "--max-gpus-per-replica",
            description = "Most tensor-parallel devices in one replica; default: ${DEFAULT-VALUE}.",
            defaultValue = "" + PlanRequest.DEFAULT_MAX_GPUS_PER_REPLICA)
    int maxGpusPerReplica = PlanRequest.DEFAULT_MAX_GPUS_PER_REPLICA;

    @Option(
            names = "--price",
            split = ",",
            description = "US dollars per device-hour replacing a preset's price, as id=usd, comma-separated (for"
                    + " example h100-sxm=2.10).")
    @Nullable
    Map<String, Double> prices;

    @Option(
            names = "--headroom",
            description = "Share of a replica's sustainable rate within the targets it is planned to run at, in (0,"
                    + " 1]; default: ${DEFAULT-VALUE}.",
            defaultValue = "" + PlanRequest.DEFAULT_HEADROOM)
    double headroom = PlanRequest.DEFAULT_HEADROOM;

    @Option(
            names = "--top",
            description = "Candidates to list, cheapest first; default: ${DEFAULT-VALUE}.",
            defaultValue = "10")
    int top = 10;

    @Option(
            names = "--chart",
            description = "Also draw the Pareto frontier (output tokens per second per GPU against per user) into this"
                    + " file, .png or .svg.")
    @Nullable
    Path chart;

    @Option(
            names = "--verify",
            arity = "0..1",
            fallbackValue = "3",
            paramLabel = "N",
            description = "Confirm the cheapest N candidates (3 if N is not given) by simulating their replicas"
                    + " request by request at --rate; their measured 90th percentiles replace the model's, and"
                    + " replicas are added where a target is missed.")
    @Nullable
    Integer verify;

    @Mixin
    SchedulerOptions scheduling = new SchedulerOptions();

    @Mixin
    SpeculativeOptions speculative = new SpeculativeOptions();

    @Override
    public Integer call() {
        PlanRequest request = request();
        Integer confirm = verify;
        if (confirm != null) {
            Options.positive("--verify", confirm);
        }
        String chartFormat = chart == null ? null : OutputFiles.checkWritable("--chart", chart);
        Plan plan = confirm == null ? request.plan() : request.plan().verified(confirm);
        if (chart != null && chartFormat != null) {
            PlanChart.frontier(plan, chart, chartFormat);
        }
        PlanView view = new PlanView(plan, top, chart);
        PrintWriter out = out();
        out.println(json.json ? Json.write(view.json()) : view.text());
        if (!plan.feasible()) {
            boolean targets = ttftSlo != null || tpotSlo != null;
            err().println("llm-cost: cannot run: no deployment searched serves " + rate + " requests/s"
                    + (targets ? " within the targets" : "") + " ("
                    + plan.exclusions().size()
                    + " set aside; see the reasons)");
            return LlmCostCli.INFEASIBLE;
        }
        return 0;
    }

    /** The request the options describe, each checked and named as typed. */
    PlanRequest request() {
        if (!(rate >= PlanRequest.MIN_REQUESTS_PER_SECOND && rate <= PlanRequest.MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException(
                    "--rate (" + rate + ") must be in [" + PlanRequest.MIN_REQUESTS_PER_SECOND + ", "
                            + PlanRequest.MAX_REQUESTS_PER_SECOND + "] requests per second");
        }
        Traffic traffic = Options.traffic(input, output, sharedPrefix, prefixHitRate);
        Seconds ttft = Options.seconds("--ttft-slo", ttftSlo);
        Seconds tpot = Options.seconds("--tpot-slo", tpotSlo);
        Options.positive("--max-gpus-per-replica", maxGpusPerReplica);
        Options.positive("--top", top);
        if (!(headroom > 0 && headroom <= 1)) {
            throw new IllegalArgumentException("--headroom (" + headroom + ") must be in (0, 1]");
        }
        PlanRequest.Builder b = PlanRequest.builder()
                .model(model.model())
                .traffic(traffic)
                .requestsPerSecond(rate)
                .maxGpusPerReplica(maxGpusPerReplica)
                .parallelism(ParallelismOptions.forModel(
                        ParallelismOptions.of(pp, ep, 0, dpAttention, 0, null), model.model()))
                .headroom(headroom)
                .scheduler(scheduling.scheduler())
                .speculativeDecoding(java.util.Optional.ofNullable(speculative.speculation()));
        if (ttft != null) {
            b.timeToFirstTokenP90(ttft);
        }
        if (tpot != null) {
            b.timePerOutputTokenP90(tpot);
        }
        List<String> ids = nonEmpty("--hardware", hardware);
        List<WeightScheme> weights = nonEmpty("--formats", formats);
        Map<String, Double> given = prices == null ? Map.of() : prices;
        if (prices != null && prices.isEmpty()) {
            throw new IllegalArgumentException("--price names no chip: give id=usd, comma-separated");
        }
        // each chip and format once, in the order first given
        List<HardwareSpec> chips = new ArrayList<>();
        for (String id : ids) {
            HardwareSpec chip = hardware("--hardware", id);
            if (!chips.contains(chip)) {
                chips.add(chip);
            }
        }
        b.hardware(chips);
        List<HardwareSpec> searched = chips.isEmpty() ? PlanRequest.defaultHardware() : chips;
        for (Map.Entry<String, Double> price : given.entrySet()) {
            HardwareSpec chip = hardware("--price", price.getKey());
            double usd = price.getValue();
            if (!(usd > 0 && usd <= GpuPricing.MAX_USD_PER_DEVICE_HOUR)) {
                throw new IllegalArgumentException(
                        "--price (" + price.getKey() + "=" + usd + ") must be > 0 and at most "
                                + GpuPricing.MAX_USD_PER_DEVICE_HOUR + " US dollars per device-hour");
            }
            if (!searched.contains(chip)) {
                throw new IllegalArgumentException("--price (" + price.getKey() + "=" + usd
                        + ") names a chip that is not searched; add it to --hardware");
            }
            b.putPricesPerHour(chip, usd);
        }
        for (WeightScheme w : weights.stream().distinct().toList()) {
            b.addFormats(Formats.of(w).withKvCache(kv));
        }
        if (weights.isEmpty()) {
            b.addFormats(Formats.BF16.withKvCache(kv));
        }
        return b.build();
    }

    /** A list option as given: none (null) is empty; given but naming nothing ({@code --hardware ,}) is refused. */
    private static <T> List<T> nonEmpty(String option, @Nullable List<T> values) {
        if (values == null) {
            return List.of();
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(option + " names nothing: give comma-separated values");
        }
        return values;
    }

    private static HardwareSpec hardware(String option, String id) {
        try {
            return HardwarePresets.byId(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    option + " (" + id + ") is not a hardware preset; known: " + HardwarePresets.ids(), e);
        }
    }
}
