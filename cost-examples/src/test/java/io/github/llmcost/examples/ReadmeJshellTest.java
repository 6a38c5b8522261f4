package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * README's JShell session, pasted line by line into a real JShell with the startup script README names: every
 * {@code jshell>} line is one complete statement (pasting a statement over several lines makes JShell run its first
 * line alone), none fails, and each printed {@code $N ==> value} is what JShell prints.
 */
class ReadmeJshellTest {
    private static final Path ROOT =
            java.util.Objects.requireNonNull(Path.of("").toAbsolutePath().getParent());

    /** The lines of README's first JShell block, from the first {@code jshell>} to the end of the block. */
    private static List<String> session() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### JShell");
        assertThat(start).as("README has a JShell section").isNotNegative();
        List<String> session = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                if (inBlock) {
                    break;
                }
                inBlock = true;
            } else if (inBlock && (line.startsWith("jshell> ") || line.startsWith("   ...>") || !session.isEmpty())) {
                session.add(line);
            }
        }
        return session;
    }

    @Test
    void theReadmeSessionPastesAndPrintsWhatItShows() throws IOException {
        List<String> session = session();
        assertThat(session).as("the session").isNotEmpty();
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            // Surefire runs from a manifest-only jar and gives the real class path in its own property
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : classPath.split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            for (String startup : Files.readAllLines(ROOT.resolve("jshell/llm-cost.jsh"), StandardCharsets.UTF_8)) {
                if (startup.startsWith("import ")) {
                    eval(shell, startup);
                }
            }
            int checked = 0;
            for (int i = 0; i < session.size(); i++) {
                String line = session.get(i);
                assertThat(line)
                        .as("line %d is a jshell> line, not a continuation", i)
                        .startsWith("jshell> ");
                String code = line.substring("jshell> ".length());
                SourceCodeAnalysis.CompletionInfo info =
                        shell.sourceCodeAnalysis().analyzeCompletion(code);
                assertThat(info.completeness().isComplete())
                        .as("%s is one complete statement, as JShell reads a pasted line", code)
                        .isTrue();
                assertThat(info.remaining()).as("%s holds one statement", code).isBlank();
                // as the jshell tool does, the analysis completes a statement with its missing semicolon
                String value = eval(shell, info.source());
                if (i + 1 < session.size() && !session.get(i + 1).startsWith("jshell> ")) {
                    String printed = session.get(++i);
                    String expected = printed.substring(printed.indexOf("==> ") + 4);
                    assertThat(value).as("what JShell prints for %s", code).isEqualTo(expected);
                    checked++;
                }
            }
            assertThat(checked).as("printed values checked").isGreaterThan(5);
        }
    }

    private static String eval(JShell shell, String code) {
        List<SnippetEvent> events = shell.eval(code);
        assertThat(events).as(code).isNotEmpty();
        SnippetEvent last = events.get(events.size() - 1);
        assertThat(last.exception()).as("%s throws nothing", code).isNull();
        assertThat(last.status())
                .as(
                        "%s is valid: %s",
                        code,
                        shell.diagnostics(last.snippet())
                                .map(d -> d.getMessage(null))
                                .toList())
                .isEqualTo(Snippet.Status.VALID);
        return String.valueOf(last.value());
    }
}
