package io.github.llmcost.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The solver alone: a linear system that needs pivoting, an unconstrained minimum, a minimum held at a bound. */
class LevenbergMarquardtTest {

    @Test
    void solvesALinearSystemThatNeedsPivoting() {
        // a zero on the diagonal: without a row swap the first elimination divides by zero
        double[][] a = {{0, 2, 1}, {1, 1, 1}, {2, 1, 3}};
        double[] x = LevenbergMarquardt.solve(a, new double[] {7, 6, 13});
        assertThat(x[0]).isCloseTo(1, within(1e-12));
        assertThat(x[1]).isCloseTo(2, within(1e-12));
        assertThat(x[2]).isCloseTo(3, within(1e-12));
    }

    @Test
    void findsTheMinimumOfANonlinearProblem() {
        // Rosenbrock's valley as residuals (1 - x, 10 (y - x^2)): minimum 0 at (1, 1)
        LevenbergMarquardt solver =
                new LevenbergMarquardt(new double[] {-5, -5}, new double[] {5, 5}, new double[] {1, 1}, 500);
        double[] x = solver.minimise(p -> new double[] {1 - p[0], 10 * (p[1] - p[0] * p[0])}, new double[] {-1.2, 1});
        assertThat(x[0]).isCloseTo(1, within(1e-4));
        assertThat(x[1]).isCloseTo(1, within(1e-4));
    }

    @Test
    void stopsAtABound() {
        // the free minimum (3, -2) lies outside the box: each coordinate stops at its nearer bound
        LevenbergMarquardt solver =
                new LevenbergMarquardt(new double[] {0, 0}, new double[] {2, 1}, new double[] {1, 1}, 500);
        double[] x = solver.minimise(p -> new double[] {p[0] - 3, p[1] + 2}, new double[] {1, 0.5});
        assertThat(x).containsExactly(2, 0);
        assertThat(LevenbergMarquardt.sumOfSquares(new double[] {x[0] - 3, x[1] + 2}))
                .isEqualTo(5);
    }

    @Test
    void refusesBoundsOfDifferentLengths() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LevenbergMarquardt(new double[2], new double[1], new double[2], 1))
                .withMessageContaining("upper (1)");
    }
}
