/**
 * Machines and time: {@link io.github.llmcost.hardware.HardwareSpec} and its presets, the roofline, prefill and decode
 * latency and throughput, the memory budget, concurrency and tensor parallelism.
 *
 * <p>Start from {@link io.github.llmcost.hardware.InferencePerformance#builder()}.
 */
@NullMarked
@Style
package io.github.llmcost.hardware;

import org.jspecify.annotations.NullMarked;
