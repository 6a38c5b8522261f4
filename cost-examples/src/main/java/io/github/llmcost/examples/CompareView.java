package io.github.llmcost.examples;

import io.github.llmcost.economics.compare.ContextFigures;
import io.github.llmcost.economics.compare.Figure;
import io.github.llmcost.economics.compare.Scorecard;
import io.github.llmcost.economics.compare.ScorecardRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compare --json}: the scorecard as one JSON object, every number read from it. The figures at each context and
 * their growth are named by {@link Figure#key()}, the one list of them; a figure the model does not have there (a
 * time where it does not run, a growth without both ends) is {@code null}, and a context where it does not run has
 * its binding limit and reasons.
 */
final class CompareView {
    private CompareView() {}

    static Map<String, Object> of(Scorecard card) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("hardware", card.hardware().name());
        o.put("memoryBudgetBytes", card.memoryBudget().toBytes());
        o.put("weightFormat", card.weights().name());
        o.put("kvCacheFormat", card.kvCache().name());
        o.put("convention", card.convention().name());
        List<Object> contexts = new ArrayList<>();
        for (long n : card.contexts()) {
            contexts.add(n);
        }
        o.put("contexts", contexts);
        List<Object> models = new ArrayList<>();
        for (ScorecardRow r : card.rows()) {
            models.add(row(r));
        }
        o.put("models", models);
        return o;
    }

    private static Map<String, Object> row(ScorecardRow r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", r.model().name());
        o.put("fits", r.fitsAtAll());
        o.put("weightBytes", r.weightBytes().toBytes());
        o.put("kvBytesPerToken", r.kvBytesPerToken().toBytes());
        o.put("fixedStateBytes", r.fixedStateBytes().toBytes());
        o.put("largestContextTokens", r.largestContext().tokens());
        o.put("largestContextLimit", r.largestContext().limit().map(Enum::name).orElse(null));
        List<Object> contexts = new ArrayList<>();
        for (ContextFigures c : r.contexts()) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("contextTokens", c.contextTokens());
            at.put("feasible", c.isFeasible());
            for (Figure f : Figure.values()) {
                at.put(f.key(), Json.orNull(c.value(f)));
            }
            if (!c.isFeasible()) {
                at.put(
                        "bindingLimit",
                        c.feasibility().bindingLimit().orElseThrow().name());
                at.put("reasons", EstimateView.reasons(c.feasibility()));
            }
            contexts.add(at);
        }
        o.put("contexts", contexts);
        Map<String, Object> growth = new LinkedHashMap<>();
        for (Figure f : Figure.values()) {
            growth.put(f.key(), Json.orNull(r.growth(f)));
        }
        o.put("growth", growth);
        return o;
    }
}
