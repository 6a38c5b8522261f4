package io.github.llmcost.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of the article's ledger: {@code claims}, one object per claim in the data file's order. */
final class ArticleView {
    private ArticleView() {}

    static Map<String, Object> of(List<ArticleLedger.Result> results) {
        List<Object> claims = new ArrayList<>();
        for (ArticleLedger.Result r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", r.claim().id());
            c.put("section", r.claim().section());
            c.put("claim", r.claim().claim());
            c.put("articleValue", r.claim().articleValue());
            c.put("computedValue", r.computedValue());
            c.put("verdict", r.verdict().label());
            c.put("reason", r.reason());
            claims.add(c);
        }
        return Map.of("claims", claims);
    }
}
