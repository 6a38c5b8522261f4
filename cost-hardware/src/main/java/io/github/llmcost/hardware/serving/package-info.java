/**
 * Serving at load: continuous (in-flight) batching in steady state on top of the step-time model ({@link
 * io.github.llmcost.hardware.CompiledPerformance#step}). {@link io.github.llmcost.hardware.serving.ServingModel} gives
 * the saturated (offline) throughput of a {@link io.github.llmcost.hardware.serving.Traffic} under a {@link
 * io.github.llmcost.hardware.serving.Scheduler}, latency and utilisation at a Poisson request rate, and the highest rate
 * within latency targets.
 */
@NullMarked
@Style
package io.github.llmcost.hardware.serving;

import org.jspecify.annotations.NullMarked;
