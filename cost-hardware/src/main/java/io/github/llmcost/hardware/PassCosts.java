package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Seconds;
import java.util.EnumMap;

/**
 * The costs of one pass on one device, accumulated operation by operation in plain numbers, so that latencies need
 * no objects per operation and {@link PhaseAnalysis} is built from exactly the same sums.
 */
@SuppressWarnings("EnumOrdinal") // dense arrays indexed by Operation, as EnumMap does internally
final class PassCosts {
    private static final Operation[] OPERATIONS = Operation.values();

    private static final int N = OPERATIONS.length;
    private static final int FLOPS = 0;
    private static final int BYTES = N;
    private static final int COMPUTE = 2 * N;
    private static final int MEMORY = 3 * N;
    private static final int SECONDS = 4 * N;

    /** Per operation, five rows: FLOPs, bytes, compute seconds, memory seconds, seconds (one array, one allocation). */
    private final double[] costs = new double[5 * N];

    private final double communicationSeconds;
    private final double overheadSeconds;

    PassCosts(double communicationSeconds, double overheadSeconds) {
        this.communicationSeconds = communicationSeconds;
        this.overheadSeconds = overheadSeconds;
    }

    /** Adds {@code count} identical copies of one operation's work, timed on the roofline. */
    void add(Operation op, double opFlops, double opBytes, int count, Roofline roof) {
        int i = op.ordinal();
        double compute = roof.computeSeconds(opFlops);
        double memory = roof.memorySeconds(opBytes);
        costs[FLOPS + i] += opFlops * count;
        costs[BYTES + i] += opBytes * count;
        costs[COMPUTE + i] += compute * count;
        costs[MEMORY + i] += memory * count;
        costs[SECONDS + i] += Math.max(compute, memory) * count;
    }

    /** {@return the pass's time: every operation's, in operation order, plus communication and overhead} */
    double seconds() {
        return sum(SECONDS) + communicationSeconds + overheadSeconds;
    }

    /** {@return whether arithmetic takes at least as long as memory traffic over the whole pass} */
    Bound bound() {
        return sum(COMPUTE) >= sum(MEMORY) ? Bound.COMPUTE : Bound.MEMORY;
    }

    private double sum(int row) {
        double sum = 0;
        for (int i = row; i < row + N; i++) {
            sum += costs[i];
        }
        return sum;
    }

    PhaseAnalysis analysis(Phase phase) {
        EnumMap<Operation, Placement> operations = new EnumMap<>(Operation.class);
        for (Operation op : OPERATIONS) {
            int i = op.ordinal();
            if (costs[FLOPS + i] > 0) { // operations are added only when they have FLOPs
                operations.put(
                        op,
                        Placement.of(
                                Flops.of(costs[FLOPS + i]),
                                Bytes.of(costs[BYTES + i]),
                                costs[COMPUTE + i],
                                costs[MEMORY + i],
                                costs[SECONDS + i]));
            }
        }
        return new PhaseAnalysis(phase, operations, Seconds.of(communicationSeconds), Seconds.of(overheadSeconds));
    }
}
