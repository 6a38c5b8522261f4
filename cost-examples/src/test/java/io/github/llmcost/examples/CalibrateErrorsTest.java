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
                .startsWith("llm-cost: --calibration: " + bad + ": matmulFraction (7.0)");
        LlmCostCliTest.Run ok = LlmCostCliTest.run(
                "estimate",
                "--calibration",
                CalibrateCommandTest.H200_ROWS.toString().replace("h200-measurements", "nothing"));
        assertThat(ok.code()).isEqualTo(2);
    }
}
