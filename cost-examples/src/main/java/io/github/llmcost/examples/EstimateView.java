package io.github.llmcost.examples;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.ParameterBreakdown;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.economics.Money;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.Interval;
import io.github.llmcost.hardware.MemoryBudget;
import io.github.llmcost.hardware.PhaseAnalysis;
import io.github.llmcost.hardware.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of an estimate: every field reads one figure of {@link Estimate}, none is computed here. A
 * configuration that cannot run holds {@code "feasible": false}, its reasons, its inputs and its memory figures, and
 * no time, throughput or cost; one without a price holds no cost fields.
 */
final class EstimateView {
    private EstimateView() {}

    static Map<String, Object> of(Estimate e) {
        Map<String, Object> o = new LinkedHashMap<>();
        Workload w = e.workload();
        ParameterBreakdown p = e.model().parameters(e.convention());
        o.put("feasible", e.isFeasible());
        if (!e.isFeasible()) {
            o.put("bindingLimit", e.feasibility().bindingLimit().orElseThrow().name());
            o.put("reasons", reasons(e.feasibility()));
        }
        o.put("model", e.model().name());
        o.put("calibration", e.calibration().source());
        o.put("hardware", e.hardware().name());
        o.put("convention", e.convention().name());
        o.put("gpus", e.tensorParallel());
        ParallelismView.put(o, e.deployment(), e.isFeasible() ? e.compiled().layout() : null, w.batchSize());
        o.put("promptTokens", w.promptTokens());
        o.put("outputTokens", w.outputTokens());
        o.put("batchSize", w.batchSize());
        o.put("sharedPrefixTokens", w.sharedPrefixTokens());
        o.put("cachedPromptTokens", w.cachedPrefixTokens());
        Formats f = e.formats();
        o.put("weightFormat", f.weights().name());
        o.put("weightScheme", f.weightScheme().id());
        o.put("activationFormat", f.activations().name());
        o.put("kvCacheFormat", f.kvCache().name());
        f.chosenKvScheme().ifPresent(s -> o.put("kvScheme", s.id()));
        o.put("quantizationScheme", f.scheme());
        o.put("weightOnlyQuantization", f.isWeightOnlyQuantized());
        SpeculativeView.put(o, e.deployment());
        o.put("totalParameters", p.totalParameters());
        o.put("activeParameters", p.activeParameters());
        MemoryBudget m = e.memory();
        o.put("weightBytes", m.weights().toBytes());
        o.put(
                "kvCacheBytesPerToken",
                KvCache.of(e.model(), e.convention(), f.kvScheme())
                        .bytesPerToken()
                        .toBytes());
        o.put("kvCacheBytesPerSession", m.kvCachePerSession().toBytes());
        o.put("sharedPrefixBytes", m.sharedPrefix().toBytes());
        o.put("memoryCapacityBytes", m.capacity().toBytes());
        o.put("activationBytes", m.activations().toBytes());
        o.put("frameworkOverheadBytes", m.frameworkOverhead().toBytes());
        o.put("kvCacheBudgetBytes", m.kvCacheBudget().toBytes());
        o.put("maxConcurrentSessions", e.maxConcurrentSessions());
        if (!e.isFeasible()) {
            return o;
        }
        o.put("prefillFlops", e.prefillFlops().toFlops());
        o.put("decodeStepFlops", e.decodeStepFlops().toFlops());
        o.put("prefillBound", e.prefill().bound().name());
        o.put("decodeBound", e.decode().bound().name());
        o.put("prefillOperations", operations(e.prefill()));
        o.put("decodeOperations", operations(e.decode()));
        o.put("timeToFirstTokenSeconds", e.timeToFirstToken().toSeconds());
        seconds(o, "timeToFirstTokenSeconds", e.timeToFirstTokenInterval());
        o.put("timePerOutputTokenSeconds", e.timePerOutputToken().toSeconds());
        seconds(o, "timePerOutputTokenSeconds", e.timePerOutputTokenInterval());
        o.put("decodeTokensPerSecondPerUser", e.decodeTokensPerSecondPerUser());
        rates(o, "decodeTokensPerSecondPerUser", e.decodeTokensPerSecondPerUserInterval());
        o.put("decodeTokensPerSecond", e.decodeTokensPerSecond());
        rates(o, "decodeTokensPerSecond", e.decodeTokensPerSecondInterval());
        o.put("requestLatencySeconds", e.requestLatency().toSeconds());
        seconds(o, "requestLatencySeconds", e.requestLatencyInterval());
        o.put("joulesPerOutputToken", e.joulesPerOutputToken());
        Optional<GpuPricing> pricing = e.pricing();
        if (pricing.isPresent()) {
            o.put("pricePerDeviceHourUsd", pricing.get().usdPerDeviceHour());
            o.put("utilization", pricing.get().utilization());
            o.put("costPerMillionInputTokensUsd", e.costPerMillionInputTokens().toUsd());
            money(o, "costPerMillionInputTokensUsd", e.costPerMillionInputTokensInterval());
            o.put(
                    "costPerMillionUncachedInputTokensUsd",
                    e.costPerMillionUncachedInputTokens().toUsd());
            money(o, "costPerMillionUncachedInputTokensUsd", e.costPerMillionUncachedInputTokensInterval());
            o.put(
                    "costPerMillionOutputTokensUsd",
                    e.costPerMillionOutputTokens().toUsd());
            money(o, "costPerMillionOutputTokensUsd", e.costPerMillionOutputTokensInterval());
        }
        return o;
    }

    /** A figure's 80% interval as the {@code Low} and {@code High} fields beside it. */
    static void seconds(Map<String, Object> o, String field, Interval<Seconds> i) {
        o.put(field + "Low", i.low().toSeconds());
        o.put(field + "High", i.high().toSeconds());
    }

    static void rates(Map<String, Object> o, String field, Interval<Double> i) {
        o.put(field + "Low", i.low());
        o.put(field + "High", i.high());
    }

    static void money(Map<String, Object> o, String field, Interval<Money> i) {
        o.put(field + "Low", i.low().toUsd());
        o.put(field + "High", i.high().toUsd());
    }

    /** The reasons a configuration cannot run, as JSON: each limit's name and sentence. */
    static List<Object> reasons(Feasibility f) {
        List<Object> out = new ArrayList<>();
        for (Feasibility.Reason r : f.reasons()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("limit", r.limit().name());
            row.put("message", r.message());
            out.add(row);
        }
        return out;
    }

    private static List<Object> operations(PhaseAnalysis phase) {
        List<Object> ops = new ArrayList<>();
        for (Map.Entry<Operation, Placement> op : phase.operations().entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("operation", op.getKey().name().toLowerCase(Locale.ROOT));
            row.put("flops", op.getValue().flops().toFlops());
            row.put("bytes", op.getValue().bytes().toBytes());
            row.put("flopsPerByte", op.getValue().flopsPerByte());
            row.put("bound", op.getValue().bound().name());
            row.put("timeSeconds", op.getValue().time().toSeconds());
            ops.add(row);
        }
        return ops;
    }
}
