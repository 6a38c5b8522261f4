package io.github.llmcost.examples;

import io.github.llmcost.economics.EdgeVsCloud;
import io.github.llmcost.economics.Estimate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of an edge comparison: the usage as typed, the monthly costs both ways and where on-device wins
 * (null where it never does), and the device's own figures.
 */
final class EdgeView {
    private EdgeView() {}

    /**
     * The comparison as JSON.
     *
     * @param mau monthly active users, as typed
     * @param requests requests per user per month, as typed
     * @param tokens tokens per request, as typed
     * @param cloudPrice cloud US dollars per million tokens, as typed
     * @param edge the comparison
     * @param phoneTokensPerSecond the device's decode speed for one user
     * @param phone the device's estimate, one that can run
     * @return the JSON object
     */
    static Map<String, Object> of(
            long mau,
            double requests,
            double tokens,
            double cloudPrice,
            EdgeVsCloud edge,
            double phoneTokensPerSecond,
            Estimate phone) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("monthlyActiveUsers", mau);
        o.put("requestsPerUserPerMonth", requests);
        o.put("tokensPerRequest", tokens);
        o.put("cloudPricePerMillionTokensUsd", cloudPrice);
        o.put("monthlyCloudCostUsd", edge.monthlyCloudCost().toUsd());
        o.put("monthlyOnDeviceCostUsd", edge.monthlyOnDeviceCost().toUsd());
        o.put("cloudOverOnDevice", edge.cloudOverOnDevice());
        o.put("tokensOverDeviceLife", edge.tokensOverDeviceLife());
        o.put("licencePerMillionTokensUsd", edge.licencePerMillionTokens().toUsd());
        o.put("crossoverRequestsPerUserPerMonth", Json.orNull(edge.crossoverRequestsPerUserPerMonth()));
        o.put("monthlyActiveUserThreshold", Json.orNull(edge.monthlyActiveUserThreshold()));
        o.put("onDeviceTokensPerSecond", phoneTokensPerSecond);
        o.put("onDeviceTimeToFirstTokenSeconds", phone.timeToFirstToken().toSeconds());
        o.put("joulesPerTokenOnDevice", edge.joulesPerTokenOnDevice());
        o.put("monthlyUserEnergyCostUsd", edge.monthlyUserEnergyCost().toUsd());
        return o;
    }
}
