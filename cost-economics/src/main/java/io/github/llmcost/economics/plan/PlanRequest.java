package io.github.llmcost.economics.plan;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.Parallelism;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a capacity plan is asked: a model, the traffic it must serve (a Poisson request rate of fixed-length requests),
 * the latency targets, and what may be bought (chips, their prices, numeric formats, devices per replica).
 *
 * <p>Defaults: every hardware preset that carries a rental price (the data-centre chips), at that price; BF16
 * throughout; at most {@value #DEFAULT_MAX_GPUS_PER_REPLICA} tensor-parallel devices per replica; the default {@link
 * Scheduler} (whose batch cap is the largest the search tries); no latency target; a headroom of {@value
 * #DEFAULT_HEADROOM}: each replica is planned to run at most that share of the highest rate it sustains within the
 * targets.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Plan plan = PlanRequest.builder()
 *     .model(ModelPresets.LLAMA_3_1_70B)
 *     .traffic(Traffic.of(2000, 300))
 *     .requestsPerSecond(50)
 *     .timeToFirstTokenP90(Seconds.of(2)).timePerOutputTokenP90(Seconds.of(50e-3))
 *     .addHardware(HardwarePresets.H100_SXM)
 *     .build()
 *     .plan();
 * plan.best().orElseThrow().costPerMonth();
 * }</pre>
 */
@Value.Immutable
public abstract class PlanRequest {
    /** Hours in the month a plan is priced over: 365 x 24 / 12 = {@value}. */
    public static final double HOURS_PER_MONTH = 730;

    /** Default share of a replica's sustainable rate it is planned to run at: {@value}. */
    public static final double DEFAULT_HEADROOM = 0.8;

    /** The fewest requests per second a plan is made for: {@value}. */
    public static final double MIN_REQUESTS_PER_SECOND = 1e-6;

    /** The most requests per second a plan is made for: {@value}. */
    public static final double MAX_REQUESTS_PER_SECOND = 1e7;

    /** Default most tensor-parallel devices in one replica: {@value}, one 8-GPU node. */
    public static final int DEFAULT_MAX_GPUS_PER_REPLICA = 8;

    PlanRequest() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the model to serve} */
    public abstract ModelSpec model();

    /** {@return the requests' lengths and shared prefix} */
    public abstract Traffic traffic();

    /** {@return the Poisson arrival rate the whole deployment must serve, requests per second} */
    public abstract double requestsPerSecond();

    /** {@return the target for the 90th percentile of time to first token; none by default} */
    public abstract Optional<Seconds> timeToFirstTokenP90();

    /** {@return the target for the 90th percentile of time per output token; none by default} */
    public abstract Optional<Seconds> timePerOutputTokenP90();

    /** {@return the chips to consider; empty (the default) means {@link #defaultHardware()}} */
    public abstract List<HardwareSpec> hardware();

    /** {@return prices per device-hour in US dollars that replace a chip's preset price, keyed by chip} */
    public abstract Map<HardwareSpec, Double> pricesPerHour();

    /** {@return the numeric formats allowed; empty (the default) means BF16 throughout} */
    public abstract List<Formats> formats();

    /** {@return speculative decoding every candidate runs with ({@link io.github.llmcost.economics.Deployment#speculativeDecoding()}); none by default} */
    public abstract Optional<SpeculativeDecoding> speculativeDecoding();

    /** {@return the most tensor-parallel devices in one replica; {@value #DEFAULT_MAX_GPUS_PER_REPLICA} by default} */
    @Value.Default
    public int maxGpusPerReplica() {
        return DEFAULT_MAX_GPUS_PER_REPLICA;
    }

    /**
     * {@return parallelism beyond tensor applied to every candidate ({@link Parallelism#NONE} by default): each
     * candidate's tensor-parallel devices form one of {@code pipeline()} stages, and the replica is priced for all of
     * them; a candidate whose degree the expert-parallel degree does not divide is set aside with its reason}
     */
    @Value.Default
    public Parallelism parallelism() {
        return Parallelism.NONE;
    }

    /**
     * {@return the share of its sustainable rate within the targets each replica is planned to run at, in (0, 1];
     * {@value #DEFAULT_HEADROOM} by default}
     */
    @Value.Default
    public double headroom() {
        return DEFAULT_HEADROOM;
    }

    /** {@return how the engine batches; its batch cap is the largest the search tries} */
    @Value.Default
    public Scheduler scheduler() {
        return Scheduler.defaults();
    }

    /**
     * {@return the chips searched, each once: {@link #hardware()}, or every preset with a rental price when that is
     * empty}
     */
    public List<HardwareSpec> candidateHardware() {
        return hardware().isEmpty()
                ? defaultHardware()
                : hardware().stream().distinct().toList();
    }

    /** {@return the formats searched, each once: {@link #formats()}, or BF16 when that is empty} */
    public List<Formats> candidateFormats() {
        return formats().isEmpty()
                ? List.of(Formats.BF16)
                : formats().stream().distinct().toList();
    }

    /**
     * {@return the data-centre presets ({@link HardwarePresets#dataCentre()}), in the presets' order; one without a
     * price (the H20) is set aside with that reason unless a price is given for it}
     */
    public static List<HardwareSpec> defaultHardware() {
        return List.copyOf(HardwarePresets.dataCentre().values());
    }

    /**
     * The price of a chip in this plan: the override, else the preset's.
     *
     * @param hardware the chip
     * @return US dollars per device-hour, or empty where neither is known
     */
    public Optional<Double> pricePerHour(HardwareSpec hardware) {
        Double given = pricesPerHour().get(hardware);
        if (given != null) {
            return Optional.of(given);
        }
        return hardware.rentalUsdPerHour().isPresent()
                ? Optional.of(hardware.rentalUsdPerHour().getAsDouble())
                : Optional.empty();
    }

    /** {@return the plan: every candidate searched, the cheapest first} */
    public Plan plan() {
        return Planner.plan(this);
    }

    @Value.Check
    void check() {
        double rate = requestsPerSecond();
        if (!(rate >= MIN_REQUESTS_PER_SECOND && rate <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("requestsPerSecond (" + rate + ") must be in [" + MIN_REQUESTS_PER_SECOND
                    + ", " + MAX_REQUESTS_PER_SECOND + "]");
        }
        if (!(headroom() > 0 && headroom() <= 1)) {
            throw new IllegalArgumentException("headroom (" + headroom() + ") must be in (0, 1]");
        }
        if (maxGpusPerReplica() < 1) {
            throw new IllegalArgumentException("maxGpusPerReplica (" + maxGpusPerReplica() + ") must be > 0");
        }
        timeToFirstTokenP90().ifPresent(s -> positive("timeToFirstTokenP90", s));
        timePerOutputTokenP90().ifPresent(s -> positive("timePerOutputTokenP90", s));
        pricesPerHour().forEach((h, usd) -> {
            if (!(usd > 0 && usd <= GpuPricing.MAX_USD_PER_DEVICE_HOUR)) {
                throw new IllegalArgumentException("pricesPerHour (" + h.name() + " = " + usd + ") must be > 0 and at"
                        + " most " + GpuPricing.MAX_USD_PER_DEVICE_HOUR);
            }
        });
    }

    private static void positive(String name, Seconds s) {
        if (!(s.toSeconds() > 0 && Double.isFinite(s.toSeconds()))) {
            throw new IllegalArgumentException(name + " (" + s + ") must be finite and > 0");
        }
    }

    /** Builds a {@link PlanRequest}. */
    public static final class Builder extends ImmutablePlanRequest.Builder {
        Builder() {}
    }
}
