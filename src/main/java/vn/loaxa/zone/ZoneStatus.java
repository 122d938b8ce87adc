package vn.loaxa.zone;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A zone as its driver last saw it, for the dashboard and {@code GET /api/villages}.
 *
 * @param online   the device answered (board read-back) or says it is online (cluster status)
 * @param lastSeen when the device was last heard from; null when never
 * @param on       the switch state it reported; null when the protocol cannot read it back
 * @param volume   the cluster's volume (0..100) when it reports one
 */
public record ZoneStatus(long villageId, boolean online, @Nullable Instant lastSeen, @Nullable Boolean on,
                         @Nullable Integer volume, @Nullable String detail) {
}
