package io.github.llmcost.core;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model's weight bytes under a {@link WeightScheme}, by tensor role: what memory holds ({@link #total()}) and, per
 * parameter of each role, what a pass streams when it reads that role's matrices ({@link #bytesPerParameter}).
 * Obtain one from {@link WeightScheme#weightBytes(ModelSpec, Convention)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WeightBytes {
    private final WeightScheme scheme;
    private final ParameterBreakdown parameters;
    private final Map<TensorRole, Double> bytes;

    WeightBytes(WeightScheme scheme, ParameterBreakdown parameters, Map<TensorRole, Double> bytes) {
        this.scheme = scheme;
        this.parameters = parameters;
        this.bytes = new EnumMap<>(bytes);
    }

    /** {@return the scheme} */
    public WeightScheme scheme() {
        return scheme;
    }

    /** {@return the parameter counts the bytes were computed from} */
    public ParameterBreakdown parameters() {
        return parameters;
    }

    /**
     * The bytes of one role's tensors.
     *
     * @param role the tensors
     * @return their bytes
     */
    public Bytes bytes(TensorRole role) {
        return Bytes.of(bytes.getOrDefault(role, 0.0));
    }

    /**
     * The mean bytes per parameter of one role: what streaming one of its weights costs. A tied lm_head reads the
     * embeddings, so its figure is theirs.
     *
     * @param role the tensors
     * @return bytes per parameter; 0 where the role has no parameters
     */
    public double bytesPerParameter(TensorRole role) {
        if (role == TensorRole.LM_HEAD && parameters.lmHeadParameters() == 0) {
            return bytesPerParameter(TensorRole.EMBEDDINGS);
        }
        long count = role.parametersIn(parameters);
        return count == 0 ? 0 : bytes.getOrDefault(role, 0.0) / count;
    }

    /** {@return every tensor's bytes: what the weights occupy in memory} */
    public Bytes total() {
        double sum = 0;
        for (double b : bytes.values()) {
            sum += b;
        }
        return Bytes.of(sum);
    }

    /** {@return the mean bits per parameter over the whole model ({@code 8 x total / parameters})} */
    public double bitsPerWeight() {
        long count = parameters.totalParameters();
        return count == 0 ? 0 : 8 * total().toBytes() / count;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(
                String.format(Locale.ROOT, "%s: %s (%.2f bits per weight)", scheme.id(), total(), bitsPerWeight()));
        for (TensorRole role : TensorRole.values()) {
            if (role.parametersIn(parameters) > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "%n  %-12s %s (%.4g bytes per parameter)",
                        role.name().toLowerCase(Locale.ROOT),
                        bytes(role),
                        bytesPerParameter(role)));
            }
        }
        return out.toString();
    }
}
