package vn.loaxa.playout;

import vn.loaxa.audio.output.PlayoutItem;

/**
 * One item of a broadcast as the schedule gives it: its audio for the output, and the length the
 * schedule expects of it (0 when unknown), which the dashboard draws progress against.
 */
public record ScheduledItem(PlayoutItem item, long nominalMs) {
}
