package io.github.llmcost.hardware.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Predictions of measurements no calibration was fitted to ({@link HeldOutMeasurements}), under the factors the
 * library uses by default ({@link CalibratedEfficiencies#forHardware}): printed row by row, with the median error and
 * the share inside the 80% interval held to committed baselines (a ratchet: lower them when a change improves them).
 */
class HeldOutTest {
    /** Committed baselines: median |error| and the least coverage of the 80% interval on the held-out rows. */
    static final double MEDIAN_BASELINE = 0.11;

    static final double COVERAGE_BASELINE = 0.70;

    @Test
    void heldOutRowsAreWithinTheBaselines() {
        List<Measurement> rows = HeldOutMeasurements.direct();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        Evaluation e = Evaluation.of(rows, CalibratedEfficiencies::forHardware);
        long inside = e.points().stream()
                .filter(p -> {
                    ChipCalibration c =
                            CalibratedEfficiencies.forHardware(p.measurement().hardware());
                    return p.timeRatio() >= c.errorLow() && p.timeRatio() <= c.errorHigh();
                })
                .count();
        double coverage = inside / (double) rows.size();
        System.out.println("Held-out rows under the default calibrations:\n" + e);
        System.out.printf("inside the 80%% interval: %d of %d (%.0f%%)%n", inside, rows.size(), 100 * coverage);
        assertThat(e.medianAbsoluteError()).isLessThanOrEqualTo(MEDIAN_BASELINE);
        assertThat(coverage).isGreaterThanOrEqualTo(COVERAGE_BASELINE);
    }
}
