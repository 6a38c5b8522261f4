package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * A model's parameters, by component, under one {@link Convention}.
 *
 * <p>Under {@link Convention#EXACT} the total equals the published count of a real checkpoint: embeddings (token and
 * learned position), attention (Q, K, V, O or the latent-attention matrices, with biases), short convolutions,
 * dense MLPs, experts (routed and shared), routers, every norm and an untied lm_head. Under {@link
 * Convention#ARTICLE} only {@code 4d^2} of attention and {@code 8d^2} of MLP per layer count (an attention-free layer
 * counts its {@code 4d^2} as convolution).
 *
 * <p>Immutable and thread-safe. Obtain one from {@link ModelSpec#parameters()}.
 */
@Value.Immutable
public abstract class ParameterBreakdown {
    ParameterBreakdown() {}

    /** {@return the convention that produced these counts} */
    public abstract Convention convention();

    /** {@return token embeddings plus learned position embeddings} */
    public abstract long embeddingParameters();

    /** {@return attention weights and biases (norms excluded)} */
    public abstract long attentionParameters();

    /**
     * {@return weights of the mixers of layers without softmax attention: LFM2's convolutions, state-space and
     * linear-attention layers (projections, convolutions, per-head {@code A_log}, {@code D}, {@code dt_bias})}
     */
    public abstract long convolutionParameters();

    /** {@return dense MLP weights and biases} */
    public abstract long mlpParameters();

    /** {@return routed and shared expert weights} */
    public abstract long expertParameters();

    /** {@return router weights and biases} */
    public abstract long routerParameters();

    /** {@return every norm: per layer, q/k norms, latent norms and the final norm} */
    public abstract long normParameters();

    /** {@return the lm_head, 0 when tied to the embeddings} */
    public abstract long lmHeadParameters();

    /** {@return routed-expert weights a token does not use: the difference between total and active} */
    public abstract long inactiveExpertParameters();

    /** {@return all parameters stored} */
    @Value.Derived
    public long totalParameters() {
        long sum = 0;
        for (long part : new long[] {
            embeddingParameters(),
            attentionParameters(),
            convolutionParameters(),
            mlpParameters(),
            expertParameters(),
            routerParameters(),
            normParameters(),
            lmHeadParameters()
        }) {
            sum = Check.add("totalParameters", sum, part);
        }
        return sum;
    }

    /** {@return parameters a token passes through: the total less the routed experts it does not use} */
    public long activeParameters() {
        return totalParameters() - inactiveExpertParameters();
    }

    /**
     * The bytes of all weights stored in a format (block scales not included).
     *
     * @param format the weight format
     * @return {@code totalParameters x bytesPerElement}
     */
    public Bytes weightBytes(NumericFormat format) {
        return format.bytesFor((double) totalParameters());
    }

    /**
     * The bytes of the weights one token passes through: what a batch-1 decode step of a Mixture-of-Experts model
     * reads.
     *
     * @param format the weight format
     * @return {@code activeParameters x bytesPerElement}
     */
    public Bytes activeWeightBytes(NumericFormat format) {
        return format.bytesFor((double) activeParameters());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(java.util.Locale.ROOT, "%,d parameters (%s)", totalParameters(), convention()));
        if (inactiveExpertParameters() > 0) {
            out.append(String.format(java.util.Locale.ROOT, ", %,d active", activeParameters()));
        }
        append(out, "embeddings", embeddingParameters());
        append(out, "attention", attentionParameters());
        append(out, "convolution", convolutionParameters());
        append(out, "mlp", mlpParameters());
        append(out, "experts", expertParameters());
        append(out, "router", routerParameters());
        append(out, "norms", normParameters());
        append(out, "lm_head", lmHeadParameters());
        return out.toString();
    }

    private static void append(StringBuilder out, String label, long value) {
        if (value > 0) {
            out.append(String.format(java.util.Locale.ROOT, "%n  %-12s %,d", label, value));
        }
    }

    static ParameterBreakdown compute(ModelSpec m, Convention convention) {
        return convention == Convention.ARTICLE ? article(m) : exact(m);
    }

    private static ParameterBreakdown article(ModelSpec m) {
        long d2 = Check.multiply("parameters", m.hiddenSize(), m.hiddenSize());
        long attentionLayers = m.numAttentionLayers();
        long convolutionLayers = m.numLayers() - attentionLayers;
        return ImmutableParameterBreakdown.builder()
                .convention(Convention.ARTICLE)
                .embeddingParameters(0)
                .attentionParameters(Check.multiply("parameters", 4 * attentionLayers, d2))
                .convolutionParameters(Check.multiply("parameters", 4 * convolutionLayers, d2))
                .mlpParameters(Check.multiply("parameters", 8L * m.numLayers(), d2))
                .expertParameters(0)
                .routerParameters(0)
                .normParameters(0)
                .lmHeadParameters(0)
                .inactiveExpertParameters(0)
                .build();
    }

    private static ParameterBreakdown exact(ModelSpec m) {
        long d = m.hiddenSize();
        int normWidth = m.normKind().parametersPerElement();
        Exact sum = new Exact();
        long embeddings = sum.plus(sum.times(m.vocabSize(), d), sum.times(m.learnedPositionEmbeddings(), d));
        long lmHead = m.tieWordEmbeddings() ? 0 : sum.times(m.vocabSize(), d);
        long norms = sum.times(normWidth, d); // final norm
        long attention = 0;
        long convolution = 0;
        long mlp = 0;
        long experts = 0;
        long router = 0;
        long inactive = 0;
        for (int layer = 0; layer < m.numLayers(); layer++) {
            norms = sum.plus(norms, sum.times(sum.times(m.normsPerLayer(), normWidth), d));
            AttentionKind kind = m.attentionKind(layer);
            if (kind.keepsFixedState()) {
                convolution = sum.plus(convolution, RecurrentLayers.mixerParameters(m, kind));
                norms = sum.plus(norms, RecurrentLayers.mixerNormParameters(m, kind));
            } else if (m.latentAttention().isPresent()) {
                LatentAttention mla = m.latentAttention().get();
                long h = m.numAttentionHeads();
                long qkWidth = sum.times(h, mla.qkHeadDim());
                long queries = mla.qLoraRank() > 0
                        ? sum.plus(sum.times(d, mla.qLoraRank()), sum.times(mla.qLoraRank(), qkWidth))
                        : sum.times(d, qkWidth);
                long keysValues = sum.plus(
                        sum.times(d, mla.cachedValuesPerToken()),
                        sum.times(mla.kvLoraRank(), sum.times(h, (long) mla.qkNopeHeadDim() + mla.vHeadDim())));
                long output = sum.plus(sum.times(sum.times(h, mla.vHeadDim()), d), m.outputBias() ? d : 0);
                attention = sum.plus(attention, sum.plus(sum.plus(queries, keysValues), output));
                long latentNorms = ((long) mla.qLoraRank() + mla.kvLoraRank()) * normWidth;
                norms = sum.plus(norms, latentNorms);
            } else {
                long qWidth = (long) m.numAttentionHeads() * m.headDim();
                long qOut = m.attentionOutputGate() ? 2 * qWidth : qWidth; // the gate's half of q_proj
                long kvWidth = (long) m.numKeyValueHeads() * m.headDim();
                long weights = sum.plus(sum.times(d, qOut + 2 * kvWidth), sum.times(qWidth, d));
                long biases = (m.qkvBias() ? qOut + 2 * kvWidth : 0) + (m.outputBias() ? d : 0);
                attention = sum.plus(attention, sum.plus(weights, biases));
                if (m.qkNorm()) {
                    norms = sum.plus(norms, 2L * m.headDim() * normWidth);
                }
            }
            if (m.isExpertLayer(layer)) {
                MixtureOfExperts moe = m.mixtureOfExperts().orElseThrow();
                long oneExpert = mlpBlock(sum, m, moe.expertIntermediateSize());
                experts = sum.plus(experts, sum.times(oneExpert, (long) moe.numExperts() + moe.numSharedExperts()));
                inactive = sum.plus(inactive, sum.times(oneExpert, (long) moe.numExperts() - moe.expertsPerToken()));
                long gates = (long) moe.numExperts() + (moe.sharedExpertGate() ? 1 : 0);
                router = sum.plus(router, sum.plus(sum.times(d, gates), moe.routerBias() ? moe.numExperts() : 0));
            } else if (m.hasMlp(layer)) {
                mlp = sum.plus(mlp, mlpBlock(sum, m, m.intermediateSize()));
            }
        }
        return ImmutableParameterBreakdown.builder()
                .convention(Convention.EXACT)
                .embeddingParameters(embeddings)
                .attentionParameters(attention)
                .convolutionParameters(convolution)
                .mlpParameters(mlp)
                .expertParameters(experts)
                .routerParameters(router)
                .normParameters(norms)
                .lmHeadParameters(lmHead)
                .inactiveExpertParameters(inactive)
                .build();
    }

    private static long mlpBlock(Exact sum, ModelSpec m, long intermediate) {
        long weights = sum.times(sum.times(m.mlpKind().matrices(), m.hiddenSize()), intermediate);
        long biases = m.mlpBias() ? (m.mlpKind().matrices() - 1) * intermediate + m.hiddenSize() : 0;
        return sum.plus(weights, biases);
    }

    /** Overflow-checked long arithmetic for parameter counts. */
    private static final class Exact {
        long times(long a, long b) {
            return Check.multiply("parameter count", a, b);
        }

        long plus(long a, long b) {
            return Check.add("parameter count", a, b);
        }
    }
}
