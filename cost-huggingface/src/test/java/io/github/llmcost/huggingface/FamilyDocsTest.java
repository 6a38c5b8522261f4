package io.github.llmcost.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documentation of the families, held to the registry ({@link Families#ALL}), since a javadoc table cannot be
 * generated: {@link HuggingFaceConfig}'s table has one row per family, in the registry's order, with the family's
 * description; {@link HuggingFaceConfig#supportedModelTypes()}'s javadoc and the README's list name every type.
 */
class FamilyDocsTest {
    private static final Path SOURCE =
            Path.of("src", "main", "java", "io", "github", "llmcost", "huggingface", "HuggingFaceConfig.java");
    private static final Path README = Path.of("..", "README.md");

    private static final Pattern ROW = Pattern.compile("<tr><td>\\{@code ([a-z0-9_]+)\\}</td><td>(.*?)</td></tr>");
    private static final Pattern CODE = Pattern.compile("\\{@code ([a-z0-9_]+)\\}");
    private static final Pattern README_LIST = Pattern.compile("(\\w+) `model_type`s are read \\(([^)]*)\\)");

    /** Count words, as the README spells the number of types. */
    private static final List<String> COUNTS = List.of(("zero one two three four five six seven eight nine ten eleven"
                    + " twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty")
            .split(" "));

    @Test
    void theJavadocTableHasOneRowPerFamilyWithItsDescription() throws IOException {
        String body = between(javadoc(), "<caption>What each family adds</caption>", "</tbody>");
        body = body.substring(body.indexOf("<tbody>") + "<tbody>".length());
        List<String> rows = new ArrayList<>();
        Matcher row = ROW.matcher(body);
        while (row.find()) {
            rows.add(row.group(1) + ": " + row.group(2));
        }
        assertThat(rows)
                .containsExactlyElementsOf(Families.ALL.stream()
                        .map(family -> family.modelType() + ": " + family.description())
                        .toList());
        assertThat(ROW.matcher(body).replaceAll(""))
                .as("the table holds nothing but rows")
                .isBlank();
    }

    @Test
    void supportedModelTypesJavadocListsEveryType() throws IOException {
        String doc = between(
                javadoc(), "{@return the supported {@code model_type} values, sorted:", "supportedModelTypes()");
        assertThat(codes(doc)).containsExactlyElementsOf(HuggingFaceConfig.supportedModelTypes());
    }

    @Test
    void theReadmeListsEveryTypeAndCountsThem() throws IOException {
        String text = String.join(" ", Files.readAllLines(README, StandardCharsets.UTF_8));
        String section = between(text, "### From a Hugging Face config.json", "###");
        Matcher list = README_LIST.matcher(section);
        assertThat(list.find()).as("README's list of model types").isTrue();
        List<String> types = Pattern.compile("`([a-z0-9_]+)`")
                .matcher(list.group(2))
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(types)
                .containsExactlyElementsOf(
                        Families.ALL.stream().map(Family::modelType).toList());
        assertThat(list.group(1).toLowerCase(Locale.ROOT)).isEqualTo(COUNTS.get(types.size()));
    }

    /** HuggingFaceConfig.java with each comment line's leading {@code *} removed and the lines joined by spaces. */
    private static String javadoc() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(SOURCE, StandardCharsets.UTF_8)) {
            lines.add(line.replaceFirst("^\\s*\\*\\s?", "").strip());
        }
        return String.join(" ", lines).replaceAll("\\s+", " ");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s is found", start).isNotNegative();
        from += start.length();
        int to = text.indexOf(end, from);
        assertThat(to).as("%s is found after %s", end, start).isNotNegative();
        return text.substring(from, to);
    }

    private static List<String> codes(String text) {
        return CODE.matcher(text).results().map(m -> m.group(1)).toList();
    }
}
