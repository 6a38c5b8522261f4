package io.github.llmcost.economics;

import static io.github.llmcost.testing.ArticleClaimContract.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.testing.ArticleClaimContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every dollar figure of the article's sections 5.6, 6 and 7 and its executive highlights, computed through the API.
 *
 * <p>Where the article slipped, the row asserts the correct value and says what the article printed: its section 6.2
 * multiplies $0.0000038 per token by a million and prints $0.0038 per million (it is $3.75), and the utilisation
 * figures and the "$0.004/M" floor of the highlights inherit the slip.
 */
class ArticleEconomicsTest implements ArticleClaimContract {
    private static final long K = 1024;
    private static final GpuPricing H100_PRICE = GpuPricing.of(GpuPricing.ARTICLE_H100_USD_PER_HOUR);
    private static final EdgeVsCloud EDGE_50 =
            EdgeVsCloud.of(DeviceCosts.articleDefaults(), UsageProfile.of(100_000_000, 50, 750), Money.of(0.30), 20);

    static Stream<Arguments> claims() {
        return Stream.of(
                // 5.6: $2.50 an hour shared by the users that fit: 278 at 4K, 34 at 32K, 8 at 128K.
                claim("5.6 user-hour at 4K", 0.009, 0.005, () -> userHour(4 * K)),
                claim("5.6 user-hour at 32K", 0.074, 0.01, () -> userHour(32 * K)),
                claim("5.6 user-hour at 128K", 0.31, 0.01, () -> userHour(128 * K)),
                claim("5.6 128K over 4K", 35, 0.01, () -> userHour(128 * K) / userHour(4 * K)),
                // 6.2: $2.50 / (3600 x 185) = $0.0000038 per token.
                claim(
                        "6.2 cost per token",
                        0.0000038,
                        0.015,
                        () -> H100_PRICE.costPerToken(185).toUsd()),
                // 6.2 prints "~$0.0038" per million: a slip for $3.75 (x 10^6, not x 10^3).
                claim(
                        "6.2 per million (article slip: $0.0038)",
                        3.754,
                        0.001,
                        () -> H100_PRICE.costPerToken(185).multipliedBy(1e6).toUsd()),
                // 6.2: 30% and 10% utilisation: the article's $0.013 and $0.038 carry the same slip.
                claim(
                        "6.2 at 30% (article slip: $0.013)",
                        12.51,
                        0.001,
                        () -> H100_PRICE
                                .withUtilization(0.3)
                                .costPerToken(185)
                                .multipliedBy(1e6)
                                .toUsd()),
                claim(
                        "6.2 at 10% (article slip: $0.038)",
                        37.54,
                        0.001,
                        () -> H100_PRICE
                                .withUtilization(0.1)
                                .costPerToken(185)
                                .multipliedBy(1e6)
                                .toUsd()),
                // Highlights: "10% vs 30% utilisation is a 3x cost swing".
                claim(
                        "highlights utilisation swing",
                        3,
                        0,
                        () -> H100_PRICE
                                .withUtilization(0.1)
                                .costPerToken(185)
                                .dividedBy(H100_PRICE.withUtilization(0.3).costPerToken(185))),
                // 6.3: APIs at $0.30 (Flash-Lite blended), $0.60 (GPT-4o mini output), $1.25 (Claude Haiku output)
                // are "8-40x above the floor"; against the 10% floor of the article's arithmetic ($0.038) that is
                // 7.9x and 32.9x; against the correct floor, $37.50, the APIs are cheaper.
                claim("6.3 GPT-4o mini output price", 0.60, 0, () -> ApiPriceBook.GPT_4O_MINI.outputUsdPerMillion()),
                claim(
                        "6.3 Claude 3 Haiku output price",
                        1.25,
                        0,
                        () -> ApiPriceBook.CLAUDE_3_HAIKU.outputUsdPerMillion()),
                claim(
                        "6.3 Claude Haiku over the 10% floor",
                        1.25 / 37.54,
                        0.001,
                        () -> ApiPriceBook.CLAUDE_3_HAIKU.outputPriceOver(H100_PRICE
                                .withUtilization(0.1)
                                .costPerToken(185)
                                .multipliedBy(1e6))),
                // 7.2: 50 interactions a day, 750 tokens, 3 years: about 41 million tokens; $0.30 over them is
                // roughly $0.007 per million.
                claim(
                        "7.2 tokens over device life",
                        41e6,
                        0.002,
                        () -> lifetime().tokensOverDeviceLife()),
                claim(
                        "7.2 licence per million tokens",
                        0.007,
                        0.05,
                        () -> lifetime().licencePerMillionTokens().toUsd()),
                // 7.2: 100M MAU at 50, 100 and 500 requests a month: cloud $1.125M, $2.25M, $11.25M.
                claim(
                        "7.2 cloud at 50 requests",
                        1.125e6,
                        0,
                        () -> EDGE_50.monthlyCloudCost().toUsd()),
                claim(
                        "7.2 cloud at 100 requests",
                        2.25e6,
                        0,
                        () -> EDGE_50.withUsage(EDGE_50.usage().withRequestsPerUserPerMonth(100))
                                .monthlyCloudCost()
                                .toUsd()),
                claim(
                        "7.2 cloud at 500 requests",
                        11.25e6,
                        0,
                        () -> EDGE_50.withUsage(EDGE_50.usage().withRequestsPerUserPerMonth(500))
                                .monthlyCloudCost()
                                .toUsd()),
                // 7.2: on-device "about $1.0M" a month: the $0.30 licence over 36 months is $0.83M; the article does
                // not say what else it counts (a 30-month life, or $0.36 a device, gives $1.0M).
                claim(
                        "7.2 on-device per month",
                        1.0e6,
                        0.2,
                        () -> EDGE_50.monthlyOnDeviceCost().toUsd()),
                // Highlights: "at 500 requests/user/month the on-device cost is 11x cheaper" (11.25 / 1.0; with
                // $0.83M it is 13.5x).
                claim(
                        "highlights 11x at 500 requests",
                        11,
                        0.25,
                        () -> EDGE_50.withUsage(EDGE_50.usage().withRequestsPerUserPerMonth(500))
                                .cloudOverOnDevice()));
    }

