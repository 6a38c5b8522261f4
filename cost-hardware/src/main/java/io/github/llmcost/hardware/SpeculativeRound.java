package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.ParameterBreakdown;
import io.github.llmcost.core.Workload;

/**
 * The one home of speculative decoding's step time: a {@link SpeculativeDecoding} compiled against a target's {@link
 * CompiledPerformance}. A round of an engine step is
 *
 * <ul>
 *   <li>the target's verification: each decoding sequence computes {@code k + 1} new tokens after its cache (the last
 *       accepted token and the {@code k} proposals), a prefill-like extend in which the weights are read once, the
 *       linear layers compute {@code k + 1} tokens, attention reads the cache once per sequence, and the LM head
 *       samples every one of the {@code k + 1}; prefill chunks in the step run as they would without speculation;
 *   <li>{@code k} draft steps of the decoding sequences at their context; the first also prefills the step's chunks
 *       with the drafter, whose cache must hold the prompt too.
 * </ul>
 *
 * <p>The drafter runs on the target's chips, split over the same tensor-parallel devices when its heads shard evenly
 * over them (on one device otherwise), in the target's formats and calibration, except that the engine's fixed {@link
 * io.github.llmcost.hardware.calibration.ChipCalibration#stepOverhead()} (scheduling, sampling, the host) is paid once
 * per round, by the target's pass: the draft passes pay their per-layer overheads and their all-reduces. A decode step
 * per output token is the round over {@code E}, the expected tokens per target step.
 *
 * <p>Memory: the drafter's weights (for multi-token prediction, each module's layer; the embedding and head are the
 * target's) and its KV cache per session, in the target's KV format, add to the target's.
 *
 * <p>Immutable and thread-safe.
 */
final class SpeculativeRound {
    private final SpeculativeDecoding config;
    private final CompiledPerformance draft;
    private final int k;
    private final double tokensPerStep;
    private final Bytes draftWeights;
    private final KvCache draftCache;
    /** Total bytes of draft cache per byte of one module's per-sequence cache: modules x copies over devices. */
    private final double draftKvCopies;

    private SpeculativeRound(InferencePerformance target, SpeculativeDecoding config) {
        this.config = config;
        this.k = config.speculativeTokens();
        this.tokensPerStep = config.tokensPerTargetStep();
        ModelSpec drafter = config.drafter(target.model());
        int devices = TensorSharding.problem(drafter, target.tensorParallel()) == null ? target.tensorParallel() : 1;
        InferencePerformance draftPerformance = InferencePerformance.builder()
                .model(drafter)
                .hardware(target.hardware())
                .workload(Workload.of(1, 0))
                .tensorParallel(devices)
                .convention(target.convention())
                .formats(target.formats())
                .calibration(target.calibration().toBuilder()
                        .stepOverhead(io.github.llmcost.core.Seconds.ZERO)
                        .build())
                .frameworkOverheadPerDevice(Bytes.ZERO)
                .prefillChunkTokens(target.prefillChunkTokens())
                .build();
        this.draft = draftPerformance.compiled();
        ParameterBreakdown p = drafter.parameters(target.convention());
        double weights = config.isMultiTokenPrediction()
                ? p.totalParameters() - p.embeddingParameters() - p.lmHeadParameters()
                : p.totalParameters();
        this.draftWeights = target.formats().weights().bytesFor(weights * config.drafterCopies());
        this.draftCache = draftPerformance.kvCache();
        this.draftKvCopies = config.drafterCopies() * TensorSharding.kvShare(drafter, devices) * devices;
    }

    /**
     * The speculation of a target configuration.
     *
     * @param target the target, whose {@link InferencePerformance#speculativeDecoding()} is present
     * @return the compiled round
     */
    static SpeculativeRound of(InferencePerformance target) {
        int stages = target.parallelism().pipeline();
        if (stages > 1) {
            throw new IllegalArgumentException("speculative decoding with pipeline parallelism (pp " + stages
                    + ") is not modelled: use one or the other");
        }
        return new SpeculativeRound(target, target.speculativeDecoding().orElseThrow());
    }

    /** {@return the configuration} */
    SpeculativeDecoding config() {
        return config;
    }

    /** {@return expected tokens per target step, {@code E}} */
    double tokensPerTargetStep() {
        return tokensPerStep;
    }

    /** {@return tokens each decoding sequence computes in the target's verification: {@code k + 1}} */
    int verifiedTokens() {
        return k + 1;
    }

    /** {@return the drafter compiled: its passes, for tests and the detail of a round} */
    CompiledPerformance draft() {
        return draft;
    }

    /**
     * One round of an engine step: the target's verification (decode groups extended to {@code k + 1} tokens) plus
     * the {@code k} draft steps, the first also prefilling the step's chunks.
     *
     * @param step the step as it would run without speculation
     * @param target the target's compiled performance
     * @param detailed whether to keep each operation's sums
     * @return the round's totals on one device
     */
    PassCosts round(Step step, CompiledPerformance target, boolean detailed) {
        Step.Builder verify = Step.builder();
        Step.Builder first = Step.builder();
        Step.Builder decodes = Step.builder();
        for (int g = 0; g < step.groups(); g++) {
            int n = step.groupSequences(g);
            long fresh = step.groupFresh(g);
            long cached = step.groupCached(g);
            if (step.groupKind(g) == Step.DECODE) {
                verify.add(n, k + 1L, cached, Step.VERIFY);
                first.add(n, fresh, cached, Step.DECODE);
                decodes.add(n, fresh, cached, Step.DECODE);
            } else {
                verify.add(n, fresh, cached, step.groupKind(g));
                first.add(n, fresh, cached, step.groupKind(g));
            }
        }
        PassCosts round =
                target.walk(verify.build(), 0, 0, 0, detailed).plus(draft.walk(first.build(), 0, 0, 0, detailed), 1);
        return decodes.isEmpty() ? round : round.plus(draft.walk(decodes.build(), 0, 0, 0, detailed), k - 1.0);
    }

    /** {@return the drafter's weights over all devices} */
    Bytes draftWeights() {
        return draftWeights;
    }

    /**
     * The drafter's cache of one session at a context, over all devices.
     *
     * @param contextTokens the session's tokens
     * @return the bytes
     */
    double draftKvBytesPerSession(long contextTokens) {
        return draftCache.sessionBytes(contextTokens).toBytes() * draftKvCopies;
    }

    @Override
    public String toString() {
        return "SpeculativeRound[" + config + ", draft " + draft + "]";
    }
}
