package vn.loaxa.audio.output;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where a virtual time's nanoseconds meet the calendar: {@link #ORIGIN} nanoseconds is
 * {@code atOrigin}. Shared by the simulated clocks so that their conversions cannot differ.
 */
record VirtualEpoch(Instant atOrigin) {

    /** A nano time far from zero, so that a difference of two never looks like "unset". */
    static final long ORIGIN = 1_000_000_000_000L;

    long toNanoTime(Instant instant) {
        return ORIGIN + (instant.getEpochSecond() - atOrigin.getEpochSecond()) * 1_000_000_000L
                + (instant.getNano() - atOrigin.getNano());
    }

    Instant toInstant(long nanoTime) {
        return atOrigin.plusNanos(nanoTime - ORIGIN);
    }

    /** A {@link Clock} in {@code zone} that reads its instant from {@code now}, for code that reads instants. */
    static Clock clock(ZoneId zone, java.util.function.Supplier<Instant> now) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return clock(other, now);
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
