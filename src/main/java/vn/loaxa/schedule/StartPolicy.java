package vn.loaxa.schedule;

/**
 * What a normal or priority broadcast does when something is still on air at its planned start
 * (after Rivendell's and ZaraRadio's event policies). The wait limit is the broadcast's
 * {@code waitSeconds}.
 */
public enum StartPolicy {
    /** Cut what is playing and start now. */
    CUT,
    /** Wait for the end of what is playing, up to N seconds, then cut it. */
    WAIT,
    /** Wait for the end of what is playing; if that is more than N seconds late, skip this one. */
    SKIP
}
