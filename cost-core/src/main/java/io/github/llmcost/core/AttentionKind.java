package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What a layer uses to mix information between tokens. */
public enum AttentionKind {
    /** Every token attends to every earlier token; the KV cache grows with the whole context. */
    GLOBAL,
    /**
     * Each token attends to the last {@link ModelSpec#slidingWindow()} tokens (Mistral 7B; Gemma 2's local layers);
     * the cache stops growing once the window is full.
     */
    SLIDING_WINDOW,
    /**
     * No attention: a gated short convolution (LFM2's layers: an input projection {@code d -> 3d}, a depthwise
     * convolution of {@link ModelSpec#convolutionKernelSize()} taps and an output projection {@code d -> d}) that keeps
     * a fixed state of {@code d x kernel} values per sequence instead of a growing cache.
     */
    NONE,
    /**
     * No attention: a selective state-space mixer (Mamba-2's SSD layer, shaped by {@link ModelSpec#stateSpace()}) that
     * keeps a fixed recurrent state of {@code heads x headDim x stateSize} values plus a short convolution's state per
     * sequence; its FLOPs per token do not depend on context.
     */
    STATE_SPACE,
    /**
     * No softmax attention: linear attention with the gated delta rule (Qwen3-Next's Gated DeltaNet, shaped by {@link
     * ModelSpec#linearAttention()}) that keeps a fixed {@code d_k x d_v} state per value head plus a short convolution's
     * state per sequence; its FLOPs per token do not depend on context.
     */
    LINEAR_ATTENTION;

    /**
     * {@return whether layers of this kind attend with softmax over cached keys and values ({@link #GLOBAL}, {@link
     * #SLIDING_WINDOW}): the layers whose cache grows with context, the article's {@code L_attn}}
     */
    public boolean attends() {
        return this == GLOBAL || this == SLIDING_WINDOW;
    }

    /**
     * {@return whether layers of this kind keep a fixed state per sequence instead of a growing cache ({@link #NONE},
     * {@link #STATE_SPACE}, {@link #LINEAR_ATTENTION}): read and written at every decode step, whatever the context}
     */
    public boolean keepsFixedState() {
        return !attends();
    }

    /**
     * A layout of {@code numLayers} layers that repeats a cycle, for models that alternate kinds (Gemma 2: sliding
     * window, global, sliding window, ...).
     *
     * @param numLayers how many layers, {@code > 0}
     * @param cycle the kinds to repeat, starting with layer 0
     * @return an unmodifiable list of {@code numLayers} kinds
     */
    public static List<AttentionKind> repeating(int numLayers, AttentionKind... cycle) {
        Check.positive("numLayers", numLayers);
        if (!(cycle.length > 0)) {
            throw new IllegalArgumentException("cycle (empty) must name at least one attention kind");
        }
        List<AttentionKind> layout = new ArrayList<>(numLayers);
        for (int i = 0; i < numLayers; i++) {
            layout.add(cycle[i % cycle.length]);
        }
        return Collections.unmodifiableList(layout);
    }

    /**
     * A layout of {@code numLayers} layers where the listed layers have kind {@code at} and all others kind
     * {@code elsewhere} (LFM2-1.2B: attention at layers 2, 5, 8, 10, 12 and 14, convolutions elsewhere).
     *
     * @param numLayers how many layers, {@code > 0}
     * @param at the kind of the listed layers
     * @param elsewhere the kind of the other layers
     * @param layers zero-based indices, each in {@code [0, numLayers)}
     * @return an unmodifiable list of {@code numLayers} kinds
     */
    public static List<AttentionKind> at(int numLayers, AttentionKind at, AttentionKind elsewhere, int... layers) {
        Check.positive("numLayers", numLayers);
        AttentionKind[] layout = new AttentionKind[numLayers];
        Arrays.fill(layout, elsewhere);
        for (int layer : layers) {
            if (!(layer >= 0 && layer < numLayers)) {
                throw new IllegalArgumentException("layer index (" + layer + ") must be in [0, " + numLayers + ")");
            }
            layout[layer] = at;
        }
        return List.of(layout);
    }
}
