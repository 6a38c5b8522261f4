import org.jspecify.annotations.NullMarked;

/** llm-cost examples: the article reproduced through the public API, and (later) the CLI, charts and benchmarks. */
@NullMarked
module io.github.llmcost.examples {
    requires static transitive org.jspecify;
    requires static org.immutables.value;
    requires io.github.llmcost.economics;

    exports io.github.llmcost.examples;
}
