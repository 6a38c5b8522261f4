package io.github.llmcost.economics;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Interval;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.SloResult;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A deployment serving traffic under continuous batching ({@link ServingModel}): throughput at saturation, latency at
 * a request rate, the highest rate within latency targets, and what a token costs on the busy devices.
 *
 * <p>Money at load. The devices are paid by the hour whether busy or not, so a second of the deployment costs the
 * same at any load, and a token's cost is that second over the tokens served in it. At saturation the pricing's
 * utilisation says what share of the paid hours the devices run ({@link GpuPricing#utilization()}); at a rate the load
 * point already counts the idle time. The second is split between input and output tokens by what the prefill chunks add to each step ({@link
 * Saturation#prefillShare()}): a million output tokens costs {@code (1 - share)} of the time that serves them, a
 * million input tokens {@code share}; the blended figure spreads the whole second over both. At a rate below
 * saturation fewer tokens share the same second, and each costs more.
 *
 * <p>Immutable and thread-safe. Made by {@link Deployment#serving(Traffic)}.
 *
 * <pre>{@code
 * ServingEstimate s = deployment.serving(Traffic.of(2000, 200));
 * s.saturation().outputTokensPerSecond();
 * s.costs().perMillionOutputTokens();           // at saturation
 * s.costsAt(s.atRate(20)).perMillionOutputTokens();
 * }</pre>
 */
public final class ServingEstimate {
    private final Deployment deployment;
    private final Traffic traffic;
    private final ServingModel model;
    private final Saturation saturation;

    ServingEstimate(Deployment deployment, Traffic traffic, Scheduler scheduler) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.model = ServingModel.of(deployment.compiled(), Objects.requireNonNull(scheduler, "scheduler"));
        this.saturation = model.saturated(traffic);
    }

    /** A share of each step's time and the token rates it serves, for the cost split. */
    private record Served(double prefillShare, double inputPerSecond, double outputPerSecond) {}

    /**
     * The cost per million tokens of input, of output and of both, for one load.
     *
     * @param perMillionInputTokens the cost of a million prompt tokens
     * @param perMillionOutputTokens the cost of a million output tokens
     * @param perMillionTokensBlended the cost of a million tokens of either kind, in the traffic's mix
     */
    public record TokenCosts(Money perMillionInputTokens, Money perMillionOutputTokens, Money perMillionTokensBlended) {
        /**
         * Checks every figure is present.
         *
         * @param perMillionInputTokens the cost of a million prompt tokens
         * @param perMillionOutputTokens the cost of a million output tokens
         * @param perMillionTokensBlended the cost of a million tokens of either kind
         */
        public TokenCosts {
            Objects.requireNonNull(perMillionInputTokens, "perMillionInputTokens");
            Objects.requireNonNull(perMillionOutputTokens, "perMillionOutputTokens");
            Objects.requireNonNull(perMillionTokensBlended, "perMillionTokensBlended");
        }
    }

    /** {@return the deployment} */
    public Deployment deployment() {
        return deployment;
    }

    /** {@return the traffic} */
    public Traffic traffic() {
        return traffic;
    }

    /** {@return the scheduler} */
    public Scheduler scheduler() {
        return model.scheduler();
    }

    /** {@return the serving model, for other loads} */
    public ServingModel model() {
        return model;
    }

    /** {@return the steady state at saturation} */
    public Saturation saturation() {
        return saturation;
    }

    /**
     * The deployment at a Poisson request rate.
     *
     * @param requestsPerSecond the rate, {@code > 0}
     * @return the load point; not sustainable at or above the saturated rate
     */
    public LoadPoint atRate(double requestsPerSecond) {
        return model.atRate(saturation, requestsPerSecond);
    }

    /**
     * The highest rate whose 90th-percentile latencies meet the targets, and the batch cap that achieves it.
     *
     * @param ttftP90 the target for time to first token
     * @param tpotP90 the target for time per output token
     * @return the result
     */
    public SloResult maxRateWithinSlo(Seconds ttftP90, Seconds tpotP90) {
        return model.maxRateWithinSlo(traffic, ttftP90, tpotP90);
    }

    /** {@return the devices' price, if the deployment has one} */
    public Optional<GpuPricing> pricing() {
        return deployment.pricing();
    }

    /** {@return the calibration the times come from, and its band} */
    public ChipCalibration calibration() {
        return deployment.calibration();
    }

    /**
     * {@return what tokens cost at saturation, the devices busy {@link GpuPricing#utilization()} of the hours paid}
     *
     * @throws IllegalStateException if the deployment has no price
     */
    public TokenCosts costs() {
        return costs(
                new Served(
                        saturation.prefillShare(),
                        saturation.inputTokensPerSecond(),
                        saturation.outputTokensPerSecond()),
                false);
    }

    /**
     * What tokens cost at a load: every paid second over the tokens served in it. The load point already counts the
     * idle time, so the pricing's utilisation is not applied again.
     *
     * @param load a sustainable load point of this estimate
     * @return the costs
     * @throws IllegalStateException if the load is not sustainable, or the deployment has no price
     * @throws IllegalArgumentException if the rate is too small for its costs to be finite
     */
    public TokenCosts costsAt(LoadPoint load) {
        if (!load.sustainable()) {
            throw new IllegalStateException("cannot price " + load + ": the deployment does not keep up");
        }
        return costs(new Served(load.prefillShare(), load.inputTokensPerSecond(), load.outputTokensPerSecond()), true);
    }

    private TokenCosts costs(Served s, boolean busyTimeCounted) {
        GpuPricing p = deployment
                .pricing()
                .orElseThrow(() -> new IllegalStateException("cannot give costs: "
                        + deployment.hardware().name() + " has no rental price; set one with pricePerHour(...)"));
        double second = (busyTimeCounted ? p.withUtilization(1) : p)
                .costOf(1, deployment.gpus())
                .toUsd();
        double blended = second * 1e6 / (s.inputPerSecond() + s.outputPerSecond());
        double input = second * s.prefillShare() * 1e6 / s.inputPerSecond();
        // with one output token there is no decode: it comes from the prefill, at the blended cost
        double output =
                traffic.outputTokens() == 1 ? blended : second * (1 - s.prefillShare()) * 1e6 / s.outputPerSecond();
        if (!(Double.isFinite(blended) && Double.isFinite(input) && Double.isFinite(output))) {
            throw new IllegalArgumentException("requestsPerSecond (" + s.outputPerSecond() / traffic.outputTokens()
                    + ") is too small for a finite cost per token");
        }
        return new TokenCosts(Money.of(input), Money.of(output), Money.of(blended));
    }

    /**
     * {@return the cost of a million output tokens at batch 1: one request alone on the deployment, the floor the
     * article's section 6 prices}
     */
    public Money batchOneCostPerMillionOutputTokens() {
        return deployment
                .estimate(Workload.of(traffic.inputTokens(), traffic.outputTokens()))
                .costPerMillionOutputTokens();
    }

    /**
     * The 80% interval of a throughput computed here, from the calibration's band: a slower run serves fewer tokens.
     *
     * @param tokensPerSecond the point value
     * @return the interval
     */
    public Interval<Double> rateInterval(double tokensPerSecond) {
        return Bands.rate(deployment.calibration(), tokensPerSecond);
    }

    /**
     * The 80% interval of a time or a cost computed here: both scale with the time the work takes.
     *
     * @param seconds the point value
     * @return the interval
     */
    public Interval<Seconds> timeInterval(Seconds seconds) {
        return Bands.time(deployment.calibration(), seconds);
    }

    /**
     * The 80% interval of a cost computed here.
     *
     * @param cost the point value
     * @return the interval
     */
    public Interval<Money> costInterval(Money cost) {
        return Bands.cost(deployment.calibration(), cost);
    }

    /** {@return the saturated figures and their costs, readable} */
    @Override
    public String toString() {
        @Nullable TokenCosts c = deployment.pricing().isPresent() ? costs() : null;
        return String.format(
                Locale.ROOT,
                "%s serving %d in / %d out:%n  %s%n  %s",
                deployment,
                traffic.inputTokens(),
                traffic.outputTokens(),
                saturation,
                c == null
                        ? "no price: set one to see costs"
                        : "cost at saturation: " + c.perMillionOutputTokens() + " per million output tokens, "
                                + c.perMillionInputTokens() + " per million input, " + c.perMillionTokensBlended()
                                + " blended");
    }
}
