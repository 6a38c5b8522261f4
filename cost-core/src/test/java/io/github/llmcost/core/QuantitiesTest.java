package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How quantities print: decimal and binary side by side, three significant digits; how formats parse. */
class QuantitiesTest {

    /** Bytes decimal and binary side by side, FLOPs with SI prefixes, seconds with subunits down to femtoseconds. */
    @ParameterizedTest(name = "{0}.of({1}) prints {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Bytes | 536870912 | 537 MB (512 MiB)",
                "Bytes | 16384 | 16.4 kB (16 KiB)",
                "Bytes | 67108864 | 67.1 MB (64 MiB)",
                "Bytes | 2147483648 | 2.15 GB (2 GiB)",
                "Bytes | 512 | 512 B",
                "Bytes | 0.5 | 0.5 B",
                "Bytes | 0 | 0 B",
                "Bytes | 999999 | 1 MB (977 KiB)",
                "Bytes | 1e21 | 1 ZB (867 EiB)",
                "Flops | 103079215104 | 103 GFLOP",
                "Flops | 4398046511104 | 4.4 TFLOP",
                "Flops | 0 | 0 FLOP",
                "Flops | 2.5 | 2.5 FLOP",
                "Flops | 8.1e20 | 810 EFLOP",
                "Seconds | 0 | 0 s",
                "Seconds | 1 | 1 s",
                "Seconds | 1.5 | 1.5 s",
                "Seconds | 0.0027 | 2.7 ms",
                "Seconds | 2.5e-7 | 250 ns",
                "Seconds | 0.0009999 | 1 ms",
                "Seconds | 0.9999 | 1 s",
                "Seconds | 1e-15 | 1 fs",
                "Seconds | 1e-16 | 0.1 fs",
                "Seconds | 86400 | 86.4 ks"
            })
    void quantitiesPrintWithTheirUnits(String type, double value, String expected) {
        Object quantity = switch (type) {
            case "Bytes" -> Bytes.of(value);
            case "Flops" -> Flops.of(value);
            case "Seconds" -> Seconds.of(value);
            default -> throw new IllegalArgumentException(type);
        };
        assertThat(quantity).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"FP32, 4", "BF16, 2", "FP16, 2", "FP8_E4M3, 1", "FP8_E5M2, 1", "INT8, 1", "INT4, 0.5", "FP4, 0.5"})
    void formatsHaveTheirBytesPerElement(NumericFormat format, double bytes) {
        assertThat(format.bytesPerElement()).isEqualTo(bytes);
        assertThat(format.bytesFor(1000).toBytes()).isEqualTo(1000 * bytes);
    }

    @ParameterizedTest
    @CsvSource({"int4, INT4", "FP8, FP8_E4M3", "e5m2, FP8_E5M2", "bfloat16, BF16", "half, FP16", " fp32 , FP32"})
    void formatsParse(String text, NumericFormat expected) {
        assertThat(NumericFormat.parse(text)).isEqualTo(expected);
    }
}
