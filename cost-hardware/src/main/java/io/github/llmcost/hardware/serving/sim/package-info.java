/**
 * Serving at load, request by request: a discrete-event simulation of replicas of a deployment, each stepping with
 * the step-time model ({@link io.github.llmcost.hardware.CompiledPerformance#step}) under a vLLM-like scheduler
 * (continuous batching, chunked prefill, paged KV blocks, FCFS admission, preemption by recompute), with a prefix cache
 * per replica and a router across them. {@link io.github.llmcost.hardware.serving.sim.Simulation} is the entry point;
 * {@link io.github.llmcost.hardware.serving.sim.SyntheticSource} and {@link
 * io.github.llmcost.hardware.serving.sim.TraceSource} supply the requests.
 */
@NullMarked
package io.github.llmcost.hardware.serving.sim;

import org.jspecify.annotations.NullMarked;
