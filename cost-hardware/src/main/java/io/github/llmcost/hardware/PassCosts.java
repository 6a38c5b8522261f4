package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Seconds;
import java.util.EnumMap;
import org.jspecify.annotations.Nullable;

/**
 * The totals of one forward pass (a prefill or a decode step) on one device, in plain numbers: what {@link
 * CompiledPerformance} returns so that sweeps allocate one small object per pass. {@link PhaseAnalysis} has the same
 * pass operation by operation.
 *
 * <p>Immutable and thread-safe.
 */
@SuppressWarnings("EnumOrdinal") // dense arrays indexed by Operation, as EnumMap does internally
public final class PassCosts {
    private static final Operation[] OPERATIONS = Operation.values();

    private static final int N = OPERATIONS.length;
    private static final int FLOPS = 0;
    private static final int BYTES = N;
    private static final int COMPUTE = 2 * N;
    private static final int MEMORY = 3 * N;
    private static final int SECONDS = 4 * N;

    private final double flops;
    private final double computeSeconds;
    private final double memorySeconds;
    private final double seconds;
    private final double communicationSeconds;
    private final double overheadSeconds;
    /** Per operation, five rows: FLOPs, bytes, compute seconds, memory seconds, seconds; null unless detailed. */
    private final double @Nullable [] detail;

    PassCosts(
            double flops,
            double computeSeconds,
            double memorySeconds,
            double seconds,
            double communicationSeconds,
            double overheadSeconds,
            double @Nullable [] detail) {
        this.flops = flops;
        this.computeSeconds = computeSeconds;
        this.memorySeconds = memorySeconds;
        this.seconds = seconds;
        this.communicationSeconds = communicationSeconds;
        this.overheadSeconds = overheadSeconds;
        this.detail = detail;
    }

    /** {@return a zeroed array for {@link #record}} */
    static double[] newDetail() {
        return new double[5 * N];
    }

    /** Adds {@code count} identical copies of one operation's (by ordinal) placement to a detail array. */
    static void record(
            double[] detail,
            int op,
            double flops,
            double bytes,
            double computeSeconds,
            double memorySeconds,
            double seconds,
            int count) {
        detail[FLOPS + op] += flops * count;
        detail[BYTES + op] += bytes * count;
        detail[COMPUTE + op] += computeSeconds * count;
        detail[MEMORY + op] += memorySeconds * count;
        detail[SECONDS + op] += seconds * count;
    }

    /**
     * This pass as one micro-batch of a pipelined pass: times scaled by {@code timeFactor}, FLOPs and bytes by {@code
     * workFactor}, and the sends between stages added to communication ({@link ParallelLayout#pipelined}).
     */
    PassCosts pipelined(double timeFactor, double workFactor, double sendSeconds) {
        double[] d = detail;
        double[] scaled = null;
        if (d != null) {
            scaled = newDetail();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = d[i] * (i < COMPUTE ? workFactor : timeFactor);
            }
        }
        return new PassCosts(
                flops * workFactor,
                computeSeconds * timeFactor,
                memorySeconds * timeFactor,
                seconds * timeFactor,
                communicationSeconds * timeFactor + sendSeconds,
                overheadSeconds * timeFactor,
                scaled);
    }

    /**
     * {@return this pass plus {@code times} copies of another, field by field (detail too, where both have it): how
     * {@link SpeculativeRound} adds a round's draft passes to its verification}
     */
    PassCosts plus(PassCosts other, double times) {
        double[] mine = detail;
        double[] theirs = other.detail;
        double[] sum = null;
        if (mine != null && theirs != null) {
            sum = mine.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += times * theirs[i];
            }
        }
        return new PassCosts(
                flops + times * other.flops,
                computeSeconds + times * other.computeSeconds,
                memorySeconds + times * other.memorySeconds,
                seconds + times * other.seconds,
                communicationSeconds + times * other.communicationSeconds,
                overheadSeconds + times * other.overheadSeconds,
                sum);
    }

    /** {@return this pass with every figure multiplied by {@code factor}: a round's share per output token} */
    PassCosts scaled(double factor) {
        return new PassCosts(0, 0, 0, 0, 0, 0, detail == null ? null : newDetail()).plus(this, factor);
    }

    /** {@return the pass's FLOPs on one device, every operation's} */
    public double flops() {
        return flops;
    }

    /** {@return the pass's time in seconds: every operation's, plus communication and overhead} */
    public double seconds() {
        return seconds + communicationSeconds + overheadSeconds;
    }

    /** {@return the pass's time: every operation's, plus communication and overhead} */
    public Seconds time() {
        return Seconds.of(seconds());
    }

    /**
     * {@return seconds spent communicating: tensor-parallel all-reduces, expert-parallel all-to-alls and sends between
     * pipeline stages}
     */
    public double communicationSeconds() {
        return communicationSeconds;
    }

    /** {@return the pass's fixed overhead in seconds} */
    public double overheadSeconds() {
        return overheadSeconds;
    }

    /** {@return whether arithmetic takes at least as long as memory traffic over the whole pass} */
    public Bound bound() {
        return computeSeconds >= memorySeconds ? Bound.COMPUTE : Bound.MEMORY;
    }

    @Override
    public String toString() {
        return "PassCosts[" + time() + ", " + Flops.of(flops) + ", " + bound() + "-bound]";
    }

    /** {@return the pass operation by operation; needs a detailed pass} */
    PhaseAnalysis analysis(Phase phase) {
        double[] d = detail;
        if (d == null) {
            throw new IllegalStateException("analysis needs a pass costed in detail");
        }
        EnumMap<Operation, Placement> operations = new EnumMap<>(Operation.class);
        for (Operation op : OPERATIONS) {
            int i = op.ordinal();
            if (d[FLOPS + i] > 0 || d[BYTES + i] > 0) { // recorded when they compute or move (a convolution's state)
                operations.put(
                        op,
                        Placement.of(
                                Flops.of(d[FLOPS + i]),
                                Bytes.of(d[BYTES + i]),
                                d[COMPUTE + i],
                                d[MEMORY + i],
                                d[SECONDS + i]));
            }
        }
        return new PhaseAnalysis(phase, operations, Seconds.of(communicationSeconds), Seconds.of(overheadSeconds));
    }
}
