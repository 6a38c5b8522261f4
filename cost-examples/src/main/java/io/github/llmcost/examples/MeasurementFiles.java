package io.github.llmcost.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.llmcost.hardware.HardwareSpec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a measurement file: CSV (a header row naming the {@link MeasurementColumns#COLUMNS}, then one observation a
 * line; {@code #} starts a comment line; fields may be double-quoted), JSONL (one JSON object a line, the same keys,
 * or SGLang's bench_serving result lines)
 * or a JSON result of the project's harness ({@link MeasurePyRows}) or of vLLM's benchmark_serving.py ({@link
 * VllmServingResult}).
 */
final class MeasurementFiles {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json writes Infinity
            .build();

    private MeasurementFiles() {}

    /**
     * The rows of a file.
     *
     * @param file a .csv, .jsonl or .json file
     * @param hardware the chip for rows that do not name one, or null
     * @param model the model of a vLLM result (a preset id or config.json path), or null
     * @return the rows, in file order, at least one
     * @throws IllegalArgumentException naming the file, the row, the column and the value
     */
    static List<MeasurementRow> read(Path file, @Nullable HardwareSpec hardware, @Nullable String model) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--measurements (" + file + ") is not a readable file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--measurements (" + file + ") "
                            + (e instanceof CharacterCodingException
                                    ? "is not UTF-8 text"
                                    : "cannot be read: " + OutputFiles.describe(e)),
                    e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path parent = file.toAbsolutePath().getParent();
        Path base = parent == null ? Path.of("") : parent;
        List<MeasurementRow> rows;
        try {
            if (name.endsWith(".csv")) {
                rows = csv(text, base, hardware);
            } else if (name.endsWith(".jsonl")) {
                rows = jsonl(text, base, hardware, model);
            } else if (name.endsWith(".json")) {
                JsonNode root = parse(text, "the file");
                if (MeasurePyRows.matches(root)) {
                    rows = MeasurePyRows.read(root, hardware);
                } else if (VllmServingResult.matches(root)) {
                    rows = VllmServingResult.read(root, base, hardware, model, "result", 1);
                } else {
                    throw new IllegalArgumentException("neither a measure.py result (an object with \"rows\" of"
                            + " prefill and decode timings) nor a vLLM benchmark_serving.py result; for your own rows"
                            + " use .csv or .jsonl");
                }
            } else {
                throw new IllegalArgumentException("the name must end in .csv, .jsonl or .json (measure.py or vLLM)");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--measurements (" + file + ") holds no measurement rows");
        }
        return rows;
    }

    private static List<MeasurementRow> csv(String text, Path base, @Nullable HardwareSpec hardware) {
        List<MeasurementRow> out = new ArrayList<>();
        List<String> header = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line, i + 1);
            if (header == null) {
                header = new ArrayList<>();
                for (String f : fields) {
                    header.add(f.trim().toLowerCase(Locale.ROOT));
                }
                continue;
            }
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + " has " + fields.size() + " fields, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), fields.get(c));
            }
            out.add(row(row, i + 1, base, hardware));
        }
        return out;
    }

    /** Splits one CSV line: commas, and double quotes around a field that holds commas ({@code ""} is a quote). */
    static List<String> fields(String line, int number) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + number + ": a quote is not closed");
        }
        out.add(f.toString());
        return out;
    }

    private static List<MeasurementRow> jsonl(
            String text, Path base, @Nullable HardwareSpec hardware, @Nullable String model) {
        List<MeasurementRow> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node = parse(lines[i], "line " + (i + 1));
            if (!node.isObject()) {
                throw new IllegalArgumentException("line " + (i + 1) + " (" + node + ") must be a JSON object");
            }
            if (VllmServingResult.matches(node)) {
                out.addAll(VllmServingResult.read(node, base, hardware, model, "line " + (i + 1), i + 1));
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                if (!v.isValueNode()) {
                    throw new IllegalArgumentException(
                            "line " + (i + 1) + ": " + e.getKey() + " (" + v + ") must be a string or a number");
                }
                row.put(e.getKey(), v.isNull() ? "" : v.asText());
            }
            out.add(row(row, i + 1, base, hardware));
        }
        return out;
    }

    private static MeasurementRow row(
            Map<String, String> columns, int line, Path base, @Nullable HardwareSpec hardware) {
        String id = "line " + line;
        String engine = columns.getOrDefault("engine", "").trim();
        return new MeasurementRow(id, line, MeasurementColumns.measurement(columns, id, base, hardware), engine, null);
    }

    private static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
