package io.github.llmcost.hardware.internal;

import java.util.function.DoubleUnaryOperator;

/**
 * The root of a function on a bracket, by regula falsi with the Illinois modification: each step takes the secant
 * through the bracket's ends; when one end is kept twice in a row its value is halved, which restores superlinear
 * convergence where plain regula falsi would creep from one side. The root stays bracketed throughout, so a kink or a
 * jump cannot throw it off. It stops when two estimates in a row agree to the tolerance.
 *
 * <p>Not API (this package is not exported). Stateless and thread-safe if the function is.
 */
public final class RegulaFalsi {
    private RegulaFalsi() {}

    /**
     * The root of {@code f} between {@code lo}, where it is positive, and {@code hi}, where it is not.
     *
     * @param f the function
     * @param lo the bracket's low end
     * @param fLo {@code f(lo)}, {@code > 0}
     * @param hi the bracket's high end, {@code > lo}
     * @param fHi {@code f(hi)}, {@code <= 0}
     * @param relativeTolerance how close two estimates in a row must be to stop, relative to the latest
     * @param maxIterations the most evaluations of {@code f}
     * @return the last estimate once two in a row agree to the tolerance; the bracket's high end (where {@code f <=
     *     0}) if {@code f} is zero there or the iterations run out first
     */
    public static double root(
            DoubleUnaryOperator f,
            double lo,
            double fLo,
            double hi,
            double fHi,
            double relativeTolerance,
            int maxIterations) {
        double a = lo;
        double fa = fLo;
        double b = hi;
        double fb = fHi;
        int kept = 0;
        double previous = Double.NaN;
        for (int i = 0; i < maxIterations && fb < 0; i++) {
            // inside the bracket, since fa > 0 > fb
            double x = (a * fb - b * fa) / (fb - fa);
            double fx = f.applyAsDouble(x);
            if (fx > 0) {
                a = x;
                fa = fx;
                fb = kept < 0 ? fb / 2 : fb;
                kept = Math.min(kept, 0) - 1;
            } else {
                b = x;
                fb = fx;
                fa = kept > 0 ? fa / 2 : fa;
                kept = Math.max(kept, 0) + 1;
            }
            if (Math.abs(x - previous) <= relativeTolerance * x) {
                return x;
            }
            previous = x;
        }
        return b;
    }
}
