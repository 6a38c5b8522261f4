package io.github.llmcost.examples;

import io.github.llmcost.economics.Deployment;
import io.github.llmcost.hardware.SpeculativeDecoding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON fields of speculative decoding, shared by {@link EstimateView} and {@link ServingView}: {@code
 * tokensPerTargetStep} and a {@code speculativeDecoding} object (tokens proposed, acceptance rate, drafter), present
 * only when the deployment speculates. Every field reads {@link SpeculativeDecoding}; none is computed here.
 */
final class SpeculativeView {
    private SpeculativeView() {}

    /**
     * Adds the fields of a deployment's speculation, if it has one.
     *
     * @param o the JSON object
     * @param d the deployment
     */
    static void put(Map<String, Object> o, Deployment d) {
        d.speculativeDecoding().ifPresent(s -> {
            o.put("tokensPerTargetStep", s.tokensPerTargetStep());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("speculativeTokens", s.speculativeTokens());
            spec.put("acceptanceRate", s.acceptanceRate());
            spec.put("drafter", s.isMultiTokenPrediction() ? "multi-token prediction" : "draft model");
            s.draftModel().ifPresent(m -> {
                spec.put("draftModel", m.name());
                spec.put("draftParameters", m.parameters().totalParameters());
            });
            o.put("speculativeDecoding", spec);
        });
    }
}
