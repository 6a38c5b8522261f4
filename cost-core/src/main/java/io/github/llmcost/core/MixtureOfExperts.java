package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * The Mixture-of-Experts part of a {@link ModelSpec}: which layers route, to how many experts, of what size.
 *
 * <p>Layers from {@link #firstDenseLayers()} on replace the dense MLP with {@link #numExperts()} routed experts, of
 * which a router picks {@link #expertsPerToken()} per token, plus {@link #numSharedExperts()} experts every token
 * uses. Each expert is an MLP of the model's {@link ModelSpec#mlpKind()} with intermediate size
 * {@link #expertIntermediateSize()}. The router is a {@code d x E} matrix, with a bias of {@code E} values when
 * {@link #routerBias()} is set (DeepSeek-V3's {@code e_score_correction_bias}).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
@Value.Immutable
public abstract class MixtureOfExperts {
    MixtureOfExperts() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Experts routed per token, with no shared experts, every layer routed, no router bias.
     *
     * @param numExperts routed experts per layer
     * @param expertsPerToken experts each token uses
     * @param expertIntermediateSize intermediate size of one expert
     * @return the description
     */
    public static MixtureOfExperts of(int numExperts, int expertsPerToken, int expertIntermediateSize) {
        return builder()
                .numExperts(numExperts)
                .expertsPerToken(expertsPerToken)
                .expertIntermediateSize(expertIntermediateSize)
                .build();
    }

    /** {@return routed experts per MoE layer ({@code num_local_experts}, {@code n_routed_experts})} */
    public abstract int numExperts();

    /** {@return routed experts each token passes through ({@code num_experts_per_tok})} */
    public abstract int expertsPerToken();

    /** {@return intermediate size of one expert ({@code moe_intermediate_size})} */
    public abstract int expertIntermediateSize();

    /** {@return experts every token passes through ({@code n_shared_experts}); 0 by default} */
    @Value.Default
    public int numSharedExperts() {
        return 0;
    }

    /** {@return how many leading layers keep a dense MLP ({@code first_k_dense_replace}); 0 by default} */
    @Value.Default
    public int firstDenseLayers() {
        return 0;
    }

    /** {@return whether the router has a bias of one value per expert; false by default} */
    @Value.Default
    public boolean routerBias() {
        return false;
    }

    /**
     * {@return whether the shared experts' output is scaled by a learned gate, a {@code d -> 1} projection per layer
     * (Qwen3-Next's {@code shared_expert_gate}); false by default}
     */
    @Value.Default
    public boolean sharedExpertGate() {
        return false;
    }

    @Value.Check
    void check() {
        Check.positive("numExperts", numExperts());
        Check.positive("expertsPerToken", expertsPerToken());
        Check.positive("expertIntermediateSize", expertIntermediateSize());
        Check.nonNegative("numSharedExperts", numSharedExperts());
        Check.nonNegative("firstDenseLayers", firstDenseLayers());
        if (sharedExpertGate() && numSharedExperts() == 0) {
            throw new IllegalArgumentException("sharedExpertGate (true) needs a shared expert; numSharedExperts is 0");
        }
        if (!(expertsPerToken() <= numExperts())) {
            throw new IllegalArgumentException(
                    "expertsPerToken (" + expertsPerToken() + ") must be <= numExperts (" + numExperts() + ")");
        }
    }

    /** Builds a {@link MixtureOfExperts}; {@link #build()} checks every field. */
    public static final class Builder extends ImmutableMixtureOfExperts.Builder {
        Builder() {}
    }
}
