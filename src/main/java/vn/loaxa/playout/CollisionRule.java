package vn.loaxa.playout;

import java.time.Duration;
import java.time.Instant;

import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;

/**
 * What a broadcast due now does while another is on air. Pure, so every case is unit-tested.
 *
 * <ul>
 *   <li>An emergency cuts anything but another emergency, which it waits for (two warnings both air).</li>
 *   <li>Nothing else ever cuts a broadcast of higher priority: it waits for it, up to its wait limit
 *       (or the grace window when it has none, or when it is reconciled), then is SKIPPED.</li>
 *   <li>Otherwise the start policy: CUT cuts at the planned instant; WAIT waits up to N seconds after the
 *       planned instant, then cuts; SKIP waits up to N seconds, then gives up (SKIPPED).</li>
 *   <li>A reconciled broadcast (started by a re-plan or recovery, after its planned instant) never cuts: the one on
 *       air was on time. It waits up to the grace window from its planned instant, then is SKIPPED.</li>
 * </ul>
 */
final class CollisionRule {

    enum Action { WAIT, CUT, SKIP }

    record Decision(Action action, String reason) {
    }

    private CollisionRule() {
    }

    static Decision decide(Priority incoming, StartPolicy policy, int waitSeconds, Instant planned, boolean reconciled,
                           Priority onAir, Instant now, Duration grace) {
        if (incoming == Priority.EMERGENCY) {
            return onAir == Priority.EMERGENCY ? new Decision(Action.WAIT, "another emergency is on air")
                    : new Decision(Action.CUT, "EMERGENCY");
        }
        var waited = Duration.between(planned, now);
        if (reconciled || incoming.compareTo(onAir) < 0) {
            var limit = reconciled || waitSeconds == 0 ? grace : Duration.ofSeconds(waitSeconds);
            return waited.compareTo(limit) <= 0 ? new Decision(Action.WAIT, "waiting for the broadcast on air")
                    : new Decision(Action.SKIP, "BUSY: a " + onAir + " broadcast was still on air "
                    + waited.toSeconds() + " s after the planned start");
        }
        var limit = Duration.ofSeconds(waitSeconds);
        return switch (policy) {
            case CUT -> new Decision(Action.CUT, "CUT");
            case WAIT -> waited.compareTo(limit) < 0 ? new Decision(Action.WAIT, "waiting up to " + waitSeconds + " s")
                    : new Decision(Action.CUT, "WAIT_OVER: cut after waiting " + waitSeconds + " s");
            case SKIP -> waited.compareTo(limit) <= 0 ? new Decision(Action.WAIT, "waiting up to " + waitSeconds + " s")
                    : new Decision(Action.SKIP, "BUSY: still on air " + waited.toSeconds()
                    + " s after the planned start, skip limit " + waitSeconds + " s");
        };
    }
}
