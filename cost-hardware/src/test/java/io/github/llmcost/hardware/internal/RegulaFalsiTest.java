package io.github.llmcost.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The root finder behind a load point's step time: it finds roots to the tolerance asked in few evaluations (superlinear
 * where the function is smooth, bisection's pace across a jump), which the evaluation counts below pin: plain regula
 * falsi or plain bisection would need several times more.
 */
class RegulaFalsiTest {
    /** A function that counts its evaluations. */
    static final class Counted implements DoubleUnaryOperator {
        private final DoubleUnaryOperator f;
        int calls;

        Counted(DoubleUnaryOperator f) {
            this.f = f;
        }

        @Override
        public double applyAsDouble(double x) {
            calls++;
            return f.applyAsDouble(x);
        }
    }

    static double root(Counted f, double lo, double hi) {
        return root(f, lo, hi, 1e-12);
    }

    static double root(Counted f, double lo, double hi, double tolerance) {
        return RegulaFalsi.root(f, lo, f.f.applyAsDouble(lo), hi, f.f.applyAsDouble(hi), tolerance, 200);
    }

    @Test
    void aLineIsSolvedByOneSecant() {
        Counted f = new Counted(x -> 2 - x);
        assertThat(root(f, 0, 4)).isEqualTo(2);
        assertThat(f.calls).isEqualTo(1);
    }

    @Test
    void aSmoothCurveConvergesSuperlinearly() {
        Counted f = new Counted(x -> Math.cos(x) - x);
        double r = root(f, 0, 1);
        assertThat(r).isCloseTo(0.7390851332151607, within(1e-12));
        assertThat(f.calls).isBetween(4, CALLS_COS);
    }

    @Test
    void aCurveThatStallsPlainRegulaFalsiDoesNotStallThisOne() {
        // convex and steep at the low end: plain regula falsi keeps the high end and creeps from below
        Counted f = new Counted(x -> 1 / x - 1);
        double r = root(f, 0.01, 10);
        assertThat(r).isCloseTo(1, within(1e-11));
        assertThat(f.calls).isLessThanOrEqualTo(CALLS_STEEP);
    }

    @Test
    void aJumpIsBracketedGeometrically() {
        Counted f = new Counted(x -> x < 1 ? 1 : -1);
        double r = root(f, 0, 3);
        assertThat(r).isCloseTo(1, within(1e-11));
        assertThat(f.calls).isLessThanOrEqualTo(CALLS_JUMP);
    }

    @Test
    void theToleranceIsRelativeToTheRoot() {
        // the same curve stretched a thousandfold: a 1e-3 tolerance is 0.74 here, so as few steps as at 1e-3 near 0.74
        Counted f = new Counted(x -> 1000 * Math.cos(x / 1000) - x);
        double r = root(f, 0, 1000, 1e-3);
        assertThat(r).isCloseTo(739.0851332151607, within(0.74));
        assertThat(f.calls).isLessThanOrEqualTo(CALLS_COARSE);
    }

    @Test
    void itStopsAtTheToleranceOrTheIterationsAndAtAnExactRoot() {
        Counted f = new Counted(x -> Math.cos(x) - x);
        double coarse = RegulaFalsi.root(f, 0, 1, 1, Math.cos(1) - 1, 1e-3, 200);
        assertThat(coarse).isCloseTo(0.7390851332151607, within(1e-3));
        int coarseCalls = f.calls;
        assertThat(coarseCalls).isLessThanOrEqualTo(CALLS_COARSE);
        f.calls = 0;
        double once = RegulaFalsi.root(f, 0, 1, 1, Math.cos(1) - 1, 1e-12, 1);
        assertThat(f.calls).isEqualTo(1);
        // the first secant lands below the root, so the bracket's high end is all there is
        assertThat(once).isEqualTo(1);
        f.calls = 0;
        // the high end already a root: nothing to do
        assertThat(RegulaFalsi.root(f, 0, 1, 2, 0, 1e-12, 200)).isEqualTo(2);
        assertThat(f.calls).isZero();
    }

    /** Bisection would take 40 evaluations to 1e-12; Illinois takes 7. */
    static final int CALLS_COS = 7;
    /** Plain regula falsi creeps: over 200 evaluations; Illinois takes 18. */
    static final int CALLS_STEEP = 18;
    /** To 1e-3 of the root: 5. */
    static final int CALLS_COARSE = 5;
    /** A jump leaves only bisection: 42 halvings of 3 to 1e-12. */
    static final int CALLS_JUMP = 42;
}
