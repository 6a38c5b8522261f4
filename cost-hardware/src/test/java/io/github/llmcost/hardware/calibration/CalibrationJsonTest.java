package io.github.llmcost.hardware.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.llmcost.core.Seconds;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calibration files: written and read back equal, read strictly (every problem names the file, the key and the
 * value), and the shipped calibrations are such files, with the values they always had.
 */
class CalibrationJsonTest {
    static final CalibrationFile SAMPLE = new CalibrationFile(
            "h200",
            "vLLM 0.11.0, CUDA graphs",
            LocalDate.of(2026, 11, 30),
            7,
            CalibrationFileTest.DIGEST,
            Map.of(0.05, 0.93, 0.5, 1.0123456789012345, 0.95, 1.21),
            ChipCalibration.builder()
                    .matmulFraction(0.6123456789012345)
                    .attentionFraction(0.51)
                    .bandwidthFraction(0.83)
                    .lowPrecisionMatmulFactor(0.75)
                    .overlapExponent(2)
                    .weightOnlyBandwidthFactor(0.77)
                    .layerOverhead(Seconds.of(3.1234e-5))
                    .stepOverhead(Seconds.of(2.5e-4))
                    .allReduceLatency(Seconds.of(7e-6))
                    .errorLow(0.93)
                    .errorHigh(1.21)
                    .source("mine")
                    .build());

    @Test
    void aFileReadsBackEqual(@TempDir Path dir) {
        Path file = dir.resolve("mine.json");
        Calibration.write(SAMPLE, file);
        CalibrationFile back = Calibration.read(file);
        assertThat(back).isEqualTo(SAMPLE);
        assertThat(back.calibration().matmulFraction()).isEqualTo(0.6123456789012345);
        assertThat(back.calibration().layerOverhead().toSeconds()).isEqualTo(3.1234e-5);
        assertThat(back.residualQuantiles().get(0.5)).isEqualTo(1.0123456789012345);
        assertThat(Calibration.toJson(back))
                .isEqualTo(Calibration.toJson(SAMPLE))
                .endsWith("}\n");
        assertThat(Calibration.toJson(SAMPLE))
                .contains("\"format\" : \"llm-cost-calibration/1\"")
                .contains("\"date\" : \"2026-11-30\"")
                .contains("\"layerOverheadSeconds\" : 3.1234E-5")
                .contains("\"0.05\" : 0.93");
    }

