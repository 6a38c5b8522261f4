/** JMH benchmarks of llm-cost. Run with {@code java -jar cost-benchmarks/target/benchmarks.jar}. */
@NullMarked
package io.github.llmcost.benchmarks;

import org.jspecify.annotations.NullMarked;
