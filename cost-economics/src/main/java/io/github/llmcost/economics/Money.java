package io.github.llmcost.economics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * An amount of US dollars.
 *
 * <p>Held as a {@code double}: 15 significant digits keep a per-token figure such as $0.00000375 and a monthly bill
 * of $11,250,000 both exact enough for any cost question (a cent on a trillion dollars). Negative amounts are allowed
 * (a saving, a difference); NaN and infinities are not. Prints readably: {@code "$2.50"}, {@code "$1,125,000"},
 * {@code "$0.00000375"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Money implements Comparable<Money> {
    /** No money. */
    public static final Money ZERO = new Money(0);

    private final double usd;

    private Money(double usd) {
        this.usd = usd;
    }

    /**
     * An amount in US dollars.
     *
     * @param usd finite
     * @return the amount
     * @throws IllegalArgumentException if NaN or infinite
     */
    public static Money of(double usd) {
        if (!Double.isFinite(usd)) {
            throw new IllegalArgumentException("usd (" + usd + ") must be finite");
        }
        // always a new instance (+ 0.0 turns -0.0 into 0.0): a shared ZERO on one branch would stop the JIT
        // from scalar-replacing temporaries
        return new Money(usd + 0.0);
    }

    /** {@return the amount in US dollars} */
    public double toUsd() {
        return usd;
    }

    /**
     * Adds two amounts.
     *
     * @param other the amount to add
     * @return the sum
     */
    public Money plus(Money other) {
        return of(usd + other.usd);
    }

    /**
     * Subtracts an amount.
     *
     * @param other the amount to subtract
     * @return the difference, negative if {@code other} is larger
     */
    public Money minus(Money other) {
        return of(usd - other.usd);
    }

    /**
     * Scales the amount.
     *
     * @param factor finite
     * @return the scaled amount
     */
    public Money multipliedBy(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("factor (" + factor + ") must be finite");
        }
        return of(usd * factor);
    }

    /**
     * Divides the amount.
     *
     * @param divisor finite and not zero
     * @return the quotient
     */
    public Money dividedBy(double divisor) {
        if (!Double.isFinite(divisor) || divisor == 0) {
            throw new IllegalArgumentException("divisor (" + divisor + ") must be finite and not 0");
        }
        return of(usd / divisor);
    }

    /**
     * The ratio of this amount to another.
     *
     * @param other the denominator, not zero
     * @return {@code this / other}
     */
    public double dividedBy(Money other) {
        if (other.usd == 0) {
            throw new IllegalArgumentException("money ($0) must not be 0 to divide by");
        }
        return usd / other.usd;
    }

    /** {@return whether the amount is zero} */
    public boolean isZero() {
        return usd == 0;
    }

    @Override
    public int compareTo(Money other) {
        return Double.compare(usd, other.usd);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Money that && Double.compare(that.usd, usd) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(usd);
    }

    /** {@return {@code "$1,125,000"} from $1,000 up, {@code "$2.50"} from $1, else three significant digits} */
    @Override
    public String toString() {
        if (usd == 0) {
            return "$0";
        }
        BigDecimal magnitude = new BigDecimal(Math.abs(usd));
        String sign = usd < 0 ? "-" : "";
        // choose the format after rounding, so $999.999 prints as $1,000 and $0.9999 as $1.00
        BigDecimal cents = magnitude.setScale(2, RoundingMode.HALF_EVEN);
        if (cents.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            return sign
                    + String.format(
                            Locale.ROOT,
                            "$%,d",
                            magnitude.setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
        }
        BigDecimal small = magnitude.round(new MathContext(3, RoundingMode.HALF_EVEN));
        if (small.compareTo(BigDecimal.ONE) >= 0) {
            return sign + "$" + cents.toPlainString();
        }
        return sign + "$" + small.stripTrailingZeros().toPlainString();
    }
}
