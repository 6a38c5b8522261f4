package io.github.llmcost.hardware.serving.sim;

import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Requests drawn from distributions with a seed: arrivals for a duration, prompt and output lengths, and optionally
 * {@code K} prefix groups of {@code P} shared tokens (each request in one group, chosen uniformly), as chat sessions
 * or agents sharing a system prompt. The same seed gives the same requests.
 *
 * <p>Not thread-safe: a source is read once.
 *
 * <pre>{@code
 * RequestSource s = SyntheticSource.builder()
 *     .arrivals(Arrivals.poisson(100)).durationSeconds(3600)
 *     .input(Lengths.fixed(2000)).output(Lengths.fixed(300))
 *     .prefixGroups(16, 1500).seed(42).build();
 * }</pre>
 */
public final class SyntheticSource implements RequestSource {
    private final Arrivals arrivals;
    private final Lengths input;
    private final Lengths output;
    private final double duration;
    private final int groups;
    private final long prefixTokens;
    private final SplittableRandom random;
    private double clock;

    private SyntheticSource(Builder b) {
        this.arrivals = Objects.requireNonNull(b.arrivals, "arrivals");
        this.input = b.input;
        this.output = b.output;
        this.duration = b.duration;
        this.groups = b.groups;
        this.prefixTokens = b.prefixTokens;
        this.random = new SplittableRandom(b.seed);
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public @Nullable Request next() {
        clock += arrivals.nextGapSeconds(random);
        if (clock >= duration) {
            return null;
        }
        long in = input.draw(random);
        long out = output.draw(random);
        if (groups == 0 || prefixTokens == 0) {
            return Request.of(clock, in, out);
        }
        long group = groups == 1 ? 0 : random.nextInt(groups);
        long shared = Math.min(prefixTokens, in - 1);
        return shared == 0 ? Request.of(clock, in, out) : new Request(clock, in, out, group, shared);
    }

    @Override
    public double horizonSeconds() {
        return duration;
    }

    /** Builds a {@link SyntheticSource}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Arrivals arrivals;
        private Lengths input = Lengths.fixed(1024);
        private Lengths output = Lengths.fixed(256);
        private double duration = 60;
        private int groups;
        private long prefixTokens;
        private long seed = 1;

        Builder() {}

        /**
         * Sets when requests arrive.
         *
         * @param arrivals the arrivals
         * @return this builder
         */
        public Builder arrivals(Arrivals arrivals) {
            this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
            return this;
        }

        /**
         * Sets the prompt lengths; 1,024 tokens by default.
         *
         * @param input the lengths
         * @return this builder
         */
        public Builder input(Lengths input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /**
         * Sets the output lengths; 256 tokens by default.
         *
         * @param output the lengths
         * @return this builder
         */
        public Builder output(Lengths output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Sets how long requests arrive; 60 s by default.
         *
         * @param seconds the duration, finite and {@code > 0}
         * @return this builder
         */
        public Builder durationSeconds(double seconds) {
            if (!(seconds > 0 && Double.isFinite(seconds))) {
                throw new IllegalArgumentException("durationSeconds (" + seconds + ") must be finite and > 0");
            }
            this.duration = seconds;
            return this;
        }

        /**
         * Sets prefix groups: each request starts with one of {@code groups} prefixes of {@code tokens} tokens (at
         * most its prompt less one); none by default.
         *
         * @param groups the prefixes, {@code >= 0} (0 for none)
         * @param tokens each prefix's tokens, {@code >= 0}
         * @return this builder
         */
        public Builder prefixGroups(int groups, long tokens) {
            if (groups < 0) {
                throw new IllegalArgumentException("groups (" + groups + ") must be >= 0");
            }
            if (tokens < 0) {
                throw new IllegalArgumentException("tokens (" + tokens + ") must be >= 0");
            }
            this.groups = groups;
            this.prefixTokens = tokens;
            return this;
        }

        /**
         * Sets the seed; 1 by default.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * {@return the source}
         *
         * @throws NullPointerException if no arrivals were set
         */
        public SyntheticSource build() {
            return new SyntheticSource(this);
        }
    }
}
