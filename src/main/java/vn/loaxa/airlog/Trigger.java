package vn.loaxa.airlog;

/**
 * What started a broadcast. OPERATOR and LIVE rows name the person in {@code triggeredBy}; LIVE is
 * someone speaking into the station's microphone.
 */
public enum Trigger {
    SCHEDULE, OPERATOR, EMERGENCY, LIVE
}
