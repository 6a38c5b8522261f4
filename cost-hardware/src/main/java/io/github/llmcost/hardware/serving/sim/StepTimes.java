package io.github.llmcost.hardware.serving.sim;

import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.Step;
import java.util.Arrays;

/**
 * The seconds of one engine step, from the deployment's step-time model; counts the steps timed. Steps with prefill
 * chunks are timed exactly. Decode-only steps (most of them) are looked up in a small table keyed by the batch and the
 * position rounded to a logarithmic grid of ratio {@value #GRID} (timed at the grid point), so a decode step's time is
 * within a fraction of that ratio of the exact one: attention's share of a step grows at most linearly with the
 * position. With speculative decoding a step of the engine is a round, after which each decoding sequence has {@code
 * E} tokens on average; the simulation advances each one token a step, so a step here is the round less {@code 1 -
 * 1/E} of its decodes' own round (a decode-only step: the round over {@code E}, {@link CompiledPerformance#decodeStep}).
 */
final class StepTimes {
    /** The ratio between neighbouring positions of the grid: {@value}. */
    static final double GRID = 1.002;

    private static final double LOG_GRID = Math.log(GRID);
    private static final int SLOTS = 1 << 16;
    private static final long EMPTY = -1;

    private final CompiledPerformance compiled;
    /** {@code 1/E}: 1 without speculative decoding. */
    private final double perToken;

    private final long[] keys = new long[SLOTS];
    private final double[] values = new double[SLOTS];
    private int used;
    private long steps;

    StepTimes(CompiledPerformance compiled) {
        this.compiled = compiled;
        this.perToken = 1
                / compiled.template()
                        .speculativeDecoding()
                        .map(SpeculativeDecoding::tokensPerTargetStep)
                        .orElse(1.0);
        Arrays.fill(keys, EMPTY);
    }

    /** A step with prefill chunks and {@code decodes} sequences decoding at {@code position}: timed exactly. */
    double seconds(Step step, int decodes, long position) {
        steps++;
        double round = compiled.step(step).seconds();
        return decodes == 0 || perToken == 1
                ? round
                : round
                        - (1 - perToken)
                                * compiled.step(Step.decode(decodes, position)).seconds();
    }

    /** A decode-only step of {@code sequences} at mean position {@code position}. */
    double decode(int sequences, long position) {
        steps++;
        long bucket = Math.round(Math.log((double) position) / LOG_GRID);
        long key = ((long) sequences << 32) | bucket;
        int slot = (int) (mix(key) & (SLOTS - 1));
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        if (used >= SLOTS / 2) {
            Arrays.fill(keys, EMPTY);
            used = 0;
            slot = (int) (mix(key) & (SLOTS - 1));
        }
        long grid = Math.max(1, Math.round(Math.pow(GRID, (double) bucket)));
        double seconds = compiled.decodeStep(grid, sequences).seconds();
        keys[slot] = key;
        values[slot] = seconds;
        used++;
        return seconds;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    long steps() {
        return steps;
    }
}
