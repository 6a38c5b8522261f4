package io.github.llmcost.economics;

import io.github.llmcost.hardware.HardwareSpec;

/**
 * Energy per token from a device's power and the throughput it serves, and its electricity cost: the formulas {@link
 * Estimate#joulesPerOutputToken()} and {@link Estimate#electricityCostPerMillionOutputTokens()} read, the one place
 * each is written.
 *
 * <p>Joules per output token: {@code devices x TDP / aggregate decode tokens per second}, the board at full power the
 * whole step (an upper bound: memory-bound decode often draws less). Electricity per million tokens multiplies by a
 * data-centre PUE and the price of a kWh.
 */
final class EnergyCost {
    private EnergyCost() {}

    /** The electricity a million tokens draw at {@code joulesPerToken}, priced: the one formula an estimate shares. */
    static Money electricityCostPerMillionTokens(
            double joulesPerToken, double usdPerKwh, double powerUsageEffectiveness) {
        double kwh = joulesPerToken * 1e6 / 3.6e6 * powerUsageEffectiveness;
        return Money.of(kwh * usdPerKwh);
    }

    /** Joules per token of {@code devices} devices at their TDP producing {@code tokensPerSecond}. */
    static double joulesPerToken(int devices, HardwareSpec hardware, double tokensPerSecond) {
        return devices * hardware.tdpWatts() / tokensPerSecond;
    }
}
