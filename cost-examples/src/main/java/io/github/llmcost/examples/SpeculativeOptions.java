package io.github.llmcost.examples;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.hardware.SpeculativeDecoding;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --speculative-tokens K --acceptance A [--draft-model ID | --draft-config F]}: speculative decoding, mixed into
 * {@link DeploymentOptions} so that every command that costs a deployment takes it. Without a draft, the drafter is
 * multi-token prediction: one extra transformer layer per proposed token, as DeepSeek-V3's MTP module
 * ({@link SpeculativeDecoding#multiTokenPrediction}).
 */
final class SpeculativeOptions {
    @Option(
            names = "--speculative-tokens",
            description = "Speculative decoding: tokens the drafter proposes per round (k >= 1); needs --acceptance."
                    + " Default: no speculation.")
    @Nullable
    Integer tokens;

    @Option(
            names = "--acceptance",
            description = "Speculative decoding: probability each proposed token is accepted, in [0, 1).")
    @Nullable
    Double acceptance;

    @Option(
            names = "--draft-model",
            description = "Draft model preset id for speculative decoding; default (with neither draft option):"
                    + " multi-token prediction, one extra layer per proposed token. Not with --draft-config.")
    @Nullable
    String draftModel;

    @Option(
            names = "--draft-config",
            description = "A Hugging Face config.json of the draft model instead of a preset. Not with --draft-model.")
    @Nullable
    Path draftConfig;

    /**
     * The speculation the options describe, or null when none was asked for.
     *
     * @return the configuration, or null
     * @throws IllegalArgumentException naming the option as typed, for a value out of range or options that do not
     *     go together
     */
    @Nullable
    SpeculativeDecoding speculation() {
        Integer k = tokens;
        Double a = acceptance;
        if (k == null) {
            String lone = a != null
                    ? "--acceptance (" + a + ")"
                    : draftModel != null
                            ? "--draft-model (" + draftModel + ")"
                            : draftConfig != null ? "--draft-config (" + draftConfig + ")" : null;
            if (lone != null) {
                throw new IllegalArgumentException(lone + " needs --speculative-tokens: the tokens proposed per round");
            }
            return null;
        }
        Options.positive("--speculative-tokens", k);
        if (a == null) {
            throw new IllegalArgumentException("--speculative-tokens (" + k
                    + ") needs --acceptance: the probability a proposed token is accepted");
        }
        if (!(a >= 0 && a < 1)) {
            throw new IllegalArgumentException("--acceptance (" + a + ") must be in [0, 1)");
        }
        ModelSpec draft = draft();
        return draft == null
                ? SpeculativeDecoding.multiTokenPrediction(k, a)
                : SpeculativeDecoding.withDraftModel(draft, k, a);
    }

    private @Nullable ModelSpec draft() {
        String id = draftModel;
        Path config = draftConfig;
        if (id != null && config != null) {
            throw new IllegalArgumentException("--draft-model (" + id + ") and --draft-config (" + config
                    + ") are mutually exclusive: give one of them");
        }
        if (config != null) {
            return ConfigModels.read(config, "--draft-config");
        }
        if (id == null) {
            return null;
        }
        try {
            return ModelPresets.byId(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--draft-model (" + id + "): " + e.getMessage(), e);
        }
    }

    /**
     * Sets the speculation on a builder, if any was asked for, warning on {@code err} when the draft model is larger
     * than the target.
     *
     * @param b the builder
     * @param err where to warn, or null for nowhere
     * @return whether a warning was printed
     * @throws IllegalArgumentException naming the option as typed
     */
    boolean applyTo(LlmCost.Builder b, @Nullable PrintWriter err) {
        SpeculativeDecoding s = speculation();
        if (s == null) {
            return false;
        }
        b.speculativeDecoding(s);
        String warning = s.warning(b.model()).orElse(null);
        if (warning != null && err != null) {
            err.println("llm-cost: warning: " + warning);
            return true;
        }
        return false;
    }
}
