package io.github.llmcost.benchmarks;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** (a) The FLOPs and KV cache of one layer of Llama 3.1 8B at a context length. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LayerBenchmark {
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
