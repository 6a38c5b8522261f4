package io.github.llmcost.examples;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.KvScheme;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that describe a deployment, shared by every command that costs one ({@code estimate}, {@code sweep},
 * {@code roofline}, {@code chart}), and the one place that turns them into a configuration: {@link #applyTo}. Each
 * numeric option is checked where it was typed and named as it was typed ("--gpus (0) must be > 0").
 */
final class DeploymentOptions {
    static final String FORMATS = "fp32, bf16, fp16, fp8 (= fp8_e4m3), fp8_e5m2, int8, int4, fp4";

    @Option(
            names = "--hardware",
            description = "Hardware preset id (see `llm-cost presets`); default: ${DEFAULT-VALUE}.",
            defaultValue = "h100-sxm")
    String hardware = "h100-sxm";

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
            names = "--weights",
            description =
                    "Weight scheme: a format (" + FORMATS + ") or a quantisation scheme with its scales (awq-int4,"
                            + " gptq-int4, fp8-tensor (16-bit embeddings), fp8-block, nvfp4, mxfp4, q4_0, q4_k_m, q5_k_m,"
                            + " q6_k, q8_0); default: ${DEFAULT-VALUE}.",
            defaultValue = "bf16")
    WeightScheme weights = WeightScheme.BF16;

    @Option(
            names = "--activations",
            description = "Compute format (" + FORMATS + "); default: the weights' format for fp8 and fp4 weights"
                    + " (W8A8, W4A4), bf16 otherwise (int8 and int4 weights are weight-only: W8A16, W4A16).")
    @Nullable
    NumericFormat activations;

    @Option(
            names = "--kv",
            description = "KV-cache format (" + FORMATS + ") or a quantised scheme with its scales (fp8-tensor,"
                    + " int8-head: a 16-bit scale per token per KV head, int4-group: a 16-bit scale and zero point per"
                    + " 32 values); default: ${DEFAULT-VALUE}.",
            defaultValue = "bf16")
    KvScheme kv = KvScheme.BF16;

    @Option(names = "--gpus", description = "Tensor-parallel devices; default: ${DEFAULT-VALUE}.", defaultValue = "1")
    int gpus = 1;

    @Option(
            names = "--pp",
            description = "Pipeline-parallel stages, each of --gpus devices (layers split as vLLM does); default:"
                    + " ${DEFAULT-VALUE}.",
            defaultValue = "1")
    int pp = 1;

    @Option(
            names = "--ep",
            description = "Expert-parallel degree of a Mixture-of-Experts model, dividing --gpus and the routed"
                    + " experts; default: ${DEFAULT-VALUE}.",
            defaultValue = "1")
    int ep = 1;

    @Option(
            names = "--nodes",
            description = "Nodes a replica spans (8 GPUs each, 400 Gb/s per GPU between them); must match --gpus x"
                    + " --pp; default: as many as needed.",
            defaultValue = "0")
    int nodes;

    @Option(
            names = "--dp-attention",
            description = "Attention data-parallel over the --gpus of a stage (each GPU its own sequences).")
    boolean dpAttention;

    @Option(
            names = "--micro-batches",
            description = "Micro-batches a batch runs as over the pipeline; default: one per stage.",
            defaultValue = "0")
    int microBatches;

    @Option(
            names = "--expert-imbalance",
            description = "Busiest GPU's routed-expert load over the mean under --ep, in [1, 8]; default: 1.2.")
    @Nullable
    Double expertImbalance;

    @Option(
            names = "--price-per-hour",
            description = "US dollars per device-hour; default: the preset's rental price (consumer and edge presets"
                    + " have none, and then no cost is shown).")
    @Nullable
    Double pricePerHour;

    @Option(
            names = "--utilization",
            description = "Fraction of paid hours in use, in (0, 1]; default: ${DEFAULT-VALUE}.",
            defaultValue = "1")
    double utilization = 1;

    @Option(
            names = "--convention",
            description = "EXACT or ARTICLE; default: ${DEFAULT-VALUE}.",
            defaultValue = "EXACT")
    Convention convention = Convention.EXACT;

    @Option(
            names = "--calibration",
            description = CalibrationOption.DESCRIPTION + "; default: ${DEFAULT-VALUE}.",
            defaultValue = "auto")
    String calibration = "auto";

    /** Speculative decoding: {@code --speculative-tokens}, {@code --acceptance}, {@code --draft-model|--draft-config}. */
    @Mixin
    SpeculativeOptions speculative = new SpeculativeOptions();

    /** Whether the draft-model warning was printed (once a run). */
    private boolean warnedDraft;

    /** The command these options are mixed into, for its stderr (a warning about --calibration). */
    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.@Nullable CommandSpec mixee;

    /** Whether the --calibration warning was printed (once a run, however many configurations it costs). */
    private boolean warned;

    /**
     * Sets every option on a builder: the one mapping from options to a configuration, used by every command.
     *
     * @param b the builder
     * @throws IllegalArgumentException naming the option as typed, for a value out of range
     */
    void applyTo(LlmCost.Builder b) {
        Options.positive("--gpus", gpus);
        Options.nonNegative("--output", output);
        Options.nonNegative("--shared-prefix", sharedPrefix);
        if (!(utilization > 0 && utilization <= 1)) {
            throw new IllegalArgumentException("--utilization (" + utilization + ") must be in (0, 1]");
        }
        b.hardware(HardwarePresets.byId(hardware))
                .tensorParallel(gpus)
                .parallelism(ParallelismOptions.of(pp, ep, nodes, dpAttention, microBatches, expertImbalance))
                .outputTokens(output)
                .sharedPrefixTokens(sharedPrefix)
                .weights(weights)
                .kvCache(kv)
                .utilization(utilization)
                .convention(convention);
        CalibrationOption.Chosen chosen = CalibrationOption.resolve(calibration, hardware);
        ChipCalibration c = chosen.calibration();
        if (c != null) {
            b.calibration(c);
        }
        String warning = chosen.warning();
        if (warning != null && !warned && mixee != null) {
            mixee.commandLine().getErr().println(warning);
            warned = true;
        }
        NumericFormat compute = activations;
        if (compute != null) {
            b.activations(compute);
        }
        warnedDraft |= speculative.applyTo(
                b, warnedDraft || mixee == null ? null : mixee.commandLine().getErr());
        Double price = pricePerHour;
        if (price != null) {
            if (!(price > 0 && price <= GpuPricing.MAX_USD_PER_DEVICE_HOUR)) {
                throw new IllegalArgumentException("--price-per-hour (" + price + ") must be > 0 and at most "
                        + GpuPricing.MAX_USD_PER_DEVICE_HOUR);
            }
            b.pricePerHour(price);
        }
        ParallelismOptions.check(b.deployment());
    }

    /** {@code --prompt} and {@code --batch}: one request shape, for the commands that cost one. */
    static final class Request {
        @Option(names = "--prompt", description = "Prompt tokens; default: ${DEFAULT-VALUE}.", defaultValue = "1024")
        long prompt = 1024;

        @Option(
                names = "--batch",
                description = "Sequences run together; time to first token is the prefill of all their prompts at"
                        + " once. Default: ${DEFAULT-VALUE}.",
                defaultValue = "1")
        int batch = 1;

        /**
         * The estimate of a model under the deployment options and this request.
         *
         * @param model the model
         * @param deployment the deployment options
         * @return the estimate, feasible or not
         */
        Estimate estimate(ModelSpec model, DeploymentOptions deployment) {
            Options.positive("--prompt", prompt);
            Options.positive("--batch", batch);
            LlmCost.Builder b = LlmCost.model(model);
            deployment.applyTo(b);
            return b.promptTokens(prompt).batchSize(batch).estimate();
        }
    }
}
