package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.calibration.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vLLM's benchmark_serving.py result files as measurement rows: what each way of driving a run measures. */
class VllmServingResultTest {
    @TempDir
    Path dir;

    /** A result with the keys benchmark_serving.py writes (values of a Llama 3.1 8B run, 1,000 prompts of 1024/128). */
    Path result(String concurrency, String rate, String extra) throws IOException {
        Path f = dir.resolve("vllm-" + concurrency + ".json");
        Files.writeString(
                f,
                "{\"date\": \"20261130-061500\", \"backend\": \"vllm\", \"model_id\":"
                        + " \"meta-llama/Llama-3.1-8B-Instruct\", \"tokenizer_id\": \"meta-llama/Llama-3.1-8B-Instruct\","
                        + " \"num_prompts\": 1000, \"request_rate\": " + rate + ", \"burstiness\": 1.0,"
                        + " \"max_concurrency\": " + concurrency + ", \"duration\": 40.0, \"completed\": 1000,"
                        + " \"total_input_tokens\": 1024000, \"total_output_tokens\": 128000,"
                        + " \"request_throughput\": 25.0, \"output_throughput\": 3200.0,"
                        + " \"total_token_throughput\": 28800.0, \"mean_ttft_ms\": 25.5, \"median_ttft_ms\": 25.0,"
                        + " \"mean_tpot_ms\": 5.4, \"median_tpot_ms\": 5.3" + extra + "}");
        return f;
    }

    @Test
    void aSaturatedRunIsASaturatedThroughputRow() throws IOException {
        List<MeasurementRow> rows =
                MeasurementFiles.read(result("null", "\"inf\"", ""), HardwarePresets.H100_SXM, null);
        assertThat(rows).hasSize(1);
        Measurement m = rows.get(0).measurement();
        assertThat(m.metric()).isEqualTo(Measurement.Metric.SATURATED_OUTPUT_TOKENS_PER_SECOND);
        assertThat(m.value()).isEqualTo(3200.0);
        assertThat(m.model()).isEqualTo(ModelPresets.LLAMA_3_1_8B);
        assertThat(m.workload().promptTokens()).isEqualTo(1024);
        assertThat(m.workload().outputTokens()).isEqualTo(128);
        assertThat(rows.get(0).engine()).isEqualTo("vLLM benchmark_serving.py, backend vllm");
    }

    @Test
    void oneRequestAtATimeIsATtftAndATpotAtBatchOne() throws IOException {
        List<MeasurementRow> rows = MeasurementFiles.read(
                result("1", "\"inf\"", ", \"gpus\": \"2\", \"weights\": \"fp8\", \"version\": \"0.8.5\""),
                HardwarePresets.H100_SXM,
                null);
        assertThat(rows).extracting(MeasurementRow::id).containsExactly("result ttft", "result tpot");
        Measurement ttft = rows.get(0).measurement();
        assertThat(ttft.metric()).isEqualTo(Measurement.Metric.TIME_TO_FIRST_TOKEN);
        assertThat(ttft.value()).isCloseTo(0.0255, within(1e-15));
        assertThat(ttft.tensorParallel()).isEqualTo(2);
        Measurement tpot = rows.get(1).measurement();
        assertThat(tpot.metric()).isEqualTo(Measurement.Metric.DECODE_STEP_SECONDS);
        assertThat(tpot.value()).isCloseTo(0.0054, within(1e-15));
        assertThat(tpot.workload().batchSize()).isEqualTo(1);
        assertThat(tpot.workload().promptTokens()).isEqualTo(1024 + 64);
        assertThat(rows.get(1).engine()).isEqualTo("vLLM benchmark_serving.py, backend vllm, 0.8.5");
    }

