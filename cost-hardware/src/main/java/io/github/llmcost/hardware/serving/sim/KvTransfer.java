package io.github.llmcost.hardware.serving.sim;

import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.HardwareSpec;

/**
 * Moving a prompt's KV cache from a prefill replica to a decode replica: the interconnect's latency plus the cache's
 * bytes over its bandwidth, each of the deployment's tensor-parallel devices sending its own shard at once. Bytes per
 * token are the deployment's KV cache per session of a 1,024-token prompt, per token.
 */
final class KvTransfer {
    private static final long PROBE_TOKENS = 1024;

    private final double latency;
    private final double secondsPerToken;

    KvTransfer(CompiledPerformance compiled) {
        HardwareSpec chip = compiled.template().hardware();
        int devices = compiled.template().tensorParallel();
        double perToken = compiled.memory(Workload.of(PROBE_TOKENS, 0))
                        .kvCachePerSession()
                        .toBytes()
                / PROBE_TOKENS;
        this.latency = chip.interconnectLatency().toSeconds();
        this.secondsPerToken =
                perToken / (devices * chip.interconnectBandwidth().toBytesPerSecond());
    }

    /** {@return seconds to move a prompt's cache} */
    double seconds(long promptTokens) {
        return latency + promptTokens * secondsPerToken;
    }
}
