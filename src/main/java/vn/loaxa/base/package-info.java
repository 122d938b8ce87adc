/**
 * What every feature shares: the SQLite data source, the clock, translations, API error replies.
 */
@NullMarked
package vn.loaxa.base;

import org.jspecify.annotations.NullMarked;
