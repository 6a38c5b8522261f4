package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.calibration.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measurement files (CSV, JSONL, measure.py JSON) read into measurements, units converted, and every bad row refused
 * by {@code llm-cost calibrate} in one line naming the row, the column and the value.
 */
class MeasurementFilesTest {
    static final String HEADER =
            "model,hardware,gpus,weights,kv,compute,metric,batch,input_tokens,output_tokens," + "value,unit,engine";

    @TempDir
    Path dir;

    Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void csvRowsBecomeMeasurementsInTheirUnits() throws IOException {
        Path f = file(
                "m.csv",
                "# a comment",
                HEADER,
                "llama-3.1-8b,h100-sxm,2,fp8,fp8,,ttft,4,1000,0,150,ms,\"vLLM 0.11, eager\"",
                "llama-3.1-8b,h100-sxm,1,int8,bf16,,tpot,8,1000,200,9000,us,",
                "llama-3.1-8b,h100-sxm,1,bf16,,,saturated_throughput,1,128,128,1000,tokens/s/gpu,x",
                "llama-3.1-8b,h100-sxm,4,bf16,,,static_batch_throughput,16,128,128,2000,tokens/s/gpu,x",
                "llama-3.1-8b,h100-sxm,1,bf16,,,decode_tokens_per_second_per_user,1,5,200,150,tokens/s,x",
                "llama-3.1-8b,,1,bf16,,fp8,decode_step,32,2048,,0.02,s,x");
        List<MeasurementRow> rows = MeasurementFiles.read(f, HardwarePresets.H100_SXM, null);
        assertThat(rows)
                .extracting(MeasurementRow::id)
                .containsExactly("line 3", "line 4", "line 5", "line 6", "line 7", "line 8");
        Measurement ttft = rows.get(0).measurement();
        assertThat(rows.get(0).engine()).isEqualTo("vLLM 0.11, eager");
        assertThat(ttft.metric()).isEqualTo(Measurement.Metric.TIME_TO_FIRST_TOKEN);
        assertThat(ttft.value()).isCloseTo(0.150, within(1e-15));
        assertThat(ttft.tensorParallel()).isEqualTo(2);
        assertThat(ttft.formats().activations()).isEqualTo(NumericFormat.FP8_E4M3);
        assertThat(ttft.workload().batchSize()).isEqualTo(4);
        Measurement tpot = rows.get(1).measurement();
        assertThat(tpot.metric()).isEqualTo(Measurement.Metric.DECODE_STEP_SECONDS);
        assertThat(tpot.value()).isCloseTo(0.009, within(1e-15));
        // the mean context of a request's decode: 1000 + 200/2
        assertThat(tpot.workload().promptTokens()).isEqualTo(1100);
        assertThat(tpot.formats().isWeightOnlyQuantized()).isTrue();
        assertThat(rows.get(2).measurement().value()).isEqualTo(1000);
        assertThat(rows.get(3).measurement().value()).isEqualTo(8000);
        assertThat(rows.get(3).measurement().metric())
                .isEqualTo(Measurement.Metric.STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND);
        assertThat(rows.get(4).measurement().metric()).isEqualTo(Measurement.Metric.DECODE_TOKENS_PER_SECOND_PER_USER);
        Measurement step = rows.get(5).measurement();
        assertThat(step.hardware()).isEqualTo(HardwarePresets.H100_SXM);
        assertThat(step.workload().promptTokens()).isEqualTo(2048);
        assertThat(step.workload().outputTokens()).isEqualTo(1);
        assertThat(step.formats().activations()).isEqualTo(NumericFormat.FP8_E4M3);
        assertThat(step.model()).isEqualTo(ModelPresets.LLAMA_3_1_8B);
    }

