package io.github.llmcost.hardware.serving;

import io.github.llmcost.core.Seconds;
import java.util.Locale;

/**
 * A deployment serving Poisson arrivals at a rate: utilisation, latency (mean and 90th percentile) and throughput.
 * A rate at or above the saturated one is not sustainable: queues grow without bound, and the latency figures and the
 * concurrency then throw an {@link IllegalStateException} saying so.
 *
 * <p>Immutable and thread-safe. Made by {@link ServingModel#atRate(Traffic, double)}.
 */
public final class LoadPoint {
    private final double rate;
    private final boolean sustainable;
    private final double utilization;
    private final double concurrency;
    private final Seconds ttft;
    private final Seconds ttftP90;
    private final Seconds tpot;
    private final Seconds tpotP90;
    private final double outputTokens;
    private final double inputTokens;
    private final double prefillShare;

    LoadPoint(
            double rate,
            boolean sustainable,
            double utilization,
            double concurrency,
            Seconds ttft,
            Seconds ttftP90,
            Seconds tpot,
            Seconds tpotP90,
            double outputTokens,
            double inputTokens,
            double prefillShare) {
        this.rate = rate;
        this.sustainable = sustainable;
        this.utilization = utilization;
        this.concurrency = concurrency;
        this.ttft = ttft;
        this.ttftP90 = ttftP90;
        this.tpot = tpot;
        this.tpotP90 = tpotP90;
        this.outputTokens = outputTokens;
        this.inputTokens = inputTokens;
        this.prefillShare = prefillShare;
    }

    /** {@return the offered requests per second} */
    public double requestsPerSecond() {
        return rate;
    }

    /** {@return whether the deployment keeps up: the rate is below the saturated one} */
    public boolean sustainable() {
        return sustainable;
    }

    /** {@return the rate over the saturated rate} */
    public double utilization() {
        return utilization;
    }

    /** {@return mean requests in the system (Little's law: rate times mean latency)} */
    public double concurrency() {
        requireSustainable("concurrency");
        return concurrency;
    }

    /** {@return mean time to first token, queueing and chunked-prefill interference included} */
    public Seconds timeToFirstToken() {
        requireSustainable("time to first token");
        return ttft;
    }

    /** {@return the 90th percentile of time to first token} */
    public Seconds timeToFirstTokenP90() {
        requireSustainable("time to first token");
        return ttftP90;
    }

    /** {@return mean time per output token} */
    public Seconds timePerOutputToken() {
        requireSustainable("time per output token");
        return tpot;
    }

    /** {@return the 90th percentile of time per output token: a step that carries a prefill chunk} */
    public Seconds timePerOutputTokenP90() {
        requireSustainable("time per output token");
        return tpotP90;
    }

    /** {@return output tokens per second served} */
    public double outputTokensPerSecond() {
        return rate * outputTokens;
    }

    /** {@return prompt tokens per second served} */
    public double inputTokensPerSecond() {
        return rate * inputTokens;
    }

    /** {@return the share of step time the prefill chunks add} */
    public double prefillShare() {
        return prefillShare;
    }

    private void requireSustainable(String what) {
        if (!sustainable) {
            throw new IllegalStateException("no " + what + " at " + rate + " requests/s: the rate is "
                    + String.format(Locale.ROOT, "%.0f%%", 100 * utilization)
                    + " of what the deployment serves at saturation, so its queue grows without bound");
        }
    }

    /** {@return the figures in a line} */
    @Override
    public String toString() {
        if (!sustainable) {
            return String.format(
                    Locale.ROOT, "%.3g requests/s: not sustainable (utilisation %.0f%%)", rate, 100 * utilization);
        }
        return String.format(
                Locale.ROOT,
                "%.3g requests/s (utilisation %.0f%%): time to first token %s (p90 %s), per output token %s (p90"
                        + " %s), %.1f in the system",
                rate,
                100 * utilization,
                ttft,
                ttftP90,
                tpot,
                tpotP90,
                concurrency);
    }
}
