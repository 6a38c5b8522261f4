package io.github.llmcost.hardware.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.HardwarePresets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of a {@link CalibrationFile}, read strictly: every key present, none unknown, every value of its type and
 * range; a problem is an {@link IllegalArgumentException} naming the file, the key and the value.
 *
 * <pre>{@code
 * {"format": "llm-cost-calibration/1", "chip": "h200", "engine": "...", "date": "2026-11-30", "source": "...",
 *  "rows": 32, "rowsDigest": "sha256:...",
 *  "factors": {"matmulFraction": 0.642, "attentionFraction": 0.557, "bandwidthFraction": 0.843,
 *              "lowPrecisionMatmulFactor": 0.75, "overlapExponent": 2.0, "weightOnlyBandwidthFactor": 0.77,
 *              "layerOverheadSeconds": 3.12E-5, "stepOverheadSeconds": 2.79E-4, "allReduceLatencySeconds": 0.0},
 *  "band": {"errorLow": 0.909, "errorHigh": 1.287},
 *  "residualQuantiles": {"0.05": 0.909, "0.95": 1.287}}
 * }</pre>
 */
final class CalibrationJson {
    /** The value of the {@code format} key this reader knows. */
    static final String FORMAT = "llm-cost-calibration/1";

    /** The {@code chip} of a set fitted across chips ({@link CalibratedEfficiencies#GENERIC}). */
    static final String GENERIC_CHIP = "generic";

    private static final List<String> TOP = List.of(
            "format", "chip", "engine", "date", "source", "rows", "rowsDigest", "factors", "band", "residualQuantiles");
    private static final List<String> FACTORS = List.of(
            "matmulFraction",
            "attentionFraction",
            "bandwidthFraction",
            "lowPrecisionMatmulFactor",
            "overlapExponent",
            "weightOnlyBandwidthFactor",
            "layerOverheadSeconds",
            "stepOverheadSeconds",
            "allReduceLatencySeconds");
    private static final List<String> BAND = List.of("errorLow", "errorHigh");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // read NaN and Infinity, to refuse them by key
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private CalibrationJson() {}

