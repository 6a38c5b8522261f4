package io.github.llmcost.examples;

import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Footers of the commands' {@code --help}: the numeric formats {@code --weights}, {@code --kv} and
 * {@code --activations} accept, and the hardware presets with their rental prices, read from {@link HardwarePresets}
 * when the help is built so that they follow the presets.
 */
final class HelpText {
    /** The accepted numeric formats, as {@code NumericFormat.parse} reads them. */
    static final String FORMATS = "fp32, bf16, fp16, fp8 (= fp8_e4m3), fp8_e5m2, int8, int4, fp4";

    private HelpText() {}

    /**
     * Adds the footers to every command that takes a format or a hardware option.
     *
     * @param cli the command line
     */
    static void install(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        List<String> footer = footer(spec);
        if (!footer.isEmpty()) {
            spec.usageMessage().footer(footer.toArray(new String[0]));
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            install(sub);
        }
    }

    private static List<String> footer(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        List<String> formatOptions = new ArrayList<>();
        for (String option : new String[] {"--weights", "--kv", "--activations"}) {
            if (spec.findOption(option) != null) {
                formatOptions.add(option);
            }
        }
        if (!formatOptions.isEmpty()) {
            lines.add("");
            lines.add("Numeric formats for " + String.join(", ", formatOptions) + ": " + FORMATS + ".");
            if (spec.findOption("--weights") != null) {
                lines.add("Weight schemes for --weights (their bytes include scales): " + WeightScheme.ids() + ".");
            }
        }
        List<String> hardwareOptions = new ArrayList<>();
        for (String option : new String[] {"--hardware", "--device-hardware"}) {
            if (spec.findOption(option) != null) {
                hardwareOptions.add(option);
            }
        }
        if (!hardwareOptions.isEmpty()) {
            lines.add("");
            lines.add(
                    "Hardware presets for " + String.join(", ", hardwareOptions) + " (rental price per device-hour):");
            lines.addAll(hardware());
        }
        return lines;
    }

    /**
     * {@return one line per hardware preset: its id and its rental price per hour, or "no price"}
     */
    static List<String> hardware() {
        List<String> lines = new ArrayList<>();
        int width = 0;
        for (String id : HardwarePresets.all().keySet()) {
            width = Math.max(width, id.length());
        }
        for (Map.Entry<String, HardwareSpec> preset : HardwarePresets.all().entrySet()) {
            String price = preset.getValue().rentalUsdPerHour().isPresent()
                    ? String.format(
                            Locale.ROOT,
                            "$%.2f per hour",
                            preset.getValue().rentalUsdPerHour().getAsDouble())
                    : "no price";
            // picocli formats footers with String.format: a literal percent sign would need doubling
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s", preset.getKey(), price)
                    .replace("%", "%%"));
        }
        return lines;
    }
}
