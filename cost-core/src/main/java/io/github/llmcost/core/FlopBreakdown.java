package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import java.util.Arrays;
import java.util.Locale;

/**
 * FLOPs by {@link Operation}, with their total, under one {@link Convention}.
 *
 * <p>Counts are matrix-multiplication FLOPs (two per multiply-add). Element-wise work (norms, activations, softmax,
 * biases, rotary embeddings, residual additions) is not counted: it is linear in {@code d}, not {@code d^2}, and well
 * under 1% of the total for every preset.
 *
 * <p>Immutable and thread-safe.
 */
@SuppressWarnings("EnumOrdinal") // dense double[] indexed by Operation, as EnumMap does internally
public final class FlopBreakdown {
    private static final Operation[] OPERATIONS = Operation.values();

    private final Convention convention;
    private final double[] flops;

    FlopBreakdown(Convention convention, double[] flops) {
        this.convention = convention;
        this.flops = flops;
    }

    /** {@return the convention that produced these counts} */
    public Convention convention() {
        return convention;
    }

    /**
     * The FLOPs of one operation.
     *
     * @param operation which one
     * @return its FLOPs, zero if the model does not have it
     */
    public Flops get(Operation operation) {
        return Flops.of(flops[operation.ordinal()]);
    }

    /** {@return the sum over all operations} */
    public Flops total() {
        double sum = 0;
        for (double f : flops) {
            sum += f;
        }
        return Flops.of(sum);
    }

    /** {@return scores plus aggregation: the part quadratic in context} */
    public Flops quadratic() {
        return Flops.of(flops[Operation.ATTENTION_SCORES.ordinal()] + flops[Operation.ATTENTION_AGGREGATION.ordinal()]);
    }

    /** {@return Q, K, V and O projections} */
    public Flops attentionProjections() {
        return Flops.of(flops[Operation.Q_PROJECTION.ordinal()]
                + flops[Operation.K_PROJECTION.ordinal()]
                + flops[Operation.V_PROJECTION.ordinal()]
                + flops[Operation.O_PROJECTION.ordinal()]);
    }

    /** {@return gate, up and down matrices and the router} */
    public Flops mlp() {
        return Flops.of(flops[Operation.MLP_GATE.ordinal()]
                + flops[Operation.MLP_UP.ordinal()]
                + flops[Operation.MLP_DOWN.ordinal()]
                + flops[Operation.ROUTER.ordinal()]);
    }

    /** {@return the fraction of the total that is quadratic in context, in [0, 1]; 0 for an empty breakdown} */
    public double quadraticShare() {
        double total = total().toFlops();
        return total == 0 ? 0 : quadratic().toFlops() / total;
    }

    /**
     * Adds two breakdowns of the same convention.
     *
     * @param other the breakdown to add
     * @return the sum, operation by operation
     * @throws IllegalArgumentException if the conventions differ
     */
    public FlopBreakdown plus(FlopBreakdown other) {
        if (!(other.convention == convention)) {
            throw new IllegalArgumentException(
                    "convention (" + other.convention + ") must match " + convention + " to add breakdowns");
        }
        double[] sum = flops.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.flops[i];
        }
        return new FlopBreakdown(convention, sum);
    }

    /**
     * Scales every operation, for a batch of identical sequences.
     *
     * @param factor finite and {@code >= 0}
     * @return the scaled breakdown
     */
    public FlopBreakdown multipliedBy(double factor) {
        Check.nonNegative("factor", factor);
        double[] scaled = flops.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        return new FlopBreakdown(convention, scaled);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlopBreakdown that && that.convention == convention && Arrays.equals(that.flops, flops);
    }

    @Override
    public int hashCode() {
        return 31 * convention.hashCode() + Arrays.hashCode(flops);
    }

    /** {@return the total, then each non-zero operation with its share} */
    @Override
    public String toString() {
        double total = total().toFlops();
        StringBuilder out = new StringBuilder();
        out.append(total()).append(" (").append(convention).append(')');
        for (Operation op : OPERATIONS) {
            double f = flops[op.ordinal()];
            if (f > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "%n  %-22s %12s %5.1f%%",
                        op.name().toLowerCase(Locale.ROOT),
                        Flops.of(f),
                        100 * f / total));
            }
        }
        return out.toString();
    }
}
