/**
 * Capacity planning: the cheapest deployment that serves a traffic within latency targets. {@link
 * io.github.llmcost.economics.plan.PlanRequest} says what is to be served and what may be bought; {@link
 * io.github.llmcost.economics.plan.Plan} is every feasible candidate ranked by cost per month, the Pareto frontier of
 * throughput per device against speed per user, and what the same traffic costs through the API price book.
 */
@NullMarked
@Style
package io.github.llmcost.economics.plan;

import org.jspecify.annotations.NullMarked;
