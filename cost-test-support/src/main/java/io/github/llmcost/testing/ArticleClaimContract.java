package io.github.llmcost.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The article's worked numbers, computed through the public API: a test class implements this interface and supplies
 * a static {@code claims()} of {@link #claim} rows, each the claim, the value the article prints, a relative tolerance
 * saying how loosely the article rounds ("about 68 billion" for 68.7 billion gets 1.5%; exact counts get 0), and the
 * computation.
 */
public interface ArticleClaimContract {
    /**
     * One claim of the article.
     *
     * @param claim the section and what it says, for the report
     * @param articleValue the value the article prints
     * @param relativeTolerance how far, relative to the article's value, the computed value may be
     * @param computed the computation through the API
     * @return the row
     */
    static Arguments claim(String claim, double articleValue, double relativeTolerance, DoubleSupplier computed) {
        return Arguments.of(claim, articleValue, relativeTolerance, computed);
    }

    /**
     * The computed value is the article's within the claim's relative tolerance (and 10<sup>-12</sup> absolute, for
     * the rounding of exact figures).
     *
     * @param claim the claim
     * @param articleValue the article's value
     * @param relativeTolerance the relative tolerance
     * @param computed the computation
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    default void articleClaim(String claim, double articleValue, double relativeTolerance, DoubleSupplier computed) {
        double value = computed.getAsDouble();
        assertThat(value)
                .as("%s: article %s, computed %s", claim, articleValue, value)
                .isCloseTo(articleValue, within(Math.abs(articleValue) * relativeTolerance + 1e-12));
    }
}
