package io.github.llmcost.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formatting of quantities for {@code toString}: SI (decimal) and IEC (binary) prefixes, three significant digits. */
final class Units {
    private static final String[] SI = {"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] IEC = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private Units() {}

    /** {@code 536870912, "B"} gives {@code "537 MB"}. */
    static String decimal(double value, String unit) {
        return scaled(value, 1000.0, SI, unit);
    }

    /** {@code 0.0027, "s"} gives {@code "2.7 ms"}; values of 1 and above scale up as {@link #decimal}. */
    static String decimalWithSubunits(double value, String unit) {
        double magnitude = Math.abs(value);
        if (value == 0 || magnitude >= 1) {
            return decimal(value, unit);
        }
        String[] down = {"m", "\u00b5", "n", "p", "f"};
        int index = -1;
        while (magnitude < 1 && index < down.length - 1) {
            magnitude *= 1000;
            index++;
        }
        String digits = significant(magnitude);
        if (new BigDecimal(digits).compareTo(BigDecimal.valueOf(1000)) >= 0) {
            // rounding carried into the next unit up: 0.9999 s is "1 s", 999.9 us is "1 ms"
            if (index == 0) {
                return (value < 0 ? "-" : "") + significant(magnitude / 1000) + " " + unit;
            }
            index--;
            digits = significant(magnitude / 1000);
        }
        return (value < 0 ? "-" : "") + digits + " " + down[index] + unit;
    }

    /** {@code 536870912, "B"} gives {@code "512 MiB"}. */
    static String binary(double value, String unit) {
        return scaled(value, 1024.0, IEC, unit);
    }

    private static String scaled(double value, double base, String[] prefixes, String unit) {
        if (value == 0) {
            return "0 " + unit;
        }
        double magnitude = Math.abs(value);
        int index = 0;
        while (magnitude >= base && index < prefixes.length - 1) {
            magnitude /= base;
            index++;
        }
        // Rounding to three digits can carry into the next prefix (999.7 kB -> 1000 kB): move up then.
        String digits = significant(magnitude);
        if (index < prefixes.length - 1 && new BigDecimal(digits).compareTo(BigDecimal.valueOf(base)) >= 0) {
            magnitude /= base;
            index++;
            digits = significant(magnitude);
        }
        return (value < 0 ? "-" : "") + digits + " " + prefixes[index] + unit;
    }

    /** Three significant digits, never fewer than the integer part, without trailing zeros. */
    static String significant(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN));
        if (Math.abs(value) >= 1000) {
            rounded = new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
