package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.KvScheme;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.hardware.HardwarePresets;
import org.junit.jupiter.api.Test;

/** A deployment's KV scheme: its scales count in memory, sessions and decode traffic; plain formats are unchanged. */
class KvSchemeDeploymentTest {
    private static Estimate estimate(KvScheme scheme) {
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .kvCache(scheme)
                .promptTokens(4096)
                .outputTokens(256)
                .batchSize(8)
                .estimate();
    }

    @Test
    void aPlainSchemeGivesTheSameEstimateAsItsFormat() {
        Estimate format = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .kvCache(NumericFormat.INT8)
                .promptTokens(4096)
                .outputTokens(256)
                .batchSize(8)
                .estimate();
        Estimate scheme = estimate(KvScheme.INT8);
        assertThat(scheme.formats()).isEqualTo(format.formats());
        assertThat(scheme.memory().kvCachePerSession().toBytes())
                .isEqualTo(format.memory().kvCachePerSession().toBytes());
        assertThat(scheme.maxConcurrentSessions()).isEqualTo(format.maxConcurrentSessions());
        assertThat(scheme.decode().bytes().toBytes())
                .isEqualTo(format.decode().bytes().toBytes());
        assertThat(scheme.timePerOutputToken().toSeconds())
                .isEqualTo(format.timePerOutputToken().toSeconds());
    }

    @Test
    void scalesCountInMemorySessionsAndDecodeTraffic() {
        Estimate int8 = estimate(KvScheme.INT8);
        Estimate head = estimate(KvScheme.INT8_HEAD);
        Estimate group = estimate(KvScheme.INT4_GROUP);
        assertThat(head.formats().kvScheme()).isSameAs(KvScheme.INT8_HEAD);
        double plainSession = int8.memory().kvCachePerSession().toBytes();
        // no fixed state in Llama: a session scales with the bytes per value, 130/128 and 5/8 of INT8's
        assertThat(head.memory().kvCachePerSession().toBytes()).isCloseTo(plainSession * 130 / 128, within(1e-3));
        assertThat(group.memory().kvCachePerSession().toBytes()).isCloseTo(plainSession * 5 / 8, within(1e-3));
        long context = 4096 + 256;
        assertThat(head.memory().kvCachePerSession().toBytes())
                .isCloseTo(
                        KvCache.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT, KvScheme.INT8_HEAD)
                                .sessionBytes(context)
                                .toBytes(),
                        within(1e-3));
        assertThat(head.maxConcurrentSessions()).isLessThan(int8.maxConcurrentSessions());
        assertThat(group.maxConcurrentSessions()).isGreaterThan(int8.maxConcurrentSessions());
        // decode reads the same weights and activations, and the cache at 130/128 and 5/8 of INT8's bytes: the cache
        // read by a step is 64 times what int8-head adds, and int4-group saves 3/8 of it
        double t8 = int8.decode().bytes().toBytes();
        double added = head.decode().bytes().toBytes() - t8;
        assertThat(added).isPositive();
        double cacheRead = added * 64;
        assertThat(cacheRead).isLessThan(t8);
        assertThat(t8 - group.decode().bytes().toBytes()).isCloseTo(cacheRead * 3 / 8, within(cacheRead * 1e-9));
    }
}
