import org.jspecify.annotations.NullMarked;

/**
 * llm-cost economics: money. GPU-hour pricing, cost per token, the API price book, edge versus cloud, prompt caching,
 * energy, and {@link io.github.llmcost.economics.LlmCost}, the entry point to a whole {@link
 * io.github.llmcost.economics.Estimate}.
 */
@NullMarked
module io.github.llmcost.economics {
    requires static transitive org.jspecify;
    requires static org.immutables.value;
    requires transitive io.github.llmcost.hardware;

    exports io.github.llmcost.economics;
    exports io.github.llmcost.economics.compare;
    exports io.github.llmcost.economics.plan;
}
