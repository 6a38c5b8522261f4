import org.jspecify.annotations.NullMarked;

/** llm-cost economics: its API arrives with the issue that fills this module; for now it holds no types. */
@NullMarked
module io.github.llmcost.economics {
    requires static transitive org.jspecify;
    requires static org.immutables.value;
    requires transitive io.github.llmcost.hardware;
}
