import org.jspecify.annotations.NullMarked;

/**
 * llm-cost examples: the article reproduced through the public API ({@link io.github.llmcost.examples.ArticleLedger})
 * and the {@code llm-cost} command line ({@link io.github.llmcost.examples.LlmCostCli}).
 */
@NullMarked
module io.github.llmcost.examples {
    requires static transitive org.jspecify;
    requires static org.immutables.value;
    requires io.github.llmcost.economics;
    requires io.github.llmcost.huggingface;
    requires info.picocli;
    requires java.desktop;
    requires xchart;

    exports io.github.llmcost.examples;

    opens io.github.llmcost.examples to
            info.picocli;
}