    @Test
    void jsonlRowsAndAConfigJsonModel() throws IOException {
        Files.writeString(
                dir.resolve("config.json"),
                "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_hidden_layers\": 32,"
                        + " \"num_attention_heads\": 32, \"num_key_value_heads\": 8, \"intermediate_size\": 14336,"
                        + " \"vocab_size\": 128256}");
        Path f = file(
                "m.jsonl",
                "{\"model\": \"config.json\", \"hardware\": \"h200\", \"metric\": \"ttft\", \"batch\": 1,"
                        + " \"input_tokens\": 2048, \"value\": 48.3, \"unit\": \"ms\", \"engine\": \"sglang 0.5\"}",
                "",
                "{\"model\": \"llama-3.1-8b\", \"hardware\": \"h200\", \"metric\": \"decode_step\", \"batch\": 8,"
                        + " \"input_tokens\": 2048, \"value\": \"5.6\", \"unit\": \"ms\", \"gpus\": null}");
        List<MeasurementRow> rows = MeasurementFiles.read(f, null, null);
        assertThat(rows).extracting(MeasurementRow::id).containsExactly("line 1", "line 3");
        assertThat(rows.get(0).measurement().model().numLayers()).isEqualTo(32);
        assertThat(rows.get(0).measurement().value()).isCloseTo(0.0483, within(1e-15));
        assertThat(rows.get(0).engine()).isEqualTo("sglang 0.5");
        assertThat(rows.get(1).measurement().value()).isCloseTo(0.0056, within(1e-15));
        assertThat(rows.get(1).engine()).isEmpty();
    }

    @Test
    void csvFieldsSplitOnCommasOutsideQuotes() {
        assertThat(MeasurementFiles.fields("a,\"b,c\",\"say \"\"hi\"\"\",", 1))
                .containsExactly("a", "b,c", "say \"hi\"", "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bad unit|llama-3.1-8b,h200,1,bf16,,,ttft,1,2048,0,48,tokens/s,x"
                        + "|line 2: unit (tokens/s) does not fit metric ttft: use s, ms or us",
                "throughput in ms|llama-3.1-8b,h200,1,bf16,,,saturated_throughput,1,128,128,5,ms,x"
                        + "|line 2: unit (ms) does not fit metric saturated_throughput: use tokens/s or tokens/s/gpu",
                "seconds for milliseconds|llama-3.1-8b,h200,1,bf16,,,ttft,1,2048,0,30000,s,x"
                        + "|line 2: ttft (30000.0 s) is 6.13e+05 times the model's 0.04892 s for this configuration",
                "unknown metric|llama-3.1-8b,h200,1,bf16,,,latency,1,2048,0,48,ms,x"
                        + "|line 2: metric (latency) is not known; known: ",
                "unknown hardware|llama-3.1-8b,tpu-v5,1,bf16,,,ttft,1,2048,0,48,ms,x"
                        + "|line 2: hardware preset (tpu-v5) is unknown",
                "field count|llama-3.1-8b,h200,1,bf16,,,ttft,1,2048,0,48,ms|line 2 has 12 fields, the header 13",
                "missing value|llama-3.1-8b,h200,1,bf16,,,ttft,1,2048,0,,ms,x|line 2: column value is missing or empty",
                "bad format|llama-3.1-8b,h200,1,bf9,,,ttft,1,2048,0,48,ms,x|line 2: weights (bf9) is not a format",
                "bad batch|llama-3.1-8b,h200,1,bf16,,,ttft,0,2048,0,48,ms,x|line 2: batch (0) must be >= 1",
                "batch not a number|llama-3.1-8b,h200,1,bf16,,,ttft,one,2048,0,48,ms,x"
                        + "|line 2: batch (one) must be a whole number",
                "value not a number|llama-3.1-8b,h200,1,bf16,,,ttft,1,2048,0,fast,ms,x"
                        + "|line 2: value (fast) must be a number",
                "negative value|llama-3.1-8b,h200,1,bf16,,,ttft,1,2048,0,-4,ms,x"
                        + "|line 2: value (-4) must be finite and > 0",
                "model not known|gpt-9,h200,1,bf16,,,ttft,1,2048,0,48,ms,x"
                        + "|line 2: model (gpt-9) is neither a preset id",
                "open quote|llama-3.1-8b,h200,1,bf16,,,ttft,1,2048,0,48,ms,\"x|line 2: a quote is not closed",
            })
    void aBadRowIsRefusedInOneLineNamingTheValue(String what, String row, String message) throws IOException {
        Path f = file(
                "bad.csv",
                "model,hardware,gpus,weights,kv,compute,metric,batch,input_tokens,output_tokens," + "value,unit,engine",
                row);
        String err = CliErrorsTest.usageError(
                "calibrate",
                "--measurements",
                f.toString(),
                "--out",
                dir.resolve("o.json").toString());
        assertThat(err).as(what).startsWith("llm-cost: " + f + ": " + message);
    }

