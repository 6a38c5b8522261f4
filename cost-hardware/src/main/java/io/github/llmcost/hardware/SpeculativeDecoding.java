package io.github.llmcost.hardware;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.internal.Check;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Speculative decoding: a drafter proposes {@code k} tokens per sequence, the target model verifies them in one pass,
 * and each is accepted with probability {@code a} (independently, as Leviathan et al. 2023 assume), so a round of the
 * target yields {@code E = (1 - a^(k+1)) / (1 - a)} tokens on average: the accepted prefix plus the target's own next
 * token ({@link #tokensPerTargetStep()}, between 1 at {@code a = 0} and {@code k + 1} as {@code a -> 1}).
 *
 * <p>The drafter is either a smaller model of the same family run on the same chips ({@link #withDraftModel}), or
 * multi-token prediction modules as DeepSeek-V3 has ({@link #multiTokenPrediction}): by default each predicted token
 * costs one more transformer layer shaped like the target's last (the MTP module of DeepSeek-V3, arXiv 2412.19437
 * section 2.2, is one transformer block sharing the target's embedding and output head), plus the shared LM head; its
 * weights and KV cache add one such layer per predicted token to memory, the embedding and head being shared.
 *
 * <p>What a round costs is {@link SpeculativeRound}'s: {@code k} draft steps of the batch at its context and one
 * verification of {@code k + 1} tokens per sequence by the target (weights read once, compute times {@code k + 1}), so
 * it pays at small batch, where a step is memory-bound and verification costs about one decode step, and may not at
 * large batch, where verification costs about {@code k + 1} of them.
 *
 * <p>Immutable and thread-safe; equal by value.
 *
 * <pre>{@code
 * SpeculativeDecoding s = SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7);
 * s.tokensPerTargetStep();   // 2.533: (1 - 0.7^4) / (1 - 0.7)
 * }</pre>
 */
public final class SpeculativeDecoding {
    private final int speculativeTokens;
    private final double acceptanceRate;
    private final @Nullable ModelSpec draftModel;

    private SpeculativeDecoding(int speculativeTokens, double acceptanceRate, @Nullable ModelSpec draftModel) {
        Check.positive("speculativeTokens", speculativeTokens);
        if (!(acceptanceRate >= 0 && acceptanceRate < 1)) {
            throw new IllegalArgumentException("acceptanceRate (" + acceptanceRate + ") must be in [0, 1)");
        }
        this.speculativeTokens = speculativeTokens;
        this.acceptanceRate = acceptanceRate;
        this.draftModel = draftModel;
    }

    /**
     * Speculation by a draft model run on the target's chips.
     *
     * @param draftModel the draft, normally a small model sharing the target's vocabulary
     * @param speculativeTokens tokens proposed per round, {@code k >= 1}
     * @param acceptanceRate the probability each proposed token is accepted, in {@code [0, 1)}
     * @return the configuration
     * @throws IllegalArgumentException naming the parameter, for {@code k < 1} or {@code a} outside {@code [0, 1)}
     */
    public static SpeculativeDecoding withDraftModel(
            ModelSpec draftModel, int speculativeTokens, double acceptanceRate) {
        return new SpeculativeDecoding(
                speculativeTokens, acceptanceRate, Objects.requireNonNull(draftModel, "draftModel"));
    }

    /**
     * Speculation by multi-token prediction modules, one transformer layer per predicted token.
     *
     * @param speculativeTokens tokens proposed per round, {@code k >= 1}
     * @param acceptanceRate the probability each proposed token is accepted, in {@code [0, 1)}
     * @return the configuration
     * @throws IllegalArgumentException naming the parameter, for {@code k < 1} or {@code a} outside {@code [0, 1)}
     */
    public static SpeculativeDecoding multiTokenPrediction(int speculativeTokens, double acceptanceRate) {
        return new SpeculativeDecoding(speculativeTokens, acceptanceRate, null);
    }

    /**
     * Expected tokens one target step yields: {@code (1 - a^(k+1)) / (1 - a)}.
     *
     * @param speculativeTokens {@code k >= 1}
     * @param acceptanceRate {@code a} in {@code [0, 1)}
     * @return the expectation, in {@code [1, k + 1)}
     * @throws IllegalArgumentException naming the parameter, for {@code k < 1} or {@code a} outside {@code [0, 1)}
     */
    public static double expectedTokensPerTargetStep(int speculativeTokens, double acceptanceRate) {
        return new SpeculativeDecoding(speculativeTokens, acceptanceRate, null).tokensPerTargetStep();
    }

    /** {@return tokens the drafter proposes per round, {@code k}} */
    public int speculativeTokens() {
        return speculativeTokens;
    }

    /** {@return the probability each proposed token is accepted, {@code a}} */
    public double acceptanceRate() {
        return acceptanceRate;
    }

    /** {@return the draft model; empty for multi-token prediction} */
    public Optional<ModelSpec> draftModel() {
        return Optional.ofNullable(draftModel);
    }

    /** {@return whether the drafter is multi-token prediction modules rather than a draft model} */
    public boolean isMultiTokenPrediction() {
        return draftModel == null;
    }

    /** {@return expected tokens per target step, {@code E = (1 - a^(k+1)) / (1 - a)}} */
    public double tokensPerTargetStep() {
        return (1 - Math.pow(acceptanceRate, speculativeTokens + 1)) / (1 - acceptanceRate);
    }

    /**
     * The model one draft step runs: the draft model, or for multi-token prediction one module: the target with one
     * layer, of its last layer's kind (routed to experts, if the target routes).
     *
     * @param target the target model
     * @return the drafter's model
     */
    public ModelSpec drafter(ModelSpec target) {
        Objects.requireNonNull(target, "target");
        if (draftModel != null) {
            return draftModel;
        }
        int last = target.numLayers() - 1;
        AttentionKind kind = target.attentionKind(last);
        ModelSpec.Builder b = ModelSpec.builder();
        b.from(target);
        b.name(target.name() + " MTP module").numLayers(1);
        if (!target.attentionKinds().isEmpty()) {
            b.attentionKinds(List.of(kind));
        }
        if (kind != AttentionKind.SLIDING_WINDOW) {
            b.slidingWindow(0);
        }
        if (kind != AttentionKind.NONE) {
            b.convolutionKernelSize(0);
        }
        target.mixtureOfExperts()
                .ifPresent(moe -> b.mixtureOfExperts(io.github.llmcost.core.MixtureOfExperts.builder()
                        .from(moe)
                        .firstDenseLayers(0)
                        .build()));
        return b.build();
    }

    /**
     * Drafters of the model count: 1 for a draft model (its weights and cache once), {@code k} for multi-token
     * prediction (a module per predicted token).
     */
    int drafterCopies() {
        return draftModel == null ? speculativeTokens : 1;
    }

    /**
     * {@return a warning when the draft model has more parameters than the target (it then costs more than it saves);
     * empty otherwise, and always for multi-token prediction}
     *
     * @param target the target model
     */
    public Optional<String> warning(ModelSpec target) {
        Objects.requireNonNull(target, "target");
        ModelSpec d = draftModel;
        if (d == null) {
            return Optional.empty();
        }
        long draft = d.parameters().totalParameters();
        long main = target.parameters().totalParameters();
        return draft > main
                ? Optional.of(String.format(
                        Locale.ROOT,
                        "the draft model %s (%,d parameters) is larger than the target %s (%,d): speculation will"
                                + " cost more than it saves",
                        d.name(),
                        draft,
                        target.name(),
                        main))
                : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpeculativeDecoding s
                && speculativeTokens == s.speculativeTokens
                && Double.compare(acceptanceRate, s.acceptanceRate) == 0
                && Objects.equals(draftModel, s.draftModel);
    }

    @Override
    public int hashCode() {
        return Objects.hash(speculativeTokens, acceptanceRate, draftModel);
    }

    /** {@return the configuration in a line: drafter, {@code k}, {@code a} and {@code E}} */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "speculative decoding: %s, k = %d, acceptance %.2f, %.3f tokens per target step",
                draftModel == null ? "multi-token prediction" : "draft " + draftModel.name(),
                speculativeTokens,
                acceptanceRate,
                tokensPerTargetStep());
    }
}
