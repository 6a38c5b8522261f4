/**
 * Not API: numerical helpers of this module. The package is not exported; its contents may change in any release.
 */
@NullMarked
package io.github.llmcost.hardware.internal;

import org.jspecify.annotations.NullMarked;