    @Test
    void fileLevelProblems() throws IOException {
        String out = dir.resolve("o.json").toString();
        Path missingColumn = file("a.csv", "model,hardware,metric,batch,value,unit", "llama-3.1-8b,h200,ttft,1,4,ms");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", missingColumn.toString(), "--out", out))
                .endsWith(": line 2: column input_tokens is missing or empty");
        Path unknownColumn = file("b.csv", "model,colour", "llama-3.1-8b,red");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", unknownColumn.toString(), "--out", out))
                .contains(": line 2: column colour is not known; known: model, hardware,");
        Path noHardware = file("c.csv", "model,metric,input_tokens,value,unit", "llama-3.1-8b,ttft,128,6,ms");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", noHardware.toString(), "--out", out))
                .endsWith(": line 2: column hardware is missing or empty (or give --hardware)");
        Path empty = file("d.csv", HEADER);
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", empty.toString(), "--out", out))
                .isEqualTo("llm-cost: --measurements (" + empty + ") holds no measurement rows");
        Path binary = dir.resolve("bin.csv");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", binary.toString(), "--out", out))
                .isEqualTo("llm-cost: --measurements (" + binary + ") is not UTF-8 text");
        Path txt = file("e.txt", "x");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", txt.toString(), "--out", out))
                .endsWith(": the name must end in .csv, .jsonl or .json (measure.py or vLLM)");
        Path notJson = file("f.jsonl", "{\"model\": ");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", notJson.toString(), "--out", out))
                .contains(": line 1 is not JSON: ");
        Path array = file("g.jsonl", "[1]");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", array.toString(), "--out", out))
                .endsWith(": line 1 ([1]) must be a JSON object");
        Path nested = file("h.jsonl", "{\"model\": {\"a\": 1}}");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", nested.toString(), "--out", out))
                .endsWith(": line 1: model ({\"a\":1}) must be a string or a number");
        Path other = file("i.json", "{\"results\": []}");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", other.toString(), "--out", out))
                .contains(": neither a measure.py result");
        Path shape = file(
                "j.json",
                "{\"meta\": {\"device\": \"NVIDIA H200\"}, \"rows\": [{\"model\": \"tiny\", \"phase\": \"decode\","
                        + " \"batch\": 1, \"context\": 8, \"seconds\": 0.001}]}");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", shape.toString(), "--out", out))
                .contains(": row 1: model (tiny) is not one of measure.py's shapes");
        Path device = file(
                "k.json",
                "{\"meta\": {\"device\": \"NVIDIA H100 80GB HBM3\"}, \"rows\": [{\"model\": \"Qwen/Qwen3-14B\","
                        + " \"phase\": \"decode\", \"batch\": 1, \"context\": 8, \"seconds\": 0.001}]}");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", device.toString(), "--out", out))
                .endsWith("the harness's device (NVIDIA H100 80GB HBM3) is not a hardware preset's name: give"
                        + " --hardware");
        Path phase = file(
                "l.json",
                "{\"meta\": {\"device\": \"NVIDIA H200\"}, \"rows\": [{\"model\": \"Qwen/Qwen3-14B\","
                        + " \"phase\": \"train\", \"batch\": 0, \"context\": 8, \"seconds\": 0.001}]}");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", phase.toString(), "--out", out))
                .endsWith(": row 1: phase (train) must be prefill or decode");
        Path huge = file(
                "m.json",
                "{\"meta\": {\"device\": \"NVIDIA H200\"}, \"rows\": [{\"model\": \"Qwen/Qwen3-14B\","
                        + " \"phase\": \"decode\", \"batch\": 1, \"context\": 99999999, \"seconds\": 0.001}]}");
        assertThat(CliErrorsTest.usageError("calibrate", "--measurements", huge.toString(), "--out", out))
                .startsWith("llm-cost: " + huge + ": row 1: this configuration cannot run, so it cannot be fitted: ");
        assertThat(CliErrorsTest.usageError(
                        "calibrate", "--measurements", dir.resolve("absent.csv").toString(), "--out", out))
                .contains("--measurements (" + dir.resolve("absent.csv") + ") is not a readable file");
    }
}
