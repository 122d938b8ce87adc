package vn.loaxa.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * What happens when a one-off meets a programme broadcast, told to the operator before the one-off
 * is saved. It follows the engine's collision rule (decision 0005, {@code playout.CollisionRule}):
 * the one-off waits for a programme already on air (up to its wait), then cuts it unless the
 * programme has a higher priority, in which case the one-off is skipped; a programme due while the
 * one-off plays applies its own start policy, or waits and is skipped if its priority is lower.
 * Pure: the engine stays the judge, this only says in advance what it will decide.
 *
 * @param programme the programme's occurrence
 * @param outcome   what the engine will do
 * @param seconds   the wait (or delay) the outcome speaks of, in seconds
 */
public record OneOffCollision(Occurrence programme, Outcome outcome, long seconds) {

    public enum Outcome {
        /** The programme is on air; it ends within the one-off's wait, so the one-off starts late. */
        ONE_OFF_LATE,
        /** The programme is on air; after the wait the one-off cuts it (the programme is INTERRUPTED). */
        PROGRAMME_CUT,
        /** The programme is on air and outranks the one-off: after the wait the one-off is SKIPPED. */
        ONE_OFF_SKIPPED,
        /** The programme is due during the one-off and waits for it to end: the programme starts late. */
        PROGRAMME_LATE,
        /** The programme is due during the one-off and cuts it (at once, or after its wait). */
        ONE_OFF_CUT,
        /** The programme is due during the one-off and gives up after its wait: the programme is SKIPPED. */
        PROGRAMME_SKIPPED
    }

    /**
     * @param oneOffStart  the one-off's planned start
     * @param oneOffMs     its planned length
     * @param priority     its priority
     * @param waitSeconds  how long it waits for a broadcast on air
     * @param grace        the station's grace window (a lower-priority programme's wait when it has none)
     */
    public static OneOffCollision of(Occurrence programme, Instant oneOffStart, long oneOffMs, Priority priority,
                                     int waitSeconds, Duration grace) {
        var programmeEnd = programme.plannedStart().plusMillis(programme.nominalMs());
        if (programme.plannedStart().isBefore(oneOffStart)) {
            long left = Duration.between(oneOffStart, programmeEnd).toSeconds();
            if (left <= waitSeconds) {
                return new OneOffCollision(programme, Outcome.ONE_OFF_LATE, Math.max(0, left));
            }
            return new OneOffCollision(programme, priority.compareTo(programme.priority()) < 0
                    ? Outcome.ONE_OFF_SKIPPED : Outcome.PROGRAMME_CUT, waitSeconds);
        }
        long left = Duration.between(programme.plannedStart(), oneOffStart.plusMillis(oneOffMs)).toSeconds();
        if (programme.priority().compareTo(priority) < 0) {
            long limit = programme.waitSeconds() == 0 ? grace.toSeconds() : programme.waitSeconds();
            return left <= limit ? new OneOffCollision(programme, Outcome.PROGRAMME_LATE, left)
                    : new OneOffCollision(programme, Outcome.PROGRAMME_SKIPPED, limit);
        }
        return switch (programme.startPolicy()) {
            case CUT -> new OneOffCollision(programme, Outcome.ONE_OFF_CUT, 0);
            case WAIT -> left < programme.waitSeconds() ? new OneOffCollision(programme, Outcome.PROGRAMME_LATE, left)
                    : new OneOffCollision(programme, Outcome.ONE_OFF_CUT, programme.waitSeconds());
            case SKIP -> left <= programme.waitSeconds()
                    ? new OneOffCollision(programme, Outcome.PROGRAMME_LATE, left)
                    : new OneOffCollision(programme, Outcome.PROGRAMME_SKIPPED, programme.waitSeconds());
        };
    }
}
