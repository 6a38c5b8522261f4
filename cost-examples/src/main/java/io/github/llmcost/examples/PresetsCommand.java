package io.github.llmcost.examples;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.hardware.HardwarePresets;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code llm-cost presets}: the model and hardware presets with their ids, or as JSON ({@link PresetsView}). */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "Model and hardware presets.")
final class PresetsCommand extends CliCommand {
    @Mixin
    JsonOption json = new JsonOption();

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (json.json) {
            out.println(Json.write(PresetsView.of()));
            return 0;
        }
        out.println("Models:");
        ModelPresets.all()
                .forEach((id, m) -> out.printf(
                        Locale.ROOT,
                        "  %-20s %-22s %,19d parameters%n",
                        id,
                        m.name(),
                        m.parameters().totalParameters()));
        out.println("Hardware:");
        HardwarePresets.all()
                .forEach((id, h) -> out.printf(
                        Locale.ROOT,
                        "  %-24s %-26s %12s BF16, %s, %s%n",
                        id,
                        h.name(),
                        h.peak(NumericFormat.BF16),
                        h.memoryBandwidth(),
                        h.memoryCapacity()));
        return 0;
    }
}
