package io.github.llmcost.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/** A subcommand of {@code llm-cost}: picocli injects its spec, and it writes to the command line's writers. */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    /** {@return standard output, as the command line was given it} */
    final PrintWriter out() {
        return LlmCostCli.out(spec);
    }

    /** {@return standard error, as the command line was given it} */
    final PrintWriter err() {
        return LlmCostCli.spec(spec).commandLine().getErr();
    }
}
