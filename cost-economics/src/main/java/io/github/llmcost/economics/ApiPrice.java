package io.github.llmcost.economics;

import io.github.llmcost.core.internal.Check;
import java.time.LocalDate;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * A hosted model's list price per million tokens, with its source and the date it was read.
 *
 * <p>Immutable and thread-safe. Presets are in {@link ApiPriceBook}.
 */
@Value.Immutable
public abstract class ApiPrice {
    ApiPrice() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the provider, such as {@code "Google"}} */
    public abstract String provider();

    /** {@return the model, such as {@code "Gemini 2.5 Flash-Lite"}} */
    public abstract String model();

    /** {@return US dollars per million input tokens} */
    public abstract double inputUsdPerMillion();

    /** {@return US dollars per million output tokens} */
    public abstract double outputUsdPerMillion();

    /** {@return US dollars per million cached input tokens, where the provider discounts them} */
    public abstract OptionalDouble cachedInputUsdPerMillion();

    /** {@return where the price was read} */
    public abstract String source();

    /** {@return when the price was read or took effect} */
    public abstract LocalDate asOf();

    /** {@return the price of one input token} */
    public Money perInputToken() {
        return Money.of(inputUsdPerMillion() / 1e6);
    }

    /** {@return the price of one output token} */
    public Money perOutputToken() {
        return Money.of(outputUsdPerMillion() / 1e6);
    }

    /**
     * A blended price per million tokens for a mix of input and output.
     *
     * @param inputShare fraction of tokens that are input, in [0, 1]
     * @return {@code inputShare x input + (1 - inputShare) x output}, per million
     */
    public Money blendedPerMillion(double inputShare) {
        if (!(inputShare >= 0 && inputShare <= 1)) {
            throw new IllegalArgumentException("inputShare (" + inputShare + ") must be in [0, 1]");
        }
        return Money.of(inputShare * inputUsdPerMillion() + (1 - inputShare) * outputUsdPerMillion());
    }

    /**
     * How many times this price's output tokens cost a given cost.
     *
     * @param costPerMillionOutputTokens a self-hosted cost, not zero
     * @return the ratio, above 1 where the API charges more
     */
    public double outputPriceOver(Money costPerMillionOutputTokens) {
        return Money.of(outputUsdPerMillion()).dividedBy(costPerMillionOutputTokens);
    }

    @Value.Check
    void check() {
        Check.nonNegative("inputUsdPerMillion", inputUsdPerMillion());
        Check.nonNegative("outputUsdPerMillion", outputUsdPerMillion());
        if (cachedInputUsdPerMillion().isPresent()) {
            Check.nonNegative(
                    "cachedInputUsdPerMillion", cachedInputUsdPerMillion().getAsDouble());
        }
    }

    @Override
    public String toString() {
        return provider() + " " + model() + ": " + Money.of(inputUsdPerMillion()) + " in / "
                + Money.of(outputUsdPerMillion()) + " out per million (" + asOf() + ")";
    }

    /** Builds an {@link ApiPrice}. */
    public static final class Builder extends ImmutableApiPrice.Builder {
        Builder() {}
    }
}
