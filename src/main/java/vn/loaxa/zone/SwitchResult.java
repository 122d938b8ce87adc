package vn.loaxa.zone;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What switching one zone came to.
 *
 * @param at     when the driver knew the outcome: the read-back or acknowledgement arrived, the
 *               command was sent, or the attempt gave up
 * @param detail why it failed, or what confirmed it; for the log and the technician, in English
 */
public record SwitchResult(long villageId, Ack ack, Instant at, @Nullable String detail) {

    public enum Ack {
        /** The device confirmed the new state (coil read back, cluster status, program exit 0). */
        ACKNOWLEDGED,
        /** Sent, but the protocol has no way to confirm it (single-byte boards, DTMF). */
        SENT,
        /** Not switched: the device did not answer, refused, or is offline. */
        FAILED
    }

    public boolean switched() {
        return ack != Ack.FAILED;
    }

    public static SwitchResult failed(long villageId, Instant at, String detail) {
        return new SwitchResult(villageId, Ack.FAILED, at, detail);
    }
}
