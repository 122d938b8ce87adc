package vn.loaxa.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Decides, from what the air log already holds, what is left to play. The air log's occurrence
 * keys are the idempotency record: a key that has a START or NOT_AIRED row never comes back, so a
 * restart, a re-plan or a clock set back cannot play anything twice. Pure, like the planner.
 */
public final class PlanningLedger {

    /** Why an occurrence passed without playing; stored in the air log's reason. */
    public enum MissCause {
        /** The station was not running at the planned time (found at start-up). */
        STATION_DOWN,
        /** The clock jumped forward over the planned time (or the PC slept through it). */
        CLOCK_JUMPED_FORWARD,
        /** The station was running but its trigger came too late (the process was frozen or starved). */
        LATE_TRIGGER;

        /** Stable text for the log: the cause code first, so reports can group by it. */
        public String reason(Duration late, Duration grace) {
            return this + ": " + seconds(late) + " late, grace " + seconds(grace);
        }

        private static String seconds(Duration d) {
            long s = d.toSeconds();
            return s >= 120 && s % 60 == 0 ? s / 60 + " min" : s >= 120 ? s / 60 + " min " + s % 60 + " s" : s + " s";
        }
    }

    public record Missed(Occurrence occurrence, Duration late, MissCause cause) {

        public String reason(Duration grace) {
            return cause.reason(late, grace);
        }
    }

    /**
     * @param playNow  due and not logged, at most {@code grace} late: play them, in this order
     * @param missed   due and not logged, more than {@code grace} late: log them MISSED
     * @param upcoming planned after {@code now} and not logged
     */
    public record Reconciliation(List<Occurrence> playNow, List<Missed> missed, List<Occurrence> upcoming) {
    }

    private PlanningLedger() {
    }

    /** The planned occurrences whose keys are not in the log yet. */
    public static List<Occurrence> remaining(Collection<Occurrence> planned, Set<String> loggedKeys) {
        return planned.stream().filter(o -> !loggedKeys.contains(o.key())).sorted(OccurrencePlanner.ORDER).toList();
    }

    public static Reconciliation reconcile(Collection<Occurrence> planned, Set<String> loggedKeys, Instant now,
                                           Duration grace, MissCause cause) {
        return reconcile(planned, loggedKeys, now, grace, o -> cause);
    }

    /** As above, with the cause decided per occurrence (a clock jump explains some misses and not others). */
    public static Reconciliation reconcile(Collection<Occurrence> planned, Set<String> loggedKeys, Instant now,
                                           Duration grace, Function<Occurrence, MissCause> cause) {
        var play = new ArrayList<Occurrence>();
        var missed = new ArrayList<Missed>();
        var upcoming = new ArrayList<Occurrence>();
        for (var o : remaining(planned, loggedKeys)) {
            if (o.plannedStart().isAfter(now)) {
                upcoming.add(o);
                continue;
            }
            var late = Duration.between(o.plannedStart(), now);
            if (late.compareTo(grace) <= 0) {
                play.add(o);
            } else {
                missed.add(new Missed(o, late, cause.apply(o)));
            }
        }
        return new Reconciliation(play, missed, upcoming);
    }

    /**
     * Where to start planning so that nothing is dropped silently: from the newest planned start the
     * log holds (everything up to it was played or declared missed), or, on a station with an empty
     * log, from {@code grace} ago. A clock set back before that point plans from now; the keys then
     * keep what was played from coming back.
     */
    public static Instant lookbackStart(@Nullable Instant newestLoggedPlannedStart, Instant now, Duration grace) {
        if (newestLoggedPlannedStart == null) {
            return now.minus(grace);
        }
        return newestLoggedPlannedStart.isBefore(now) ? newestLoggedPlannedStart : now;
    }
}
