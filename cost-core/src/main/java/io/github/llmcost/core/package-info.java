/**
 * The arithmetic of a transformer: quantities, numeric formats, model descriptions, FLOPs, parameters and KV cache.
 *
 * <p>Start from {@link io.github.llmcost.core.ModelPresets} or {@link io.github.llmcost.core.ModelSpec#builder()},
 * then ask {@link io.github.llmcost.core.FlopCounter}, {@link io.github.llmcost.core.ModelSpec#parameters()} and
 * {@link io.github.llmcost.core.KvCache} for numbers. Every result names the
 * {@link io.github.llmcost.core.Convention} that produced it.
 */
@NullMarked
@Style
package io.github.llmcost.core;

import org.jspecify.annotations.NullMarked;
