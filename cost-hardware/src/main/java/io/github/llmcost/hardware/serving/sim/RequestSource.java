package io.github.llmcost.hardware.serving.sim;

import org.jspecify.annotations.Nullable;

/** Requests in order of arrival, one at a time, so that a stream of any length is simulated in bounded memory. */
public interface RequestSource {
    /**
     * The next request.
     *
     * @return it, arriving no earlier than the one before; {@code null} when there are no more
     * @throws IllegalArgumentException if the source's data is malformed or out of order
     */
    @Nullable
    Request next();

    /** {@return the seconds over which requests arrive, for progress; 0 if not known} */
    default double horizonSeconds() {
        return 0;
    }
}
