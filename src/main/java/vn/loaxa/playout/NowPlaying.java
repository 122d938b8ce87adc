package vn.loaxa.playout;

import java.time.Instant;

/**
 * What is on air: the broadcast, the current item and when it began, so a screen can draw progress.
 *
 * @param itemDurationMs the item's nominal length, 0 when unknown
 */
public record NowPlaying(String broadcast, String item, int itemIndex, int itemCount, Instant itemStartedAt,
                         long itemDurationMs, Instant broadcastStartedAt) {
}
