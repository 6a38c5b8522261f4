package io.github.llmcost.economics;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * List prices of hosted models, dated and sourced, to compare self-hosting against.
 *
 * <p>Prices are standard (non-batch) text prices per million tokens from each provider's public pricing page on the
 * date given; cached-input prices are the providers' prompt-caching read prices.
 */
public final class ApiPriceBook {
    private ApiPriceBook() {}

    /**
     * Google Gemini 2.5 Flash-Lite: $0.10 input, $0.40 output, $0.025 cached input per million tokens. Source: Gemini
     * Developer API pricing page (ai.google.dev/gemini-api/docs/pricing), the article's $0.10/$0.40, read 2026-05.
     */
    public static final ApiPrice GEMINI_2_5_FLASH_LITE = price(
            "Google",
            "Gemini 2.5 Flash-Lite",
            0.10,
            0.40,
            0.025,
            "ai.google.dev/gemini-api/docs/pricing; the article, section 6.1",
            LocalDate.of(2026, 5, 16));

    /**
     * OpenAI GPT-4o mini: $0.15 input, $0.60 output, $0.075 cached input per million tokens. Source: OpenAI API
     * pricing page (openai.com/api/pricing), unchanged since the model's launch on 2024-07-18; the article's $0.60.
     */
    public static final ApiPrice GPT_4O_MINI = price(
            "OpenAI",
            "GPT-4o mini",
            0.15,
            0.60,
            0.075,
            "openai.com/api/pricing; the article, section 6.3",
            LocalDate.of(2024, 7, 18));

    /**
     * Anthropic Claude 3 Haiku: $0.25 input, $1.25 output, $0.03 cache read per million tokens. Source: Anthropic
     * pricing page (anthropic.com/pricing), launch 2024-03-13; the article's "Claude Haiku: $1.25/M".
     */
    public static final ApiPrice CLAUDE_3_HAIKU = price(
            "Anthropic",
            "Claude 3 Haiku",
            0.25,
            1.25,
            0.03,
            "anthropic.com/pricing; the article, section 6.3",
            LocalDate.of(2024, 3, 13));

    /**
     * Anthropic Claude Haiku 4.5: $1.00 input, $5.00 output, $0.10 cache read per million tokens. Source: Anthropic
     * pricing page (anthropic.com/pricing), launch 2025-10-15.
     */
    public static final ApiPrice CLAUDE_HAIKU_4_5 = price(
            "Anthropic", "Claude Haiku 4.5", 1.00, 5.00, 0.10, "anthropic.com/pricing", LocalDate.of(2025, 10, 15));

    /** {@return every price in the book} */
    public static List<ApiPrice> all() {
        return List.of(GEMINI_2_5_FLASH_LITE, GPT_4O_MINI, CLAUDE_3_HAIKU, CLAUDE_HAIKU_4_5);
    }

    /**
     * Finds a price by model name, ignoring case, spaces and hyphens ({@code "gpt-4o-mini"} finds GPT-4o mini).
     *
     * @param model the model name
     * @return the price
     * @throws IllegalArgumentException naming the model and listing the known ones if none matches
     */
    public static ApiPrice byModel(String model) {
        String key = normalise(model);
        for (ApiPrice price : all()) {
            if (normalise(price.model()).equals(key)) {
                return price;
            }
        }
        throw new IllegalArgumentException("API model (" + model + ") is not in the price book; known: "
                + all().stream().map(ApiPrice::model).toList());
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    }

    private static ApiPrice price(
            String provider, String model, double input, double output, double cached, String source, LocalDate asOf) {
        return ApiPrice.builder()
                .provider(provider)
                .model(model)
                .inputUsdPerMillion(input)
                .outputUsdPerMillion(output)
                .cachedInputUsdPerMillion(cached)
                .source(source)
                .asOf(asOf)
                .build();
    }
}
