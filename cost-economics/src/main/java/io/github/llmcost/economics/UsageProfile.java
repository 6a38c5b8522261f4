package io.github.llmcost.economics;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * How much an application's users ask of a model: monthly active users, requests per user per month, tokens per
 * request.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * UsageProfile.of(100_000_000, 50, 750);   // the article's section 7.2
 * }</pre>
 */
@Value.Immutable
public abstract class UsageProfile {
    UsageProfile() {}

    /**
     * A usage profile.
     *
     * @param monthlyActiveUsers users, {@code >= 0}
     * @param requestsPerUserPerMonth requests, finite and {@code >= 0}
     * @param tokensPerRequest tokens, finite and {@code > 0}
     * @return the profile
     */
    public static UsageProfile of(long monthlyActiveUsers, double requestsPerUserPerMonth, double tokensPerRequest) {
        return ImmutableUsageProfile.builder()
                .monthlyActiveUsers(monthlyActiveUsers)
                .requestsPerUserPerMonth(requestsPerUserPerMonth)
                .tokensPerRequest(tokensPerRequest)
                .build();
    }

    /**
     * Requests per month from a daily habit: {@code perDay x 365 / 12}.
     *
     * @param requestsPerDay requests per user per day
     * @return requests per user per month
     */
    public static double monthlyFromDaily(double requestsPerDay) {
        Check.nonNegative("requestsPerDay", requestsPerDay);
        return requestsPerDay * 365 / 12;
    }

    /** {@return monthly active users} */
    public abstract long monthlyActiveUsers();

    /** {@return requests per user per month} */
    public abstract double requestsPerUserPerMonth();

    /** {@return tokens per request, input and output together} */
    public abstract double tokensPerRequest();

    /** {@return tokens per user per month} */
    public double tokensPerUserPerMonth() {
        return requestsPerUserPerMonth() * tokensPerRequest();
    }

    /** {@return tokens per month over all users} */
    public double tokensPerMonth() {
        return (double) monthlyActiveUsers() * tokensPerUserPerMonth();
    }

    /**
     * A copy with another request rate.
     *
     * @param requestsPerUserPerMonth requests per user per month
     * @return the copy
     */
    public abstract UsageProfile withRequestsPerUserPerMonth(double requestsPerUserPerMonth);

    /**
     * A copy with another user count.
     *
     * @param monthlyActiveUsers users
     * @return the copy
     */
    public abstract UsageProfile withMonthlyActiveUsers(long monthlyActiveUsers);

    @Value.Check
    void check() {
        if (!(monthlyActiveUsers() >= 0)) {
            throw new IllegalArgumentException("monthlyActiveUsers (" + monthlyActiveUsers() + ") must be >= 0");
        }
        Check.nonNegative("requestsPerUserPerMonth", requestsPerUserPerMonth());
        Check.positive("tokensPerRequest", tokensPerRequest());
    }
}
