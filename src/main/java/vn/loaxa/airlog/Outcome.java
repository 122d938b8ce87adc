package vn.loaxa.airlog;

/**
 * How a broadcast or an item ended. MISSED and SKIPPED broadcasts (NOT_AIRED rows) never started.
 * On an ITEM row SKIPPED means a person skipped the item on air, and STOPPED on an END or ITEM row
 * that a person stopped the broadcast; the row names the person (decision 0030).
 */
public enum Outcome {
    COMPLETED, INTERRUPTED, PREEMPTED, FAILED, MISSED, SKIPPED, STOPPED;

    /** Whether a broadcast with this outcome went on air. */
    public boolean aired() {
        return this != MISSED && this != SKIPPED;
    }
}
