package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * The arithmetic of layers that keep a fixed state instead of a KV cache ({@link AttentionKind#keepsFixedState()}):
 * LFM2's gated convolutions ({@link AttentionKind#NONE}), Mamba-2 state-space mixers ({@link
 * AttentionKind#STATE_SPACE}) and gated-delta linear attention ({@link AttentionKind#LINEAR_ATTENTION}). {@link
 * LayerCoefficients}, {@link ParameterBreakdown}, {@link KvCache} and {@link ModelSpec} read it, so each figure has one
 * home.
 *
 * <p>Operations, under {@link Convention#EXACT}: the mixer's projections and its depthwise convolution are {@link
 * Operation#CONVOLUTION} (weights read once per pass, like any matrix); the recurrence is {@link
 * Operation#STATE_UPDATE} (no weights; the state is read and written once per sequence and pass). The recurrence is
 * counted in its recurrent form, per state value and token: a state-space layer decays each value, adds the rank-1
 * write {@code x B^T} and reads it out through {@code C} (5 FLOPs); a gated-delta layer decays it, predicts the value
 * {@code S^T k}, writes the correction {@code k (beta (v - S^T k))^T} and reads it out through {@code q} (7 FLOPs).
 * Element-wise gates, activations and the skip {@code D x} are not counted, as nowhere else in the library.
 */
@SuppressWarnings("EnumOrdinal") // dense double[] indexed by Operation, as EnumMap does internally
final class RecurrentLayers {
    /** FLOPs per state value and token of a state-space recurrence: decay, rank-1 write, read-out. */
    static final double STATE_SPACE_FLOPS_PER_VALUE = 5;
    /** FLOPs per state value and token of the gated delta rule: decay, prediction, correction, read-out. */
    static final double DELTA_RULE_FLOPS_PER_VALUE = 7;

    private RecurrentLayers() {}

    /** Fills the FLOPs per token of a state-space or linear-attention mixer under EXACT. */
    static void exact(ModelSpec model, AttentionKind kind, double[] t) {
        double d = model.hiddenSize();
        if (kind == AttentionKind.STATE_SPACE) {
            StateSpace s = model.stateSpace().orElseThrow();
            double projections = d * s.inputProjectionWidth() + s.innerSize() * d;
            double convolution = (double) s.convolutionChannels() * s.convolutionKernelSize();
            t[Operation.CONVOLUTION.ordinal()] = 2 * (projections + convolution);
            t[Operation.STATE_UPDATE.ordinal()] = STATE_SPACE_FLOPS_PER_VALUE * s.recurrentStateValues();
        } else {
            LinearAttention a = model.linearAttention().orElseThrow();
            double projections =
                    d * (2.0 * a.keyWidth() + 2.0 * a.valueWidth() + 2.0 * a.numValueHeads()) + a.valueWidth() * d;
            double convolution = (double) a.convolutionChannels() * a.convolutionKernelSize();
            t[Operation.CONVOLUTION.ordinal()] = 2 * (projections + convolution);
            t[Operation.STATE_UPDATE.ordinal()] = DELTA_RULE_FLOPS_PER_VALUE * a.recurrentStateValues();
        }
    }

    /** The weight elements an operation reads per pass: half its FLOPs per token, none for the recurrence. */
    static double weightElements(double[] perToken, Operation operation) {
        return operation == Operation.STATE_UPDATE ? 0 : perToken[operation.ordinal()] / 2;
    }

    /**
     * The mixer's parameters in one layer of a fixed-state kind, norms excluded: projections, convolution (with its
     * biases) and the per-head {@code A_log}, {@code D} and {@code dt_bias}.
     */
    static long mixerParameters(ModelSpec model, AttentionKind kind) {
        long d = model.hiddenSize();
        if (kind == AttentionKind.NONE) {
            // in_proj d -> 3d, depthwise conv of k taps, out_proj d -> d (LFM2: no biases)
            return sum(exact(4 * d, d), exact(d, model.convolutionKernelSize()));
        }
        if (kind == AttentionKind.STATE_SPACE) {
            StateSpace s = model.stateSpace().orElseThrow();
            long biases = s.projectionBias() ? s.inputProjectionWidth() + d : 0;
            long channels = s.convolutionChannels();
            return sum(
                    exact(d, s.inputProjectionWidth()),
                    exact(s.innerSize(), d),
                    biases,
                    exact(channels, s.convolutionKernelSize()),
                    s.convolutionBias() ? channels : 0,
                    3L * s.numHeads());
        }
        LinearAttention a = model.linearAttention().orElseThrow();
        return sum(
                exact(d, 2 * a.keyWidth() + 2 * a.valueWidth() + 2L * a.numValueHeads()),
                exact(a.valueWidth(), d),
                exact(a.convolutionChannels(), a.convolutionKernelSize()),
                2L * a.numValueHeads());
    }

    /** The norms inside a fixed-state mixer: the gated RMSNorm before the output projection, if any. */
    static long mixerNormParameters(ModelSpec model, AttentionKind kind) {
        if (kind == AttentionKind.STATE_SPACE) {
            StateSpace s = model.stateSpace().orElseThrow();
            return s.gatedNorm() ? s.innerSize() : 0;
        }
        return kind == AttentionKind.LINEAR_ATTENTION
                ? model.linearAttention().orElseThrow().valueHeadDim()
                : 0;
    }

    /**
     * Values one layer keeps per sequence under EXACT, whatever the context: {@code d x kernel} for a gated
     * convolution, the recurrent state plus the convolution's history for state-space and linear-attention layers, 0
     * for attention layers.
     */
    static double stateValues(ModelSpec model, AttentionKind kind) {
        return switch (kind) {
            case NONE -> (double) model.hiddenSize() * model.convolutionKernelSize();
            case STATE_SPACE -> {
                StateSpace s = model.stateSpace().orElseThrow();
                yield s.recurrentStateValues() + s.convolutionStateValues();
            }
            case LINEAR_ATTENTION -> {
                LinearAttention a = model.linearAttention().orElseThrow();
                yield a.recurrentStateValues() + a.convolutionStateValues();
            }
            default -> 0;
        };
    }

    /** Whether a layer of this kind has an MLP: all do but state-space layers of a model whose mixer stands alone. */
    static boolean hasMlp(ModelSpec model, AttentionKind kind) {
        return kind != AttentionKind.STATE_SPACE
                || model.stateSpace().map(StateSpace::hasMlp).orElse(true);
    }

    /** Checks that the shapes a model's layer kinds need are there, and only those. */
    static void check(ModelSpec model) {
        present(
                "stateSpace",
                model.stateSpace().isPresent(),
                "STATE_SPACE",
                model.numLayers(AttentionKind.STATE_SPACE));
        present(
                "linearAttention",
                model.linearAttention().isPresent(),
                "LINEAR_ATTENTION",
                model.numLayers(AttentionKind.LINEAR_ATTENTION));
        boolean dense = false;
        for (int layer = 0; layer < model.numLayers() && !dense; layer++) {
            dense = model.hasMlp(layer) && !model.isExpertLayer(layer);
        }
        if (dense && !(model.intermediateSize() > 0)) {
            throw new IllegalArgumentException(
                    "intermediateSize (" + model.intermediateSize() + ") must be > 0 when a layer has a dense MLP");
        }
        if (!(model.intermediateSize() >= 0)) {
            throw new IllegalArgumentException("intermediateSize (" + model.intermediateSize() + ") must be >= 0");
        }
    }

    private static void present(String field, boolean set, String kind, int layers) {
        if (set != layers > 0) {
            throw new IllegalArgumentException(
                    set
                            ? field + " is set but no layer is " + kind
                            : field + " (empty) must be set when " + layers + " layers are " + kind);
        }
    }

    /** Overflow-checked {@code a x b}. */
    private static long exact(long a, long b) {
        return Check.multiply("parameter count", a, b);
    }

    /** Overflow-checked sum. */
    private static long sum(long... parts) {
        long total = 0;
        for (long part : parts) {
            total = Check.add("parameter count", total, part);
        }
        return total;
    }
}
