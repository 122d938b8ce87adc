package vn.loaxa.audio.output;

import java.time.Instant;

/**
 * Converts between wall-clock instants and {@link System#nanoTime()}. Waiting and measuring use
 * nanoTime (monotonic, fine-grained); schedules and reports use instants. The offset is taken
 * afresh on every conversion so that a clock step (NTP) is followed instead of remembered.
 */
final class WallClock {

    private WallClock() {
    }

    static long toNanoTime(Instant instant) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        return nanoNow + nanosBetween(now, instant);
    }

    static Instant toInstant(long nanoTime) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        return now.plusNanos(nanoTime - nanoNow);
    }

    private static long nanosBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000_000L + (to.getNano() - from.getNano());
    }
}
