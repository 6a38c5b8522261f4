package io.github.llmcost.examples;

import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.calibration.Calibration;
import io.github.llmcost.hardware.calibration.Calibration.Factor;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost calibrate}: fits one chip's step-time factors to a user's measurements, checks them leave-one-out,
 * prints the table ({@link CalibrateView}) and writes a calibration file that {@code --calibration FILE} reads.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Fit the step-time model to your own measurements and write a calibration file.",
            "Reads a .csv or .jsonl file of measurements (columns: model, hardware, gpus, weights, kv, compute,"
                    + " metric, batch, input_tokens, output_tokens, value, unit, engine), a measure.py .json"
                    + " result, a vLLM benchmark_serving.py --save-result .json or SGLang bench_serving .jsonl lines; fits one chip's factors, predicts each row from a fit to the others (leave-one-out)"
                    + " and writes --out, for `--calibration FILE` on every command that predicts."
        })
final class CalibrateCommand extends CliCommand {
    @Option(names = "--measurements", required = true, description = "The measurements: .csv, .jsonl or .json.")
    Path measurements = Path.of("");

    @Option(
            names = "--hardware",
            description = "The chip to fit (a hardware preset id): its rows only, and the chip of rows that name"
                    + " none; default: the only chip the rows name.")
    @Nullable
    String hardware;

    @Option(
            names = "--factors",
            split = ",",
            description = "Factors to fit: matmul, attention, bandwidth, weight-only-bandwidth, layer-overhead,"
                    + " step-overhead, all-reduce-latency; default: every factor the rows determine. The others"
                    + " keep their physics start.")
    @Nullable
    List<String> factors;

    @Option(
            names = "--exclude",
            description = "A row to leave out (its number: 5 for line 5 or row 5); repeat, each with its --reason.")
    List<Integer> exclude = new ArrayList<>();

    @Option(names = "--reason", description = "Why the --exclude at the same position is left out.")
    List<String> reason = new ArrayList<>();

    @Option(
            names = "--model",
            description = "The model of a vLLM or SGLang result (a preset id or a config.json); default: the preset"
                    + " vLLM's model_id names.")
    @Nullable
    String model;

    @Option(names = "--engine", description = "The engine and version, for the file; default: the rows' engine.")
    @Nullable
    String engine;

    @Option(names = "--out", required = true, description = "The calibration file to write (.json).")
    Path out = Path.of("");

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    public Integer call() {
        if (exclude.size() != reason.size()) {
            throw new IllegalArgumentException("--exclude (" + exclude.size() + " given) and --reason (" + reason.size()
                    + " given) go in pairs: one reason for each row left out");
        }
        Map<Integer, String> exclusions = new LinkedHashMap<>();
        for (int i = 0; i < exclude.size(); i++) {
            if (reason.get(i).isBlank()) {
                throw new IllegalArgumentException("--reason for --exclude (" + exclude.get(i) + ") is blank");
            }
            exclusions.put(exclude.get(i), reason.get(i));
        }
        checkOut();
        String chipId = hardware;
        HardwareSpec chip = chipId == null ? null : HardwarePresets.byId(chipId);
        Set<Factor> asked = null;
        List<String> names = factors;
        if (names != null) {
            asked = EnumSet.noneOf(Factor.class);
            for (String n : names) {
                asked.add(FactorEvidence.parse(n));
            }
        }
        List<MeasurementRow> rows = MeasurementFiles.read(measurements, chip, model);
        CalibrationReport report =
                CalibrationReport.compute(rows, exclusions, chip, asked, engine, LocalDate.now(ZoneOffset.UTC));
        try {
            Calibration.write(report.file(), out);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(
                    "--out (" + out + ") cannot be written: "
                            + OutputFiles.describe(java.util.Objects.requireNonNull(e.getCause())),
                    e);
        }
        if (json.json) {
            out().println(Json.write(CalibrateView.json(report, out)));
        } else {
            out().print(CalibrateView.text(report, out));
        }
        return 0;
    }

    private void checkOut() {
        Path name = out.getFileName();
        if (name == null || !name.toString().endsWith(".json")) {
            throw new IllegalArgumentException("--out (" + out + ") must end in .json");
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out (" + out + ") is a directory, not a file");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out (" + out + "): the directory " + parent + " does not exist");
        }
    }
}
