package vn.loaxa.audio.output;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A {@link PlayoutClock} on a virtual time that only moves when something waits: a sleep, or a
 * {@link SimulatedLine} write that has to wait for the line to take frames. A playout on it is one
 * deterministic sequence of steps, and takes no wall-clock time to wait.
 */
public final class SimulatedClock implements PlayoutClock, SimulatedLine.LineTime {

    private final VirtualEpoch epoch;
    private long now = VirtualEpoch.ORIGIN;

    public SimulatedClock(Instant start) {
        this.epoch = new VirtualEpoch(start);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long toNanoTime(Instant instant) {
        return epoch.toNanoTime(instant);
    }

    @Override
    public Instant toInstant(long nanoTime) {
        return epoch.toInstant(nanoTime);
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
        return VirtualEpoch.clock(ZoneOffset.UTC, this::instant);
    }
}
