package io.github.llmcost.economics.plan;

import io.github.llmcost.economics.ApiPrice;
import io.github.llmcost.economics.Money;
import java.util.Objects;

/**
 * What a plan's traffic would cost through a hosted API instead: every request's uncached prompt tokens at the input
 * price, its prefix hits at the cached-input price (the input price where the provider has none), and its output
 * tokens at the output price.
 *
 * @param api the price
 * @param perMonth the traffic's cost over {@value PlanRequest#HOURS_PER_MONTH} hours
 * @param perMillionTokensBlended the cost of a million tokens of either kind, in the traffic's mix
 */
public record ApiCost(ApiPrice api, Money perMonth, Money perMillionTokensBlended) {
    /**
     * Checks every field is present.
     *
     * @param api the price
     * @param perMonth the traffic's cost per month
     * @param perMillionTokensBlended the cost of a million tokens
     */
    public ApiCost {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(perMonth, "perMonth");
        Objects.requireNonNull(perMillionTokensBlended, "perMillionTokensBlended");
    }
}
