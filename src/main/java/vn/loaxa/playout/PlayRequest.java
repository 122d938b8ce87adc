package vn.loaxa.playout;

import vn.loaxa.audio.output.PlayoutItem;

/** One item to play, with the length the schedule expects of it (0 when unknown). */
public record PlayRequest(PlayoutItem item, long nominalMs) {
}
