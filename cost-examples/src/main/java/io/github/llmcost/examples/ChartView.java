package io.github.llmcost.examples;

import io.github.llmcost.economics.Estimate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON forms of the charts: the file written and what was drawn. */
final class ChartView {
    private ChartView() {}

    /** {@code roofline --json}: {@code file}, {@code hardware}, {@code ridgePointFlopsPerByte}. */
    static Map<String, Object> roofline(Path written, Estimate e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", written.toString());
        o.put("hardware", e.hardware().name());
        o.put("ridgePointFlopsPerByte", e.performance().roofline().ridgePointFlopsPerByte());
        return o;
    }

    /** {@code chart --json}: {@code file}, {@code kind} as the command line spells it. */
    static Map<String, Object> chart(Path written, Charts.Kind kind) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", written.toString());
        o.put("kind", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return o;
    }
}
