package io.github.llmcost.examples;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.economics.DeviceCosts;
import io.github.llmcost.economics.EdgeVsCloud;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.UsageProfile;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import java.io.PrintWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-cost edge}: on-device against cloud, per month, or as JSON ({@link EdgeView}). Each number is checked
 * where it is typed ({@link EdgeInputs}); a device model that does not fit exits {@link LlmCostCli#INFEASIBLE}.
 */
@Command(name = "edge", mixinStandardHelpOptions = true, description = "On-device against cloud, per month.")
final class EdgeCommand extends CliCommand {
    @Mixin
    JsonOption json = new JsonOption();

    @Option(
            names = "--mau",
            description = "Monthly active users; default: ${DEFAULT-VALUE}.",
            defaultValue = "100000000")
    long mau = 100_000_000;

    @Option(
            names = "--requests",
            description = "Requests per user per month; default: ${DEFAULT-VALUE}.",
            defaultValue = "50")
    double requests = 50;

    @Option(names = "--tokens", description = "Tokens per request; default: ${DEFAULT-VALUE}.", defaultValue = "750")
    double tokens = 750;

    @Option(
            names = "--cloud-price-per-million",
            description = "Cloud US dollars per million tokens; default: ${DEFAULT-VALUE}.",
            defaultValue = "0.30")
    double cloudPrice = 0.30;

    // Device costs default to DeviceCosts' own defaults (the article's figures): unset options keep them.
    @Option(names = "--licence", description = "Licence per device, US dollars; default: DeviceCosts' $0.30.")
    @Nullable
    Double licence;

    @Option(names = "--device-life-months", description = "Device life; default: DeviceCosts' 36 months.")
    @Nullable
    Double lifeMonths;

    @Option(
            names = "--cdn-per-update",
            description = "CDN per device per update, US dollars; default: DeviceCosts' $0.01.")
    @Nullable
    Double cdn;

    @Option(names = "--updates-per-month", description = "Model updates per month; default: DeviceCosts' 0.")
    @Nullable
    Double updates;

    @Option(names = "--battery-watts", description = "Battery draw while generating; default: DeviceCosts' 5 W.")
    @Nullable
    Double watts;

    @Option(
            names = "--fixed-per-month",
            description = "Fixed engineering, US dollars per month; default: DeviceCosts' 0.")
    @Nullable
    Double fixed;

    @Option(
            names = "--device-model",
            description = "Model on the device; default: ${DEFAULT-VALUE}.",
            defaultValue = "llama-3.2-1b")
    String deviceModel = "llama-3.2-1b";

    @Option(
            names = "--device-hardware",
            description = "Device preset; default: ${DEFAULT-VALUE}.",
            defaultValue = "snapdragon-8-elite-cpu")
    String deviceHardware = "snapdragon-8-elite-cpu";

    @Override
    public Integer call() {
        EdgeInputs checks = EdgeInputs.of(spec)
                .positive("--mau", (double) mau)
                .positive("--requests", requests)
                .positive("--tokens", tokens)
                .nonNegative("--cloud-price-per-million", cloudPrice)
                .nonNegative("--licence", licence)
                .positiveIfGiven("--device-life-months", lifeMonths)
                .nonNegative("--cdn-per-update", cdn)
                .nonNegative("--updates-per-month", updates)
                .nonNegative("--battery-watts", watts)
                .nonNegative("--fixed-per-month", fixed);
        DeviceCosts device = deviceCosts();
        ModelSpec phoneModel = ModelPresets.byId(deviceModel);
        HardwareSpec phoneChip = HardwarePresets.byId(deviceHardware);
        // the device runs the model at INT4 weights and an INT8 cache, one request at a time; only --tokens is the
        // user's number in the device's estimate: its failures name it
        Estimate phone = checks.tokensFit(() -> LlmCost.model(phoneModel)
                .hardware(phoneChip)
                .promptTokens(Math.max(1, (long) (tokens / 2)))
                .outputTokens(Math.max(1, (long) (tokens / 2)))
                .weights(NumericFormat.INT4)
                .kvCache(NumericFormat.INT8)
                .estimate());
        if (!phone.isFeasible()) {
            err().println("llm-cost: " + phone.model().name() + " cannot run on "
                    + phone.hardware().name() + ": "
                    + phone.feasibility().summary());
            return LlmCostCli.INFEASIBLE;
        }
        double phoneTokensPerSecond = checks.tokensFit(phone::decodeTokensPerSecondPerUser);
        EdgeVsCloud edge = EdgeVsCloud.of(
                device, UsageProfile.of(mau, requests, tokens), Money.of(cloudPrice), phoneTokensPerSecond);
        checks.figuresFinite(edge);
        PrintWriter out = out();
        if (json.json) {
            out.println(Json.write(EdgeView.of(mau, requests, tokens, cloudPrice, edge, phoneTokensPerSecond, phone)));
            return 0;
        }
        print(out, device, edge, phone, phoneTokensPerSecond);
        return 0;
    }

    /** The device costs: the options given, {@link DeviceCosts}' own defaults (the article's) for the rest. */
    private DeviceCosts deviceCosts() {
        DeviceCosts.Builder costs = DeviceCosts.builder();
        if (licence != null) {
            costs.licenceUsdPerDevice(licence);
        }
        if (lifeMonths != null) {
            costs.deviceLifeMonths(lifeMonths);
        }
        if (cdn != null) {
            costs.cdnUsdPerUpdate(cdn);
        }
        if (updates != null) {
            costs.updatesPerMonth(updates);
        }
        if (watts != null) {
            costs.batteryWatts(watts);
        }
        if (fixed != null) {
            costs.fixedEngineeringUsdPerMonth(fixed);
        }
        return costs.build();
    }

    private static void print(
            PrintWriter out, DeviceCosts device, EdgeVsCloud edge, Estimate phone, double phoneTokensPerSecond) {
        out.println(edge);
        out.println("  tokens over a device's life: " + String.format(Locale.ROOT, "%,.0f", edge.tokensOverDeviceLife())
                + ", licence " + edge.licencePerMillionTokens() + " per million tokens");
        edge.crossoverRequestsPerUserPerMonth()
                .ifPresent(
                        r -> out.printf(Locale.ROOT, "  on-device wins above %.1f requests per user per month%n", r));
        if (device.fixedEngineeringUsdPerMonth() > 0) {
            edge.monthlyActiveUserThreshold()
                    .ifPresent(
                            u -> out.printf(Locale.ROOT, "  with fixed costs, above %,.0f monthly active users%n", u));
        }
        out.printf(
                Locale.ROOT,
                "  on the device (%s on %s): %.1f tokens/s, first token in %s, %.3g J per token%n",
                phone.model().name(),
                phone.hardware().name(),
                phoneTokensPerSecond,
                phone.timeToFirstToken(),
                edge.joulesPerTokenOnDevice());
    }
}
