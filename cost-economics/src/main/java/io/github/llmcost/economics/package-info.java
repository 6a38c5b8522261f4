/**
 * Money: GPU-hour pricing and utilisation, cost per input and output token, the API price book, the edge-versus-cloud
 * crossover, prompt-caching economics and energy, and {@link io.github.llmcost.economics.LlmCost}, the one entry
 * point from a model, a chip and a workload to an {@link io.github.llmcost.economics.Estimate} of every figure.
 */
@NullMarked
@Style
package io.github.llmcost.economics;

import org.jspecify.annotations.NullMarked;
