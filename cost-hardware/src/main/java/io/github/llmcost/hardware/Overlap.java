package io.github.llmcost.hardware;

/** How a linear layer's compute and memory times combine into its time (moved out of {@link CompiledPerformance}). */
final class Overlap {
    private Overlap() {}

    /**
     * A linear layer's time from its compute and memory times: the larger, or their p-norm.
     *
     * @param p the calibration's overlap exponent: 0 for the larger, else the p-norm's exponent
     * @param compute the compute time
     * @param memory the memory time
     * @return the time
     */
    static double combine(double p, double compute, double memory) {
        if (p == 0) {
            return Math.max(compute, memory);
        }
        if (p == 2) {
            return Math.sqrt(compute * compute + memory * memory);
        }
        // scaled by the larger, so that high exponents of microsecond times do not underflow
        double larger = Math.max(compute, memory);
        return larger == 0 ? 0 : larger * Math.pow(Math.pow(compute / larger, p) + Math.pow(memory / larger, p), 1 / p);
    }
}
