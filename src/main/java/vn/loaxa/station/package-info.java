/**
 * The station as a whole: its settings, its health (is there a sound output?) and what it is
 * doing right now; that only one station runs on a data folder, and that it answers only once it
 * is ready (see docs/decisions/0010-one-station-and-readiness.md).
 */
@NullMarked
package vn.loaxa.station;

import org.jspecify.annotations.NullMarked;
