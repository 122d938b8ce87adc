package vn.loaxa.schedule;

/**
 * Published (inside the editing transaction) whenever programmes, the queue or one-off broadcasts
 * change, so the playout engine re-plans its timers once the change is committed.
 *
 * @param what a short description for the log, e.g. "one-off 12"
 */
public record ScheduleChanged(String what) {
}
