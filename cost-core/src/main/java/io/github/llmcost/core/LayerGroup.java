package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * Layers of a model that cost exactly the same: the same attention kind and the same MLP (dense or routed). FLOPs,
 * weights and cache of one layer of a group, times its count, are the group's; summing over groups is summing over
 * layers with far fewer steps (a Llama has one group, Gemma 2 two, DeepSeek-V3 two).
 *
 * @param firstLayer the lowest layer index of the group, to ask per-layer questions with
 * @param count how many layers the group has, {@code >= 1}
 * @param attentionKind the group's attention kind
 * @param expertLayer whether the group's layers route to experts
 */
public record LayerGroup(int firstLayer, int count, AttentionKind attentionKind, boolean expertLayer) {
    /** Checks the fields. */
    public LayerGroup {
        java.util.Objects.requireNonNull(attentionKind, "attentionKind");
        Check.nonNegative("firstLayer", firstLayer);
        Check.positive("count", count);
    }
}
