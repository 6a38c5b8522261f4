package io.github.llmcost.hardware.serving.sim;

import java.util.SplittableRandom;

/** Standard normal draws by the Box-Muller transform (one of the pair; simple and deterministic). */
final class Normal {
    private Normal() {}

    static double draw(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
