package io.github.llmcost.hardware.serving.sim;

/** Applies a {@link Router}: picks a replica for each request. */
final class Dispatcher {
    private final Router router;
    private final Replica[] pool;
    private int turn;

    Dispatcher(Router router, Replica[] pool) {
        this.router = router;
        this.pool = pool;
    }

    int route(Request r) {
        if (pool.length == 1) {
            return 0;
        }
        return switch (router) {
            case ROUND_ROBIN -> {
                int i = turn;
                turn = (turn + 1) % pool.length;
                yield i;
            }
            case LEAST_LOADED -> leastLoaded();
            case PREFIX_AFFINITY -> affinity(r);
        };
    }

    private int leastLoaded() {
        int best = 0;
        for (int i = 1; i < pool.length; i++) {
            if (pool[i].outstanding() < pool[best].outstanding()) {
                best = i;
            }
        }
        return best;
    }

    private int affinity(Request r) {
        int least = leastLoaded();
        if (!r.hasPrefix()) {
            return least;
        }
        int holder = -1;
        for (int i = 0; i < pool.length; i++) {
            if (pool[i].holds(r.prefixId()) && (holder < 0 || pool[i].outstanding() < pool[holder].outstanding())) {
                holder = i;
            }
        }
        double bound = Simulation.AFFINITY_BOUND * (pool[least].outstanding() + 1);
        return holder >= 0 && pool[holder].outstanding() <= bound ? holder : least;
    }
}
