package vn.loaxa.airlog;

/** How a broadcast or an item ended. MISSED and SKIPPED broadcasts never started. */
public enum Outcome {
    COMPLETED, INTERRUPTED, PREEMPTED, FAILED, MISSED, SKIPPED;

    public boolean aired() {
        return this != MISSED && this != SKIPPED;
    }
}
