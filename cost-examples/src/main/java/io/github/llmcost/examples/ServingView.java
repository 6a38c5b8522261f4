package io.github.llmcost.examples;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.ServingEstimate;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.Interval;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.SloResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The text and JSON forms of {@code llm-cost serving}: every field reads one figure of {@link ServingEstimate} (or
 * of the load point and SLO result it gives), none is computed here. Without a rate the figures are the saturated
 * steady state; with one, the load at that rate.
 */
final class ServingView {
    private final ServingEstimate e;
    private final @Nullable Double rate;
    private final @Nullable Seconds ttftSlo;
    private final @Nullable Seconds tpotSlo;

    ServingView(ServingEstimate e, @Nullable Double rate, @Nullable Seconds ttftSlo, @Nullable Seconds tpotSlo) {
        this.e = e;
        this.rate = rate;
        this.ttftSlo = ttftSlo;
        this.tpotSlo = tpotSlo;
    }

    /** The JSON of a deployment that cannot hold one request: its inputs and reasons, no figure. */
    static Map<String, Object> infeasible(Deployment d, Feasibility f) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("feasible", false);
        o.put("bindingLimit", f.bindingLimit().orElseThrow().name());
        o.put("reasons", EstimateView.reasons(f));
        o.put("model", d.model().name());
        o.put("hardware", d.hardware().name());
        o.put("gpus", d.tensorParallel());
        ParallelismView.put(o, d, null, 1);
        return o;
    }

    Map<String, Object> json() {
        Map<String, Object> o = new LinkedHashMap<>();
        Saturation s = e.saturation();
        int gpus = e.deployment().gpus();
        o.put("feasible", true);
        o.put("model", e.deployment().model().name());
        o.put("hardware", e.deployment().hardware().name());
        o.put("gpus", e.deployment().tensorParallel());
        ParallelismView.put(
                o,
                e.deployment(),
                e.deployment().compiled().layout(),
                e.scheduler().maxBatchSize());
        o.put("calibration", e.calibration().source());
        SpeculativeView.put(o, e.deployment());
        o.put("inputTokens", e.traffic().inputTokens());
        o.put("outputTokens", e.traffic().outputTokens());
        o.put("sharedPrefixTokens", e.traffic().sharedPrefixTokens());
        o.put("prefixHitRate", e.traffic().prefixHitRate());
        o.put("maxBatchSize", e.scheduler().maxBatchSize());
        o.put("maxBatchedTokens", e.scheduler().maxBatchedTokens());
        o.put("blockTokens", e.scheduler().blockTokens());
        o.put("bindingLimit", s.concurrencyLimit().name());
        o.put("stepBound", s.stepBound().name());
        o.put("saturatedRequestsPerSecond", s.requestsPerSecond());
        o.put("saturatedOutputTokensPerSecond", s.outputTokensPerSecond());
        if (ttftSlo != null && tpotSlo != null) {
            SloResult slo = e.maxRateWithinSlo(ttftSlo, tpotSlo);
            o.put("sloMet", slo.met());
            o.put("maxRequestsPerSecondWithinSlo", slo.maxRequestsPerSecond());
            o.put("maxBatchSizeWithinSlo", slo.batchCap());
        }
        LoadPoint p = rate == null ? null : e.atRate(rate);
        if (p != null && !p.sustainable()) {
            o.put("requestsPerSecond", p.requestsPerSecond());
            o.put("sustainable", false);
            o.put("utilization", p.utilization());
            return o;
        }
        double requests = p == null ? s.requestsPerSecond() : p.requestsPerSecond();
        double output = p == null ? s.outputTokensPerSecond() : p.outputTokensPerSecond();
        double input = p == null ? s.inputTokensPerSecond() : p.inputTokensPerSecond();
        o.put("sustainable", true);
        o.put("requestsPerSecond", requests);
        o.put("outputTokensPerSecond", output);
        rates(o, "outputTokensPerSecond", output);
        o.put("outputTokensPerSecondPerGpu", output / gpus);
        o.put("inputTokensPerSecond", input);
        o.put("inputTokensPerSecondPerGpu", input / gpus);
        o.put("concurrency", p == null ? s.concurrency() : p.concurrency());
        o.put("utilization", p == null ? 1.0 : p.utilization());
        Seconds ttft = p == null ? s.timeToFirstToken() : p.timeToFirstToken();
        Seconds ttftP90 = p == null ? s.timeToFirstToken() : p.timeToFirstTokenP90();
        Seconds tpot = p == null ? s.timePerOutputToken() : p.timePerOutputToken();
        Seconds tpotP90 = p == null ? s.timePerOutputToken() : p.timePerOutputTokenP90();
        times(o, "timeToFirstTokenSeconds", ttft);
        times(o, "timeToFirstTokenSecondsP90", ttftP90);
        times(o, "timePerOutputTokenSeconds", tpot);
        times(o, "timePerOutputTokenSecondsP90", tpotP90);
        if (e.pricing().isPresent()) {
            ServingEstimate.TokenCosts c = p == null ? e.costs() : e.costsAt(p);
            o.put("pricePerDeviceHourUsd", e.pricing().get().usdPerDeviceHour());
            money(o, "costPerMillionOutputTokensUsd", c.perMillionOutputTokens());
            money(o, "costPerMillionInputTokensUsd", c.perMillionInputTokens());
            money(o, "costPerMillionTokensBlendedUsd", c.perMillionTokensBlended());
            o.put(
                    "batchOneCostPerMillionOutputTokensUsd",
                    e.batchOneCostPerMillionOutputTokens().toUsd());
        }
        return o;
    }

    /** A time and its interval: the Low and High fields are {@link EstimateView}'s. */
    private void times(Map<String, Object> o, String field, Seconds value) {
        o.put(field, value.toSeconds());
        EstimateView.seconds(o, field, e.timeInterval(value));
    }

    private void rates(Map<String, Object> o, String field, double value) {
        EstimateView.rates(o, field, e.rateInterval(value));
    }

    private void money(Map<String, Object> o, String field, Money value) {
        o.put(field, value.toUsd());
        EstimateView.money(o, field, e.costInterval(value));
    }

    String text() {
        StringBuilder out = new StringBuilder();
        Saturation s = e.saturation();
        out.append(e.deployment())
                .append(String.format(
                        Locale.ROOT,
                        "%nserving %d in / %d out%s, batch cap %d, %d tokens per step%n",
                        e.traffic().inputTokens(),
                        e.traffic().outputTokens(),
                        e.traffic().prefixHitRate() > 0
                                ? String.format(
                                        Locale.ROOT,
                                        ", %d-token prefix cached for %.0f%%",
                                        e.traffic().sharedPrefixTokens(),
                                        100 * e.traffic().prefixHitRate())
                                : "",
                        e.scheduler().maxBatchSize(),
                        e.scheduler().maxBatchedTokens()));
        Interval<Double> band = e.rateInterval(s.outputTokensPerSecond());
        out.append(String.format(
                Locale.ROOT,
                "  %s%n  output %.0f tokens/s (%.0f-%.0f), %.0f per GPU%n",
                s,
                s.outputTokensPerSecond(),
                band.low(),
                band.high(),
                s.outputTokensPerSecond() / e.deployment().gpus()));
        if (e.pricing().isPresent()) {
            ServingEstimate.TokenCosts c = e.costs();
            out.append(String.format(
                    Locale.ROOT,
                    "  at saturation: %s per million output tokens (%s), %s per million input, %s blended;"
                            + " one request alone: %s per million output tokens%n",
                    c.perMillionOutputTokens(),
                    e.costInterval(c.perMillionOutputTokens()),
                    c.perMillionInputTokens(),
                    c.perMillionTokensBlended(),
                    e.batchOneCostPerMillionOutputTokens()));
        }
        if (rate != null) {
            LoadPoint p = e.atRate(rate);
            out.append("  at ").append(p).append(System.lineSeparator());
            if (p.sustainable() && e.pricing().isPresent()) {
                ServingEstimate.TokenCosts c = e.costsAt(p);
                out.append(String.format(
                        Locale.ROOT,
                        "  at this rate: %s per million output tokens, %s per million input, %s blended%n",
                        c.perMillionOutputTokens(),
                        c.perMillionInputTokens(),
                        c.perMillionTokensBlended()));
            }
        }
        if (ttftSlo != null && tpotSlo != null) {
            out.append("  within p90 time to first token ")
                    .append(ttftSlo)
                    .append(" and per output token ")
                    .append(tpotSlo)
                    .append(": ")
                    .append(e.maxRateWithinSlo(ttftSlo, tpotSlo))
                    .append(System.lineSeparator());
        }
        out.append("  calibration: ").append(e.calibration().source());
        return out.toString();
    }
}
