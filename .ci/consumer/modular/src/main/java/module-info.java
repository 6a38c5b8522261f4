module consumer.modular {
    requires io.github.llmcost.economics;
}
