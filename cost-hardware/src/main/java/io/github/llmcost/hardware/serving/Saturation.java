package io.github.llmcost.hardware.serving;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.Bound;
import java.util.Locale;

/**
 * A deployment at saturation (requests offered faster than it serves them, as offline benchmarks run it): the steady
 * state in which every step carries every running sequence's decode and as much prefill as keeps new sequences
 * coming. Figures are for the whole deployment (all its tensor-parallel devices together).
 *
 * <p>Immutable and thread-safe. Made by {@link ServingModel#saturated(Traffic)}.
 */
public final class Saturation {
    private final double requestsPerSecond;
    private final double outputTokens;
    private final double inputTokens;
    private final double concurrency;
    private final ConcurrencyLimit limit;
    private final Bound stepBound;
    private final Seconds stepTime;
    private final Seconds timeToFirstToken;
    private final double prefillShare;
    private final ServingModel model;
    private final Traffic traffic;

    Saturation(
            ServingModel model,
            Traffic traffic,
            double requestsPerSecond,
            double outputTokens,
            double inputTokens,
            double concurrency,
            ConcurrencyLimit limit,
            Bound stepBound,
            Seconds stepTime,
            Seconds timeToFirstToken,
            double prefillShare) {
        this.requestsPerSecond = requestsPerSecond;
        this.outputTokens = outputTokens;
        this.inputTokens = inputTokens;
        this.concurrency = concurrency;
        this.limit = limit;
        this.stepBound = stepBound;
        this.stepTime = stepTime;
        this.timeToFirstToken = timeToFirstToken;
        this.prefillShare = prefillShare;
        this.model = model;
        this.traffic = traffic;
    }

    /** {@return the model this steady state is of} */
    ServingModel model() {
        return model;
    }

    /** {@return the requests served} */
    public Traffic traffic() {
        return traffic;
    }

    /** {@return requests completed per second} */
    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    /** {@return output tokens per second} */
    public double outputTokensPerSecond() {
        return requestsPerSecond * outputTokens;
    }

    /** {@return prompt tokens per second (cached prefix tokens included)} */
    public double inputTokensPerSecond() {
        return requestsPerSecond * inputTokens;
    }

    /** {@return sequences in flight} */
    public double concurrency() {
        return concurrency;
    }

    /** {@return what caps the sequences in flight} */
    public ConcurrencyLimit concurrencyLimit() {
        return limit;
    }

    /** {@return whether the steady step is limited by compute or by memory traffic} */
    public Bound stepBound() {
        return stepBound;
    }

    /**
     * {@return the time of one steady step: what each running sequence waits per output token (with speculative
     * decoding, the step over the expected tokens per target step)}
     */
    public Seconds timePerOutputToken() {
        return stepTime;
    }

    /** {@return a request's prefill under this load, once admitted: its chunks' steps, plus half a step to start} */
    public Seconds timeToFirstToken() {
        return timeToFirstToken;
    }

    /** {@return the share of step time the prefill chunks add: how GPU time splits between input and output tokens} */
    public double prefillShare() {
        return prefillShare;
    }

    /** {@return the figures in a line} */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "saturated: %.3g requests/s, %.0f output and %.0f input tokens/s, %.0f in flight (%s), step %s"
                        + " (%s-bound)",
                requestsPerSecond,
                outputTokensPerSecond(),
                inputTokensPerSecond(),
                concurrency,
                limit,
                stepTime,
                stepBound);
    }
}
