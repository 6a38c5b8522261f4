package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * Counts the FLOPs of a model: per operation, per layer and per model, for prefill, for extending a cached context
 * and for one decode step, under one {@link Convention}.
 *
 * <p>Positions: a sequence's tokens are numbered from 1. {@link #extend(long, long) extend(p, m)} runs {@code m} new
 * tokens (positions {@code p+1 .. p+m}) through the model when {@code p} tokens are already cached; {@link
 * #prefill(long) prefill(n)} is {@code extend(0, n)} and {@link #decodeStep(long) decodeStep(n)} is {@code extend(n-1,
 * 1)}: the token at position {@code n}, whose attention reads the {@code n-1} cached keys and its own. The lm_head runs
 * once per call, for the last token: serving engines compute logits only where a token is sampled.
 *
 * <p>Under {@link Convention#ARTICLE} every attention layer pays {@code 24md^2 + 4m(p+m)d}: a prefill of {@code n}
 * tokens costs {@code 24nd^2 + 4n^2d} per layer and a decode step at position {@code n} costs {@code 24d^2 + 4nd}.
 * Under {@link Convention#EXACT} each token attends to the keys before it (causal masking, switchable with {@link
 * #withCausalMasking(boolean)}), at most {@code w} of them in sliding-window layers, so that {@code prefill(n)} equals
 * the sum of the decode steps 1 to {@code n} apart from the lm_head.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * FlopCounter article = FlopCounter.of(ModelPresets.ARTICLE_1B_CLASS, Convention.ARTICLE);
 * article.layer(0, 0, 4096).get(Operation.ATTENTION_SCORES);   // 2n^2d = 68.7 GFLOP
 * article.quadraticShare(32768);                                // 0.727
 * }</pre>
 */
@SuppressWarnings("EnumOrdinal") // dense double[] indexed by Operation, as EnumMap does internally
public final class FlopCounter {
    private static final int OPS = Operation.values().length;

    private final ModelSpec model;
    private final Convention convention;
    private final boolean causal;
    /** Per layer: FLOPs per new token of each operation that does not depend on context. */
    private final double[][] perToken;
    /** Per layer: FLOPs per (query, key) pair of scores and of aggregation. */
    private final double[] scoresPerKey, aggregationPerKey;

    private final double lmHead;

    private FlopCounter(ModelSpec model, Convention convention, boolean causal) {
        this.model = model;
        this.convention = convention;
        this.causal = causal;
        int layers = model.numLayers();
        this.perToken = new double[layers][];
        this.scoresPerKey = new double[layers];
        this.aggregationPerKey = new double[layers];
        for (int layer = 0; layer < layers; layer++) {
            perToken[layer] = new double[OPS];
            if (convention == Convention.ARTICLE) {
                LayerCoefficients.article(model, layer, perToken[layer], scoresPerKey, aggregationPerKey);
            } else {
                LayerCoefficients.exact(model, layer, perToken[layer], scoresPerKey, aggregationPerKey);
            }
        }
        this.lmHead = convention == Convention.ARTICLE ? 0 : 2.0 * model.hiddenSize() * model.vocabSize();
    }

    /**
     * A counter for a model under a convention; {@link Convention#EXACT} masks prefill scores causally.
     *
     * @param model the model
     * @param convention the accounting convention
     * @return the counter
     */
    public static FlopCounter of(ModelSpec model, Convention convention) {
        return model.flopCounter(convention);
    }

    /* A new counter; ModelSpec keeps one per convention, which of() returns. */
    static FlopCounter create(ModelSpec model, Convention convention) {
        return new FlopCounter(model, convention, convention == Convention.EXACT);
    }

    /**
     * A copy that masks prefill scores causally or not. {@link Convention#ARTICLE} always counts full score matrices.
     *
     * @param causalMasking whether each new token attends only to the keys before it
     * @return the copy
     * @throws IllegalArgumentException if masking is asked for under {@link Convention#ARTICLE}
     */
    public FlopCounter withCausalMasking(boolean causalMasking) {
        if (causalMasking && convention != Convention.EXACT) {
            throw new IllegalArgumentException(
                    "causalMasking (true) is part of EXACT; ARTICLE counts full n x n score matrices");
        }
        return causalMasking == causal ? this : new FlopCounter(model, convention, causalMasking);
    }

    /** {@return the model counted} */
    public ModelSpec model() {
        return model;
    }

    /** {@return the convention used} */
    public Convention convention() {
        return convention;
    }

    /** {@return whether prefill scores are causally masked} */
    public boolean causalMasking() {
        return causal;
    }

    /**
     * Prefill of a prompt with nothing cached.
     *
     * @param promptTokens {@code n >= 1}
     * @return the FLOPs of the whole model, lm_head included for the last token
     */
    public FlopBreakdown prefill(long promptTokens) {
        Check.positive("promptTokens", promptTokens);
        return compute(-1, 0, promptTokens, 1);
    }

    /**
     * Runs new tokens through the model on top of a cached context (chunked prefill, or a prompt after a cached
     * shared prefix).
     *
     * @param cachedTokens tokens already in the cache, {@code >= 0}
     * @param newTokens tokens to process, {@code >= 0}
     * @return the FLOPs of the whole model, lm_head once if {@code newTokens > 0}
     */
    public FlopBreakdown extend(long cachedTokens, long newTokens) {
        Check.nonNegative("cachedTokens", cachedTokens);
        Check.nonNegative("newTokens", newTokens);
        return compute(-1, cachedTokens, newTokens, newTokens > 0 ? 1 : 0);
    }

    /**
     * One decode step: the token at position {@code n} attends to {@code n} keys (the {@code n-1} cached and its own).
     *
     * @param contextTokens the position {@code n >= 1}
     * @return the FLOPs of the whole model for one token, lm_head included
     */
    public FlopBreakdown decodeStep(long contextTokens) {
        Check.positive("contextTokens", contextTokens);
        return compute(-1, contextTokens - 1, 1, 1);
    }

    /**
     * One layer's FLOPs for {@code newTokens} on top of {@code cachedTokens} (no lm_head).
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param cachedTokens tokens already cached, {@code >= 0}
     * @param newTokens tokens to process, {@code >= 0}
     * @return the layer's FLOPs
     */
    public FlopBreakdown layer(int layer, long cachedTokens, long newTokens) {
        model.attentionKind(layer); // checks the index
        Check.nonNegative("cachedTokens", cachedTokens);
        Check.nonNegative("newTokens", newTokens);
        return compute(layer, cachedTokens, newTokens, 0);
    }

    /**
     * Prefill of a workload's prompts, for its whole batch, with its shared prefix already cached (as prompt caching
     * does): {@code batch x extend(cached, prompt - cached)} with {@code cached = }{@link
     * Workload#cachedPrefixTokens()}, so at least the last prompt token is computed.
     *
     * @param workload the workload
     * @return the FLOPs
     */
    public FlopBreakdown prefill(Workload workload) {
        long cached = workload.cachedPrefixTokens();
        return compute(-1, cached, workload.promptTokens() - cached, 1).multipliedBy(workload.batchSize());
    }

    /**
     * Generation of a workload's output, for its whole batch: the first output token comes from prefill's logits,
     * each later one from a decode step, so {@code outputTokens - 1} steps at positions {@code prompt + 1} onwards.
     *
     * @param workload the workload
     * @return the FLOPs of all decode steps
     */
    public FlopBreakdown generation(Workload workload) {
        long steps = Math.max(0, workload.outputTokens() - 1);
        return compute(-1, workload.promptTokens(), steps, steps).multipliedBy(workload.batchSize());
    }

    /**
     * The weight elements an operation of one layer reads when it processes {@code tokens} tokens in one pass (a
     * batch of decode steps, or a prefill chunk): each matrix once, however many tokens share it. For routed experts,
     * the expected number of distinct experts those tokens touch, {@code N(1 - (1 - k/N)^tokens)} under uniform
     * routing, plus the shared experts. Quadratic operations and the state update read none; the lm_head is not a layer operation.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param operation a layer operation
     * @param tokens tokens processed together, {@code >= 1}
     * @return weight elements read (a real number for experts: an expectation)
     */
    public double weightElements(int layer, Operation operation, long tokens) {
        model.attentionKind(layer); // checks the index
        Check.positive("tokens", tokens);
        double elements = RecurrentLayers.weightElements(perToken[layer], operation);
        if (readsExperts(layer, operation)) {
            MixtureOfExperts moe = model.mixtureOfExperts().orElseThrow();
            double oneExpert = elements / (moe.expertsPerToken() + moe.numSharedExperts());
            return oneExpert * expertsRead(tokens);
        }
        return elements;
    }

    /**
     * The experts each expert matrix reads when {@code tokens} tokens pass through an expert layer together: the
     * expected distinct routed experts ({@link #expectedDistinctExperts}) plus the shared experts. {@link
     * #weightElements(int, Operation, long)} scales a routed-expert matrix by it.
     *
     * @param tokens tokens routed together, {@code >= 1}
     * @return experts read, 0 if the model does not route
     */
    public double expertsRead(long tokens) {
        Check.positive("tokens", tokens);
        if (model.mixtureOfExperts().isEmpty()) {
            return 0;
        }
        MixtureOfExperts moe = model.mixtureOfExperts().get();
        return expectedDistinctExperts(moe, tokens) + moe.numSharedExperts();
    }

    /** {@return the weight elements of the lm_head, read once per pass} */
    public double lmHeadWeightElements() {
        return lmHead / 2;
    }

    /**
     * Expected distinct routed experts that {@code tokens} tokens touch when each picks {@code k} of {@code N}
     * uniformly: {@code N(1 - (1 - k/N)^tokens)}. One token touches {@code k}; many touch all {@code N}.
     *
     * @param moe the expert layout
     * @param tokens tokens routed together, {@code >= 1}
     * @return the expectation, in {@code [k, N]}
     */
    public static double expectedDistinctExperts(MixtureOfExperts moe, long tokens) {
        Check.positive("tokens", tokens);
        double n = moe.numExperts();
        double untouched = Math.pow(1 - moe.expertsPerToken() / n, (double) tokens);
        return Math.max(moe.expertsPerToken(), n * (1 - untouched));
    }

    /**
     * The share of a prefill's FLOPs that is quadratic in context (scores and aggregation): the article's
     * {@code 4n^2d / (24nd^2 + 4n^2d)} under {@link Convention#ARTICLE}.
     *
     * @param promptTokens {@code n >= 1}
     * @return a fraction in [0, 1)
     */
    public double quadraticShare(long promptTokens) {
        return prefill(promptTokens).quadraticShare();
    }

    /**
     * The prefill length at which the first attention layer's quadratic FLOPs (scores and aggregation) equal its
     * projection FLOPs (Q, K, V, O): {@code 2d} under {@link Convention#ARTICLE}. Under EXACT it depends on the KV
     * heads, head dimensions and causal masking (which halves the quadratic work, so roughly doubles the crossover).
     *
     * @return the crossover in tokens; not an integer in general
     * @throws IllegalArgumentException if the model has no attention layer
     */
    public double crossoverTokens() {
        for (int layer = 0; layer < model.numLayers(); layer++) {
            if (!model.attentionKind(layer).attends()) {
                continue;
            }
            double projections = perToken[layer][Operation.Q_PROJECTION.ordinal()]
                    + perToken[layer][Operation.K_PROJECTION.ordinal()]
                    + perToken[layer][Operation.V_PROJECTION.ordinal()]
                    + perToken[layer][Operation.O_PROJECTION.ordinal()];
            double perKey = scoresPerKey[layer] + aggregationPerKey[layer];
            // quadratic(n) = perKey * n * n (full) or perKey * n * (n + 1) / 2 (causal); projections(n) = P * n
            return causal ? 2 * projections / perKey - 1 : projections / perKey;
        }
        throw new IllegalArgumentException("model (" + model.name() + ") has no attention layer, so no crossover");
    }

    private FlopBreakdown compute(int onlyLayer, long cached, long fresh, long lmHeadCalls) {
        double[] out = new double[OPS];
        if (fresh > 0) {
            if (onlyLayer >= 0) {
                addLayer(out, onlyLayer, 1, cached, fresh);
            } else {
                // identical layers cost the same: one per group, times its count
                for (LayerGroup group : model.layerGroups()) {
                    addLayer(out, group.firstLayer(), group.count(), cached, fresh);
                }
            }
        }
        out[Operation.LM_HEAD.ordinal()] += lmHead * lmHeadCalls;
        return new FlopBreakdown(convention, out);
    }

    private void addLayer(double[] out, int layer, int count, long cached, long fresh) {
        double[] token = perToken[layer];
        for (int op = 0; op < OPS; op++) {
            out[op] += token[op] * fresh * count;
        }
        double keys = keys(model.attentionKind(layer), cached, fresh) * count;
        out[Operation.ATTENTION_SCORES.ordinal()] += scoresPerKey[layer] * keys;
        out[Operation.ATTENTION_AGGREGATION.ordinal()] += aggregationPerKey[layer] * keys;
    }

    /**
     * One operation of one layer as a plain number of FLOPs: what {@code layer(layer, cachedTokens,
     * newTokens).get(operation)} returns, without allocating, for loops that run millions of times.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param operation a layer operation (the lm_head is not one: 0)
     * @param cachedTokens tokens already cached, {@code >= 0}
     * @param newTokens tokens to process, {@code >= 0}
     * @return the operation's FLOPs
     */
    public double layerOperationFlops(int layer, Operation operation, long cachedTokens, long newTokens) {
        model.attentionKind(layer); // checks the index
        Check.nonNegative("cachedTokens", cachedTokens);
        Check.nonNegative("newTokens", newTokens);
        if (newTokens == 0 || operation == Operation.LM_HEAD) {
            return 0;
        }
        if (operation == Operation.ATTENTION_SCORES || operation == Operation.ATTENTION_AGGREGATION) {
            double perKey = operation == Operation.ATTENTION_SCORES ? scoresPerKey[layer] : aggregationPerKey[layer];
            return perKey == 0 ? 0 : perKey * keys(model.attentionKind(layer), cachedTokens, newTokens);
        }
        return perToken[layer][operation.ordinal()] * newTokens;
    }

    /**
     * The FLOPs one new token costs in a context-independent operation of one layer: {@code
     * layerOperationFlops(layer, operation, p, m) = m x tokenFlops(layer, operation)} for every {@code p}.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param operation a layer operation; quadratic operations and the lm_head give 0
     * @return FLOPs per token
     */
    public double tokenFlops(int layer, Operation operation) {
        model.attentionKind(layer); // checks the index
        return operation.isQuadratic() || operation == Operation.LM_HEAD ? 0 : perToken[layer][operation.ordinal()];
    }

    /**
     * The FLOPs of one (query, key) pair in a quadratic operation of one layer: {@code layerOperationFlops(layer,
     * operation, p, m) = keyFlops(layer, operation) x attentionKeys(layer, p, m)}.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param operation a layer operation; operations that are not quadratic give 0
     * @return FLOPs per (query, key) pair
     */
    public double keyFlops(int layer, Operation operation) {
        model.attentionKind(layer); // checks the index
        if (operation == Operation.ATTENTION_SCORES) {
            return scoresPerKey[layer];
        }
        return operation == Operation.ATTENTION_AGGREGATION ? aggregationPerKey[layer] : 0;
    }

    /**
     * The (query, key) pairs of one layer when {@code newTokens} tokens run on top of {@code cachedTokens}: each new
     * token attends to the keys up to itself (all of them under {@link Convention#ARTICLE} or without causal masking),
     * at most the window in sliding-window layers, none in layers that keep a fixed state.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param cachedTokens tokens already cached, {@code >= 0}
     * @param newTokens tokens to process, {@code >= 0}
     * @return the pairs, a real number so that long contexts do not overflow
     */
    public double attentionKeys(int layer, long cachedTokens, long newTokens) {
        AttentionKind kind = model.attentionKind(layer); // checks the index
        Check.nonNegative("cachedTokens", cachedTokens);
        Check.nonNegative("newTokens", newTokens);
        return newTokens == 0 ? 0 : keys(kind, cachedTokens, newTokens);
    }

    /**
     * Whether an operation of one layer reads routed experts, so that its {@link #weightElements(int, Operation,
     * long) weight elements} grow with the tokens of a pass: the gate, up and down matrices of expert layers under
     * {@link Convention#EXACT}.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @param operation a layer operation
     * @return true for routed-expert matrices
     */
    public boolean readsExperts(int layer, Operation operation) {
        boolean expertLayer = model.isExpertLayer(layer); // checks the index
        boolean expertMatrix =
                operation == Operation.MLP_GATE || operation == Operation.MLP_UP || operation == Operation.MLP_DOWN;
        return convention == Convention.EXACT && expertMatrix && expertLayer;
    }

    /** (query, key) pairs for tokens {@code p+1 .. p+m} of a layer of the given kind. */
    private double keys(AttentionKind kind, long p, long m) {
        return LayerCoefficients.keys(model, convention, causal, kind, p, m);
    }

    @Override
    public String toString() {
        return "FlopCounter[" + model.name() + ", " + convention + (causal ? ", causal" : "") + "]";
    }
}