    @Test
    void fourteenBClassFloorAtBatchOneAndAtTheBatchMemoryAllows() {
        // 6.1-6.2 with the 14B class on an H100: batch 1 at 40-60% of the ceiling gives the article's 150-220
        // tokens/s; batching to the sessions memory holds moves the floor down by an order of magnitude.
        Estimate e = LlmCost.model(ModelPresets.ARTICLE_14B_CLASS)
                .hardware(HardwarePresets.H100_SXM)
                .weights(NumericFormat.INT4)
                .kvCache(NumericFormat.INT8)
                .efficiency(Efficiency.DEFAULT) // the article's plain roofline
                .pricePerHour(GpuPricing.ARTICLE_H100_USD_PER_HOUR)
                .deployment()
                .estimate(Workload.of(32 * K - 1, 2));
        ServingCost cost = ServingCost.of(e);
        Money batchOne = cost.batchOneCostPerMillionOutputTokens();
        Money fullBatch = cost.fullBatchCostPerMillionOutputTokens();
        assertThat(batchOne.toUsd()).isCloseTo(2.50 / 3600 / e.decodeTokensPerSecond() * 1e6, within(1e-9));
        assertThat(e.maxConcurrentSessions()).isGreaterThan(30);
        assertThat(fullBatch.dividedBy(batchOne)).isLessThan(0.5);
        // 3.4: output tokens cost more than input tokens because of physics.
        assertThat(cost.outputToInputCostRatio()).isGreaterThan(10);
    }

    @Test
    void highlightsCheapestApiBlend() {
        // 6.3: "Gemini Flash-Lite runs at $0.30/M blended": $0.10 in and $0.40 out blend to $0.30 when a third of
        // the tokens are input.
        assertThat(ApiPriceBook.GEMINI_2_5_FLASH_LITE.blendedPerMillion(1.0 / 3).toUsd())
                .isCloseTo(0.30, within(1e-12));
    }

    /** The 7B class at INT4 with INT8 KV on an H100 counted, as the article does, as 80 decimal GB. */
    private static double userHour(long context) {
        Estimate e = LlmCost.model(ModelPresets.ARTICLE_7B_CLASS)
                .hardware(HardwarePresets.H100_SXM.withMemoryCapacity(Bytes.ofGigabytes(80)))
                .weights(NumericFormat.INT4)
                .kvCache(NumericFormat.INT8)
                .efficiency(Efficiency.DEFAULT)
                .deployment()
                .estimate(Workload.of(context, 0));
        return ServingCost.of(e, H100_PRICE).costPerConcurrentUserHour().toUsd();
    }

    private static EdgeVsCloud lifetime() {
        return EdgeVsCloud.of(
                DeviceCosts.articleDefaults(),
                UsageProfile.of(1, UsageProfile.monthlyFromDaily(50), 750),
                Money.of(0.30),
                20);
    }
}
