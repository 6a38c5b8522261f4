package io.github.llmcost.core.internal;

/**
 * Argument checks shared by the llm-cost modules (not API: exported to them alone), in the style of Guava's
 * MathPreconditions: every failure names the quantity and its value.
 *
 * <p>Each check uses {@code !(x > 0)} style comparisons so that NaN fails too. Conditions with composed messages are
 * written as plain {@code if} statements at the call site, so that no message string is built on the happy path.
 */
public final class Check {
    private Check() {}

    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be > 0");
        }
        return value;
    }

    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be > 0");
        }
        return value;
    }

    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + value + ") must be finite and > 0");
        }
        return value;
    }

    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 0");
        }
        return value;
    }

    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 0");
        }
        return value;
    }

    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + value + ") must be finite and >= 0");
        }
        return value;
    }

    /**
     * Checks a fraction in (0, 1].
     *
     * @param name the quantity's name
     * @param value its value
     * @return the value
     */
    public static double fraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " (" + value + ") must be in (0, 1]");
        }
        return value;
    }

    /** Exact long multiplication that reports overflow as an {@link IllegalArgumentException} naming the quantity. */
    public static long multiply(String name, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " overflows a long (" + a + " x " + b + ")", e);
        }
    }

    public static long add(String name, long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " overflows a long (" + a + " + " + b + ")", e);
        }
    }
}
