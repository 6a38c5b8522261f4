import org.jspecify.annotations.NullMarked;

/**
 * llm-cost hardware: machines and time. Chips and their presets, the roofline, prefill and decode latency and
 * throughput, the memory budget, concurrency and tensor parallelism; and, in {@code .calibration}, fitting the
 * efficiencies and overheads to measurements.
 */
@NullMarked
module io.github.llmcost.hardware {
    requires static transitive org.jspecify;
    requires static org.immutables.value;
    requires transitive io.github.llmcost.core;
    requires com.fasterxml.jackson.databind;

    exports io.github.llmcost.hardware;
    exports io.github.llmcost.hardware.calibration;
    exports io.github.llmcost.hardware.serving;
    exports io.github.llmcost.hardware.serving.sim;
}
