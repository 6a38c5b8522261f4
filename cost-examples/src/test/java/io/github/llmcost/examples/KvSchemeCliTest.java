package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmcost.core.KvScheme;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code --kv} takes the KV-cache schemes with their scales; JSON names a non-plain scheme. */
class KvSchemeCliTest {
    @Test
    void estimateCountsTheScalesAndNamesTheScheme() throws IOException {
        JsonNode group = LlmCostCliTest.json("estimate", "--model", "llama-3.1-8b", "--kv", "int4-group", "--json");
        assertThat(group.get("kvScheme").asText()).isEqualTo("int4-group");
        assertThat(group.get("kvCacheFormat").asText()).isEqualTo("INT4");
        assertThat(group.get("kvCacheBytesPerToken").asDouble()).isEqualTo(40_960.0);
        JsonNode head = LlmCostCliTest.json("estimate", "--model", "llama-3.1-8b", "--kv", "int8-head", "--json");
        assertThat(head.get("kvCacheBytesPerToken").asDouble()).isEqualTo(66_560.0);
        JsonNode plain = LlmCostCliTest.json("estimate", "--model", "llama-3.1-8b", "--kv", "int8", "--json");
        assertThat(plain.has("kvScheme")).isFalse();
        assertThat(plain.get("kvCacheBytesPerToken").asDouble()).isEqualTo(65_536.0);
        assertThat(head.get("kvCacheBytesPerSession").asDouble())
                .isGreaterThan(plain.get("kvCacheBytesPerSession").asDouble());
        assertThat(head.get("maxConcurrentSessions").asLong())
                .isLessThanOrEqualTo(plain.get("maxConcurrentSessions").asLong());
    }

    @Test
    void fitTakesAScheme() throws IOException {
        JsonNode o = LlmCostCliTest.json("fit", "--model", "llama-3.1-8b", "--kv", "int8-head", "--json");
        assertThat(o.get("kvScheme").asText()).isEqualTo("int8-head");
        assertThat(o.get("kvCacheFormat").asText()).isEqualTo("INT8");
    }

    @Test
    void sweepTakesAScheme() {
        LlmCostCliTest.Run run = LlmCostCliTest.run("sweep", "--model", "llama-3.1-8b", "--kv", "int4-group");
        assertThat(run.code()).as("stderr %s", run.err()).isZero();
    }

    @Test
    void aBadSchemeExitsTwoNamingTheValueAndTheIds() {
        LlmCostCliTest.Run run = LlmCostCliTest.run("estimate", "--model", "llama-3.1-8b", "--kv", "int3-group");
        assertThat(run.code()).as("stderr %s", run.err()).isEqualTo(2);
        assertThat(run.err().trim().lines()).hasSize(1);
        assertThat(run.err()).startsWith("llm-cost: ").contains("int3-group").contains(KvScheme.ids());
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }
}
