package io.github.llmcost.hardware.serving;

import io.github.llmcost.core.Seconds;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link ServingModel#maxRateWithinSlo}: for each batch cap, the highest rate within the targets, by bisection. */
final class SloSearch {
    private static final int BISECTIONS = 60;

    private SloSearch() {}

    static SloResult maxRate(ServingModel model, Traffic traffic, Seconds ttftP90, Seconds tpotP90) {
        Objects.requireNonNull(ttftP90, "ttftP90");
        Objects.requireNonNull(tpotP90, "tpotP90");
        double best = 0;
        int bestCap = 0;
        Optional<LoadPoint> bestPoint = Optional.empty();
        for (int cap : model.scheduler().batchCaps()) {
            ServingModel m = model.withScheduler(model.scheduler().withMaxBatchSize(cap));
            Saturation sat = m.saturated(traffic);
            double lo = 0;
            double hi = sat.requestsPerSecond();
            @Nullable LoadPoint found = null;
            for (int i = 0; i < BISECTIONS && hi - lo > 1e-6 * hi; i++) {
                double mid = (lo + hi) / 2;
                LoadPoint p = m.atRate(sat, mid);
                if (p.sustainable()
                        && p.timeToFirstTokenP90().toSeconds() <= ttftP90.toSeconds()
                        && p.timePerOutputTokenP90().toSeconds() <= tpotP90.toSeconds()) {
                    lo = mid;
                    found = p;
                } else {
                    hi = mid;
                }
            }
            if (found != null && lo > best * (1 + 1e-9)) {
                best = lo;
                bestCap = cap;
                bestPoint = Optional.of(found);
            }
        }
        return new SloResult(best, bestCap, bestPoint);
    }
}
