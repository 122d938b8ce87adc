/**
 * The station as a whole: its settings, its health (is there a sound output?) and what it is
 * doing right now.
 */
@NullMarked
package vn.loaxa.station;

import org.jspecify.annotations.NullMarked;
