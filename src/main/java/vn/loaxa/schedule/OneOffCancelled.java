package vn.loaxa.schedule;

/**
 * Published (inside the cancelling transaction) when a person cancels a one-off, so that one on
 * air is stopped once the cancel is committed.
 */
public record OneOffCancelled(long id, String by) {
}
