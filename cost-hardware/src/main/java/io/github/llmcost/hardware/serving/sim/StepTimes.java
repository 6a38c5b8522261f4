package io.github.llmcost.hardware.serving.sim;

import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.Step;
import java.util.Arrays;

/**
 * The seconds of one engine step, from the deployment's step-time model; counts the steps timed. Steps with prefill
 * chunks are timed exactly. Decode-only steps (most of them) are looked up in a small table keyed by the batch and the
 * position rounded to a logarithmic grid of ratio {@value #GRID} (timed at the grid point), so a decode step's time is
 * within a fraction of that ratio of the exact one: attention's share of a step grows at most linearly with the
 * position. With speculative decoding a step is timed per output token ({@link CompiledPerformance#stepPerToken}): the
 * simulation advances each decoding sequence one token a step, at the round's expected pace.
 */
final class StepTimes {
    /** The ratio between neighbouring positions of the grid: {@value}. */
    static final double GRID = 1.002;

    private static final double LOG_GRID = Math.log(GRID);
    private static final int SLOTS = 1 << 16;
    private static final long EMPTY = -1;

    private final CompiledPerformance compiled;
    private final long[] keys = new long[SLOTS];
    private final double[] values = new double[SLOTS];
    private int used;
    private long steps;

    StepTimes(CompiledPerformance compiled) {
        this.compiled = compiled;
        Arrays.fill(keys, EMPTY);
    }

    /** A step with prefill chunks: timed exactly. */
    double seconds(Step step) {
        steps++;
        return compiled.stepPerToken(step).seconds();
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
        double seconds = compiled.stepPerToken(Step.decode(sequences, grid)).seconds();
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
