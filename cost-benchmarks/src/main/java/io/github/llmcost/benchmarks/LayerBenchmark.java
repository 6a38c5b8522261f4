package io.github.llmcost.benchmarks;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** (a) The FLOPs and KV cache of one layer of Llama 3.1 8B at a context length. */
public class LayerBenchmark extends NanosecondBenchmark {
    @Param({"4096"})
    public long contextTokens;

    private final FlopCounter counter = FlopCounter.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT);
    private final KvCache kv = KvCache.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT, NumericFormat.BF16);

    /** {@return the layer's prefill FLOPs plus its KV bytes, so neither is optimised away} */
    @Benchmark
    public double layerFlopsAndKv() {
        return counter.layer(0, 0, contextTokens).total().toFlops()
                + kv.layerBytes(0, contextTokens).toBytes();
    }
}
