package io.github.llmcost.economics;

import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.HardwareSpec;
import org.immutables.value.Value;

/**
 * What a device costs per hour and how much of that hour does useful work.
 *
 * <p>Utilisation is the fraction of paid hours the device spends serving at the modelled throughput: at 30% every
 * useful token carries {@code 1/0.3} of the hourly price. Cost per token is therefore inversely proportional to
 * utilisation.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * GpuPricing.of(2.50).costPerToken(185);                 // $0.00000375
 * GpuPricing.of(2.50).withUtilization(0.3).costPerToken(185).multipliedBy(1e6);   // $12.51 per million
 * }</pre>
 */
@Value.Immutable
public abstract class GpuPricing {
    /**
     * The article's H100 rental price, US dollars per hour (section 5.6: "$2.50/hr"), used to reproduce its figures;
     * the H100 preset carries a current market price instead.
     */
    public static final double ARTICLE_H100_USD_PER_HOUR = 2.50;

    /**
     * The most a device-hour may cost, US dollars: {@value}. No device rents for more; a larger figure is a typing
     * error, and would overflow the costs computed from it.
     */
    public static final double MAX_USD_PER_DEVICE_HOUR = 1e6;

    GpuPricing() {}

    /**
     * A price at full utilisation.
     *
     * @param usdPerDeviceHour US dollars per device-hour, finite and {@code > 0}
     * @return the pricing
     */
    public static GpuPricing of(double usdPerDeviceHour) {
        return ImmutableGpuPricing.builder().usdPerDeviceHour(usdPerDeviceHour).build();
    }

    /**
     * The rental price of a hardware preset.
     *
     * @param hardware the chip
     * @return the pricing, at full utilisation
     * @throws IllegalArgumentException if the chip carries no price (consumer and edge devices)
     */
    public static GpuPricing of(HardwareSpec hardware) {
        if (hardware.rentalUsdPerHour().isEmpty()) {
            throw new IllegalArgumentException(
                    "hardware (" + hardware.name() + ") has no rental price; give a price per device-hour");
        }
        return of(hardware.rentalUsdPerHour().getAsDouble());
    }

    /** {@return US dollars per device-hour} */
    public abstract double usdPerDeviceHour();

    /** {@return the fraction of paid hours doing useful work, in (0, 1]; 1 by default} */
    @Value.Default
    public double utilization() {
        return 1;
    }

    /**
     * A copy at another utilisation.
     *
     * @param utilization in (0, 1]
     * @return the copy
     */
    public abstract GpuPricing withUtilization(double utilization);

    /** {@return the price of one device-hour} */
    public Money perDeviceHour() {
        return Money.of(usdPerDeviceHour());
    }

    /**
     * The cost of each token produced at a throughput, on one device.
     *
     * @param tokensPerSecond tokens per second of the device, finite and {@code > 0}
     * @return {@code price / (3600 x tokensPerSecond x utilization)}
     */
    public Money costPerToken(double tokensPerSecond) {
        Check.positive("tokensPerSecond", tokensPerSecond);
        return Money.of(usdPerDeviceHour() / (3600 * tokensPerSecond * utilization()));
    }

    /**
     * The cost of a span of busy time on some devices.
     *
     * @param seconds busy time, finite and {@code >= 0}
     * @param devices devices busy, {@code >= 1}
     * @return {@code devices x price x seconds / 3600 / utilization}
     */
    public Money costOf(double seconds, int devices) {
        Check.nonNegative("seconds", seconds);
        Check.positive("devices", devices);
        return Money.of(devices * usdPerDeviceHour() * seconds / 3600 / utilization());
    }

    @Value.Check
    void check() {
        Check.positive("usdPerDeviceHour", usdPerDeviceHour());
        if (usdPerDeviceHour() > MAX_USD_PER_DEVICE_HOUR) {
            throw new IllegalArgumentException(
                    "usdPerDeviceHour (" + usdPerDeviceHour() + ") must be at most " + MAX_USD_PER_DEVICE_HOUR);
        }
        Check.fraction("utilization", utilization());
    }

    @Override
    public String toString() {
        return perDeviceHour() + " per device-hour at " + Math.round(utilization() * 100) + "% utilization";
    }
}
