package io.github.llmcost.examples;

import picocli.CommandLine.Option;

/** {@code --json}: print exactly one JSON object, built by the command's view. */
final class JsonOption {
    @Option(names = "--json", description = "Print exactly one JSON object.")
    boolean json;
}
