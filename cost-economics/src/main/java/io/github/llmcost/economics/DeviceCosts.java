package io.github.llmcost.economics;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * What running a model on users' own devices costs its operator (the article's section 7.1), and the battery power
 * the user pays for.
 *
 * <p>Defaults are the article's: a $0.30 licence per device at OEM scale (its range: $0.10-$0.50; $1-5 for
 * enterprise), a 3-year device life, CDN at $0.01 per device per update (range $0.01-$0.05) with no updates unless
 * set, 5 W of battery draw while generating (range 3-8 W), electricity at $0.15 per kWh, and no fixed engineering
 * cost unless set.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class DeviceCosts {
    DeviceCosts() {}

    /** {@return a new builder, starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the article's defaults} */
    public static DeviceCosts articleDefaults() {
        return builder().build();
    }

    /** {@return model licence per device, US dollars, paid once} */
    @Value.Default
    public double licenceUsdPerDevice() {
        return 0.30;
    }

    /** {@return months a device is in use, over which the licence is amortised} */
    @Value.Default
    public double deviceLifeMonths() {
        return 36;
    }

    /** {@return CDN cost of shipping one model update to one device, US dollars} */
    @Value.Default
    public double cdnUsdPerUpdate() {
        return 0.01;
    }

    /** {@return model updates shipped per month} */
    @Value.Default
    public double updatesPerMonth() {
        return 0;
    }

    /** {@return battery power drawn while the model generates, watts} */
    @Value.Default
    public double batteryWatts() {
        return 5;
    }

    /** {@return the price of electricity to recharge the battery, US dollars per kWh} */
    @Value.Default
    public double electricityUsdPerKwh() {
        return 0.15;
    }

    /** {@return per-platform engineering and operations, US dollars per month, whatever the fleet size} */
    @Value.Default
    public double fixedEngineeringUsdPerMonth() {
        return 0;
    }

    /** {@return the operator's cost per device per month: amortised licence plus CDN} */
    public Money perDevicePerMonth() {
        return Money.of(licenceUsdPerDevice() / deviceLifeMonths() + cdnUsdPerUpdate() * updatesPerMonth());
    }

    @Value.Check
    void check() {
        Check.nonNegative("licenceUsdPerDevice", licenceUsdPerDevice());
        Check.positive("deviceLifeMonths", deviceLifeMonths());
        Check.nonNegative("cdnUsdPerUpdate", cdnUsdPerUpdate());
        Check.nonNegative("updatesPerMonth", updatesPerMonth());
        Check.nonNegative("batteryWatts", batteryWatts());
        Check.nonNegative("electricityUsdPerKwh", electricityUsdPerKwh());
        Check.nonNegative("fixedEngineeringUsdPerMonth", fixedEngineeringUsdPerMonth());
    }

    /** Builds {@link DeviceCosts}; unset fields keep the article's defaults. */
    public static final class Builder extends ImmutableDeviceCosts.Builder {
        Builder() {}
    }
}
