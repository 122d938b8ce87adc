package vn.loaxa.audio.output;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link PlayoutClock} on a virtual time that only moves when something waits: a sleep, or a
 * {@link SimulatedLine} write that has to wait for the line to take frames. A playout on it is one
 * deterministic sequence of steps, and takes no wall-clock time to wait.
 */
public final class SimulatedClock implements PlayoutClock, SimulatedLine.LineTime {

    /** Arbitrary, as System.nanoTime's origin is. */
    private static final long ORIGIN = 1_000_000_000_000L;

    private final Instant atOrigin;
    private long now = ORIGIN;

    public SimulatedClock(Instant start) {
        this.atOrigin = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long toNanoTime(Instant instant) {
        return ORIGIN + (instant.getEpochSecond() - atOrigin.getEpochSecond()) * 1_000_000_000L
                + (instant.getNano() - atOrigin.getNano());
    }

    @Override
    public Instant toInstant(long nanoTime) {
        return atOrigin.plusNanos(nanoTime - ORIGIN);
    }

    @Override
    public void sleep(long nanos) {
        advance(nanos);
    }

    public Instant instant() {
        return toInstant(now);
    }

    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time does not go back: " + nanos);
        }
        now += nanos;
    }

    /** Waiting on a virtual time: it moves to {@code nanoTime} if that is later than now. */
    @Override
    public void waitUntil(long nanoTime) {
        advanceTo(nanoTime);
    }

    /** Moves to {@code nanoTime} if it is later than now. */
    public void advanceTo(long nanoTime) {
        if (nanoTime > now) {
            now = nanoTime;
        }
    }

    /** The same virtual time as a {@link Clock}, for code that reads instants. */
    public Clock asClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return SimulatedClock.this.instant();
            }
        };
    }
}
