package io.github.llmcost.examples;

import io.github.llmcost.economics.EdgeVsCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks of {@code llm-cost edge}'s numbers where the user typed them: every message names the option and the value
 * as typed ({@code "--requests (0) must be > 0"}), never a library field; and a figure that would leave a double's
 * range (a threshold of $1e308 a month over a saving of cents) is refused naming the options it was computed from.
 */
final class EdgeInputs {
    private static final String MAU = "--mau";
    private static final String REQUESTS = "--requests";
    private static final String TOKENS = "--tokens";
    private static final String WATTS = "--battery-watts";

    private final CommandSpec spec;

    private EdgeInputs(CommandSpec spec) {
        this.spec = spec;
    }

    /**
     * Checks for a command.
     *
     * @param spec the command's spec, injected by picocli
     * @return the checks
     */
    static EdgeInputs of(@Nullable CommandSpec spec) {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return new EdgeInputs(spec);
    }

    /**
     * Checks a number is finite and {@code > 0}.
     *
     * @param option the option, for example {@code "--requests"}
     * @param value its value
     * @return the checks, to chain
     */
    EdgeInputs positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " (" + typed(option, value) + ") must be a finite number > 0");
        }
        return this;
    }

    /**
     * Checks a number, if given, is finite and {@code >= 0}.
     *
     * @param option the option
     * @param value its value, null where not given
     * @return the checks, to chain
     */
    EdgeInputs nonNegative(String option, @Nullable Double value) {
        if (value != null && (!(value >= 0) || Double.isInfinite(value))) {
            throw new IllegalArgumentException(option + " (" + typed(option, value) + ") must be a finite number >= 0");
        }
        return this;
    }

    /**
     * Checks a number, if given, is finite and {@code > 0}.
     *
     * @param option the option
     * @param value its value, null where not given
     * @return the checks, to chain
     */
    EdgeInputs positiveIfGiven(String option, @Nullable Double value) {
        return value == null ? this : positive(option, value);
    }

    /**
     * Computes the on-device estimate, whose only number from the user is {@code --tokens} (split evenly into prompt
     * and output): a failure names it.
     *
     * @param estimate computes the estimate or one of its figures
     * @param <T> what it computes
     * @return what it computed
     */
    <T> T tokensFit(Supplier<T> estimate) {
        try {
            return estimate.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    TOKENS + " (" + typed(TOKENS, Double.NaN) + ") is too large for the on-device estimate: "
                            + OutputFiles.oneLine(e.getMessage(), "it does not fit"),
                    e);
        }
    }

    /**
     * Checks that every figure {@code edge} prints is a finite number.
     *
     * @param edge the comparison
     */
    void figuresFinite(EdgeVsCloud edge) {
        String cloud = "--cloud-price-per-million";
        String licence = "--licence";
        String life = "--device-life-months";
        String cdn = "--cdn-per-update";
        String updates = "--updates-per-month";
        String fixed = "--fixed-per-month";
        // every option a cost on either side depends on
        String[] everyCost = {cloud, licence, life, cdn, updates, REQUESTS, TOKENS, fixed};
        finite("the monthly cloud cost", () -> edge.monthlyCloudCost().toUsd(), cloud, MAU, REQUESTS, TOKENS);
        finite(
                "the monthly on-device cost",
                () -> edge.monthlyOnDeviceCost().toUsd(),
                licence,
                life,
                cdn,
                updates,
                MAU,
                fixed);
        if (edge.monthlyOnDeviceCost().toUsd() > 0) {
            finite("the cloud over on-device ratio", edge::cloudOverOnDevice, everyCost);
        }
        finite("the tokens over a device's life", edge::tokensOverDeviceLife, REQUESTS, TOKENS, life);
        finite(
                "the licence per million tokens",
                () -> edge.licencePerMillionTokens().toUsd(),
                licence,
                REQUESTS,
                TOKENS,
                life);
        finite(
                "the crossover requests per user",
                () -> edge.crossoverRequestsPerUserPerMonth().orElse(0),
                cloud,
                licence,
                life,
                cdn,
                updates,
                TOKENS);
        finite(
                "the monthly active user threshold",
                () -> edge.monthlyActiveUserThreshold().orElse(0),
                everyCost);
        finite("the joules per token on the device", edge::joulesPerTokenOnDevice, WATTS);
        finite(
                "the users' monthly energy cost",
                () -> edge.monthlyUserEnergyCost().toUsd(),
                WATTS,
                MAU,
                REQUESTS,
                TOKENS);
    }

    private void finite(String figure, DoubleSupplier value, String... options) {
        boolean finite;
        try {
            finite = Double.isFinite(value.getAsDouble());
        } catch (IllegalArgumentException e) {
            finite = false; // Money refuses a non-finite amount
        }
        if (finite) {
            return;
        }
        List<String> given = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String option : options) {
            OptionSpec o = spec.findOption(option);
            if (o == null) {
                continue;
            }
            String text = option + " (" + typed(option, Double.NaN) + ")";
            all.add(text);
            if (!o.originalStringValues().isEmpty()) {
                given.add(text);
            }
        }
        List<String> named = given.isEmpty() ? all : given;
        throw new IllegalArgumentException(String.format(
                Locale.ROOT,
                "%s make%s %s overflow a double (beyond 1.8e308): give smaller or more ordinary values",
                String.join(" and ", named),
                named.size() == 1 ? "s" : "",
                figure));
    }

    /** The value as the user typed it, or as picocli holds it where the user did not give the option. */
    private String typed(String option, double value) {
        OptionSpec o = spec.findOption(option);
        if (o != null) {
            List<String> typed = o.originalStringValues();
            if (!typed.isEmpty()) {
                return typed.get(typed.size() - 1);
            }
            Object held = o.getValue();
            if (held != null) {
                return String.valueOf(held);
            }
            String defaultValue = o.defaultValue();
            if (defaultValue != null) {
                return defaultValue;
            }
        }
        return Double.isNaN(value) ? "not given" : String.valueOf(value);
    }
}
