package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: errors a user can act on are one line on standard error with exit code 2, naming the option and the value
 * as typed, never a Java class name or a stack trace; exclusive options; {@code help}; help text.
 */
class CliErrorsTest {
    /** Runs the command line and checks it failed with code 2 and one clean line; returns that line. */
    static String usageError(String... args) {
        LlmCostCliTest.Run run = LlmCostCliTest.run(args);
        assertThat(run.code())
                .as("exit code of %s, stderr %s", String.join(" ", args), run.err())
                .isEqualTo(2);
        assertThat(run.err().trim().lines()).as("stderr: %s", run.err()).hasSize(1);
        assertThat(run.err())
                .startsWith("llm-cost: ")
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("internal error");
        return run.err().trim();
    }

    @Test
    void rooflineIntoAMissingDirectoryNamesThePath() {
        assertThat(usageError("roofline", "--out", "/nonexistent/dir/r.png"))
                .contains("--out (/nonexistent/dir/r.png)")
                .contains("does not exist");
    }

    @Test
    void chartIntoAMissingDirectoryNamesThePath() {
        assertThat(usageError("chart", "--kind", "cost", "--out", "/nonexistent/dir/c.svg"))
                .contains("--out (/nonexistent/dir/c.svg)")
                .contains("does not exist");
    }

    @Test
    void anOutThatIsADirectoryIsRefused(@TempDir Path dir) throws IOException {
        Path svg = Files.createDirectory(dir.resolve("chart.svg"));
        assertThat(usageError("roofline", "--out", svg.toString())).contains(svg.toString(), "is a directory");
        assertThat(usageError("chart", "--kind", "users", "--out", svg.toString()))
                .contains(svg.toString(), "is a directory");
    }

