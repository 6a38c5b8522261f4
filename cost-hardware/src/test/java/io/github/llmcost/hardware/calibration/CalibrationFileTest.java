package io.github.llmcost.hardware.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CalibrationFile}: its checks, the rows' digest and the band a fit's held-out residuals give. */
class CalibrationFileTest {
    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    static Measurement decode(double seconds, int batch) {
        return Measurement.builder()
                .source("row " + batch)
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H200)
                .workload(Workload.builder()
                        .batchSize(batch)
                        .promptTokens(1024)
                        .outputTokens(1)
                        .build())
                .decodeStepTime(Seconds.of(seconds))
                .build();
    }

    @Test
    void theDigestIsSha256OfTheRowsCanonicalTextWithoutTheirSources() {
        Measurement m = decode(0.005, 1);
        // echo -n of the canonical line, hashed by sha256sum
        String line = "Llama 3.1 8B\tNVIDIA H200\t1\t1\t1024\t1\tBF16\tBF16\tBF16\tDECODE_STEP_SECONDS\t0.005\n";
        assertThat(CalibrationFile.digest(List.of(m))).isEqualTo(sha256(line));
        Measurement renamed = Measurement.builder().from(m).source("elsewhere").build();
        assertThat(CalibrationFile.digest(List.of(renamed))).isEqualTo(CalibrationFile.digest(List.of(m)));
        Measurement other = decode(0.0050000001, 1);
        assertThat(CalibrationFile.digest(List.of(other))).isNotEqualTo(CalibrationFile.digest(List.of(m)));
        Measurement b2 = decode(0.006, 2);
        assertThat(CalibrationFile.digest(List.of(m, b2))).isNotEqualTo(CalibrationFile.digest(List.of(b2, m)));
        assertThat(CalibrationFile.digest(List.of(m, b2)))
                .isEqualTo(sha256(
                        line + line.replace("\t1\t1\t1024", "\t1\t2\t1024").replace("0.005", "0.006")));
    }

    private static String sha256(String text) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFitsBandIsTheFifthToNinetyFifthPercentileOfHeldOutTimeRatiosHoldingOne() {
        // five rows predicted at 1 ms: measured/predicted 0.8, 0.9, 1.0, 1.1, 1.5
        List<Measurement> rows =
                List.of(decode(0.0008, 1), decode(0.0009, 2), decode(0.0010, 3), decode(0.0011, 4), decode(0.0015, 5));
        Evaluation heldOut = Evaluation.of(
                rows.stream().map(m -> new Evaluation.Point(m, 0.001)).toList());
        CalibrationFile f =
                CalibrationFile.fitted("h200", "vLLM 0.11", DAY, rows, CalibratedEfficiencies.H200, heldOut);
        // linear interpolation: q 0.05 at index 0.2 -> 0.8 + 0.2 x 0.1 = 0.82; q 0.95 at 3.8 -> 1.1 + 0.8 x 0.4 = 1.42
        assertThat(f.calibration().errorLow()).isCloseTo(0.82, within(1e-12));
        assertThat(f.calibration().errorHigh()).isCloseTo(1.42, within(1e-12));
        assertThat(f.residualQuantiles().keySet()).containsExactly(0.05, 0.10, 0.50, 0.90, 0.95);
        assertThat(f.residualQuantiles().get(0.50)).isCloseTo(1.0, within(1e-12));
        assertThat(f.residualQuantiles().get(0.10)).isCloseTo(0.84, within(1e-12));
        assertThat(f.rows()).isEqualTo(5);
        assertThat(f.rowsDigest()).isEqualTo(CalibrationFile.digest(rows));
        assertThat(f.calibration().source()).isEqualTo("h200: fitted 2026-11-30 to 5 rows (vLLM 0.11)");
        assertThat(f.calibration().matmulFraction()).isEqualTo(CalibratedEfficiencies.H200.matmulFraction());
        assertThat(f.calibration().stepOverhead()).isEqualTo(CalibratedEfficiencies.H200.stepOverhead());

        // every run slower than predicted: the band still brackets its prediction
        List<Evaluation.Point> slow =
                rows.stream().map(m -> new Evaluation.Point(m, 0.0005)).toList();
        CalibrationFile s =
                CalibrationFile.fitted("h200", "x", DAY, rows, CalibratedEfficiencies.H200, Evaluation.of(slow));
        assertThat(s.calibration().errorLow()).isEqualTo(1.0);
        assertThat(s.calibration().errorHigh()).isCloseTo(2.84, within(1e-12));
        List<Evaluation.Point> fast =
                rows.stream().map(m -> new Evaluation.Point(m, 0.01)).toList();
        CalibrationFile q =
                CalibrationFile.fitted("h200", "x", DAY, rows, CalibratedEfficiencies.H200, Evaluation.of(fast));
        assertThat(q.calibration().errorLow()).isCloseTo(0.082, within(1e-12));
        assertThat(q.calibration().errorHigh()).isEqualTo(1.0);
    }

    @Test
    void fieldsAreChecked() {
        ChipCalibration c = CalibratedEfficiencies.H200;
        CalibrationFile ok = new CalibrationFile("h200", "e", DAY, 1, DIGEST, Map.of(0.0, 0.5, 1.0, 2.0), c);
        assertThat(ok.residualQuantiles()).containsExactly(Map.entry(0.0, 0.5), Map.entry(1.0, 2.0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalibrationFile(" ", "e", DAY, 1, DIGEST, Map.of(), c))
                .withMessage("chip (\" \") must not be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalibrationFile("h200", "", DAY, 1, DIGEST, Map.of(), c))
                .withMessage("engine (\"\") must not be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalibrationFile("h200", "e", DAY, 0, DIGEST, Map.of(), c))
                .withMessage("rows (0) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalibrationFile("h200", "e", DAY, 1, "md5:00", Map.of(), c))
                .withMessage("rowsDigest (md5:00) must be sha256: and 64 hex digits");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalibrationFile("h200", "e", DAY, 1, DIGEST, Map.of(-0.01, 1.0), c))
                .withMessage("residualQuantiles key (-0.01) must be in [0, 1]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalibrationFile("h200", "e", DAY, 1, DIGEST, Map.of(1.01, 1.0), c))
                .withMessage("residualQuantiles key (1.01) must be in [0, 1]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalibrationFile("h200", "e", DAY, 1, DIGEST, Map.of(0.5, 0.0), c))
                .withMessage("residualQuantiles[0.5] (0.0) must be > 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new CalibrationFile("h200", "e", DAY, 1, DIGEST, Map.of(0.5, Double.POSITIVE_INFINITY), c))
                .withMessage("residualQuantiles[0.5] (Infinity) must be > 0");
    }
}
