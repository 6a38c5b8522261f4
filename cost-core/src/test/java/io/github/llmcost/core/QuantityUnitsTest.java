package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The quantity types' conversions, arithmetic, ordering, equality and printing, value by value: {@link Bytes},
 * {@link Flops}, {@link FlopRate}, {@link Bandwidth} and {@link Seconds}.
 */
class QuantityUnitsTest {

    @Test
    void bytesConvertToDecimalAndBinaryUnits() {
        Bytes twoGib = Bytes.ofGibibytes(2);
        assertThat(twoGib.toBytes()).isEqualTo(2_147_483_648.0);
        assertThat(twoGib.toGibibytes()).isEqualTo(2.0);
        assertThat(twoGib.toMebibytes()).isEqualTo(2048.0);
        assertThat(twoGib.toKibibytes()).isEqualTo(2_097_152.0);
        assertThat(twoGib.toGigabytes()).isCloseTo(2.147483648, within(1e-15));
        assertThat(twoGib.toMegabytes()).isCloseTo(2147.483648, within(1e-9));
        assertThat(twoGib.toKilobytes()).isCloseTo(2_147_483.648, within(1e-6));
        assertThat(Bytes.ofGigabytes(80).toBytes()).isEqualTo(8e10);
        assertThat(Bytes.ofGigabytes(80).toGibibytes()).isCloseTo(74.505806, within(1e-6));
    }

