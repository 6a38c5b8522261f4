package io.github.llmcost.hardware;

import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one engine iteration computes: groups of prefill chunks (each sequence's new prompt tokens, after the tokens
 * already in its KV cache) and groups of decode sequences (one new token each, after its context). Continuous-batching
 * engines mix both in one step; a whole prefill and a plain decode step are special cases ({@link #prefill(int, long,
 * long)}, {@link #decode(int, long)}). {@link CompiledPerformance#step(Step)} times it.
 *
 * <p>Every sequence in the step samples one token from the LM head (the last token of a prefill chunk, the new token of
 * a decode), an upper bound for chunks that do not end their prompt.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Step mixed = Step.builder()
 *     .prefill(1, 2048, 4096)   // one prompt's third 2,048-token chunk
 *     .decode(63, 1500)         // 63 sequences decoding at position 1,500
 *     .build();
 * compiled.step(mixed).time();
 * }</pre>
 */
public final class Step {
    private final int[] sequences;
    private final long[] freshTokens;
    private final long[] cachedTokens;
    /** Each group's kind: {@link #PREFILL}, {@link #DECODE} or {@link #VERIFY}. */
    private final byte[] kinds;

    private final long tokens;
    private final long totalSequences;
    private final long sampled;

    /** A group of prefill chunks. */
    static final byte PREFILL = 0;
    /** A group of decode sequences, one new token each. */
    static final byte DECODE = 1;
    /** A group of speculative verifications: every new token of each sequence is sampled from the LM head. */
    static final byte VERIFY = 2;

    private Step(int[] sequences, long[] freshTokens, long[] cachedTokens, byte[] kinds) {
        this.sequences = sequences;
        this.freshTokens = freshTokens;
        this.cachedTokens = cachedTokens;
        this.kinds = kinds;
        long t = 0;
        long s = 0;
        long sampled = 0;
        for (int g = 0; g < sequences.length; g++) {
            long groupTokens = Check.multiply("tokens of the step", freshTokens[g], sequences[g]);
            t = Math.addExact(t, groupTokens);
            s += sequences[g];
            sampled += kinds[g] == VERIFY ? groupTokens : sequences[g];
        }
        this.tokens = t;
        this.totalSequences = s;
        this.sampled = sampled;
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A step of prefill only: {@code sequences} prompts each computing {@code newTokens} after {@code cachedTokens}
     * already cached.
     *
     * @param sequences the prompts, {@code >= 1}
     * @param newTokens tokens each computes, {@code >= 1}
     * @param cachedTokens tokens each has cached before them, {@code >= 0}
     * @return the step
     */
    public static Step prefill(int sequences, long newTokens, long cachedTokens) {
        return builder().prefill(sequences, newTokens, cachedTokens).build();
    }

    /**
     * A plain decode step: {@code sequences} sequences each computing one token at position {@code contextTokens}.
     *
     * @param sequences the batch, {@code >= 1}
     * @param contextTokens the position {@code n >= 1}: the new token attends to {@code n} keys
     * @return the step
     */
    public static Step decode(int sequences, long contextTokens) {
        return builder().decode(sequences, contextTokens).build();
    }

    /**
     * {@return the position of the decode step timed as a generation's mean: steps run at positions {@code prompt +
     * 1 .. prompt + output - 1}}
     */
    static long meanDecodePosition(Workload w) {
        return w.promptTokens() + Math.max(1, w.outputTokens() / 2);
    }

    /** {@return tokens computed in the step, over every group} */
    public long tokens() {
        return tokens;
    }

    /** {@return sequences in the step, over every group} */
    public long sequences() {
        return totalSequences;
    }

    /**
     * {@return tokens sampled from the LM head: one per sequence, every new token of a speculative verification}
     */
    long sampledTokens() {
        return sampled;
    }

    /** {@return the number of groups} */
    public int groups() {
        return sequences.length;
    }

    int groupSequences(int g) {
        return sequences[g];
    }

    long groupFresh(int g) {
        return freshTokens[g];
    }

    long groupCached(int g) {
        return cachedTokens[g];
    }

    byte groupKind(int g) {
        return kinds[g];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Step s
                && Arrays.equals(sequences, s.sequences)
                && Arrays.equals(freshTokens, s.freshTokens)
                && Arrays.equals(cachedTokens, s.cachedTokens)
                && Arrays.equals(kinds, s.kinds);
    }

    @Override
    public int hashCode() {
        return 31
                        * (31 * (31 * Arrays.hashCode(sequences) + Arrays.hashCode(freshTokens))
                                + Arrays.hashCode(cachedTokens))
                + Arrays.hashCode(kinds);
    }

    /** {@return the groups, readable: {@code "1 x 2048 new after 4096, 63 x 1 new after 1499"}} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Step[");
        for (int g = 0; g < sequences.length; g++) {
            out.append(g == 0 ? "" : ", ")
                    .append(String.format(
                            Locale.ROOT, "%d x %d new after %d", sequences[g], freshTokens[g], cachedTokens[g]));
        }
        return out.append(']').toString();
    }

    /** Builds a {@link Step}: add groups, then {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int[] sequences = new int[2];
        private long[] fresh = new long[2];
        private long[] cached = new long[2];
        private byte[] kinds = new byte[2];
        private int size;

        Builder() {}

        /**
         * Adds prefill chunks.
         *
         * @param sequences prompts in the group, {@code >= 1}
         * @param newTokens tokens each computes, {@code >= 1}
         * @param cachedTokens tokens each already has cached, {@code >= 0}
         * @return this builder
         */
        public Builder prefill(int sequences, long newTokens, long cachedTokens) {
            Check.positive("sequences", sequences);
            Check.positive("newTokens", newTokens);
            Check.nonNegative("cachedTokens", cachedTokens);
            return add(sequences, newTokens, cachedTokens, PREFILL);
        }

        /**
         * Adds decode sequences.
         *
         * @param sequences sequences in the group, {@code >= 1}
         * @param contextTokens the position {@code n >= 1} of each new token: it attends to {@code n} keys
         * @return this builder
         */
        public Builder decode(int sequences, long contextTokens) {
            Check.positive("sequences", sequences);
            Check.positive("contextTokens", contextTokens);
            return add(sequences, 1, contextTokens - 1, DECODE);
        }

        /** Adds a group of a kind, its arguments already checked (what {@link SpeculativeRound} builds). */
        Builder add(int n, long newTokens, long cachedTokens, byte kind) {
            if (size == sequences.length) {
                sequences = Arrays.copyOf(sequences, size * 2);
                fresh = Arrays.copyOf(fresh, size * 2);
                cached = Arrays.copyOf(cached, size * 2);
                kinds = Arrays.copyOf(kinds, size * 2);
            }
            sequences[size] = n;
            fresh[size] = newTokens;
            cached[size] = cachedTokens;
            kinds[size] = kind;
            size++;
            return this;
        }

        /** {@return whether no group was added} */
        boolean isEmpty() {
            return size == 0;
        }

        /**
         * {@return the step}
         *
         * @throws IllegalArgumentException if no group was added
         */
        public Step build() {
            if (size == 0) {
                throw new IllegalArgumentException("groups (0) must not be empty: add prefill(...) or decode(...)");
            }
            return new Step(
                    Arrays.copyOf(sequences, size),
                    Arrays.copyOf(fresh, size),
                    Arrays.copyOf(cached, size),
                    Arrays.copyOf(kinds, size));
        }
    }
}