    @Test
    void aConcurrencyCapIsATpotAtThatBatch() throws IOException {
        List<MeasurementRow> rows =
                MeasurementFiles.read(result("8", "\"inf\"", ""), HardwarePresets.H100_SXM, "llama-3.1-8b");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).measurement().workload().batchSize()).isEqualTo(8);
        assertThat(rows.get(0).measurement().metric()).isEqualTo(Measurement.Metric.DECODE_STEP_SECONDS);
    }

    private List<MeasurementRow> rowsOf(Path file) {
        return MeasurementFiles.read(file, HardwarePresets.H100_SXM, null);
    }

    /**
     * SGLang's bench_serving appends one line per run to a JSONL file (the same keys, no model_id, request_rate a
     * number: Infinity at saturation, as Python's json writes it).
     */
    @Test
    void sglangJsonlLinesAreResultsToo() throws IOException {
        String common = "\"backend\": \"sglang\", \"dataset_name\": \"random\", \"completed\": 100,"
                + " \"total_input_tokens\": 102400, \"total_output_tokens\": 12800, \"output_throughput\": 3000.5,"
                + " \"mean_ttft_ms\": 26.0, \"mean_tpot_ms\": 5.5";
        Path f = dir.resolve("sglang.jsonl");
        Files.write(
                f,
                List.of(
                        "{\"request_rate\": Infinity, \"max_concurrency\": null, " + common + "}",
                        "{\"request_rate\": Infinity, \"max_concurrency\": 1, " + common + "}"));
        List<MeasurementRow> rows = MeasurementFiles.read(f, HardwarePresets.H100_SXM, "llama-3.1-8b");
        assertThat(rows).extracting(MeasurementRow::id).containsExactly("line 1", "line 2 ttft", "line 2 tpot");
        assertThat(rows).extracting(MeasurementRow::number).containsExactly(1, 2, 2);
        assertThat(rows.get(0).measurement().metric()).isEqualTo(Measurement.Metric.SATURATED_OUTPUT_TOKENS_PER_SECOND);
        assertThat(rows.get(0).measurement().value()).isEqualTo(3000.5);
        assertThat(rows.get(0).engine()).isEqualTo("SGLang bench_serving, backend sglang");
        assertThat(rows.get(2).measurement().value()).isCloseTo(0.0055, within(1e-15));
        String out = dir.resolve("o.json").toString();
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", f.toString(), "--out", out, "--hardware", "h100-sxm"))
                .endsWith(": line 1: the result does not name the model: give --model (a preset id or a config.json)");
    }

    @Test
    void whatAResultCannotTell() throws IOException {
        String out = dir.resolve("o.json").toString();
        Path finite = result("null", "10.0", "");
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", finite.toString(), "--out", out, "--hardware", "h100-sxm"))
                .endsWith(": request_rate (10.0) is finite: such a run measures queueing as much as the engine; run"
                        + " with --request-rate inf, or --max-concurrency N");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", finite.toString(), "--out", out))
                .endsWith(": result: a serving benchmark's result does not name the chip: give --hardware");
        Path unknown = dir.resolve("u.json");
        Files.writeString(
                unknown, Files.readString(finite).replace("Llama-3.1-8B-Instruct\", \"tok", "Foo-7B\", \"tok"));
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", unknown.toString(), "--out", out, "--hardware", "h100-sxm"))
                .endsWith(": model_id (meta-llama/Foo-7B) is not a model preset: give --model (a preset id or a"
                        + " config.json)");
        Path noTpot = dir.resolve("t.json");
        Files.writeString(noTpot, Files.readString(result("4", "\"inf\"", "")).replace("\"mean_tpot_ms\"", "\"x\""));
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", noTpot.toString(), "--out", out, "--hardware", "h100-sxm"))
                .endsWith(": mean_tpot_ms (null) must be a number");
        assertThat(VllmServingResult.preset("Qwen/Qwen2.5-7B-Instruct")).isEqualTo("qwen2.5-7b");
        assertThat(rowsOf(result("1", "\"inf\"", "")).get(0).number()).isEqualTo(1);
        assertThat(VllmServingResult.preset("llama-3.1-8b")).isEqualTo("llama-3.1-8b");
    }
}
