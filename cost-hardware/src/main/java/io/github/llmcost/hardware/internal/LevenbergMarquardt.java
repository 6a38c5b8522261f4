package io.github.llmcost.hardware.internal;

/**
 * Bounded nonlinear least squares: projected Levenberg-Marquardt with a forward-difference Jacobian, the damped normal
 * equations solved by Gaussian elimination with partial pivoting. Minimises the sum of squares of a residual vector
 * over a box: every step is clamped to the bounds.
 *
 * <p>Not API (this package is not exported). Immutable and thread-safe if the residual function is.
 */
public final class LevenbergMarquardt {
    /** A residual vector as a function of the coordinates. */
    @FunctionalInterface
    public interface Residuals {
        /**
         * The residuals at a point.
         *
         * @param x the coordinates, not to be modified
         * @return the residuals, always as many for a given problem
         */
        double[] at(double[] x);
    }

    private static final double INITIAL_DAMPING = 1e-3;
    private static final double MIN_DAMPING = 1e-9;
    private static final double MAX_DAMPING = 1e12;
    private static final double RELATIVE_STEP = 1e-6;
    private static final double CONVERGED_GAIN = 1e-14;

    private final double[] lower;
    private final double[] upper;
    private final double[] differenceSteps;
    private final int maxIterations;

    /**
     * A solver for a box.
     *
     * @param lower each coordinate's lower bound
     * @param upper each coordinate's upper bound, as many
     * @param scales each coordinate's scale, as many: its forward-difference step is {@code 1e-6} of it
     * @param maxIterations the most Jacobians evaluated
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public LevenbergMarquardt(double[] lower, double[] upper, double[] scales, int maxIterations) {
        if (upper.length != lower.length || scales.length != lower.length) {
            throw new IllegalArgumentException("lower (" + lower.length + "), upper (" + upper.length + ") and scales ("
                    + scales.length + ") must be as long");
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.differenceSteps = new double[scales.length];
        for (int a = 0; a < scales.length; a++) {
            differenceSteps[a] = RELATIVE_STEP * scales[a];
        }
        this.maxIterations = maxIterations;
    }

    /**
     * Minimises the sum of squared residuals from a start: damped Gauss-Newton steps, clamped to the bounds, until no
     * step improves, the gain is negligible or the iterations run out.
     *
     * @param f the residuals
     * @param x0 the start, within the bounds
     * @return the best point found
     */
    public double[] minimise(Residuals f, double[] x0) {
        double[] x = x0.clone();
        double[] r = f.at(x);
        double cost = sumOfSquares(r);
        double damping = INITIAL_DAMPING;
        for (int iteration = 0; iteration < maxIterations && damping < MAX_DAMPING; iteration++) {
            double[][] jacobian = jacobian(f, x, r);
            int n = x.length;
            double[][] normal = new double[n][n];
            double[] gradient = new double[n];
            for (int a = 0; a < n; a++) {
                for (int k = 0; k < r.length; k++) {
                    gradient[a] -= jacobian[k][a] * r[k];
                    for (int b = 0; b < n; b++) {
                        normal[a][b] += jacobian[k][a] * jacobian[k][b];
                    }
                }
            }
            boolean improved = false;
            while (!improved && damping < MAX_DAMPING) {
                double[][] damped = new double[n][];
                for (int a = 0; a < n; a++) {
                    damped[a] = normal[a].clone();
                    damped[a][a] += damping * (normal[a][a] + 1e-12);
                }
                double[] step = solve(damped, gradient.clone());
                double[] trial = new double[n];
                for (int a = 0; a < n; a++) {
                    trial[a] = clamp(a, x[a] + step[a]);
                }
                double[] trialResiduals = f.at(trial);
                double trialCost = sumOfSquares(trialResiduals);
                if (trialCost < cost) {
                    improved = true;
                    double gain = cost - trialCost;
                    x = trial;
                    r = trialResiduals;
                    cost = trialCost;
                    damping = Math.max(MIN_DAMPING, damping / 3);
                    if (gain < CONVERGED_GAIN * (1 + cost)) {
                        return x;
                    }
                } else {
                    damping *= 4;
                }
            }
        }
        return x;
    }

    /**
     * The sum of squares of a vector: the cost {@link #minimise} minimises, of the residuals.
     *
     * @param r the vector
     * @return {@code r . r}
     */
    public static double sumOfSquares(double[] r) {
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += r[i] * r[i];
        }
        return sum;
    }

    private double clamp(int coordinate, double value) {
        return Math.max(lower[coordinate], Math.min(upper[coordinate], value));
    }

    /** Forward differences, stepping inward at an upper bound. */
    private double[][] jacobian(Residuals f, double[] x, double[] r) {
        double[][] j = new double[r.length][x.length];
        for (int a = 0; a < x.length; a++) {
            double h = differenceSteps[a];
            double[] moved = x.clone();
            moved[a] = x[a] + h <= upper[a] ? x[a] + h : x[a] - h;
            double delta = moved[a] - x[a];
            double[] rm = f.at(moved);
            for (int k = 0; k < r.length; k++) {
                j[k][a] = (rm[k] - r[k]) / delta;
            }
        }
        return j;
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} is positive definite here. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swapRow = a[col];
            a[col] = a[pivot];
            a[pivot] = swapRow;
            double swap = b[col];
            b[col] = b[pivot];
            b[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[row][k] -= factor * a[col][k];
                }
                b[row] -= factor * b[col];
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }
}
