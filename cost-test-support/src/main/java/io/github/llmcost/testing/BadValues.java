package io.github.llmcost.testing;

/**
 * The values every bad-input test feeds a setter or factory that must refuse them: each method returns a new array, in
 * the order the cases are reported. The doubles include what slips past a careless {@code x > 0} check written as
 * {@code x <= 0 -> reject} (NaN) and what a range check forgets (the infinities, {@code -0.0}, the extremes).
 */
public final class BadValues {
    private BadValues() {}

    /** {@return doubles that are not finite and {@code > 0}: zero, negative zero, negatives, NaN and both infinities} */
    public static double[] notPositive() {
        return new double[] {
            0.0,
            -0.0,
            -1.0,
            -Double.MIN_VALUE,
            -Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
    }

    /** {@return doubles that are not finite and {@code >= 0}: negatives, NaN and both infinities} */
    public static double[] negativeOrNotFinite() {
        return new double[] {
            -1.0, -Double.MIN_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
        };
    }

    /**
     * {@return doubles outside {@code (0, 1]}: zero, negative zero, negatives, the double just above 1, 2, NaN and both
     * infinities}
     */
    public static double[] notAFraction() {
        return new double[] {
            0.0,
            -0.0,
            -0.5,
            -Double.MIN_VALUE,
            1.0000000000000002,
            2,
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY
        };
    }

    /** {@return NaN and both infinities} */
    public static double[] notFinite() {
        return new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    }

    /** {@return ints that are not {@code > 0}: zero, -1 and the smallest int} */
    public static int[] notPositiveInts() {
        return new int[] {0, -1, Integer.MIN_VALUE};
    }

    /** {@return negative ints: -1 and the smallest int} */
    public static int[] negativeInts() {
        return new int[] {-1, Integer.MIN_VALUE};
    }

    /** {@return longs that are not {@code > 0}: zero, -1 and the smallest long} */
    public static long[] notPositiveLongs() {
        return new long[] {0, -1, Long.MIN_VALUE};
    }

    /** {@return negative longs: -1 and the smallest long} */
    public static long[] negativeLongs() {
        return new long[] {-1, Long.MIN_VALUE};
    }
}
