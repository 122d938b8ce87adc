/**
 * The as-played log (nhật ký phát): evidence for the culture officer's reports. Append-only and
 * hash-chained, every value copied so that nothing deleted elsewhere changes history; each row is
 * on disk before the call that wrote it returns.
 *
 * <p>Rows are of five kinds, each made by one factory of {@code LogRow}: START (before the first
 * sample), ITEM (one item as it played), END (a new row referring to the START), NOT_AIRED (MISSED
 * or SKIPPED, always built with {@link vn.loaxa.airlog.AirLogRecords.NotAired#of}) and VILLAGE (a
 * village switched on or off). Times in them are instants; people see them in the station's zone
 * ({@link vn.loaxa.base.StationTime}).
 */
@NullMarked
package vn.loaxa.airlog;

import org.jspecify.annotations.NullMarked;
