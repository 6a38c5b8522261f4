package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmcost.economics.SweepPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the command line takes from one place: its version from the build, and the sweep's JSON fields and README's
 * column list from {@link SweepPoint#CSV_HEADER}.
 */
class CliStructureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of(SweepPoint.CSV_HEADER.split(","));

    @Test
    void versionIsTheProjectVersion() {
        String expected = System.getProperty("llmcost.projectVersion");
        assertThat(expected).as("surefire passes the project version").isNotBlank();
        LlmCostCliTest.Run run = LlmCostCliTest.run("--version");
        assertThat(run.code()).isZero();
        assertThat(run.out().trim()).isEqualTo("llm-cost " + expected);
        assertThat(VersionProvider.version()).isEqualTo(expected);
    }

    @Test
    void aSweepPointThatRunsHasEveryCsvColumnInOrderWithTheCsvValues() throws IOException {
        String[] options = {"--model", "llama-3.1-8b", "--contexts", "1024,4096", "--batches", "1,8"};
        List<String> csv =
                LlmCostCliTest.run(with(options, "--csv")).out().lines().toList();
        JsonNode points = LlmCostCliTest.json(with(options, "--json")).get("points");
        assertThat(points).hasSize(csv.size() - 1);
        for (int i = 0; i < points.size(); i++) {
            JsonNode point = points.get(i);
            assertThat(fields(point)).isEqualTo(COLUMNS);
            String[] line = csv.get(i + 1).split(",", -1);
            for (int c = 0; c < COLUMNS.size(); c++) {
                JsonNode value = point.get(COLUMNS.get(c));
                if (value.isNumber()) {
                    assertThat(value.asDouble()).as(COLUMNS.get(c)).isEqualTo(Double.parseDouble(line[c]));
                } else {
                    assertThat(value.asText()).as(COLUMNS.get(c)).isEqualTo(line[c]);
                }
            }
        }
    }

    @Test
    void aSweepPointThatCannotRunHasItsReasonsInsteadOfTimesAndCosts() throws IOException {
        JsonNode point = LlmCostCliTest.json(
                        "sweep", "--model", "llama-3.1-405b", "--contexts", "1024", "--batches", "1", "--json")
                .get("points")
                .get(0);
        List<String> expected = new ArrayList<>(COLUMNS.subList(0, COLUMNS.indexOf("feasible") + 1));
        expected.addAll(List.of("maxConcurrentSessions", "bindingLimit", "reasons"));
        assertThat(fields(point)).isEqualTo(expected);
        assertThat(point.get("feasible").asBoolean()).isFalse();
    }

    @Test
    void readmeListsTheSweepColumnsOfTheCsvHeader() throws IOException {
        Path readme = Path.of("").toAbsolutePath().resolveSibling("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        Matcher bullet = Pattern.compile("- `sweep --csv` \\(the default\\) columns: ([^;]*);")
                .matcher(text);
        assertThat(bullet.find()).as("README lists the sweep's columns").isTrue();
        List<String> listed = new ArrayList<>();
        Matcher name = Pattern.compile("`(\\w+)`").matcher(bullet.group(1));
        while (name.find()) {
            listed.add(name.group(1));
        }
        assertThat(listed).isEqualTo(COLUMNS);
    }

    private static String[] with(String[] options, String format) {
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(List.of(options));
        args.add(format);
        return args.toArray(String[]::new);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
