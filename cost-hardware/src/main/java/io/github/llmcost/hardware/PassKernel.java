package io.github.llmcost.hardware;

import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.LayerGroup;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.TensorRole;
import io.github.llmcost.core.WeightBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model's passes compiled, once per model and convention, into rows of coefficients, so that costing a pass is a
 * few multiply-adds per row and allocates nothing.
 *
 * <p>A row is one or more operations of one layer group that cost exactly the same: the same kind (matrix, routed
 * experts, quadratic) and the same coefficients. Llama's Q and O projections are one row, K and V another, gate, up
 * and down a third, scores and aggregation a fourth, so a pass of Llama 3.1 8B is four rows and the lm_head. Layers
 * that keep a fixed state (convolution, state-space, linear attention) add a {@link #STATE} row. The
 * rows come from {@link FlopCounter}'s public coefficients, so a pass costed here counts the FLOPs the counter
 * counts.
 *
 * <p>Each {@link CompiledPerformance} builds its own: the library caches a deployment's compiled form, not its parts.
 */
@SuppressWarnings("EnumOrdinal") // rows list operations by ordinal for the dense arrays of PassCosts
final class PassKernel {
    /** A row whose weights are read once per pass whatever the tokens. */
    static final int MATRIX = 0;
    /** A row of routed-expert matrices: the weights read grow with the experts the pass's tokens touch. */
    static final int EXPERTS = 1;
    /** A row of attention scores or aggregation: FLOPs per (query, key) pair, bytes from the cache. */
    static final int QUADRATIC = 2;
    /**
     * A row of the state update of a layer that keeps a fixed state: FLOPs per token, and each sequence's state read
     * and written once per pass, whatever its context; present even at zero FLOPs (LFM2's convolutions).
     */
    static final int STATE = 3;

    private static final Operation[] OPERATIONS = Operation.values();

    final FlopCounter counter;
    /** Layer groups: the first layer of each (for attention keys and the cache) and how many layers it stands for. */
    final int[] groupFirstLayer;

    final int[] groupCount;
    /** Rows, in group order and, within a group, in the order of their first operation. */
    final int rows;

    final int[] rowGroup;
    final int[] rowKind;
    /** FLOPs per token (MATRIX, EXPERTS, STATE) or per (query, key) pair (QUADRATIC), one operation's. */
    final double[] rowFlops;
    /**
     * Weight elements of one operation: all of them (MATRIX), those per expert read (EXPERTS: times {@link
     * FlopCounter#expertsRead(long)}), 0 (QUADRATIC, STATE).
     */
    final double[] rowWeights;
    /** The operations of each row, by ordinal. */
    final int[][] rowOperations;

    private PassKernel(FlopCounter counter) {
        this.counter = counter;
        ModelSpec model = counter.model();
        List<LayerGroup> groups = model.layerGroups();
        groupFirstLayer = new int[groups.size()];
        groupCount = new int[groups.size()];
        List<int[]> kinds = new ArrayList<>(); // {group, kind}
        List<double[]> coefficients = new ArrayList<>(); // {flops, weights}
        List<int[]> operations = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int layer = groups.get(g).firstLayer();
            groupFirstLayer[g] = layer;
            groupCount[g] = groups.get(g).count();
            int groupStart = kinds.size();
            for (Operation op : OPERATIONS) {
                int kind;
                double flops;
                double weights;
                if (op == Operation.STATE_UPDATE) {
                    if (model.attentionKind(layer).keepsFixedState()) {
                        kinds.add(new int[] {g, STATE});
                        coefficients.add(new double[] {counter.tokenFlops(layer, op), 0});
                        operations.add(new int[] {op.ordinal()});
                    }
                    continue;
                } else if (op.isQuadratic()) {
                    kind = QUADRATIC;
                    flops = counter.keyFlops(layer, op);
                    weights = 0;
                } else if (counter.readsExperts(layer, op)) {
                    kind = EXPERTS;
                    flops = counter.tokenFlops(layer, op);
                    // per expert read: a pass of T tokens reads weights x counter.expertsRead(T)
                    weights = counter.weightElements(layer, op, 1) / counter.expertsRead(1);
                } else {
                    kind = MATRIX;
                    flops = counter.tokenFlops(layer, op);
                    weights = flops == 0 ? 0 : counter.weightElements(layer, op, 1);
                }
                if (flops == 0) {
                    continue;
                }
                int same = -1;
                for (int r = groupStart; r < kinds.size() && same < 0; r++) {
                    if (kinds.get(r)[1] == kind
                            && coefficients.get(r)[0] == flops
                            && coefficients.get(r)[1] == weights) {
                        same = r;
                    }
                }
                if (same >= 0) {
                    int[] ops = operations.get(same);
                    int[] grown = Arrays.copyOf(ops, ops.length + 1);
                    grown[ops.length] = op.ordinal();
                    operations.set(same, grown);
                } else {
                    kinds.add(new int[] {g, kind});
                    coefficients.add(new double[] {flops, weights});
                    operations.add(new int[] {op.ordinal()});
                }
            }
        }
        rows = kinds.size();
        rowGroup = new int[rows];
        rowKind = new int[rows];
        rowFlops = new double[rows];
        rowWeights = new double[rows];
        rowOperations = new int[rows][];
        for (int r = 0; r < rows; r++) {
            rowGroup[r] = kinds.get(r)[0];
            rowKind[r] = kinds.get(r)[1];
            rowFlops[r] = coefficients.get(r)[0];
            rowWeights[r] = coefficients.get(r)[1];
            rowOperations[r] = operations.get(r);
        }
    }

    /**
     * Bytes per weight element of each row: the mean of the role its operations read, from a scheme's weight bytes,
     * so that a pass reading every matrix streams exactly the bytes memory holds for them (0 for quadratic and state
     * rows, which read no weights).
     *
     * @param stored the model's weight bytes under its scheme
     * @return one figure per row, then the lm_head's at index {@link #rows}
     */
    double[] weightBytesPerElement(WeightBytes stored) {
        double[] bytes = new double[rows + 1];
        bytes[rows] = stored.bytesPerParameter(TensorRole.LM_HEAD);
        for (int r = 0; r < rows; r++) {
            if (rowKind[r] != QUADRATIC && rowKind[r] != STATE) {
                Operation first = OPERATIONS[rowOperations[r][0]];
                bytes[r] = stored.bytesPerParameter(TensorRole.of(first, rowKind[r] == EXPERTS));
            }
        }
        return bytes;
    }

    /**
     * The kernel of a counter.
     *
     * @param counter the model's counter under a convention
     * @return its kernel
     */
    static PassKernel of(FlopCounter counter) {
        return new PassKernel(counter);
    }
}
