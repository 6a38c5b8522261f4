/**
 * Test fixtures shared by the modules' tests: {@link io.github.llmcost.testing.BadInputContract} (bad input fails fast,
 * naming the field and its value; a missing builder field is named) with the bad values it is fed ({@link
 * io.github.llmcost.testing.BadValues}), and {@link io.github.llmcost.testing.ArticleClaimContract} (a number the article
 * prints, computed through the API, within the tolerance its rounding allows). Test scope only; never published.
 */
@NullMarked
package io.github.llmcost.testing;

import org.jspecify.annotations.NullMarked;