    @Test
    void anOutUnderARegularFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path out = file.resolve("r.png");
        assertThat(usageError("roofline", "--out", out.toString())).contains(out.toString(), "not a directory");
    }

    @Test
    void aConfigThatIsADirectoryIsRefused(@TempDir Path dir) {
        assertThat(usageError("model", "--config", dir.toString())).contains("--config (" + dir + ")", "directory");
    }

    @Test
    void aConfigThatIsADeviceIsRefusedBeforeReading() {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThat(usageError("estimate", "--config", "/dev/zero"))
                        .contains("--config (/dev/zero)", "not a regular file"));
    }

    @Test
    void aConfigThatIsAFifoIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("config.json");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThat(usageError("model", "--config", fifo.toString()))
                        .contains("--config (" + fifo + ")", "not a regular file"));
    }

    @Test
    void atFilesAreNotExpanded() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThat(usageError("estimate", "@/dev/zero")).contains("@/dev/zero"));
    }

    @Test
    void aFixedCostBeyondADoublesRangeNamesTheOption() {
        assertThat(usageError("edge", "--json", "--fixed-per-month", "1e308")).contains("--fixed-per-month (1e308)");
        assertThat(usageError("edge", "--fixed-per-month", "1e308")).contains("--fixed-per-month (1e308)");
    }

    @Test
    void hugeUsageNamesTheOptionsTyped() {
        assertThat(usageError("edge", "--requests", "1e305", "--cloud-price-per-million", "1e10"))
                .contains(
                        "--cloud-price-per-million (1e10) and --requests (1e305) make the monthly cloud cost overflow");
        assertThat(usageError("edge", "--json", "--tokens", "1e200"))
                .contains("--tokens (1e200) is too large for the on-device estimate");
    }

    static Stream<Arguments> badEdgeNumbers() {
        return Stream.of(
                Arguments.of("--mau", "0", "> 0"),
                Arguments.of("--requests", "0", "> 0"),
                Arguments.of("--requests", "-2", "> 0"),
                Arguments.of("--tokens", "NaN", "> 0"),
                Arguments.of("--tokens", "Infinity", "finite"),
                Arguments.of("--cloud-price-per-million", "-0.3", ">= 0"),
                Arguments.of("--licence", "-1", ">= 0"),
                Arguments.of("--device-life-months", "0", "> 0"),
                Arguments.of("--cdn-per-update", "-0.01", ">= 0"),
                Arguments.of("--updates-per-month", "Infinity", "finite"),
                Arguments.of("--battery-watts", "-5", ">= 0"),
                Arguments.of("--fixed-per-month", "-1e6", ">= 0"));
    }

    @ParameterizedTest
    @MethodSource("badEdgeNumbers")
    void everyEdgeNumberIsCheckedAsTyped(String option, String value, String rule) {
        assertThat(usageError("edge", option, value)).contains(option + " (" + value + ")", rule);
        assertThat(usageError("edge", "--json", option, value)).contains(option + " (" + value + ")");
    }

    @Test
    void requestsZeroSaysWhatTheUserTyped() {
        assertThat(usageError("edge", "--requests", "0"))
                .isEqualTo("llm-cost: --requests (0) must be a finite number > 0");
    }

    @Test
    void modelAndConfigAreExclusive(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), "{}");
        assertThat(usageError("estimate", "--model", "llama-3.1-8b", "--config", config.toString()))
                .contains("--model", "--config", "mutually exclusive");
        assertThat(usageError("model", "--config", config.toString(), "--model", "gpt-2"))
                .contains("mutually exclusive");
    }

    @Test
    void sweepCsvAndJsonAreExclusive() {
        assertThat(usageError("sweep", "--csv", "--json")).contains("--csv", "--json", "mutually exclusive");
    }

    @Test
    void unexpectedFailuresNeverPrintAClassName() {
        assertThat(Failures.describe(new IllegalStateException("the state is wrong")))
                .isEqualTo("internal error: the state is wrong (please report it with the command line that caused"
                        + " it)");
        assertThat(Failures.exitCode(new IllegalStateException("x"))).isEqualTo(1);
        assertThat(Failures.describe(new NullPointerException())).doesNotContain("NullPointer", "java.");
        UncheckedIOException io = new UncheckedIOException("x", new NoSuchFileException("/a/b.png"));
        assertThat(Failures.describe(io)).isEqualTo("/a/b.png: no such file or directory");
        assertThat(Failures.exitCode(io)).isEqualTo(2);
        assertThat(Failures.describe(new IllegalArgumentException("line one\nline two")))
                .isEqualTo("line one line two");
    }

    @Test
    void helpIsACommand() {
        LlmCostCliTest.Run top = LlmCostCliTest.run("help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("Usage: llm-cost", "estimate", "help");
        LlmCostCliTest.Run estimate = LlmCostCliTest.run("help", "estimate");
        assertThat(estimate.code()).isZero();
        assertThat(estimate.out()).contains("Usage: llm-cost estimate", "--weights");
        assertThat(usageError("help", "no-such-command")).contains("no-such-command");
    }

    @Test
    void helpListsFormatsAndHardwarePresetsWithTheirPrices() {
        for (String command : new String[] {"estimate", "sweep", "roofline", "chart"}) {
            LlmCostCliTest.Run run = LlmCostCliTest.run(command, "--help");
            assertThat(run.code()).isZero();
            assertThat(run.out().replaceAll("\\s+", " "))
                    .as(command)
                    .contains("--weights, --kv, --activations: fp32, bf16, fp16, fp8 (= fp8_e4m3), fp8_e5m2, int8,"
                            + " int4, fp4.");
            for (Map.Entry<String, HardwareSpec> preset : HardwarePresets.all().entrySet()) {
                // each preset on a line of its own: its id, then its rental price to the cent, or "no price"
                Matcher line = Pattern.compile("(?m)^\\s+" + Pattern.quote(preset.getKey()) + "\\s+(.+)$")
                        .matcher(run.out());
                assertThat(line.find())
                        .as(command + " lists " + preset.getKey())
                        .isTrue();
                OptionalDouble rental = preset.getValue().rentalUsdPerHour();
                if (rental.isPresent()) {
                    assertThat(line.group(1)).as(preset.getKey()).matches("\\$[0-9]+\\.[0-9]{2} per hour");
                    assertThat(Double.parseDouble(
                                    line.group(1).substring(1, line.group(1).indexOf(' '))))
                            .as(preset.getKey())
                            .isCloseTo(rental.getAsDouble(), within(0.005));
                } else {
                    assertThat(line.group(1)).as(preset.getKey()).isEqualTo("no price");
                }
            }
        }
        assertThat(LlmCostCliTest.run("model", "--help").out()).contains("--kv: fp32, bf16");
        assertThat(LlmCostCliTest.run("edge", "--help").out()).contains("--device-hardware");
    }

    @Test
    void estimateHelpExplainsTimeToFirstTokenForABatch() {
        String help = LlmCostCliTest.run("estimate", "--help").out().replaceAll("\\s+", " ");
        assertThat(help)
                .contains("Time to first token is for the whole batch: the prefill of all --batch prompts at"
                        + " once, so it grows with the batch.");
    }
}
