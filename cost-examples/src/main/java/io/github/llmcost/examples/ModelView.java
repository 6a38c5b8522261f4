package io.github.llmcost.examples;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.ParameterBreakdown;
import io.github.llmcost.core.WeightScheme;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a model: its parameters by part (EXACT convention), its weight bytes in every weight scheme (by id:
 * the plain formats, then the quantisation schemes with their scales) and its KV cache per token and per session.
 */
final class ModelView {
    private ModelView() {}

    static Map<String, Object> of(ModelSpec m, NumericFormat kv, long context) {
        ParameterBreakdown p = m.parameters();
        KvCache cache = KvCache.of(m, Convention.EXACT, kv);
        Map<String, Object> weights = new LinkedHashMap<>();
        for (WeightScheme s : WeightScheme.values()) {
            weights.put(s.id(), s.weightBytes(m).total().toBytes());
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", m.name());
        o.put("convention", "EXACT");
        o.put("totalParameters", p.totalParameters());
        o.put("activeParameters", p.activeParameters());
        o.put("embeddingParameters", p.embeddingParameters());
        o.put("attentionParameters", p.attentionParameters());
        o.put("convolutionParameters", p.convolutionParameters());
        o.put("mlpParameters", p.mlpParameters());
        o.put("expertParameters", p.expertParameters());
        o.put("routerParameters", p.routerParameters());
        o.put("normParameters", p.normParameters());
        o.put("lmHeadParameters", p.lmHeadParameters());
        o.put("weightBytes", weights);
        o.put("kvCacheFormat", kv.name());
        o.put("kvCacheBytesPerToken", cache.bytesPerToken().toBytes());
        o.put("contextTokens", context);
        o.put("kvCacheBytesPerSession", cache.sessionBytes(context).toBytes());
        return o;
    }
}
