package vn.loaxa.playout;

import org.jspecify.annotations.Nullable;

/**
 * What a person's stop or skip acted on.
 *
 * @param item      the programme item skipped (0-based); -1 for a stop
 * @param itemTitle its title; null for a stop
 */
public record OnAirAction(String key, String title, int item, @Nullable String itemTitle) {
}
