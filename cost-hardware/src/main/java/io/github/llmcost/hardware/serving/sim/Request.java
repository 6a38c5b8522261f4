package io.github.llmcost.hardware.serving.sim;

/**
 * One request offered to the simulation.
 *
 * @param arrivalSeconds when it arrives, seconds from the start, {@code >= 0}
 * @param inputTokens prompt tokens, {@code >= 1}
 * @param outputTokens output tokens, {@code >= 1}, the first from the prefill
 * @param prefixId the shared prefix it starts with, {@code -1} for none
 * @param prefixTokens the shared prefix's tokens, {@code 0} for none, less than {@code inputTokens}
 */
public record Request(double arrivalSeconds, long inputTokens, long outputTokens, long prefixId, long prefixTokens) {
    /** The latest arrival simulated, seconds: {@value} (about 116 days). */
    public static final double MAX_ARRIVAL_SECONDS = 1e7;

    /** Checks the fields. */
    public Request {
        if (!(arrivalSeconds >= 0 && arrivalSeconds <= MAX_ARRIVAL_SECONDS)) {
            throw new IllegalArgumentException(
                    "arrivalSeconds (" + arrivalSeconds + ") must be >= 0 and at most " + MAX_ARRIVAL_SECONDS);
        }
        if (inputTokens < 1) {
            throw new IllegalArgumentException("inputTokens (" + inputTokens + ") must be >= 1");
        }
        if (outputTokens < 1) {
            throw new IllegalArgumentException("outputTokens (" + outputTokens + ") must be >= 1");
        }
        if (prefixTokens < 0 || (prefixTokens > 0 && prefixTokens >= inputTokens)) {
            throw new IllegalArgumentException(
                    "prefixTokens (" + prefixTokens + ") must be >= 0 and less than inputTokens (" + inputTokens + ")");
        }
        if (prefixId < 0 && prefixTokens > 0) {
            throw new IllegalArgumentException("prefixId (" + prefixId + ") must be >= 0 with prefixTokens");
        }
    }

    /**
     * A request without a shared prefix.
     *
     * @param arrivalSeconds when it arrives
     * @param inputTokens prompt tokens
     * @param outputTokens output tokens
     * @return the request
     */
    public static Request of(double arrivalSeconds, long inputTokens, long outputTokens) {
        return new Request(arrivalSeconds, inputTokens, outputTokens, -1, 0);
    }

    /** {@return whether it starts with a shared prefix} */
    public boolean hasPrefix() {
        return prefixTokens > 0;
    }
}
