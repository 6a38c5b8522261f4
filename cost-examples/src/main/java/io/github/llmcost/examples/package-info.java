/** Runnable examples: the article's worked numbers computed through the public API. */
@NullMarked
package io.github.llmcost.examples;

import org.jspecify.annotations.NullMarked;
