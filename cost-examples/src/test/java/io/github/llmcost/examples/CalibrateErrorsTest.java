package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code llm-cost calibrate} and {@code --calibration} refuse, each in one line with exit code 2: a factor the
 * rows cannot determine (and which rows would), too few rows, rows on several chips, exclusions without reasons, a
 * calibration that is neither an id nor a valid file.
 */
class CalibrateErrorsTest {
    @TempDir
    Path dir;

    String out() {
        return dir.resolve("o.json").toString();
    }

    Path example(int rows) throws IOException {
        List<String> lines = Files.readAllLines(CalibrateCommandTest.EXAMPLE);
        List<String> kept = new ArrayList<>(lines.subList(0, 3 + rows));
        Path f = dir.resolve("m" + rows + ".csv");
        Files.write(f, kept);
        return f;
    }

    @Test
    void aFactorTheRowsCannotDetermineIsRefusedSayingWhatWouldDetermineIt() throws IOException {
        String m = example(16).toString();
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", m, "--out", out(), "--factors", "matmul,all-reduce-latency"))
                .isEqualTo("llm-cost: --factors: all-reduce-latency cannot be determined by these 16 rows; it needs"
                        + " a tensor-parallel row (gpus > 1)");
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", m, "--out", out(), "--factors", "layer-overhead"))
                .endsWith("it needs rows of two models with different layer counts");
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", m, "--out", out(), "--factors", "weight-only-bandwidth"))
                .endsWith("it needs a weight-only quantised row (int8 or int4 weights, bf16 compute)");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", m, "--out", out(), "--factors", "speed"))
                .startsWith("llm-cost: --factors (speed) is not a factor; factors: [matmul, attention,");
        // the first eight rows are decode steps only: no prefill to fit matmul from
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", example(8).toString(), "--out", out(), "--factors", "MATMUL"))
                .endsWith("it needs a prefill: a ttft, static_batch_throughput or saturated_throughput row");
    }

    @Test
    void tooFewRowsForTheFactors() throws IOException {
        // two decode rows determine bandwidth and step overhead: leave-one-out needs three
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", example(2).toString(), "--out", out()))
                .isEqualTo("llm-cost: 2 rows are too few to fit 2 factors [bandwidth, step-overhead] and check them"
                        + " leave-one-out: give at least 3 rows, or fewer --factors");
        LlmCostCliTest.Run three =
                LlmCostCliTest.run("calibrate", "--measurements", example(3).toString(), "--out", out());
        assertThat(three.code()).as(three.err()).isZero();
    }

