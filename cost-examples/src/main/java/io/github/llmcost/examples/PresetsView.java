package io.github.llmcost.examples;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.hardware.HardwarePresets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the presets: {@code models} and {@code hardware}, one object per preset with its id; a chip
 * without a rental price has {@code rentalUsdPerHour} null.
 */
final class PresetsView {
    private PresetsView() {}

    static Map<String, Object> of() {
        List<Object> models = new ArrayList<>();
        ModelPresets.all().forEach((id, m) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("name", m.name());
            row.put("totalParameters", m.parameters().totalParameters());
            row.put("activeParameters", m.parameters().activeParameters());
            models.add(row);
        });
        List<Object> chips = new ArrayList<>();
        HardwarePresets.all().forEach((id, h) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("name", h.name());
            row.put("peakBf16FlopsPerSecond", h.peak(NumericFormat.BF16).toFlopsPerSecond());
            row.put("memoryBandwidthBytesPerSecond", h.memoryBandwidth().toBytesPerSecond());
            row.put("memoryCapacityBytes", h.memoryCapacity().toBytes());
            row.put("tdpWatts", h.tdpWatts());
            row.put("rentalUsdPerHour", Json.orNull(h.rentalUsdPerHour()));
            chips.add(row);
        });
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("models", models);
        all.put("hardware", chips);
        return all;
    }
}
