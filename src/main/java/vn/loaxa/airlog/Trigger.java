package vn.loaxa.airlog;

/** What started a broadcast. OPERATOR rows name the operator in {@code triggeredBy}. */
public enum Trigger {
    SCHEDULE, OPERATOR, EMERGENCY
}