    @Test
    void exclusionsAndChips() throws IOException {
        String m = example(16).toString();
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", m, "--out", out(), "--exclude", "4"))
                .isEqualTo("llm-cost: --exclude (1 given) and --reason (0 given) go in pairs: one reason for each"
                        + " row left out");
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", m, "--out", out(), "--exclude", "4", "--reason", " "))
                .isEqualTo("llm-cost: --reason for --exclude (4) is blank");
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", m, "--out", out(), "--exclude", "99", "--reason", "x"))
                .isEqualTo("llm-cost: --exclude (99) is not a row of the file");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(m)));
        lines.add(lines.get(3).replace(",h200,", ",h100-sxm,"));
        Path two = dir.resolve("two.csv");
        Files.write(two, lines);
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", two.toString(), "--out", out()))
                .isEqualTo("llm-cost: the rows are on 2 chips [NVIDIA H100 SXM, NVIDIA H200]: choose one with"
                        + " --hardware");
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", two.toString(), "--out", out(), "--hardware", "a100-80gb"))
                .isEqualTo("llm-cost: no rows on NVIDIA A100 80GB are left to fit (--hardware)");
        LlmCostCliTest.Run h200 =
                LlmCostCliTest.run("calibrate", "--measurements", two.toString(), "--out", out(), "--hardware", "h200");
        assertThat(h200.code()).as(h200.err()).isZero();
        assertThat(h200.out()).contains("on 16 rows");
        assertThat(CliErrorsTest.usageError(
                        "calibrate",
                        "--measurements",
                        m,
                        "--out",
                        dir.resolve("o.txt").toString()))
                .isEqualTo("llm-cost: --out (" + dir.resolve("o.txt") + ") must end in .json");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", m, "--out", "/nonexistent/dir/o.json"))
                .isEqualTo("llm-cost: --out (/nonexistent/dir/o.json): the directory /nonexistent/dir does not exist");
    }

    /** The example file with its first row replaced, one column changed. */
    Path withRow(String name, String from, String to) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(CalibrateCommandTest.EXAMPLE));
        assertThat(lines.get(3)).contains(from);
        lines.set(3, lines.get(3).replace(from, to));
        Path f = dir.resolve(name);
        Files.write(f, lines);
        return f;
    }

    @Test
    void rowsThatCannotRunAreRefusedNamingTheRowAndTheLimit() throws IOException {
        // 32 heads do not split over 3 GPUs; the 20x plausibility check never sees the row
        assertThat(CliErrorsTest.usageError(
                        "calibrate",
                        "--measurements",
                        withRow("tp3.csv", "llama-3.1-8b,h200,1,", "llama-3.1-8b,h200,3,")
                                .toString(),
                        "--out",
                        out()))
                .startsWith("llm-cost: " + dir.resolve("tp3.csv") + ": line 4: this configuration cannot run, so it"
                        + " cannot be fitted: ")
                .contains("heads");
        assertThat(CliErrorsTest.usageError(
                        "calibrate",
                        "--measurements",
                        withRow("big.csv", "llama-3.1-8b,h200,", "llama-3.1-405b,h200,")
                                .toString(),
                        "--out",
                        out()))
                .startsWith("llm-cost: " + dir.resolve("big.csv") + ": line 4: this configuration cannot run")
                .contains("memory");
        assertThat(CliErrorsTest.usageError(
                        "calibrate",
                        "--measurements",
                        withRow("long.csv", "decode_step,1,128,", "decode_step,1,99999999,")
                                .toString(),
                        "--out",
                        out()))
                .startsWith("llm-cost: " + dir.resolve("long.csv") + ": line 4: this configuration cannot run")
                .contains("context");
    }

    @Test
    void twinRowsAreRefusedNamingBoth() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(CalibrateCommandTest.EXAMPLE));
        lines.add(lines.get(5));
        Path f = dir.resolve("twins.csv");
        Files.write(f, lines);
        int last = lines.size();
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", f.toString(), "--out", out()))
                .isEqualTo("llm-cost: line 6 and line " + last + " are the same measurement (the same configuration,"
                        + " metric and value): remove one, or leave one out with --exclude and --reason;"
                        + " leave-one-out would still see its twin");
        LlmCostCliTest.Run excluded = LlmCostCliTest.run(
                "calibrate",
                "--measurements",
                f.toString(),
                "--out",
                out(),
                "--exclude",
                Integer.toString(last),
                "--reason",
                "a repeat");
        assertThat(excluded.code()).as(excluded.err()).isZero();
        // the same configuration with another value is a second measurement, not a twin
        lines.set(last - 1, lines.get(5).replace(",5.625183820724487,", ",5.7,"));
        Files.write(f, lines);
        LlmCostCliTest.Run repeat = LlmCostCliTest.run("calibrate", "--measurements", f.toString(), "--out", out());
        assertThat(repeat.code()).as(repeat.err()).isZero();
    }

    @Test
    void aFileFittedOnAnotherChipWarnsOnceAndRuns() throws IOException {
        Path h200 = dir.resolve("h200.json");
        io.github.llmcost.hardware.calibration.Calibration.write(
                io.github.llmcost.hardware.calibration.CalibratedEfficiencies.file("h200"), h200);
        LlmCostCliTest.Run other =
                LlmCostCliTest.run("sweep", "--hardware", "h100-sxm", "--calibration", h200.toString());
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.err().trim())
                .isEqualTo("llm-cost: warning: calibration " + h200 + " was fitted on h200, not h100-sxm");
        LlmCostCliTest.Run same = LlmCostCliTest.run("serving", "--hardware", "H200", "--calibration", h200.toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.err()).doesNotContain("warning");
        Path generic = dir.resolve("generic.json");
        io.github.llmcost.hardware.calibration.Calibration.write(
                io.github.llmcost.hardware.calibration.CalibratedEfficiencies.file("generic"), generic);
        LlmCostCliTest.Run any =
                LlmCostCliTest.run("estimate", "--hardware", "a100-80gb", "--calibration", generic.toString());
        assertThat(any.code()).as(any.err()).isZero();
        assertThat(any.err()).doesNotContain("warning");
    }

    @Test
    void calibrationIsAnIdOrAValidFile() throws IOException {
        assertThat(CliErrorsTest.usageError("estimate", "--calibration", "h300"))
                .isEqualTo("llm-cost: --calibration (h300) is neither a built-in calibration (auto, h200, h100-sxm,"
                        + " a100-80gb, generic, none) nor a calibration file (no such file)");
        assertThat(CliErrorsTest.usageError("serving", "--calibration", dir.toString()))
                .endsWith("nor a calibration file (not a regular file)");
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                io.github.llmcost.hardware.calibration.Calibration.toJson(
                                io.github.llmcost.hardware.calibration.CalibratedEfficiencies.file("h200"))
                        .replace("\"matmulFraction\" : 0.642", "\"matmulFraction\" : 7"));
        assertThat(CliErrorsTest.usageError("sweep", "--calibration", bad.toString()))
                .isEqualTo("llm-cost: --calibration: " + bad
                        + ": factors.matmulFraction (7.0) must be between 0.01 and 1.0 (a plausible range)");
        LlmCostCliTest.Run ok = LlmCostCliTest.run(
                "estimate",
                "--calibration",
                CalibrateCommandTest.H200_ROWS.toString().replace("h200-measurements", "nothing"));
        assertThat(ok.code()).isEqualTo(2);
    }
}
