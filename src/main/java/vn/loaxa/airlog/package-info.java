/**
 * The as-played log (nhật ký phát): evidence for the culture officer's reports. Append-only and
 * hash-chained, every value copied so that nothing deleted elsewhere changes history; each row is
 * on disk before the call that wrote it returns.
 */
@NullMarked
package vn.loaxa.airlog;

import org.jspecify.annotations.NullMarked;
