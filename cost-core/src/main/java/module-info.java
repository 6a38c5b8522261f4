import org.jspecify.annotations.NullMarked;

/**
 * llm-cost core: the arithmetic of a transformer.
 *
 * <p>Quantities with units ({@link io.github.llmcost.core.Flops}, {@link io.github.llmcost.core.Bytes}), numeric
 * formats, {@link io.github.llmcost.core.ModelSpec}, {@link io.github.llmcost.core.Workload}, FLOP counts under both
 * accounting conventions, parameter counts, weight bytes, KV-cache sizes and model presets. Its only run-time
 * dependency is JSpecify.
 */
@NullMarked
module io.github.llmcost.core {
    requires static transitive org.jspecify;
    requires static org.immutables.value;

    exports io.github.llmcost.core;
    exports io.github.llmcost.core.internal to
            io.github.llmcost.hardware,
            io.github.llmcost.economics;
}
