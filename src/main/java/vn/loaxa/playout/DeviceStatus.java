package vn.loaxa.playout;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether the configured output can be opened now.
 *
 * @param problem null when fine, else NO_DEVICE, UNKNOWN_NAME, UNAVAILABLE, or LOST (a broadcast lost it and it
 *                has not opened again since)
 */
public record DeviceStatus(boolean ok, String device, @Nullable String problem, @Nullable String detail,
                           List<String> available) {
}
