/**
 * Internals shared by the llm-cost modules. Not API: the module exports this package only to the other llm-cost
 * modules, and it may change in any release.
 */
@NullMarked
package io.github.llmcost.core.internal;

import org.jspecify.annotations.NullMarked;
