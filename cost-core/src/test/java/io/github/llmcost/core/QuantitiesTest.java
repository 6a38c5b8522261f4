package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How quantities print: decimal and binary side by side, three significant digits. */
class QuantitiesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "536870912 | 537 MB (512 MiB)",
                "16384 | 16.4 kB (16 KiB)",
                "67108864 | 67.1 MB (64 MiB)",
                "2147483648 | 2.15 GB (2 GiB)",
                "512 | 512 B",
                "0.5 | 0.5 B",
                "0 | 0 B",
                "999999 | 1 MB (977 KiB)",
                "1e21 | 1 ZB (867 EiB)"
            })
    void bytesPrintDecimalAndBinary(double bytes, String expected) {
        assertThat(Bytes.of(bytes)).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "103079215104 | 103 GFLOP",
                "4398046511104 | 4.4 TFLOP",
                "0 | 0 FLOP",
                "2.5 | 2.5 FLOP",
                "8.1e20 | 810 EFLOP"
            })
    void flopsPrintWithSiPrefixes(double flops, String expected) {
        assertThat(Flops.of(flops)).hasToString(expected);
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
