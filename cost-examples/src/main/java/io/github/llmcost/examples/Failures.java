package io.github.llmcost.examples;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the command line prints for an exception its commands throw: one line, never a Java class name or a stack
 * trace.
 */
final class Failures {
    private Failures() {}

    /**
     * The exit code for a failure.
     *
     * @param e the failure
     * @return {@link LlmCostCli#USAGE} for bad input (an {@link IllegalArgumentException}) and for input or output
     *     errors, which the user can act on; 1 for anything else, an internal error
     */
    static int exitCode(Exception e) {
        return e instanceof IllegalArgumentException || io(e) != null ? LlmCostCli.USAGE : 1;
    }

    /**
     * Describes a failure in one line, without the {@code llm-cost: } prefix.
     *
     * @param e the failure
     * @return the message of bad input; the file and the problem of an input or output error; otherwise {@code
     *     "internal error: "} and the message
     */
    static String describe(Exception e) {
        if (e instanceof IllegalArgumentException) {
            return OutputFiles.oneLine(e.getMessage(), "invalid input");
        }
        IOException io = io(e);
        if (io != null) {
            return OutputFiles.describe(io);
        }
        return "internal error: " + OutputFiles.oneLine(e.getMessage(), "no details") + " (please report it with the"
                + " command line that caused it)";
    }

    private static @org.jspecify.annotations.Nullable IOException io(Exception e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        return null;
    }
}
