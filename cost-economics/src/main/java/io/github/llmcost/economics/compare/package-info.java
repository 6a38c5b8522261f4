/**
 * The article's section 8 as a tool: architectures compared where they run. {@link
 * io.github.llmcost.economics.compare.Scorecard} puts models side by side on one device at a set of context lengths:
 * prefill FLOPs and their quadratic share, the KV cache and fixed state one sequence keeps, the bytes a decode step
 * moves, time to first token and decode speed, the largest context that fits the device's memory budget for AI, the
 * weights in the chosen format, and how each figure grows from the first context to the last.
 */
@NullMarked
package io.github.llmcost.economics.compare;

import org.jspecify.annotations.NullMarked;
