package io.github.llmcost.economics;

import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;

/**
 * Energy per token from a device's power and the throughput it serves, and its electricity cost.
 *
 * <p>Joules per output token: {@code devices x TDP / aggregate decode tokens per second}, the board at full power the
 * whole step (an upper bound: memory-bound decode often draws less). Electricity per million tokens multiplies by a
 * data-centre PUE (1.0 by default) and the price of a kWh.
 *
 * <p>Immutable and thread-safe.
 */
public final class EnergyCost {
    private final InferencePerformance performance;
    private final double usdPerKwh;
    private final double powerUsageEffectiveness;

    private EnergyCost(InferencePerformance performance, double usdPerKwh, double powerUsageEffectiveness) {
        this.performance = performance;
        this.usdPerKwh = usdPerKwh;
        this.powerUsageEffectiveness = powerUsageEffectiveness;
    }

    /**
     * Energy of a configuration.
     *
     * @param performance the configuration
     * @param usdPerKwh the price of electricity, finite and {@code >= 0}
     * @param powerUsageEffectiveness facility power over IT power, finite and {@code >= 1}
     * @return the calculator
     */
    public static EnergyCost of(InferencePerformance performance, double usdPerKwh, double powerUsageEffectiveness) {
        Check.nonNegative("usdPerKwh", usdPerKwh);
        if (!(powerUsageEffectiveness >= 1 && Double.isFinite(powerUsageEffectiveness))) {
            throw new IllegalArgumentException(
                    "powerUsageEffectiveness (" + powerUsageEffectiveness + ") must be finite and >= 1");
        }
        return new EnergyCost(performance, usdPerKwh, powerUsageEffectiveness);
    }

    /** {@return joules drawn per output token} */
    public double joulesPerOutputToken() {
        return joulesPerToken(
                performance.tensorParallel(), performance.hardware(), performance.decodeTokensPerSecond());
    }

    /** {@return the electricity cost of a million output tokens} */
    public Money electricityCostPerMillionOutputTokens() {
        return electricityCostPerMillionTokens(joulesPerOutputToken(), usdPerKwh, powerUsageEffectiveness);
    }

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

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%.3g J per output token, %s electricity per million",
                joulesPerOutputToken(),
                electricityCostPerMillionOutputTokens());
    }
}