    @Test
    void bytesArithmetic() {
        Bytes five = Bytes.of(5);
        Bytes two = Bytes.of(2);
        assertThat(five.plus(two).toBytes()).isEqualTo(7.0);
        assertThat(five.minus(two).toBytes()).isEqualTo(3.0);
        assertThat(five.minus(five)).isEqualTo(Bytes.ZERO);
        assertThat(five.multipliedBy(2.5).toBytes()).isEqualTo(12.5);
        assertThat(five.multipliedBy(0)).isEqualTo(Bytes.ZERO);
        assertThat(five.dividedBy(two)).isEqualTo(2.5);
        assertThat(Bytes.of(0)).isEqualTo(Bytes.ZERO);
        assertThatThrownBy(() -> two.minus(five))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes (5 B) must be <= 2 B to subtract");
        assertThatThrownBy(() -> five.dividedBy(Bytes.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes (0) must be > 0 to divide by");
    }

    @Test
    void flopsConvertAndComputeArithmetic() {
        Flops f = Flops.of(4.4e12);
        assertThat(f.toFlops()).isEqualTo(4.4e12);
        assertThat(f.toGigaflops()).isCloseTo(4400, within(1e-9));
        assertThat(f.toTeraflops()).isCloseTo(4.4, within(1e-12));
        assertThat(Flops.of(5).plus(Flops.of(2)).toFlops()).isEqualTo(7.0);
        assertThat(Flops.of(5).minus(Flops.of(2)).toFlops()).isEqualTo(3.0);
        assertThat(Flops.of(5).minus(Flops.of(5))).isEqualTo(Flops.ZERO);
        assertThat(Flops.of(5).multipliedBy(3).toFlops()).isEqualTo(15.0);
        assertThat(Flops.of(5).dividedBy(Flops.of(2))).isEqualTo(2.5);
        assertThatThrownBy(() -> Flops.of(2).minus(Flops.of(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flops (5 FLOP) must be <= 2 FLOP to subtract");
        assertThatThrownBy(() -> Flops.of(2).dividedBy(Flops.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flops (0) must be > 0 to divide by");
    }

    @Test
    void flopRateConvertsAndScales() {
        FlopRate h100 = FlopRate.ofTeraflops(989.4);
        assertThat(h100.toFlopsPerSecond()).isEqualTo(9.894e14);
        assertThat(h100.toTeraflopsPerSecond()).isCloseTo(989.4, within(1e-9));
        assertThat(h100.multipliedBy(0.5).toFlopsPerSecond()).isEqualTo(4.947e14);
        assertThat(FlopRate.of(0)).isEqualTo(FlopRate.ZERO);
        assertThat(FlopRate.of(7).toFlopsPerSecond()).isEqualTo(7.0);
        assertThat(h100).hasToString("989 TFLOP/s");
    }

    @Test
    void bandwidthConvertsAndScales() {
        Bandwidth hbm3 = Bandwidth.ofGigabytesPerSecond(3350);
        assertThat(hbm3.toBytesPerSecond()).isEqualTo(3.35e12);
        assertThat(hbm3.toGigabytesPerSecond()).isCloseTo(3350, within(1e-9));
        assertThat(hbm3.multipliedBy(0.7).toBytesPerSecond()).isCloseTo(2.345e12, within(1.0));
        assertThat(Bandwidth.of(0)).isEqualTo(Bandwidth.ZERO);
        assertThat(Bandwidth.of(7).toBytesPerSecond()).isEqualTo(7.0);
        assertThat(hbm3).hasToString("3.35 TB/s");
    }

    @Test
    void secondsConvertAndCompute() {
        Seconds s = Seconds.of(7200);
        assertThat(s.toSeconds()).isEqualTo(7200.0);
        assertThat(s.toMillis()).isEqualTo(7.2e6);
        assertThat(s.toHours()).isEqualTo(2.0);
        assertThat(Seconds.of(1.5).plus(Seconds.of(0.25)).toSeconds()).isEqualTo(1.75);
        assertThat(Seconds.of(1.5).multipliedBy(4).toSeconds()).isEqualTo(6.0);
        assertThat(Seconds.of(0)).isEqualTo(Seconds.ZERO);
        assertThat(Seconds.of(1).max(Seconds.of(2))).isEqualTo(Seconds.of(2));
        assertThat(Seconds.of(2).max(Seconds.of(1))).isEqualTo(Seconds.of(2));
    }

    @Test
    void secondsToComputeAndToMove() {
        assertThat(Seconds.from(Flops.of(3e12), FlopRate.ofTeraflops(1.5)).toSeconds())
                .isEqualTo(2.0);
        assertThat(Seconds.from(Bytes.ofGigabytes(16), Bandwidth.ofGigabytesPerSecond(2000))
                        .toMillis())
                .isCloseTo(8.0, within(1e-12));
        assertThat(Seconds.from(Flops.ZERO, FlopRate.of(1))).isEqualTo(Seconds.ZERO);
        assertThatThrownBy(() -> Seconds.from(Flops.of(1e12), FlopRate.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate (0 FLOP/s) must be > 0 to compute 1 TFLOP");
        assertThatThrownBy(() -> Seconds.from(Bytes.of(1e9), Bandwidth.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bandwidth (0 B/s) must be > 0 to move 1 GB (954 MiB)");
    }

    @Test
    void unitsPrintNegativeValuesWithASign() {
        assertThat(Units.decimal(-1500, "B")).isEqualTo("-1.5 kB");
        assertThat(Units.binary(-2048, "B")).isEqualTo("-2 KiB");
        assertThat(Units.decimalWithSubunits(-0.0027, "s")).isEqualTo("-2.7 ms");
        assertThat(Units.decimalWithSubunits(-3, "s")).isEqualTo("-3 s");
        assertThat(Units.significant(0)).isEqualTo("0");
        assertThat(Units.significant(1234.5)).isEqualTo("1234");
        assertThat(Units.significant(0.012345)).isEqualTo("0.0123");
    }

    @Test
    void bytesPrintBinaryOnlyFromAKilobyte() {
        assertThat(Bytes.of(999)).hasToString("999 B");
        assertThat(Bytes.of(1000)).hasToString("1 kB (1000 B)");
        assertThat(Bytes.of(1024)).hasToString("1.02 kB (1 KiB)");
    }

    @Test
    void theLargestPrefixesAbsorbEverythingAbove() {
        assertThat(Bytes.of(1e27)).hasToString("1000 YB (827 YiB)");
        assertThat(Bytes.of(9.9996e26)).hasToString("1000 YB (827 YiB)");
        assertThat(Bytes.of(2e30)).hasToString("2000000 YB (1654361 YiB)");
    }

    @Test
    void quantitiesOrderAndCompareByValue() {
        assertThat(Bytes.of(1)).isLessThan(Bytes.of(2));
        assertThat(Bytes.of(2).compareTo(Bytes.of(1))).isPositive();
        assertThat(Bytes.of(2).compareTo(Bytes.of(2))).isZero();
        assertThat(Flops.of(1)).isLessThan(Flops.of(2));
        assertThat(Flops.of(2).compareTo(Flops.of(1))).isPositive();
        assertThat(FlopRate.of(1)).isLessThan(FlopRate.of(2));
        assertThat(FlopRate.of(2).compareTo(FlopRate.of(1))).isPositive();
        assertThat(Bandwidth.of(1)).isLessThan(Bandwidth.of(2));
        assertThat(Bandwidth.of(2).compareTo(Bandwidth.of(1))).isPositive();
        assertThat(Seconds.of(1)).isLessThan(Seconds.of(2));
        assertThat(Seconds.of(2).compareTo(Seconds.of(1))).isPositive();
    }

    @Test
    void quantitiesAreEqualExactlyWhenTheirValuesAre() {
        assertEqualityByValue(Bytes.of(3), Bytes.of(3), Bytes.of(4), Flops.of(3));
        assertEqualityByValue(Flops.of(3), Flops.of(3), Flops.of(4), Bytes.of(3));
        assertEqualityByValue(FlopRate.of(3), FlopRate.of(3), FlopRate.of(4), Bandwidth.of(3));
        assertEqualityByValue(Bandwidth.of(3), Bandwidth.of(3), Bandwidth.of(4), FlopRate.of(3));
        assertEqualityByValue(Seconds.of(3), Seconds.of(3), Seconds.of(4), Flops.of(3));
    }

    private static void assertEqualityByValue(Object a, Object sameValue, Object otherValue, Object otherType) {
        assertThat(a).isEqualTo(sameValue).isNotSameAs(sameValue);
        assertThat(a.hashCode()).isEqualTo(sameValue.hashCode()).isNotEqualTo(otherValue.hashCode());
        assertThat(a).isNotEqualTo(otherValue).isNotEqualTo(otherType);
        assertThat(a).isNotEqualTo(null);
    }
}