    /**
     * Reads a calibration file's text.
     *
     * @param text the JSON
     * @param file the file's name, for messages
     * @return the calibration
     * @throws IllegalArgumentException naming the file, the key and the value
     */
    static CalibrationFile read(String text, String file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage(), e);
        }
        ObjectNode top = object(root, file, "the file");
        keys(top, TOP, file, "");
        String format = text(top, "format", file, "");
        if (!format.equals(FORMAT)) {
            throw new IllegalArgumentException(
                    file + ": format (\"" + format + "\") is not known; this reader knows \"" + FORMAT + "\"");
        }
        ObjectNode f = object(top.get("factors"), file, "factors");
        keys(f, FACTORS, file, "factors.");
        ObjectNode band = object(top.get("band"), file, "band");
        keys(band, BAND, file, "band.");
        try {
            ChipCalibration c = ChipCalibration.builder()
                    .matmulFraction(fraction(f, "matmulFraction", file))
                    .attentionFraction(fraction(f, "attentionFraction", file))
                    .bandwidthFraction(fraction(f, "bandwidthFraction", file))
                    .lowPrecisionMatmulFactor(fraction(f, "lowPrecisionMatmulFactor", file))
                    .overlapExponent(number(f, "overlapExponent", file, "factors."))
                    .weightOnlyBandwidthFactor(fraction(f, "weightOnlyBandwidthFactor", file))
                    .layerOverhead(seconds(f, "layerOverheadSeconds", ChipCalibration.MAX_LAYER_OVERHEAD_SECONDS, file))
                    .stepOverhead(seconds(f, "stepOverheadSeconds", ChipCalibration.MAX_STEP_OVERHEAD_SECONDS, file))
                    .allReduceLatency(
                            seconds(f, "allReduceLatencySeconds", ChipCalibration.MAX_ALL_REDUCE_LATENCY_SECONDS, file))
                    .errorLow(number(band, "errorLow", file, "band."))
                    .errorHigh(number(band, "errorHigh", file, "band."))
                    .source(text(top, "source", file, ""))
                    .build();
            return new CalibrationFile(
                    chip(text(top, "chip", file, ""), file),
                    text(top, "engine", file, ""),
                    date(text(top, "date", file, ""), file),
                    integer(top, "rows", file),
                    text(top, "rowsDigest", file, ""),
                    quantiles(object(top.get("residualQuantiles"), file, "residualQuantiles"), file),
                    c);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file + ": ")) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a calibration file's text: the keys {@link #read} expects, doubles in their shortest exact form.
     *
     * @param c the calibration
     * @return the JSON, indented, ending with a newline
     */
    static String write(CalibrationFile c) {
        ChipCalibration k = c.calibration();
        Map<String, Object> factors = new LinkedHashMap<>();
        factors.put("matmulFraction", k.matmulFraction());
        factors.put("attentionFraction", k.attentionFraction());
        factors.put("bandwidthFraction", k.bandwidthFraction());
        factors.put("lowPrecisionMatmulFactor", k.lowPrecisionMatmulFactor());
        factors.put("overlapExponent", k.overlapExponent());
        factors.put("weightOnlyBandwidthFactor", k.weightOnlyBandwidthFactor());
        factors.put("layerOverheadSeconds", k.layerOverhead().toSeconds());
        factors.put("stepOverheadSeconds", k.stepOverhead().toSeconds());
        factors.put("allReduceLatencySeconds", k.allReduceLatency().toSeconds());
        Map<String, Object> band = new LinkedHashMap<>();
        band.put("errorLow", k.errorLow());
        band.put("errorHigh", k.errorHigh());
        Map<String, Object> quantiles = new LinkedHashMap<>();
        c.residualQuantiles().forEach((q, ratio) -> quantiles.put(Double.toString(q), ratio));
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("format", FORMAT);
        top.put("chip", c.chip());
        top.put("engine", c.engine());
        top.put("date", c.date().toString());
        top.put("source", k.source());
        top.put("rows", c.rows());
        top.put("rowsDigest", c.rowsDigest());
        top.put("factors", factors);
        top.put("band", band);
        top.put("residualQuantiles", quantiles);
        try {
            return MAPPER.writeValueAsString(top) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a calibration: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode object(JsonNode node, String file, String what) {
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException(file + ": " + what + " (" + node + ") must be a JSON object");
        }
        return o;
    }

    /** Refuses an unknown key, then a missing one, naming the first of either. */
    private static void keys(ObjectNode node, List<String> expected, String file, String prefix) {
        Set<String> known = Set.copyOf(expected);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!known.contains(e.getKey())) {
                throw new IllegalArgumentException(file + ": " + prefix + e.getKey() + " (" + e.getValue()
                        + ") is not a known key; known: " + expected);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String key : expected) {
            if (!node.has(key)) {
                missing.add(prefix + key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": " + missing.get(0) + " is missing (every one of " + expected + " is required)");
        }
    }

    private static String text(ObjectNode node, String key, String file, String prefix) {
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(file + ": " + prefix + key + " (" + v + ") must be a string");
        }
        return v.asText();
    }

    private static double number(ObjectNode node, String key, String file, String prefix) {
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(file + ": " + prefix + key + " (" + v + ") must be a number");
        }
        if (!Double.isFinite(v.doubleValue())) {
            throw new IllegalArgumentException(
                    file + ": " + prefix + key + " (" + v.doubleValue() + ") must be a finite number");
        }
        return v.doubleValue();
    }

    /** A factor of {@code factors} in [{@link ChipCalibration#MIN_FRACTION}, 1]. */
    private static double fraction(ObjectNode node, String key, String file) {
        double v = number(node, key, file, "factors.");
        ChipCalibration.within(file + ": factors." + key, v, ChipCalibration.MIN_FRACTION, 1);
        return v;
    }

    /** A time of {@code factors} in [0, max] seconds. */
    private static Seconds seconds(ObjectNode node, String key, double max, String file) {
        double v = number(node, key, file, "factors.");
        ChipCalibration.within(file + ": factors." + key, v, 0, max);
        return Seconds.of(v);
    }

    /** A hardware preset's id ({@link HardwarePresets#ids()}), or {@code generic} for a set fitted across chips. */
    private static String chip(String id, String file) {
        if (!id.equals(GENERIC_CHIP) && !HardwarePresets.ids().contains(id)) {
            throw new IllegalArgumentException(file + ": chip (\"" + id + "\") is neither a hardware preset id ("
                    + String.join(", ", HardwarePresets.ids()) + ") nor " + GENERIC_CHIP);
        }
        return id;
    }

    private static int integer(ObjectNode node, String key, String file) {
        JsonNode v = node.get(key);
        if (!v.isInt()) {
            throw new IllegalArgumentException(file + ": " + key + " (" + v + ") must be a whole number");
        }
        return v.intValue();
    }

    private static LocalDate date(String text, String file) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": date (" + text + ") must be a day as 2026-11-30", e);
        }
    }

    private static Map<Double, Double> quantiles(ObjectNode node, String file) {
        Map<Double, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            double q;
            try {
                q = Double.parseDouble(e.getKey());
            } catch (NumberFormatException nfe) {
                throw new IllegalArgumentException(
                        file + ": residualQuantiles key (" + e.getKey() + ") must be a quantile such as 0.05", nfe);
            }
            out.put(q, number(node, e.getKey(), file, "residualQuantiles."));
        }
        return out;
    }
}
