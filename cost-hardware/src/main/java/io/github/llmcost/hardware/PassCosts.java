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

    private final double[] flops = new double[OPERATIONS.length];
    private final double[] bytes = new double[OPERATIONS.length];
    private final double[] computeSeconds = new double[OPERATIONS.length];
    private final double[] memorySeconds = new double[OPERATIONS.length];
    private final double[] seconds = new double[OPERATIONS.length];
    private final boolean[] present = new boolean[OPERATIONS.length];
    private final double communicationSeconds;

    PassCosts(double communicationSeconds) {
        this.communicationSeconds = communicationSeconds;
    }

    /** Adds {@code count} identical copies of one operation's work, timed on the roofline. */
    void add(Operation op, double opFlops, double opBytes, int count, Roofline roof) {
        int i = op.ordinal();
        double compute = roof.computeSeconds(opFlops);
        double memory = roof.memorySeconds(opBytes);
        flops[i] += opFlops * count;
        bytes[i] += opBytes * count;
        computeSeconds[i] += compute * count;
        memorySeconds[i] += memory * count;
        seconds[i] += Math.max(compute, memory) * count;
        present[i] = true;
    }

    /** {@return the pass's time: every operation's, in operation order, plus communication} */
    double seconds() {
        double sum = 0;
        for (double s : seconds) {
            sum += s;
        }
        return sum + communicationSeconds;
    }

    /** {@return whether arithmetic takes at least as long as memory traffic over the whole pass} */
    Bound bound() {
        double compute = 0;
        double memory = 0;
        for (int i = 0; i < OPERATIONS.length; i++) {
            compute += computeSeconds[i];
            memory += memorySeconds[i];
        }
        return compute >= memory ? Bound.COMPUTE : Bound.MEMORY;
    }

    /** {@return the FLOPs of the pass on one device} */
    double flops() {
        double sum = 0;
        for (double f : flops) {
            sum += f;
        }
        return sum;
    }

    PhaseAnalysis analysis(Phase phase) {
        EnumMap<Operation, Placement> operations = new EnumMap<>(Operation.class);
        for (Operation op : OPERATIONS) {
            int i = op.ordinal();
            if (present[i]) {
                operations.put(
                        op,
                        Placement.of(
                                Flops.of(flops[i]),
                                Bytes.of(bytes[i]),
                                computeSeconds[i],
                                memorySeconds[i],
                                seconds[i]));
            }
        }
        return new PhaseAnalysis(phase, operations, Seconds.of(communicationSeconds));
    }
}
