package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Seconds;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One pass of a phase on one device, operation by operation: each operation's FLOPs, bytes, intensity and bound,
 * summed over layers, plus the time spent in tensor-parallel all-reduces and the pass's fixed overhead.
 *
 * <p>Immutable and thread-safe.
 */
public final class PhaseAnalysis {
    private final Phase phase;
    private final Map<Operation, Placement> operations;
    private final Seconds communication;
    private final Seconds overhead;

    PhaseAnalysis(Phase phase, EnumMap<Operation, Placement> operations, Seconds communication, Seconds overhead) {
        this.phase = phase;
        this.operations = Collections.unmodifiableMap(operations);
        this.communication = communication;
        this.overhead = overhead;
    }

    /** {@return the phase} */
    public Phase phase() {
        return phase;
    }

    /** {@return each operation's placement, summed over layers, in {@link Operation} order} */
    public Map<Operation, Placement> operations() {
        return operations;
    }

    /**
     * The placement of one operation.
     *
     * @param operation which one
     * @return its placement, {@link Placement#EMPTY} if the model does not have it
     */
    public Placement operation(Operation operation) {
        return operations.getOrDefault(operation, Placement.EMPTY);
    }

    /** {@return all operations together} */
    public Placement total() {
        Placement sum = Placement.EMPTY;
        for (Placement p : operations.values()) {
            sum = sum.plus(p);
        }
        return sum;
    }

    /** {@return time spent in all-reduces between tensor-parallel devices} */
    public Seconds communicationTime() {
        return communication;
    }

    /** {@return the pass's fixed overhead (the calibration's layer and step overheads)} */
    public Seconds overheadTime() {
        return overhead;
    }

    /** {@return the pass's time: every operation's time plus communication and overhead} */
    public Seconds time() {
        return total().time().plus(communication).plus(overhead);
    }

    /** {@return the FLOPs of the pass on one device} */
    public Flops flops() {
        return total().flops();
    }

    /** {@return the bytes the pass moves on one device} */
    public Bytes bytes() {
        return total().bytes();
    }

    /** {@return the binding limit of the pass as a whole} */
    public Bound bound() {
        return total().bound();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(phase)
                .append(": ")
                .append(time())
                .append(", ")
                .append(bound())
                .append("-bound");
        for (Map.Entry<Operation, Placement> e : operations.entrySet()) {
            out.append(String.format(
                    Locale.ROOT, "%n  %-22s %s", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        }
        if (communication.toSeconds() > 0) {
            out.append(String.format(Locale.ROOT, "%n  %-22s %s", "communication", communication));
        }
        if (overhead.toSeconds() > 0) {
            out.append(String.format(Locale.ROOT, "%n  %-22s %s", "pass overhead", overhead));
        }
        return out.toString();
    }
}
