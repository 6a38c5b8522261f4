package io.github.llmcost.economics;

import io.github.llmcost.core.internal.Check;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The article's section 7: monthly cost of serving a usage profile from the cloud (metered per token) against running
 * the model on the users' devices (a fixed cost per device plus fixed engineering), and where one overtakes the other.
 *
 * <p>The operator's on-device cost does not grow with usage: licence amortised over the device's life, CDN for
 * updates, and fixed engineering. The battery energy generation draws is the user's, reported apart by {@link
 * #monthlyUserEnergyCost()}; it needs the device's generation speed, which {@code cost-hardware} predicts (the phone
 * preset with an INT4 model).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * EdgeVsCloud edge = EdgeVsCloud.of(DeviceCosts.articleDefaults(), UsageProfile.of(100_000_000, 50, 750),
 *     Money.of(0.30), 20);
 * edge.monthlyCloudCost();      // $1,125,000
 * }</pre>
 */
public final class EdgeVsCloud {
    private final DeviceCosts device;
    private final UsageProfile usage;
    private final Money cloudCostPerMillionTokens;
    private final double onDeviceTokensPerSecond;

    private EdgeVsCloud(
            DeviceCosts device, UsageProfile usage, Money cloudCostPerMillionTokens, double onDeviceTokensPerSecond) {
        this.device = device;
        this.usage = usage;
        this.cloudCostPerMillionTokens = cloudCostPerMillionTokens;
        this.onDeviceTokensPerSecond = onDeviceTokensPerSecond;
    }

    /**
     * A comparison.
     *
     * @param device the on-device costs
     * @param usage the usage profile
     * @param cloudCostPerMillionTokens what the cloud charges per million tokens (an API's blended price, or a
     *     self-hosted cost from {@link ServingCost})
     * @param onDeviceTokensPerSecond generation speed on the device, for battery energy, finite and {@code > 0}
     * @return the comparison
     */
    public static EdgeVsCloud of(
            DeviceCosts device, UsageProfile usage, Money cloudCostPerMillionTokens, double onDeviceTokensPerSecond) {
        Check.nonNegative("cloudCostPerMillionTokens", cloudCostPerMillionTokens.toUsd());
        Check.positive("onDeviceTokensPerSecond", onDeviceTokensPerSecond);
        return new EdgeVsCloud(device, usage, cloudCostPerMillionTokens, onDeviceTokensPerSecond);
    }

    /** {@return the device costs} */
    public DeviceCosts device() {
        return device;
    }

    /** {@return the usage profile} */
    public UsageProfile usage() {
        return usage;
    }

    /**
     * A copy with another usage profile.
     *
     * @param other the usage
     * @return the copy
     */
    public EdgeVsCloud withUsage(UsageProfile other) {
        return new EdgeVsCloud(device, other, cloudCostPerMillionTokens, onDeviceTokensPerSecond);
    }

    /** {@return the cloud bill per month: every token metered} */
    public Money monthlyCloudCost() {
        return cloudCostPerMillionTokens.multipliedBy(usage.tokensPerMonth() / 1e6);
    }

    /** {@return the operator's on-device cost per month: per-device costs for every user, plus fixed engineering} */
    public Money monthlyOnDeviceCost() {
        return device.perDevicePerMonth()
                .multipliedBy((double) usage.monthlyActiveUsers())
                .plus(Money.of(device.fixedEngineeringUsdPerMonth()));
    }

    /**
     * {@return how many times the cloud bill is the on-device cost}
     *
     * @throws IllegalArgumentException if the on-device cost is zero (no users, or free licences and no updates)
     */
    public double cloudOverOnDevice() {
        Money onDevice = monthlyOnDeviceCost();
        if (!(onDevice.toUsd() > 0)) {
            throw new IllegalArgumentException(
                    "monthlyOnDeviceCost (" + onDevice + ") must be > 0 to compare with the cloud");
        }
        return monthlyCloudCost().dividedBy(onDevice);
    }

    /** {@return tokens one user generates over the device's life} */
    public double tokensOverDeviceLife() {
        return usage.tokensPerUserPerMonth() * device.deviceLifeMonths();
    }

    /** {@return the licence spread over the tokens of a device's life, per million tokens} */
    public Money licencePerMillionTokens() {
        Check.positive("tokensOverDeviceLife", tokensOverDeviceLife());
        return Money.of(device.licenceUsdPerDevice() / (tokensOverDeviceLife() / 1e6));
    }

    /** {@return joules of battery per generated token: watts over tokens per second} */
    public double joulesPerTokenOnDevice() {
        return device.batteryWatts() / onDeviceTokensPerSecond;
    }

    /** {@return what all users together pay per month to recharge the energy generation drew} */
    public Money monthlyUserEnergyCost() {
        double kwh = joulesPerTokenOnDevice() * usage.tokensPerMonth() / 3.6e6;
        return Money.of(kwh * device.electricityUsdPerKwh());
    }

    /**
     * {@return requests per user per month above which on-device costs less per user (fixed engineering not counted):
     * per-device monthly cost over the cloud cost of one request}, empty if the cloud costs nothing
     */
    public OptionalDouble crossoverRequestsPerUserPerMonth() {
        double perRequest = cloudCostPerMillionTokens.toUsd() * usage.tokensPerRequest() / 1e6;
        return perRequest > 0
                ? OptionalDouble.of(device.perDevicePerMonth().toUsd() / perRequest)
                : OptionalDouble.empty();
    }

    /**
     * {@return the monthly active users above which on-device wins once fixed engineering is counted: fixed cost over
     * the per-user saving}, empty if on-device never wins at this request rate
     */
    public OptionalDouble monthlyActiveUserThreshold() {
        double cloudPerUser = cloudCostPerMillionTokens.toUsd() * usage.tokensPerUserPerMonth() / 1e6;
        double saving = cloudPerUser - device.perDevicePerMonth().toUsd();
        return saving > 0 ? OptionalDouble.of(device.fixedEngineeringUsdPerMonth() / saving) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        String ratio =
                monthlyOnDeviceCost().toUsd() > 0 ? String.format(Locale.ROOT, " (%.1fx)", cloudOverOnDevice()) : "";
        return String.format(
                Locale.ROOT,
                "%,d MAU x %.0f requests x %.0f tokens: cloud %s/month, on-device %s/month%s",
                usage.monthlyActiveUsers(),
                usage.requestsPerUserPerMonth(),
                usage.tokensPerRequest(),
                monthlyCloudCost(),
                monthlyOnDeviceCost(),
                ratio);
    }
}
