package io.github.llmcost.hardware.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.llmcost.core.Seconds;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A calibration's factors are held to plausible ranges where one is built (so the API refuses what a file would):
 * fractions and factors in [0.01, 1], a layer overhead at most 10 ms, a step overhead and an all-reduce latency at
 * most 1 s; and a fit cannot produce a value the check refuses.
 */
class ChipCalibrationBoundsTest {
    private static final ChipCalibration BASE = ChipCalibration.UNCALIBRATED;

    private static ChipCalibration with(String factor, double value) {
        UnaryOperator<ChipCalibration.Builder> set = switch (factor) {
            case "matmulFraction" -> b -> b.matmulFraction(value);
            case "attentionFraction" -> b -> b.attentionFraction(value);
            case "bandwidthFraction" -> b -> b.bandwidthFraction(value);
            case "lowPrecisionMatmulFactor" -> b -> b.lowPrecisionMatmulFactor(value);
            case "weightOnlyBandwidthFactor" -> b -> b.weightOnlyBandwidthFactor(value);
            case "layerOverhead" -> b -> b.layerOverhead(Seconds.of(value));
            case "stepOverhead" -> b -> b.stepOverhead(Seconds.of(value));
            default -> b -> b.allReduceLatency(Seconds.of(value));
        };
        return set.apply(BASE.toBuilder()).build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "matmulFraction, 0.0099999, 0.01, 1.0, 1.0000001",
        "attentionFraction, 0.0099999, 0.01, 1.0, 1.0000001",
        "bandwidthFraction, 0.0099999, 0.01, 1.0, 1.0000001",
        "lowPrecisionMatmulFactor, 0.0099999, 0.01, 1.0, 1.0000001",
        "weightOnlyBandwidthFactor, 0.0099999, 0.01, 1.0, 1.0000001",
        "layerOverhead, 0.0, 0.0, 0.01, 0.0100001",
        "stepOverhead, 0.0, 0.0, 1.0, 1.0000001",
        "allReduceLatency, 0.0, 0.0, 1.0, 1.0000001",
    })
    void eachFactorIsHeldToItsRange(String factor, double below, double min, double max, double above) {
        assertThat(with(factor, min)).isNotEqualTo(with(factor, max));
        // Seconds itself refuses a negative or NaN time, with its own message; the range check adds the upper end
        double[] bads = min == 0 ? new double[] {above} : new double[] {below, above, Double.NaN};
        for (double bad : bads) {
            assertThatIllegalArgumentException()
                    .as(factor + " " + bad)
                    .isThrownBy(() -> with(factor, bad))
                    .withMessage(
                            factor + " (" + bad + ") must be between " + min + " and " + max + " (a plausible range)");
        }
    }

    @Test
    void theTesterCasesAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with("stepOverhead", 1e300))
                .withMessage("stepOverhead (1.0E300) must be between 0.0 and 1.0 (a plausible range)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with("matmulFraction", 1e-6))
                .withMessage("matmulFraction (1.0E-6) must be between 0.01 and 1.0 (a plausible range)");
    }

    @Test
    @SuppressWarnings("EnumOrdinal") // the fit's vector is indexed by Factor, in declaration order
    void theFitsBoundsLieWithinTheCheck() {
        for (Calibration.Factor f : Calibration.Factor.values()) {
            double[] lowest = Calibration.Factor.values(BASE);
            double[] highest = Calibration.Factor.values(BASE);
            lowest[f.ordinal()] = f.lower;
            highest[f.ordinal()] = f.upper;
            // neither throws: every bound of the fit builds a calibration the check accepts
            assertThat(Calibration.Factor.calibration(lowest, BASE))
                    .as(f + " lower")
                    .isNotNull();
            assertThat(Calibration.Factor.calibration(highest, BASE))
                    .as(f + " upper")
                    .isNotNull();
        }
        double[] v = Calibration.Factor.values(BASE);
        v[0] = Calibration.Factor.MATMUL.lower;
        assertThat(Calibration.Factor.calibration(v, BASE).matmulFraction())
                .isGreaterThanOrEqualTo(ChipCalibration.MIN_FRACTION)
                .isCloseTo(ChipCalibration.MIN_FRACTION, org.assertj.core.api.Assertions.within(1e-15));
    }
}
