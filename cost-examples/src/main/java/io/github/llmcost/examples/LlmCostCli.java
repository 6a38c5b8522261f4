package io.github.llmcost.examples;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.ParameterBreakdown;
import io.github.llmcost.economics.DeviceCosts;
import io.github.llmcost.economics.EdgeVsCloud;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.Sweep;
import io.github.llmcost.economics.UsageProfile;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code llm-cost} command line. Without a subcommand it prints the article reproduced and a default estimate.
 * Every subcommand takes {@code --json} and then prints exactly one JSON object. Bad arguments print one line on
 * standard error and exit with code 2.
 */
@Command(
        name = "llm-cost",
        mixinStandardHelpOptions = true,
        version = "llm-cost 0.1.0-SNAPSHOT",
        description = "What transformer inference costs, from first principles.",
        subcommands = {
            LlmCostCli.ArticleCommand.class,
            LlmCostCli.PresetsCommand.class,
            LlmCostCli.ModelCommand.class,
            LlmCostCli.EstimateCommand.class,
            LlmCostCli.EdgeCommand.class,
            LlmCostCli.SweepCommand.class,
            LlmCostCli.RooflineCommand.class,
            LlmCostCli.ChartCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LlmCostCli implements Callable<Integer> {
    /** Exit code for bad arguments or invalid input. */
    public static final int USAGE = 2;

    /** Exit code for a configuration that cannot run: stderr names the limit that binds. */
    public static final int INFEASIBLE = 3;

    @Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    LlmCostCli() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            code = run(args, out, err);
        } catch (LinkageError | RuntimeException e) {
            // a broken installation (a missing class), never a user's mistake: one line, no stack trace
            err.println("llm-cost: internal error: " + OutputFiles.oneLine(e.getMessage(), "no details"));
            code = 1;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code: 0 on success, 2 on bad arguments or input, 1 on an internal error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LlmCostCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // "@file" expansion would read any file, even /dev/zero, forever: no argument names a file that way
        cli.setExpandAtFiles(false);
        cli.registerConverter(NumericFormat.class, clean(NumericFormat::parse));
        cli.registerConverter(Charts.Kind.class, clean(Charts.Kind::parse));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("llm-cost: " + e.getMessage());
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof InfeasibleConfigurationException infeasible) {
                err.println("llm-cost: cannot run: " + infeasible.feasibility().summary());
                return INFEASIBLE;
            }
            err.println("llm-cost: " + Failures.describe(e));
            return Failures.exitCode(e);
        });
        HelpText.install(cli);
        return cli.execute(args);
    }

    /** A converter whose {@link IllegalArgumentException} becomes picocli's one-line conversion error. */
    private static <T> CommandLine.ITypeConverter<T> clean(CommandLine.ITypeConverter<T> converter) {
        return text -> {
            try {
                return converter.convert(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
            }
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = out(spec);
        out.print(ArticleLedger.table(ArticleLedger.compute()));
        out.println();
        out.println("Default estimate:");
        out.println(LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .promptTokens(4096)
                .outputTokens(512)
                .estimate());
        out.println();
        out.println("More: llm-cost --help");
        return 0;
    }

    static PrintWriter out(CommandLine.Model.@Nullable CommandSpec spec) {
        return spec(spec).commandLine().getOut();
    }

    static CommandLine.Model.CommandSpec spec(CommandLine.Model.@Nullable CommandSpec spec) {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }

    /** {@code --model ID} or {@code --config FILE}, not both. */
    static final class ModelOption {
        static final String DEFAULT_MODEL = "llama-3.1-8b";

        @Option(
                names = "--model",
                description =
                        "Model preset id (see `llm-cost presets`); default: " + DEFAULT_MODEL + ". Not with --config.")
        @Nullable
        String modelId;

        @Option(
                names = "--config",
                description = "A Hugging Face config.json (a regular file) instead of a preset. Not with --model.")
        @Nullable
        Path config;

        ModelSpec model() {
            if (config != null) {
                if (modelId != null) {
                    throw new IllegalArgumentException("--model (" + modelId + ") and --config (" + config
                            + ") are mutually exclusive: give one of them");
                }
                return ConfigModels.read(config);
            }
            return ModelPresets.byId(modelId == null ? DEFAULT_MODEL : modelId);
        }
    }

    /** {@code --json}. */
    static final class JsonOption {
        @Option(names = "--json", description = "Print exactly one JSON object.")
        boolean json;
    }

    /** {@code llm-cost article}. */
    @Command(name = "article", mixinStandardHelpOptions = true, description = "The article's claims, recomputed.")
    static final class ArticleCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() {
            List<ArticleLedger.Result> results = ArticleLedger.compute();
            PrintWriter out = out(spec);
            if (!json.json) {
                out.print(ArticleLedger.table(results));
                return 0;
            }
            List<Object> claims = new ArrayList<>();
            for (ArticleLedger.Result r : results) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", r.claim().id());
                c.put("section", r.claim().section());
                c.put("claim", r.claim().claim());
                c.put("articleValue", r.claim().articleValue());
                c.put("computedValue", r.computedValue());
                c.put("verdict", r.verdict().label());
                c.put("reason", r.reason());
                claims.add(c);
            }
            out.println(Json.write(Map.of("claims", claims)));
            return 0;
        }
    }

    /** {@code llm-cost presets}. */
    @Command(name = "presets", mixinStandardHelpOptions = true, description = "Model and hardware presets.")
    static final class PresetsCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() {
            PrintWriter out = out(spec);
            List<Object> models = new ArrayList<>();
            ModelPresets.all().forEach((id, m) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("name", m.name());
                row.put("totalParameters", m.parameters().totalParameters());
                row.put("activeParameters", m.parameters().activeParameters());
                models.add(row);
            });
            List<Object> chips = new ArrayList<>();
            HardwarePresets.all().forEach((id, h) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("name", h.name());
                row.put("peakBf16FlopsPerSecond", h.peak(NumericFormat.BF16).toFlopsPerSecond());
                row.put("memoryBandwidthBytesPerSecond", h.memoryBandwidth().toBytesPerSecond());
                row.put("memoryCapacityBytes", h.memoryCapacity().toBytes());
                row.put("tdpWatts", h.tdpWatts());
                row.put(
                        "rentalUsdPerHour",
                        h.rentalUsdPerHour().isPresent() ? h.rentalUsdPerHour().getAsDouble() : null);
                chips.add(row);
            });
            if (json.json) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("models", models);
                all.put("hardware", chips);
                out.println(Json.write(all));
                return 0;
            }
            out.println("Models:");
            ModelPresets.all()
                    .forEach((id, m) -> out.printf(
                            Locale.ROOT,
                            "  %-20s %-22s %,19d parameters%n",
                            id,
                            m.name(),
                            m.parameters().totalParameters()));
            out.println("Hardware:");
            HardwarePresets.all()
                    .forEach((id, h) -> out.printf(
                            Locale.ROOT,
                            "  %-24s %-26s %12s BF16, %s, %s%n",
                            id,
                            h.name(),
                            h.peak(NumericFormat.BF16),
                            h.memoryBandwidth(),
                            h.memoryCapacity()));
            return 0;
        }
    }

    /** {@code llm-cost model}. */
    @Command(name = "model", mixinStandardHelpOptions = true, description = "Parameters, weights and KV cache.")
    static final class ModelCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

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
            ParameterBreakdown p = m.parameters();
            KvCache cache = KvCache.of(m, Convention.EXACT, kv);
            PrintWriter out = out(spec);
            Map<String, Object> weights = new LinkedHashMap<>();
            for (NumericFormat f : NumericFormat.values()) {
                weights.put(f.name().toLowerCase(Locale.ROOT), p.weightBytes(f).toBytes());
            }
            if (json.json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("model", m.name());
                o.put("convention", "EXACT");
                o.put("totalParameters", p.totalParameters());
                o.put("activeParameters", p.activeParameters());
                o.put("embeddingParameters", p.embeddingParameters());
                o.put("attentionParameters", p.attentionParameters());
                o.put("convolutionParameters", p.convolutionParameters());
                o.put("mlpParameters", p.mlpParameters());
                o.put("expertParameters", p.expertParameters());
                o.put("routerParameters", p.routerParameters());
                o.put("normParameters", p.normParameters());
                o.put("lmHeadParameters", p.lmHeadParameters());
                o.put("weightBytes", weights);
                o.put("kvCacheFormat", kv.name());
                o.put("kvCacheBytesPerToken", cache.bytesPerToken().toBytes());
                o.put("contextTokens", context);
                o.put("kvCacheBytesPerSession", cache.sessionBytes(context).toBytes());
                out.println(Json.write(o));
                return 0;
            }
            out.println(m.name());
            out.println(p);
            out.println("Weights:");
            for (NumericFormat f : NumericFormat.values()) {
                out.printf(Locale.ROOT, "  %-9s %s%n", f, p.weightBytes(f));
            }
            out.println("KV cache at " + kv + ": " + cache.bytesPerToken() + " per token, "
                    + cache.sessionBytes(context) + " per session of " + context + " tokens");
            return 0;
        }
    }

    /** {@code llm-cost estimate}. */
    @Command(
            name = "estimate",
            mixinStandardHelpOptions = true,
            description = {
                "Every figure of one configuration.",
                "Time to first token is for the whole batch: the prefill of all --batch prompts at once, so it grows"
                        + " with the batch."
            })
    static final class EstimateCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Mixin
        ModelOption model = new ModelOption();

        @Mixin
        JsonOption json = new JsonOption();

        @Mixin
        DeploymentOptions deployment = new DeploymentOptions();

        @Mixin
        DeploymentOptions.Request request = new DeploymentOptions.Request();

        @Override
        public Integer call() {
            Estimate e = request.estimate(model.model(), deployment);
            PrintWriter out = out(spec);
            PrintWriter err = spec(spec).commandLine().getErr();
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
                return INFEASIBLE;
            }
            if (e.pricing().isEmpty()) {
                err.println("llm-cost: no price for " + e.hardware().name() + ": pass --price-per-hour to see costs");
            }
            return 0;
        }
    }

    /** {@code llm-cost edge}. */
    @Command(name = "edge", mixinStandardHelpOptions = true, description = "On-device against cloud, per month.")
    static final class EdgeCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Mixin
        JsonOption json = new JsonOption();

        @Option(
                names = "--mau",
                description = "Monthly active users; default: ${DEFAULT-VALUE}.",
                defaultValue = "100000000")
        long mau = 100_000_000;

        @Option(
                names = "--requests",
                description = "Requests per user per month; default: ${DEFAULT-VALUE}.",
                defaultValue = "50")
        double requests = 50;

        @Option(
                names = "--tokens",
                description = "Tokens per request; default: ${DEFAULT-VALUE}.",
                defaultValue = "750")
        double tokens = 750;

        @Option(
                names = "--cloud-price-per-million",
                description = "Cloud US dollars per million tokens; default: ${DEFAULT-VALUE}.",
                defaultValue = "0.30")
        double cloudPrice = 0.30;

        // Device costs default to DeviceCosts' own defaults (the article's figures): unset options keep them.
        @Option(names = "--licence", description = "Licence per device, US dollars; default: DeviceCosts' $0.30.")
        @Nullable
        Double licence;

        @Option(names = "--device-life-months", description = "Device life; default: DeviceCosts' 36 months.")
        @Nullable
        Double lifeMonths;

        @Option(
                names = "--cdn-per-update",
                description = "CDN per device per update, US dollars; default: DeviceCosts' $0.01.")
        @Nullable
        Double cdn;

        @Option(names = "--updates-per-month", description = "Model updates per month; default: DeviceCosts' 0.")
        @Nullable
        Double updates;

        @Option(names = "--battery-watts", description = "Battery draw while generating; default: DeviceCosts' 5 W.")
        @Nullable
        Double watts;

        @Option(
                names = "--fixed-per-month",
                description = "Fixed engineering, US dollars per month; default: DeviceCosts' 0.")
        @Nullable
        Double fixed;

        @Option(
                names = "--device-model",
                description = "Model on the device; default: ${DEFAULT-VALUE}.",
                defaultValue = "llama-3.2-1b")
        String deviceModel = "llama-3.2-1b";

        @Option(
                names = "--device-hardware",
                description = "Device preset; default: ${DEFAULT-VALUE}.",
                defaultValue = "snapdragon-8-elite-cpu")
        String deviceHardware = "snapdragon-8-elite-cpu";

        @Override
        public Integer call() {
            EdgeInputs checks = EdgeInputs.of(spec)
                    .positive("--mau", (double) mau)
                    .positive("--requests", requests)
                    .positive("--tokens", tokens)
                    .nonNegative("--cloud-price-per-million", cloudPrice)
                    .nonNegative("--licence", licence)
                    .positiveIfGiven("--device-life-months", lifeMonths)
                    .nonNegative("--cdn-per-update", cdn)
                    .nonNegative("--updates-per-month", updates)
                    .nonNegative("--battery-watts", watts)
                    .nonNegative("--fixed-per-month", fixed);
            DeviceCosts.Builder costs = DeviceCosts.builder();
            if (licence != null) {
                costs.licenceUsdPerDevice(licence);
            }
            if (lifeMonths != null) {
                costs.deviceLifeMonths(lifeMonths);
            }
            if (cdn != null) {
                costs.cdnUsdPerUpdate(cdn);
            }
            if (updates != null) {
                costs.updatesPerMonth(updates);
            }
            if (watts != null) {
                costs.batteryWatts(watts);
            }
            if (fixed != null) {
                costs.fixedEngineeringUsdPerMonth(fixed);
            }
            DeviceCosts device = costs.build();
            ModelSpec phoneModel = ModelPresets.byId(deviceModel);
            io.github.llmcost.hardware.HardwareSpec phoneChip = HardwarePresets.byId(deviceHardware);
            // the device runs the model at INT4 weights and an INT8 cache, one request at a time; only --tokens is the
            // user's number in the device's estimate: its failures name it
            Estimate phone = checks.tokensFit(() -> LlmCost.model(phoneModel)
                    .hardware(phoneChip)
                    .promptTokens(Math.max(1, (long) (tokens / 2)))
                    .outputTokens(Math.max(1, (long) (tokens / 2)))
                    .weights(NumericFormat.INT4)
                    .kvCache(NumericFormat.INT8)
                    .estimate());
            if (!phone.isFeasible()) {
                spec(spec)
                        .commandLine()
                        .getErr()
                        .println("llm-cost: " + phone.model().name() + " cannot run on "
                                + phone.hardware().name() + ": "
                                + phone.feasibility().summary());
                return INFEASIBLE;
            }
            double phoneTokensPerSecond = checks.tokensFit(phone::decodeTokensPerSecondPerUser);
            EdgeVsCloud edge = EdgeVsCloud.of(
                    device, UsageProfile.of(mau, requests, tokens), Money.of(cloudPrice), phoneTokensPerSecond);
            checks.figuresFinite(edge);
            PrintWriter out = out(spec);
            if (json.json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("monthlyActiveUsers", mau);
                o.put("requestsPerUserPerMonth", requests);
                o.put("tokensPerRequest", tokens);
                o.put("cloudPricePerMillionTokensUsd", cloudPrice);
                o.put("monthlyCloudCostUsd", edge.monthlyCloudCost().toUsd());
                o.put("monthlyOnDeviceCostUsd", edge.monthlyOnDeviceCost().toUsd());
                o.put("cloudOverOnDevice", edge.cloudOverOnDevice());
                o.put("tokensOverDeviceLife", edge.tokensOverDeviceLife());
                o.put(
                        "licencePerMillionTokensUsd",
                        edge.licencePerMillionTokens().toUsd());
                o.put(
                        "crossoverRequestsPerUserPerMonth",
                        edge.crossoverRequestsPerUserPerMonth().isPresent()
                                ? edge.crossoverRequestsPerUserPerMonth().getAsDouble()
                                : null);
                o.put(
                        "monthlyActiveUserThreshold",
                        edge.monthlyActiveUserThreshold().isPresent()
                                ? edge.monthlyActiveUserThreshold().getAsDouble()
                                : null);
                o.put("onDeviceTokensPerSecond", phoneTokensPerSecond);
                o.put(
                        "onDeviceTimeToFirstTokenSeconds",
                        phone.timeToFirstToken().toSeconds());
                o.put("joulesPerTokenOnDevice", edge.joulesPerTokenOnDevice());
                o.put("monthlyUserEnergyCostUsd", edge.monthlyUserEnergyCost().toUsd());
                out.println(Json.write(o));
                return 0;
            }
            out.println(edge);
            out.println(
                    "  tokens over a device's life: " + String.format(Locale.ROOT, "%,.0f", edge.tokensOverDeviceLife())
                            + ", licence " + edge.licencePerMillionTokens() + " per million tokens");
            edge.crossoverRequestsPerUserPerMonth()
                    .ifPresent(r ->
                            out.printf(Locale.ROOT, "  on-device wins above %.1f requests per user per month%n", r));
            if (device.fixedEngineeringUsdPerMonth() > 0) {
                edge.monthlyActiveUserThreshold()
                        .ifPresent(u ->
                                out.printf(Locale.ROOT, "  with fixed costs, above %,.0f monthly active users%n", u));
            }
            out.printf(
                    Locale.ROOT,
                    "  on the device (%s on %s): %.1f tokens/s, first token in %s, %.3g J per token%n",
                    phone.model().name(),
                    phone.hardware().name(),
                    phoneTokensPerSecond,
                    phone.timeToFirstToken(),
                    edge.joulesPerTokenOnDevice());
            return 0;
        }
    }

    /** {@code llm-cost sweep}. */
    @Command(
            name = "sweep",
            mixinStandardHelpOptions = true,
            description = "Context and batch sweeps through the library's Sweep, as CSV (the default) or JSON.")
    static final class SweepCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

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
                    .weightFormats(deployment.weights)
                    .kvCacheFormats(deployment.kv)
                    .promptTokens(contexts)
                    .outputTokens(deployment.output)
                    .batchSizes(batches)
                    .build();
            PrintWriter out = out(spec);
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

    /** {@code llm-cost roofline}. */
    @Command(
            name = "roofline",
            mixinStandardHelpOptions = true,
            description = "A chip's roofline with a model's operations, as PNG or SVG.")
    static final class RooflineCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Mixin
        ModelOption model = new ModelOption();

        @Mixin
        DeploymentOptions deployment = new DeploymentOptions();

        @Mixin
        DeploymentOptions.Request request = new DeploymentOptions.Request();

        @Mixin
        JsonOption json = new JsonOption();

        @Option(names = "--out", required = true, description = "Output file, .png or .svg.")
        Path file = Path.of("roofline.png");

        @Override
        public Integer call() {
            Estimate e = request.estimate(model.model(), deployment);
            Path written = Charts.roofline(e, file);
            PrintWriter out = out(spec);
            if (json.json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("file", written.toString());
                o.put("hardware", e.hardware().name());
                o.put("ridgePointFlopsPerByte", e.performance().roofline().ridgePointFlopsPerByte());
                out.println(Json.write(o));
            } else {
                out.println("wrote " + written);
            }
            return 0;
        }
    }

    /** {@code llm-cost chart}. */
    @Command(
            name = "chart",
            mixinStandardHelpOptions = true,
            description = "Quadratic share, users per GPU or cost charts, as PNG or SVG.")
    static final class ChartCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Mixin
        ModelOption model = new ModelOption();

        @Mixin
        DeploymentOptions deployment = new DeploymentOptions();

        @Mixin
        DeploymentOptions.Request request = new DeploymentOptions.Request();

        @Mixin
        JsonOption json = new JsonOption();

        @Option(names = "--kind", required = true, description = "quadratic-share, users or cost.")
        Charts.Kind kind = Charts.Kind.QUADRATIC_SHARE;

        @Option(names = "--out", required = true, description = "Output file, .png or .svg.")
        Path file = Path.of("chart.png");

        @Override
        public Integer call() {
            Estimate e = request.estimate(model.model(), deployment);
            Path written = Charts.chart(kind, e, file);
            PrintWriter out = out(spec);
            if (json.json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("file", written.toString());
                o.put("kind", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                out.println(Json.write(o));
            } else {
                out.println("wrote " + written);
            }
            return 0;
        }
    }
}