    @Test
    void theShippedCalibrationsAreFilesWithTheirFittedValues() {
        ChipCalibration h200 = CalibratedEfficiencies.H200;
        assertThat(List.of(
                        h200.matmulFraction(),
                        h200.attentionFraction(),
                        h200.bandwidthFraction(),
                        h200.weightOnlyBandwidthFactor(),
                        h200.lowPrecisionMatmulFactor(),
                        h200.overlapExponent(),
                        h200.layerOverhead().toSeconds(),
                        h200.stepOverhead().toSeconds(),
                        h200.allReduceLatency().toSeconds(),
                        h200.errorLow(),
                        h200.errorHigh()))
                .containsExactly(0.642, 0.557, 0.843, 0.77, 0.75, 2.0, 31.2e-6, 279e-6, 0.0, 0.909, 1.287);
        assertThat(CalibratedEfficiencies.H100_SXM.matmulFraction()).isEqualTo(0.672);
        assertThat(CalibratedEfficiencies.H100_SXM.stepOverhead().toSeconds()).isEqualTo(1.555e-3);
        assertThat(CalibratedEfficiencies.A100_80GB.weightOnlyBandwidthFactor()).isEqualTo(0.825);
        assertThat(CalibratedEfficiencies.A100_80GB.stepOverhead().toSeconds()).isEqualTo(469e-6);
        assertThat(CalibratedEfficiencies.GENERIC.errorHigh()).isEqualTo(1.594);
        assertThat(CalibratedEfficiencies.FITTED_BAND_LOW).isEqualTo(0.909);
        assertThat(CalibratedEfficiencies.FITTED_BAND_HIGH).isEqualTo(1.287);
        assertThat(CalibratedEfficiencies.GENERIC_BAND_HIGH).isEqualTo(1.594);

        CalibrationFile file = CalibratedEfficiencies.file("H200");
        assertThat(file.calibration()).isSameAs(CalibratedEfficiencies.H200);
        assertThat(file.chip()).isEqualTo("h200");
        assertThat(file.rows()).isEqualTo(32);
        // the digest is that of the rows FidelityTest fits
        assertThat(file.rowsDigest()).isEqualTo(CalibrationFile.digest(H200Measurements.load()));
        assertThat(CalibratedEfficiencies.file("generic").calibration()).isSameAs(CalibratedEfficiencies.GENERIC);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CalibratedEfficiencies.file("none"))
                .withMessage("calibration file (none) is not shipped; shipped: [h200, h100-sxm, a100-80gb, generic]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown key|\"chip\" : \"h200\",|\"chip\" : \"h200\", \"colour\" : 3,"
                        + "|x.json: colour (3) is not a known key; known: [format, chip,",
                "missing key|\"engine\" : \"vLLM 0.11.0, CUDA graphs\",||x.json: engine is missing (every one of",
                "unknown factor|\"matmulFraction\" : 0.6123456789012345,|\"matmulFraction\" : 0.6, \"fudge\" : 1,"
                        + "|x.json: factors.fudge (1) is not a known key; known: [matmulFraction,",
                "missing factor|\"stepOverheadSeconds\" : 2.5E-4,||x.json: factors.stepOverheadSeconds is missing",
                "missing band end|\"errorHigh\" : 1.21|\"errorHigh\" : 1.21, \"x\" : 1|x.json: band.x (1) is not a known key",
                "factor out of range|\"matmulFraction\" : 0.6123456789012345|\"matmulFraction\" : 1.5"
                        + "|x.json: factors.matmulFraction (1.5) must be between 0.01 and 1.0 (a plausible range)",
                "matmul fraction absurdly small|\"matmulFraction\" : 0.6123456789012345|\"matmulFraction\" : 1e-6"
                        + "|x.json: factors.matmulFraction (1.0E-6) must be between 0.01 and 1.0",
                "matmul fraction 1e-300|\"matmulFraction\" : 0.6123456789012345|\"matmulFraction\" : 1e-300"
                        + "|x.json: factors.matmulFraction (1.0E-300) must be between 0.01 and 1.0",
                "attention fraction too small|\"attentionFraction\" : 0.51|\"attentionFraction\" : 0.0099"
                        + "|x.json: factors.attentionFraction (0.0099) must be between 0.01 and 1.0",
                "bandwidth above one|\"bandwidthFraction\" : 0.83|\"bandwidthFraction\" : 1.0001"
                        + "|x.json: factors.bandwidthFraction (1.0001) must be between 0.01 and 1.0",
                "low-precision factor too small|\"lowPrecisionMatmulFactor\" : 0.75|\"lowPrecisionMatmulFactor\" : 0.001"
                        + "|x.json: factors.lowPrecisionMatmulFactor (0.001) must be between 0.01 and 1.0",
                "weight-only factor too small|\"weightOnlyBandwidthFactor\" : 0.77|\"weightOnlyBandwidthFactor\" : 0.001"
                        + "|x.json: factors.weightOnlyBandwidthFactor (0.001) must be between 0.01 and 1.0",
                "step overhead absurd|\"stepOverheadSeconds\" : 2.5E-4|\"stepOverheadSeconds\" : 1e300"
                        + "|x.json: factors.stepOverheadSeconds (1.0E300) must be between 0.0 and 1.0",
                "layer overhead too long|\"layerOverheadSeconds\" : 3.1234E-5|\"layerOverheadSeconds\" : 0.0101"
                        + "|x.json: factors.layerOverheadSeconds (0.0101) must be between 0.0 and 0.01",
                "all-reduce latency too long|\"allReduceLatencySeconds\" : 7.0E-6|\"allReduceLatencySeconds\" : 1.5"
                        + "|x.json: factors.allReduceLatencySeconds (1.5) must be between 0.0 and 1.0",
                "factor NaN|\"matmulFraction\" : 0.6123456789012345|\"matmulFraction\" : NaN"
                        + "|x.json: factors.matmulFraction (NaN) must be a finite number",
                "band Infinity|\"errorHigh\" : 1.21|\"errorHigh\" : Infinity"
                        + "|x.json: band.errorHigh (Infinity) must be a finite number",
                "chip not a preset|\"chip\" : \"h200\"|\"chip\" : \"nochip\""
                        + "|x.json: chip (\"nochip\") is neither a hardware preset id (h100-sxm, ",
                "factor not a number|\"bandwidthFraction\" : 0.83|\"bandwidthFraction\" : \"fast\""
                        + "|x.json: factors.bandwidthFraction (\"fast\") must be a number",
                "negative overhead|\"layerOverheadSeconds\" : 3.1234E-5|\"layerOverheadSeconds\" : -1.0"
                        + "|x.json: factors.layerOverheadSeconds (-1.0) must be between 0.0 and 0.01",
                "band below one|\"errorHigh\" : 1.21|\"errorHigh\" : 0.5|x.json: errorHigh (0.5) must be finite and >= 1",
                "bad date|\"2026-11-30\"|\"30/11/2026\"|x.json: date (30/11/2026) must be a day as 2026-11-30",
                "unknown format|\"llm-cost-calibration/1\"|\"llm-cost-calibration/9\""
                        + "|x.json: format (\"llm-cost-calibration/9\") is not known; this reader knows",
                "chip not a string|\"chip\" : \"h200\"|\"chip\" : 200|x.json: chip (200) must be a string",
                "rows not whole|\"rows\" : 7|\"rows\" : 7.5|x.json: rows (7.5) must be a whole number",
                "bad digest|\"rowsDigest\" : \"sha256:|\"rowsDigest\" : \"sha1:|x.json: rowsDigest (sha1:",
                "bad quantile key|\"0.05\" : 0.93|\"p5\" : 0.93|x.json: residualQuantiles key (p5) must be a quantile",
                "bad quantile value|\"0.05\" : 0.93|\"0.05\" : -1|x.json: residualQuantiles[0.05] (-1.0) must be > 0",
                "quantile not a number|\"0.05\" : 0.93|\"0.05\" : true"
                        + "|x.json: residualQuantiles.0.05 (true) must be a number",
                "factors not an object|\"factors\" : {|\"factors\" : 3, \"f\" : {|x.json: f (",
                "blank source|\"source\" : \"mine\"|\"source\" : \" \"|x.json: source (\" \") must not be blank",
            })
    void aBadFileNamesTheFileTheKeyAndTheValue(String what, String from, String to, String message) {
        String json = Calibration.toJson(SAMPLE);
        assertThat(json).as(what).contains(from);
        String bad = json.replace(from, to == null ? "" : to);
        assertThatIllegalArgumentException()
                .as(what)
                .isThrownBy(() -> Calibration.parse(bad, "x.json"))
                .withMessageStartingWith(message);
    }

    @Test
    void theBoundsThemselvesAreRead() {
        String json = Calibration.toJson(SAMPLE)
                .replace("\"matmulFraction\" : 0.6123456789012345", "\"matmulFraction\" : 0.01")
                .replace("\"bandwidthFraction\" : 0.83", "\"bandwidthFraction\" : 1.0")
                .replace("\"layerOverheadSeconds\" : 3.1234E-5", "\"layerOverheadSeconds\" : 0.01")
                .replace("\"stepOverheadSeconds\" : 2.5E-4", "\"stepOverheadSeconds\" : 1.0")
                .replace("\"allReduceLatencySeconds\" : 7.0E-6", "\"allReduceLatencySeconds\" : 1.0");
        ChipCalibration c = Calibration.parse(json, "x.json").calibration();
        assertThat(List.of(
                        c.matmulFraction(),
                        c.bandwidthFraction(),
                        c.layerOverhead().toSeconds(),
                        c.stepOverhead().toSeconds(),
                        c.allReduceLatency().toSeconds()))
                .containsExactly(0.01, 1.0, 0.01, 1.0, 1.0);
    }

    @Test
    void notJsonOrNotAnObject(@TempDir Path dir) throws Exception {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Calibration.parse("{\"chip\": ", "y.json"))
                .withMessageStartingWith("y.json: not JSON: ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Calibration.parse("[1, 2]", "y.json"))
                .withMessage("y.json: the file ([1,2]) must be a JSON object");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Calibration.parse(
                        Calibration.toJson(SAMPLE).replaceFirst("\"band\" : \\{[^}]*}", "\"band\" : [0.9, 1.1]"),
                        "y.json"))
                .withMessage("y.json: band ([0.9,1.1]) must be a JSON object");
        Path missing = dir.resolve("absent.json");
        assertThatThrownBy(() -> Calibration.read(missing)).isInstanceOf(UncheckedIOException.class);
        Path inDirectory = dir.resolve("sub").resolve("x.json");
        assertThatThrownBy(() -> Calibration.write(SAMPLE, inDirectory)).isInstanceOf(UncheckedIOException.class);
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Calibration.read(file))
                .withMessageStartingWith(file + ": format is missing");
    }
}
