/**
 * The station's one sound output: plays lists of items through the configured device, knows what
 * is on air right now, and reports a missing device as an alert instead of failing silently.
 */
@NullMarked
package vn.loaxa.playout;

import org.jspecify.annotations.NullMarked;
