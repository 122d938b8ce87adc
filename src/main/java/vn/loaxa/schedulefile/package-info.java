/**
 * Schedule files: the station, its villages (with their switching addresses), how the villages are
 * switched, programmes with their queues, campaigns and bulletins as YAML under {@code schedules/},
 * loaded on the first start, imported (preview, then one transaction) and exported in the same format.
 */
@NullMarked
package vn.loaxa.schedulefile;

import org.jspecify.annotations.NullMarked;
